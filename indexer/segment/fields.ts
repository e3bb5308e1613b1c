/**
 * The two searchable representations of a text.
 * - words: jieba tokens joined by spaces (ranked, word-aware search).
 * - chars: one token per normalised character. Exact (substring) search is a Meilisearch
 *   phrase over these tokens: consecutive positions = consecutive characters. Meilisearch
 *   treats punctuation as separators and folds some of it, so every character that is not a
 *   letter or digit is spelled as a letters-only token ("p" + its code point in hex written
 *   with the letters a–p), which keeps "0415-2195262" and "443,814.00" matchable.
 */
import { normalize } from './normalize.ts';
import { tokenize } from './jieba.ts';

const HEX_AS_LETTERS = 'abcdefghijklmnop';
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function charToken(ch: string): string {
  if (LETTER_OR_DIGIT.test(ch)) return ch;
  const hex = ch.codePointAt(0)!.toString(16);
  return 'p' + Array.from(hex, (d) => HEX_AS_LETTERS[parseInt(d, 16)]).join('');
}

/** chars field of already-normalised text. */
export function charTokens(normalizedText: string): string {
  return Array.from(normalizedText, charToken).join(' ');
}

/** The Meilisearch phrase that matches exactly the texts containing `normalizedQuery`. */
export function exactPhrase(normalizedQuery: string): string {
  return `"${charTokens(normalizedQuery)}"`;
}

export function searchFields(text: string): { words: string; chars: string } {
  const n = normalize(text);
  return { words: tokenize(n).join(' '), chars: charTokens(n) };
}
