/**
 * Ground truth of a generated corpus, computed from the generator's own segment texts (never
 * from the parser or Meilisearch): totals, facet counts, and for a fixed list of terms how
 * many segments, paragraphs and notices contain the term in their normalised text (the
 * exact-mode semantics), by year, province, inspection level and unit. The API counts
 * paragraphs (its paragraphs view) and notices (its notices view); Meilisearch holds one
 * document per segment (a paragraph's lead and each of its 一是-items).
 */
import type { NoticeTruth } from './notice.ts';

export type Counts = Record<string, number>;
export type FacetCounts = { year: Counts; province: Counts; level: Counts; unit: Counts };
export type UnitCounts = { total: number; by: FacetCounts };
/** segments: Meilisearch documents; paragraphs: the API's paragraphs view; notices: its notices view. */
export type Counted = { segments: UnitCounts; paragraphs: UnitCounts; notices: UnitCounts };
export type TermTruth = { term: string } & Counted;
export type PhoneTruth = { phone: string } & Counted;

export type CorpusTruth = {
  generator: { seed: string; notices: number; version: number };
  items: number;
  units: number;
  bytes: number;
  gbkFiles: number;
  /** Notices that are a new version of an earlier one (same identity): counted once, as the later one. */
  replaced: number;
  all: Counted;
  terms: TermTruth[];
  phones: PhoneTruth[];
};

export const GENERATOR_VERSION = 1;

/** Terms whose exact-mode counts are checked: topics, a fragment, a number, a very common word. */
export const TRACKED_TERMS = ['党费', '公务用车', '三重一大', '意识形态', '选人用人', '安全生产', '八项规定', '2369', '万元', '整改'];

/** Exact-mode matching: NFKC, lower case, no whitespace (generated text is simplified Chinese already). */
export function normalizeForCount(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

const emptyUnit = (): UnitCounts => ({ total: 0, by: { year: {}, province: {}, level: {}, unit: {} } });
const emptyCounted = (): Counted => ({ segments: emptyUnit(), paragraphs: emptyUnit(), notices: emptyUnit() });

function bump(u: UnitCounts, n: NoticeTruth, by: number): void {
  if (!by) return;
  const drop = (c: Counts, k: string | undefined) => {
    if (k !== undefined && c[k] === 0) delete c[k];
  };
  u.total += by;
  const add = (c: Counts, k: string | undefined) => {
    if (k !== undefined) c[k] = (c[k] ?? 0) + by;
  };
  add(u.by.year, String(n.year));
  add(u.by.province, n.region[0]);
  add(u.by.level, n.level);
  add(u.by.unit, n.unit);
  if (by < 0) {
    drop(u.by.year, String(n.year));
    drop(u.by.province, n.region[0]);
    drop(u.by.level, n.level);
    drop(u.by.unit, n.unit);
  }
}

/** Adds one notice to `c` (sign -1: takes it away): `match` says which of its segments count. */
function count(c: Counted, n: NoticeTruth, match: boolean[], sign = 1): void {
  let segments = 0,
    paragraphs = 0,
    k = 0;
  for (const size of n.segmentsPerParagraph) {
    let any = false;
    for (let j = 0; j < size; j++, k++)
      if (match[k]) {
        segments++;
        any = true;
      }
    if (any) paragraphs++;
  }
  bump(c.segments, n, sign * segments);
  bump(c.paragraphs, n, sign * paragraphs);
  bump(c.notices, n, sign * (segments ? 1 : 0));
}

/**
 * What identifies a notice for the indexer (indexer/identify/ids.ts noticeId): unit, title,
 * publication and feedback dates. A later notice with the same identity is a new version of
 * the earlier one and replaces it in the index.
 */
export function identityOf(n: NoticeTruth): string {
  return [n.unit, n.title, n.publishedDate ?? '', n.feedbackDate].join('\u0001');
}

export class TruthAccumulator {
  private readonly truth: CorpusTruth;
  private readonly terms: { norm: string; t: TermTruth }[];
  private readonly phones: { norm: string; t: PhoneTruth }[];
  private readonly units = new Set<string>();

  constructor(seed: string, notices: number, trackedPhones: string[], terms = TRACKED_TERMS) {
    this.truth = {
      generator: { seed, notices, version: GENERATOR_VERSION },
      items: 0,
      units: 0,
      bytes: 0,
      gbkFiles: 0,
      replaced: 0,
      all: emptyCounted(),
      terms: [],
      phones: [],
    };
    this.terms = terms.map((term) => ({ norm: normalizeForCount(term), t: { term, ...emptyCounted() } }));
    this.phones = [...new Set(trackedPhones)].map((phone) => ({ norm: normalizeForCount(phone), t: { phone, ...emptyCounted() } }));
  }

  add(n: NoticeTruth, bytes: number): void {
    const t = this.truth;
    t.bytes += bytes;
    if (n.encoding === 'gbk') t.gbkFiles++;
    this.units.add(n.unit);
    this.count(n, 1);
  }

  /** `previous` (added before) is replaced by a new version: its counts go. */
  replace(previous: NoticeTruth): void {
    this.truth.replaced++;
    this.count(previous, -1);
  }

  private count(n: NoticeTruth, sign: number): void {
    this.truth.items += sign * n.items;
    count(
      this.truth.all,
      n,
      n.segments.map(() => true),
      sign,
    );
    const norm = n.segments.map(normalizeForCount);
    for (const { norm: q, t: tt } of [...this.terms, ...this.phones])
      count(
        tt,
        n,
        norm.map((s) => s.includes(q)),
        sign,
      );
  }

  result(): CorpusTruth {
    return { ...this.truth, units: this.units.size, terms: this.terms.map((x) => x.t), phones: this.phones.map((x) => x.t) };
  }
}
