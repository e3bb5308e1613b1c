/**
 * Did-you-mean (GET /api/suggest): for a search that found nothing or almost nothing, the
 * archive's own words one edit away from what was typed (a character replaced, dropped, added
 * or two swapped) or sounding the same (党废 → 党费, and pinyin typed as letters: dangfei → 党费),
 * each with the number of paragraphs the search would find with it, counted by Meilisearch
 * exactly as the search counts (same filters, the other clauses kept).
 *
 * The vocabulary is the jieba words of the archived notices' text, built on the first request
 * in slices that yield to the event loop, and rebuilt (the old one serving meanwhile) when a
 * notice was added, corrected or removed (the archive's stamp). Bounded: at most
 * MAX_SAMPLE_CHARS of text is read (a larger archive is sampled: notice files in directory
 * order, which is by id, so effectively at random); while counting, words seen once are
 * dropped whenever more than MAX_DISTINCT are held; the MAX_WORDS most frequent are kept,
 * with their pinyin and edit keys (a few MB).
 */
import { pinyin } from 'pinyin-pro';
import type { SearchParams, Suggestion } from '../../contract/api.ts';
import type { NoticeRecord } from '../../contract/notice.ts';
import { PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import { tokenize } from '../../text/jieba.ts';
import { normalize } from '../../text/normalize.ts';
import type { SearchContext } from './context.ts';
import { baseQuery, planSearch } from './plan.ts';

/**
 * Text read to build the vocabulary: about 100 notices of 20 000 characters. jieba reads some
 * 0.7 M characters a second (the 43 real notices of the test corpus: 0.28 s), so about 3 s of
 * CPU, in slices between notices; the words of such notices repeat from notice to notice.
 */
export const MAX_SAMPLE_CHARS = 2_000_000;
/** Distinct words held while counting. */
const MAX_DISTINCT = 200_000;
/** Words kept. */
export const MAX_WORDS = 40_000;
/** Candidates counted per request (one Meilisearch count each, sent together). */
export const MAX_COUNTED = 8;
/** Suggestions answered. */
export const MAX_SUGGESTIONS = 5;
/** Words of 2 to 6 Chinese characters: shorter ones have too many neighbours, longer are phrases. */
const WORD = /^\p{Script=Han}{2,6}$/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const LETTER_RUN = /[a-z]+(?:['’ ]?[a-z]+)*/gu;
/** Rebuilt at most this often when the archive changes. */
const REBUILD_AFTER_MS = 60_000;

/** Toneless pinyin, one syllable per character, each character's most common reading (kept: a few thousand characters). */
const SYLLABLES = new Map<string, string>();
export function pinyinKey(word: string): string {
  let key = '';
  for (const ch of word) {
    let s = SYLLABLES.get(ch);
    if (s === undefined) {
      s = pinyin(ch, { toneType: 'none', type: 'array' })[0] ?? ch;
      // ü is typed v on keyboards; pinyin-pro writes it ü.
      s = s.replace(/ü/g, 'v');
      SYLLABLES.set(ch, s);
    }
    key += s;
  }
  return key;
}

/** Keys of a word with one character replaced by ? (what a one-character substitution keeps). */
function holes(word: string): string[] {
  const chars = Array.from(word);
  return chars.map((_, i) => [...chars.slice(0, i), '?', ...chars.slice(i + 1)].join(''));
}

export type Candidate = { word: string; via: 'pinyin' | 'edit'; frequency: number };

export class Vocabulary {
  private readonly frequency = new Map<string, number>();
  private readonly byPinyin = new Map<string, string[]>();
  private readonly byHole = new Map<string, string[]>();

  /** Words with the number of paragraphs they occur in; the most frequent `max` are kept. */
  constructor(counts: Map<string, number>, max = MAX_WORDS) {
    const kept = [...counts].sort((a, b) => b[1] - a[1]).slice(0, max);
    for (const [word, n] of kept) {
      this.frequency.set(word, n);
      push(this.byPinyin, pinyinKey(word), word);
      for (const h of holes(word)) push(this.byHole, h, word);
    }
  }

  get size(): number {
    return this.frequency.size;
  }

  has(word: string): boolean {
    return this.frequency.has(word);
  }

  /** Words sounding like `span`, or one edit from it; the same pinyin first, then the more frequent. */
  candidates(span: string): Candidate[] {
    const out = new Map<string, Candidate>();
    const add = (word: string, via: Candidate['via']) => {
      if (word === span || out.get(word)?.via === 'pinyin') return;
      out.set(word, { word, via, frequency: this.frequency.get(word) ?? 0 });
    };
    const letters = /^[a-z'’ ]+$/.test(span);
    for (const w of this.byPinyin.get(letters ? span.replace(/['’ ]/g, '') : pinyinKey(span)) ?? []) add(w, 'pinyin');
    if (!letters) {
      const chars = Array.from(span);
      // Replaced: the same length with one character other.
      for (const h of holes(span)) for (const w of this.byHole.get(h) ?? []) add(w, 'edit');
      for (let i = 0; i <= chars.length; i++) {
        // Missing: one character more, anywhere.
        for (const w of this.byHole.get([...chars.slice(0, i), '?', ...chars.slice(i)].join('')) ?? []) add(w, 'edit');
        if (i < chars.length) {
          // One too many.
          const dropped = [...chars.slice(0, i), ...chars.slice(i + 1)].join('');
          if (this.frequency.has(dropped)) add(dropped, 'edit');
        }
        if (i + 1 < chars.length) {
          // Two swapped.
          const swapped = [...chars];
          [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
          if (this.frequency.has(swapped.join(''))) add(swapped.join(''), 'edit');
        }
      }
    }
    return [...out.values()].sort((a, b) => (a.via === b.via ? b.frequency - a.frequency : a.via === 'pinyin' ? -1 : 1));
  }
}

function push(m: Map<string, string[]>, key: string, word: string) {
  const list = m.get(key);
  if (list) list.push(word);
  else m.set(key, [word]);
}

/** Counts words per paragraph within the bounds above; `add` a paragraph's normalised text at a time. */
export class WordCounter {
  readonly counts = new Map<string, number>();
  chars = 0;
  private floor = 1;

  get full(): boolean {
    return this.chars >= MAX_SAMPLE_CHARS;
  }

  add(normalizedText: string): void {
    this.chars += normalizedText.length;
    for (const w of new Set(tokenize(normalizedText))) {
      if (!WORD.test(w)) continue;
      this.counts.set(w, (this.counts.get(w) ?? 0) + 1);
    }
    // Rare words go first: a word seen once in this many is no one's intended word.
    while (this.counts.size > MAX_DISTINCT) {
      for (const [w, n] of this.counts) if (n <= this.floor) this.counts.delete(w);
      this.floor++;
    }
  }
}

/** The vocabulary of these notices (yielding to the event loop between notices). */
export async function buildVocabulary(notices: Iterable<NoticeRecord>): Promise<Vocabulary> {
  const counter = new WordCounter();
  for (const r of notices) {
    for (const p of r.paragraphs) counter.add(normalize(p.text));
    if (counter.full) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return new Vocabulary(counter.counts);
}

/** Where the vocabulary comes from: the archive's notices, and a stamp that changes with them. */
export type VocabularySource = { notices(): Iterable<NoticeRecord>; stamp(): string };

/** The vocabulary of the archive, built when first needed and again when notices were added, corrected or removed. */
export class ArchiveVocabulary {
  private current: Promise<Vocabulary> | undefined;
  private builtFor = '';
  private builtAt = 0;
  private rebuilding = false;

  constructor(private readonly source: VocabularySource) {}

  get(): Promise<Vocabulary> {
    if (!this.current) return this.build(this.source.stamp());
    // The archive is looked at no more often than a rebuild could follow.
    if (this.rebuilding || Date.now() - this.builtAt <= REBUILD_AFTER_MS) return this.current;
    const stamp = this.source.stamp();
    if (stamp === this.builtFor) this.builtAt = Date.now();
    else {
      // The old one answers until the new one is ready.
      this.rebuilding = true;
      const next = this.build(stamp, false);
      next.finally(() => (this.rebuilding = false)).catch(() => {});
    }
    return this.current;
  }

  private build(stamp: string, replaceNow = true): Promise<Vocabulary> {
    this.builtFor = stamp;
    this.builtAt = Date.now();
    const built = buildVocabulary(this.source.notices());
    if (replaceNow) this.current = built;
    else
      built.then(
        (v) => (this.current = Promise.resolve(v)),
        () => {},
      );
    // A failed build is tried again on the next request.
    built.catch(() => {
      if (this.current === built) this.current = undefined;
    });
    return built;
  }
}

/**
 * Parts of a clause worth correcting: a typo is usually not a word jieba knows, so it comes
 * apart into single characters (党废 → 党 废); runs of letters are pinyin typed without an
 * input method. A part the vocabulary holds is left alone.
 */
export function spansOf(normalizedClause: string, vocabulary: Pick<Vocabulary, 'has'>): string[] {
  const spans = new Set<string>();
  for (const run of normalizedClause.toLowerCase().match(LETTER_RUN) ?? []) if (run.replace(/['’ ]/g, '').length >= 4) spans.add(run);
  for (const run of normalizedClause.match(HAN_RUN) ?? []) {
    if (run.length >= 2 && run.length <= 4 && !vocabulary.has(run)) spans.add(run);
    const tokens = tokenize(run);
    tokens.forEach((t, i) => {
      if (t.length >= 2 && !vocabulary.has(t)) spans.add(t);
      const next = tokens[i + 1];
      if (next && (t.length === 1 || next.length === 1) && t.length + next.length <= 6 && !vocabulary.has(t + next)) spans.add(t + next);
    });
  }
  return [...spans].filter((s) => Array.from(s).length >= 2);
}

type Params = Pick<SearchParams, 'q' | 'mode' | 'scope' | 'unit' | 'region' | 'category' | 'year' | 'yearFrom' | 'yearTo' | 'level'>;

/**
 * The suggestions for a search: each clause's spans replaced by their candidates, the
 * same-sounding ones first; each counted as the paragraphs view would count it, and only
 * those that find something answered.
 */
export async function suggest(ctx: SearchContext, p: Params, vocabulary: Vocabulary): Promise<Suggestion[]> {
  const tried = new Set<string>();
  const options: { clause: number; from: string; to: string; q: string; via: Candidate['via'] }[] = [];
  p.q.forEach((raw, clause) => {
    const text = normalize(raw);
    for (const span of spansOf(text, vocabulary)) {
      for (const c of vocabulary.candidates(span)) {
        const at = text.toLowerCase().indexOf(span);
        if (at < 0) continue;
        const q = text.slice(0, at) + c.word + text.slice(at + span.length);
        if (tried.has(`${clause}\u0000${q}`)) continue;
        tried.add(`${clause}\u0000${q}`);
        options.push({ clause, from: span, to: c.word, q, via: c.via });
      }
    }
  });
  // Same-sounding first, then one-character edits, each in order of frequency (candidates are sorted so).
  const chosen = [...options.filter((o) => o.via === 'pinyin'), ...options.filter((o) => o.via === 'edit')].slice(0, MAX_COUNTED);
  if (!chosen.length) return [];
  const counts = await ctx.multi(
    chosen.map((o) => {
      const q = p.q.map((x, i) => (i === o.clause ? o.q : x));
      return { indexUid: PARAGRAPHS_INDEX, ...baseQuery(planSearch({ ...p, q }, 'paragraphs')), page: 1, hitsPerPage: 0 };
    }),
  );
  return chosen
    .map((o, i) => ({ ...o, count: counts[i]!.totalHits ?? 0 }))
    .filter((s) => s.count > 0)
    .sort((a, b) => (a.via === b.via ? b.count - a.count : a.via === 'pinyin' ? -1 : 1))
    .slice(0, MAX_SUGGESTIONS);
}
