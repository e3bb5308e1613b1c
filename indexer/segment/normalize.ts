/**
 * The one text normalisation used for matching, at index time and at query time:
 * NFKC (full-width → half-width), lower case, traditional → simplified, whitespace removed.
 * The stored text stays as published; `normalizeWithMap` keeps, for every normalised
 * character, the offset of the original character it came from, so matches found in
 * normalised text can be highlighted in the published text.
 */
import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

export type NormalizedText = {
  /** Normalised text, one entry of `map` per UTF-16 unit. */
  text: string;
  /** map[i] = offset in the original of the character that produced text[i]. */
  map: number[];
  /** Length of the original text, so a match ending at text.length maps to its end. */
  originalLength: number;
};

const WHITESPACE = /\s/u;

export function normalizeWithMap(original: string): NormalizedText {
  let text = '';
  const map: number[] = [];
  let offset = 0;
  for (const ch of original) {
    const c = ch.charCodeAt(0);
    // Most characters are CJK ideographs and printable ASCII, which NFKC leaves alone: the
    // per-character normalize() below is most of the cost of this function (searches
    // highlight every hit, the indexer normalises every segment).
    if ((c >= 0x4e00 && c <= 0x9fff) || (c > 0x20 && c < 0x7f)) {
      map.push(offset);
      text += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : ch;
    } else if (!WHITESPACE.test(ch)) {
      const folded = ch.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
      for (let i = 0; i < folded.length; i++) map.push(offset);
      text += folded;
    }
    offset += ch.length;
  }
  // OpenCC converts phrase by phrase; keep the result only when it maps character for
  // character, otherwise convert each character alone so offsets stay aligned.
  const converted = toSimplified(text);
  if (converted.length === text.length) text = converted;
  else text = Array.from(text, (c) => { const s = toSimplified(c); return s.length === c.length ? s : c; }).join('');
  return { text, map, originalLength: original.length };
}

export function normalize(text: string): string {
  return normalizeWithMap(text).text;
}

/** Original [start, end) of the normalised range [from, to). */
export function originalRange(n: NormalizedText, from: number, to: number): [number, number] {
  const start = n.map[from] ?? n.originalLength;
  // The end is the start of the next normalised character's source, or the original's end.
  let end = to < n.map.length ? n.map[to]! : n.originalLength;
  if (end <= start) end = start + 1;
  return [start, end];
}
