/**
 * The searchable representations of a text.
 * - words: jieba tokens joined by spaces (ranked, word-aware search).
 * - c1, c2, c3: one token per position of the normalised text, for the character, the
 *   bigram and the trigram starting there. Exact (substring) search is answered from these:
 *   a query of 1–3 characters is one token of the matching field, a longer one a phrase over
 *   trigrams. Meilisearch resolves a phrase from word-pair proximities in windows of three
 *   words, so a phrase over single characters only proves that every character pair occurs
 *   somewhere ("111" matched "11"); over trigrams, adjacent tokens prove a 4-character
 *   substring, which makes queries of up to 4 characters exact and longer ones exact in
 *   practice (see eval/). Bigrams, trigrams and punctuation are spelled in letters only (each
 *   character as six letters a–p: its code point in hex), so Meilisearch neither re-segments
 *   CJK grams with its own jieba nor treats punctuation as a separator, and no spelled gram
 *   can collide with a word.
 */
import { normalize } from '../text/normalize.ts';
import { tokenize } from '../text/jieba.ts';

export const GRAM_FIELDS = ['c1', 'c2', 'c3'] as const;
/** The same fields of measure text (schema/documents.ts ParagraphDoc): scope=measures searches only these. */
export const MEASURE_GRAM_FIELDS = ['xc1', 'xc2', 'xc3'] as const;
/** The measure field of a content field (words → xwords, c1 → xc1). */
export const measureField = <F extends string>(field: F) => `x${field}` as const;
/** Every content field, in ranking order: a word match outranks a gram match. */
export const CONTENT_FIELDS = ['words', 'xwords', ...GRAM_FIELDS, ...MEASURE_GRAM_FIELDS] as const;
/** Gram fields of the notice's title, unit and inspection, for scope=meta. */
export const META_FIELDS = ['m1', 'm2', 'm3'] as const;
export type GramFamily = 'content' | 'meta';
const MAX_GRAM = 3;
const HEX_AS_LETTERS = 'abcdefghijklmnop';
/** First letter of a gram token, by family and length: tokens of different fields never collide. */
const PREFIX: Record<GramFamily, string> = { content: 'qxz', meta: 'rst' };
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Spelled characters, kept: texts use a few thousand distinct characters, and spelling them was most of the indexer's work on a segment. */
const SPELLED = new Map<string, string>();

function spell(ch: string): string {
  let out = SPELLED.get(ch);
  if (out === undefined) {
    const hex = ch.codePointAt(0)!.toString(16).padStart(6, '0');
    out = Array.from(hex, (d) => HEX_AS_LETTERS[parseInt(d, 16)]).join('');
    SPELLED.set(ch, out);
  }
  return out;
}

/** Tokens of the k-grams of already-normalised text, one per starting position. */
export function gramTokens(normalizedText: string, k: number, family: GramFamily = 'content'): string[] {
  const prefix = PREFIX[family][k - 1]!;
  // Content characters stay as they are, so that a one-character word of a words-mode query
  // (员, 于) finds every occurrence; only punctuation needs spelling there.
  if (k === 1 && family === 'content') return Array.from(normalizedText, (ch) => (LETTER_OR_DIGIT.test(ch) ? ch : prefix + spell(ch)));
  const spelled = Array.from(normalizedText, spell);
  const out: string[] = [];
  for (let i = 0; i + k <= spelled.length; i++) {
    let token = prefix;
    for (let j = i; j < i + k; j++) token += spelled[j];
    out.push(token);
  }
  return out;
}

/** The Meilisearch query part that matches exactly the texts containing `normalizedQuery`. */
export function exactPhrase(normalizedQuery: string, family: GramFamily = 'content'): string {
  const length = Array.from(normalizedQuery).length;
  // Quoted even when it is one token: phrases get neither typos nor prefix matching.
  if (length <= MAX_GRAM) return `"${gramTokens(normalizedQuery, length, family)[0]}"`;
  return `"${gramTokens(normalizedQuery, MAX_GRAM, family).join(' ')}"`;
}

function grams(n: string, family: GramFamily, names: readonly [string, string, string]): Record<string, string> {
  return Object.fromEntries(names.map((name, i) => [name, gramTokens(n, i + 1, family).join(' ')]));
}

export function searchFields(text: string): { words: string; c1: string; c2: string; c3: string } {
  const n = normalize(text);
  return { words: tokenize(n).join(' '), ...grams(n, 'content', GRAM_FIELDS) } as { words: string; c1: string; c2: string; c3: string };
}

/** Title, unit and inspection fields joined by a separator no query contains by accident. */
export function metaFields(parts: (string | undefined)[]): { m1: string; m2: string; m3: string } {
  const n = parts
    .filter(Boolean)
    .map((p) => normalize(p!))
    .join('|');
  return grams(n, 'meta', META_FIELDS) as { m1: string; m2: string; m3: string };
}
