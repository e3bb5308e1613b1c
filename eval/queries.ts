/**
 * Deterministic query generation for the recall evaluation: the kinds of query users type —
 * jieba words, random 2–6 character substrings (crossing word boundaries), numbers alone and
 * with their unit, phone numbers — drawn from the texts themselves. Pure.
 */
import { tokenize } from '../text/jieba.ts';
import { normalize } from '../text/normalize.ts';

export type QueryKind = 'word' | 'substring' | 'number' | 'number+unit' | 'phone';
export type EvalQuery = { kind: QueryKind; q: string };

/** mulberry32: small, fast, reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample<T>(items: T[], n: number, random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

const UNIT = '(?:元|万元|万|亿元|人次|人|个|次|份|篇|名|台|条|集|项|余篇|余次|%|年|月|日)';

export function generateQueries(texts: string[], opts: { seed?: number; perKind?: number } = {}): EvalQuery[] {
  const random = rng(opts.seed ?? 42);
  const perKind = opts.perKind ?? 200;
  const words = new Set<string>();
  const numbers = new Set<string>();
  const withUnit = new Set<string>();
  const phones = new Set<string>();
  const substrings: string[] = [];
  for (const text of texts) {
    for (const w of tokenize(normalize(text))) if (/\p{Script=Han}/u.test(w)) words.add(w);
    for (const m of text.matchAll(/0\d{2,3}-\d{7,8}/g)) phones.add(m[0]);
    const withoutPhones = text.replace(/0\d{2,3}-\d{7,8}/g, ' ');
    for (const m of withoutPhones.matchAll(new RegExp(`(\\d[\\d,，.]*\\d|\\d)${UNIT}`, 'g'))) withUnit.add(m[0]);
    for (const m of withoutPhones.matchAll(/\d[\d,.]*\d|\d{2,}/g)) numbers.add(m[0]);
  }
  const chars = texts.map((t) => Array.from(t.replace(/\s+/g, ''))).filter((c) => c.length >= 6);
  for (let i = 0; i < perKind && chars.length; i++) {
    const c = chars[Math.floor(random() * chars.length)]!;
    const len = 2 + Math.floor(random() * 5);
    const start = Math.floor(random() * (c.length - len));
    substrings.push(c.slice(start, start + len).join(''));
  }
  return [
    ...sample([...words].sort(), perKind, random).map((q) => ({ kind: 'word' as const, q })),
    ...substrings.map((q) => ({ kind: 'substring' as const, q })),
    ...sample([...numbers].sort(), perKind, random).map((q) => ({ kind: 'number' as const, q })),
    ...sample([...withUnit].sort(), perKind, random).map((q) => ({ kind: 'number+unit' as const, q })),
    ...[...phones].sort().map((q) => ({ kind: 'phone' as const, q })),
  ];
}
