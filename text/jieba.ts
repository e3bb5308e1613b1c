/**
 * Chinese word segmentation with jieba (jieba-wasm) and the domain user dictionary,
 * applied to normalised text, identically at index and at query time.
 */
import { add_word, cut } from 'jieba-wasm';
import { loadLexicon } from './lexicon.ts';

let ready = false;

function init(): void {
  if (ready) return;
  for (const e of loadLexicon().dict) add_word(e.word, e.freq ?? null, e.tag ?? null);
  ready = true;
}

/** Word tokens of already-normalised text, without punctuation-only tokens. */
export function tokenize(normalizedText: string): string[] {
  init();
  return cut(normalizedText, false).filter((t) => /[\p{L}\p{N}]/u.test(t));
}
