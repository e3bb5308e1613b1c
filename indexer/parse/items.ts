/**
 * In-paragraph enumerations: 一是…二是…三是… (and 其一…其二…). Each item is a measure
 * worth its own anchor. The split is exact: lead + Σ(label + text) === the paragraph.
 */
import { CN_NUM_CHARS, chineseToInt } from '../../text/numerals.ts';

export type SplitItem = {
  /** 一是, 二是 … as written. */
  label: string;
  /** The item's text after its label, as written (trailing ；/。 included). */
  text: string;
  /** Offset of the label in the paragraph. */
  start: number;
};

export type ItemSplit = {
  /** Text before the first item ('' when the paragraph starts with 一是). */
  lead: string;
  items: SplitItem[];
};

type Candidate = { index: number; label: string; value: number; atBoundary: boolean };

/**
 * Enumeration markers. 一是 is by far the most common form in notices; 其一/其二 occurs now
 * and then. 一要/一抓/首先 are rare in 整改 reports (they describe plans) and are not split.
 */
const MARKERS: RegExp[] = [new RegExp(`([${CN_NUM_CHARS}]{1,3})是`, 'g'), new RegExp(`其([${CN_NUM_CHARS}]{1,3})(?=[，,：:、是])`, 'g')];

/**
 * Characters after which a marker starts a new clause. 统一是/唯一是 inside a sentence has a
 * word character before it and is accepted only when the enumeration continues with 二是.
 */
const BOUNDARY_BEFORE = /[\s。；;，,：:！!？?、）)”"’'」』》】\]]/;

function candidates(text: string, re: RegExp): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(re)) {
    const numeral = m[1] ?? '';
    // 十二是 must be read as 十二, not as 二 preceded by 十: matchAll is greedy from the left,
    // but a match may also start inside a longer numeral (统一二是): skip those.
    const prev = m.index > 0 ? (text[m.index - 1] ?? '') : '';
    if (prev && CN_NUM_CHARS.includes(prev)) continue;
    const value = chineseToInt(numeral);
    if (value === undefined || value > 30) continue;
    out.push({ index: m.index, label: m[0], value, atBoundary: m.index === 0 || BOUNDARY_BEFORE.test(prev) });
  }
  return out;
}

/** The chain value, value+1, value+2 … starting at `first`, preferring markers at a clause boundary. */
function chainFrom(first: Candidate, all: Candidate[]): Candidate[] {
  const chain = [first];
  for (;;) {
    const last = chain[chain.length - 1]!;
    const after = all.filter((c) => c.index >= last.index + last.label.length && c.value === last.value + 1);
    const next = after.find((c) => c.atBoundary) ?? after[0];
    if (!next) return chain;
    chain.push(next);
  }
}

function bestChain(cands: Candidate[]): Candidate[] | undefined {
  // A paragraph that starts with a marker is an item even alone (one item per paragraph
  // style: "二是加强…" as its own paragraph).
  const atStart = cands.find((c) => c.index === 0);
  if (atStart) return chainFrom(atStart, cands);
  // Otherwise an enumeration starts at 一 and needs at least 二 after it; markers at a
  // clause boundary are tried before markers inside words.
  const ones = cands.filter((c) => c.value === 1);
  for (const one of [...ones.filter((c) => c.atBoundary), ...ones.filter((c) => !c.atBoundary)]) {
    const chain = chainFrom(one, cands);
    if (chain.length >= 2) return chain;
  }
  return undefined;
}

/** Lead text and 一是/二是 items of a paragraph; no items when it has no enumeration. */
export function splitItems(paragraph: string): ItemSplit {
  for (const re of MARKERS) {
    const chain = bestChain(candidates(paragraph, re));
    if (!chain) continue;
    const items = chain.map((c, i) => {
      const end = chain[i + 1]?.index ?? paragraph.length;
      return { label: c.label, text: paragraph.slice(c.index + c.label.length, end), start: c.index };
    });
    return { lead: paragraph.slice(0, chain[0]!.index), items };
  }
  return { lead: paragraph, items: [] };
}
