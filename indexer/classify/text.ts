/**
 * Text folding for classification. Cues are folded the same way when the taxonomy is
 * loaded, so a cue written 三重一大 matches “三重一大” and ＡＰＰ matches app.
 *
 * fold = NFKC (full-width letters and digits → ASCII) + lower case + whitespace removed,
 * then the ASCII punctuation that NFKC produces from full-width Chinese punctuation is
 * turned back into the Chinese forms (， ； ： （ ） ！ ？), so taxonomy patterns can use
 * one set: `[^，。；]` means "inside one clause" whether the source had ，or ,.
 * Classification only; the stored text stays as published.
 */
const BACK_TO_CHINESE: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '(': '（',
  ')': '）',
  '!': '！',
  '?': '？',
};

const WHITESPACE = /[\s\u200b\u200c\u200d\ufeff]+/gu;
const ASCII_PUNCT = /[,;:()!?]/g;

export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(WHITESPACE, '')
    .replace(ASCII_PUNCT, (c) => BACK_TO_CHINESE[c] ?? c);
}
