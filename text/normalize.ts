/**
 * The one text normalisation used for matching, at index time and at query time:
 * NFKC (full-width → half-width), lower case, traditional → simplified, whitespace removed.
 * The stored text stays as published; `normalizeWithMap` keeps, for every normalised
 * character, the offset of the original character it came from, so matches found in
 * normalised text can be highlighted in the published text.
 */
import * as OpenCC from 'opencc-js';
import { loadKeptNames } from './lexicon.ts';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** lexicon/kept-names.txt with what OpenCC would make of each (乾安 → 干安). */
const KEPT = loadKeptNames()
  .map((name) => ({ name, converted: toSimplified(name) }))
  .filter((k) => k.converted !== k.name && k.converted.length === k.name.length);

/**
 * Puts a kept name back where the conversion changed it: where `after` holds its converted
 * form and `before` (the same text unconverted, character for character) had the name's own
 * characters there, so a text that really says 干安 stays 干安.
 */
function keepNames(before: string, after: string): string {
  for (const { name, converted } of KEPT) {
    for (let i = after.indexOf(converted); i >= 0; i = after.indexOf(converted, i + 1)) {
      let source = true;
      for (let j = 0; j < name.length && source; j++) if (name[j] !== converted[j] && before[i + j] !== name[j]) source = false;
      if (source) after = after.slice(0, i) + name + after.slice(i + name.length);
    }
  }
  return after;
}

/**
 * Every character that OpenCC's t → cn converter may change: those at which an entry of the
 * dictionaries it applies (its `t2s` preset: normalisation, then conversion) differs from its
 * replacement. An entry matched in a text holding none of them replaces its characters with
 * themselves, so such a text converts to itself and the converter, most of the cost of
 * highlighting a hit, is skipped.
 */
const CONVERTIBLE: ReadonlySet<number> = (() => {
  const t2s = (
    OpenCC.Locale.configs as unknown as Record<string, { normalizationChain?: OpenCC.DictGroup[]; conversionChain: OpenCC.DictGroup[] }>
  ).t2s!;
  const changed = new Set<number>();
  for (const dict of [...(t2s.normalizationChain ?? []), ...t2s.conversionChain].flat()) {
    const entries = typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ') as [string, string]) : dict;
    for (const [key, value] of entries) {
      const k = Array.from(key);
      const v = Array.from(value ?? '');
      k.forEach((ch, i) => {
        if (k.length !== v.length || ch !== v[i]) changed.add(ch.codePointAt(0)!);
      });
    }
  }
  return changed;
})();

export type NormalizedText = {
  /** Normalised text, one entry of `map` per UTF-16 unit. */
  text: string;
  /** map[i] = offset in the original of the character that produced text[i]. */
  map: number[];
  /** Length of the original text, so a match ending at text.length maps to its end. */
  originalLength: number;
};

/** NFKC, lower case, whitespace removed: the definition, for one character. */
function fold(ch: string): string {
  return ch.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}
function anyConvertible(s: string): boolean {
  for (const ch of s) if (CONVERTIBLE.has(ch.codePointAt(0)!)) return true;
  return false;
}
// Per BMP character, computed when first seen: a corpus uses a few thousand characters, and
// the per-character normalize() was most of the cost of this function.
const FOLDED: (string | undefined)[] = new Array(0x10000);
const FOLDED_CONVERTIBLE = new Uint8Array(0x10000);
const IS_CONVERTIBLE = new Uint8Array(0x10000);
for (const c of CONVERTIBLE) if (c < 0x10000) IS_CONVERTIBLE[c] = 1;

export function normalizeWithMap(original: string): NormalizedText {
  return normalizeText(original, []);
}

/**
 * The normalised text, and with `map` the offsets of its characters in the original. The
 * indexer normalises every segment and needs no map, searches need one for each hit's
 * segments: building it takes a fifth to a third of the time.
 */
function normalizeText(original: string, map: number[] | undefined): NormalizedText {
  // Characters that normalise to themselves are copied a run at a time, not one by one.
  let text = '';
  let run = 0;
  let convertible = false;
  for (let i = 0; i < original.length; ) {
    const c = original.charCodeAt(i);
    // Most characters are CJK ideographs and printable ASCII, which NFKC leaves alone
    // (searches highlight every hit, the indexer normalises every segment).
    if ((c >= 0x4e00 && c <= 0x9fff) || (c > 0x20 && c < 0x7f)) {
      map?.push(i);
      if (c >= 0x41 && c <= 0x5a) {
        text += original.slice(run, i) + String.fromCharCode(c + 32);
        run = i + 1;
      } else if (IS_CONVERTIBLE[c]) convertible = true;
      i++;
      continue;
    }
    const cp = original.codePointAt(i)!;
    const width = cp < 0x10000 ? 1 : 2;
    let folded: string;
    if (width === 1) {
      folded = FOLDED[cp] ??= fold(original[i]!);
      if (FOLDED_CONVERTIBLE[cp] === 0) FOLDED_CONVERTIBLE[cp] = anyConvertible(folded) ? 2 : 1;
      if (FOLDED_CONVERTIBLE[cp] === 2) convertible = true;
    } else {
      folded = fold(String.fromCodePoint(cp));
      if (anyConvertible(folded)) convertible = true;
    }
    if (map) for (let k = 0; k < folded.length; k++) map.push(i);
    if (folded.length !== width || !original.startsWith(folded, i)) {
      text += original.slice(run, i) + folded;
      run = i + width;
    }
    i += width;
  }
  text += original.slice(run);
  if (!convertible) return { text, map: map ?? [], originalLength: original.length };
  // OpenCC converts phrase by phrase; keep the result only when it maps character for
  // character, otherwise convert each character alone so offsets stay aligned.
  const converted = toSimplified(text);
  const aligned =
    converted.length === text.length
      ? converted
      : Array.from(text, (c) => {
          const s = toSimplified(c);
          return s.length === c.length ? s : c;
        }).join('');
  text = keepNames(text, aligned);
  return { text, map: map ?? [], originalLength: original.length };
}

export function normalize(text: string): string {
  return normalizeText(text, undefined).text;
}

/** Original [start, end) of the normalised range [from, to). */
export function originalRange(n: NormalizedText, from: number, to: number): [number, number] {
  const start = n.map[from] ?? n.originalLength;
  // The end is the start of the next normalised character's source, or the original's end.
  let end = to < n.map.length ? n.map[to]! : n.originalLength;
  if (end <= start) end = start + 1;
  return [start, end];
}

/**
 * The normalised text as the taxonomy's patterns see it. Patterns in lexicon/taxonomy.yaml are
 * written with Chinese punctuation (`[^，。；]` means "inside one clause"), and NFKC turns ，
 * into `,`; so after the one normalisation these marks are turned back into their Chinese
 * forms, whichever width the source used. Everything else — width, case, traditional script —
 * is folded exactly as for search, so a notice in traditional script gets the same categories.
 */
export function normalizeForPatterns(text: string): string {
  return normalize(text).replace(ASCII_CLAUSE_PUNCT, (c) => CHINESE_CLAUSE_PUNCT[c] ?? c);
}
const ASCII_CLAUSE_PUNCT = /[,;:()!?]/g;
const CHINESE_CLAUSE_PUNCT: Record<string, string> = { ',': '，', ';': '；', ':': '：', '(': '（', ')': '）', '!': '！', '?': '？' };
