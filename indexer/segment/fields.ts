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
import { normalize } from './normalize.ts';
import { tokenize } from './jieba.ts';

export const GRAM_FIELDS = ['c1', 'c2', 'c3'] as const;
const MAX_GRAM = 3;
const HEX_AS_LETTERS = 'abcdefghijklmnop';

function spell(ch: string): string {
  const hex = ch.codePointAt(0)!.toString(16).padStart(6, '0');
  return Array.from(hex, (d) => HEX_AS_LETTERS[parseInt(d, 16)]).join('');
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Tokens of the k-grams of already-normalised text, one per starting position. */
export function gramTokens(normalizedText: string, k: number): string[] {
  // Single letters and digits stay as they are, so that a one-character word of a words-mode
  // query (员, 于) finds every occurrence; only punctuation needs spelling there.
  if (k === 1) return Array.from(normalizedText, (ch) => (LETTER_OR_DIGIT.test(ch) ? ch : 'q' + spell(ch)));
  const spelled = Array.from(normalizedText, spell);
  const out: string[] = [];
  for (let i = 0; i + k <= spelled.length; i++) out.push('qxz'[k - 1] + spelled.slice(i, i + k).join(''));
  return out;
}

/** The Meilisearch query part that matches exactly the texts containing `normalizedQuery`. */
export function exactPhrase(normalizedQuery: string): string {
  const length = Array.from(normalizedQuery).length;
  // Quoted even when it is one token: phrases get neither typos nor prefix matching.
  if (length <= MAX_GRAM) return `"${gramTokens(normalizedQuery, length)[0]}"`;
  return `"${gramTokens(normalizedQuery, MAX_GRAM).join(' ')}"`;
}

export function searchFields(text: string): { words: string; c1: string; c2: string; c3: string } {
  const n = normalize(text);
  return {
    words: tokenize(n).join(' '),
    c1: gramTokens(n, 1).join(' '),
    c2: gramTokens(n, 2).join(' '),
    c3: gramTokens(n, 3).join(' '),
  };
}
