/**
 * Text → lines fit for parsing. The readers' clean-up (indexer/read/clean.ts, cleanText) has
 * already run on files; this tidies what the parser is also given directly (pasted text,
 * tests): conversion debris, line endings, trailing and indenting blanks. The wording stays
 * exactly as published.
 */

import { hygienicText } from '../../text/hygiene.ts';

/** Word bookmarks and anchors that converters print literally, e.g. `[bookmark: _GoBack]`. */
const CONVERSION_MARKERS = /\[(?:bookmark|anchor):[^\]\n]*\]/gi;
/** Zero-width and invisible formatting characters (BOM, ZWSP, ZWNJ, ZWJ, word joiner, soft hyphen). */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each invisible code point is removed on its own, joiners included
const INVISIBLE = /[\uFEFF\u200B\u200C\u200D\u2060\u180E\u00AD]/g;

export function tidyText(raw: string): string {
  // Line breaks first: \v and \f are among the controls text/hygiene.ts removes.
  return hygienicText(raw.replace(/\r\n?|[\u2028\u2029\v\f]/g, '\n'))
    .replace(INVISIBLE, '')
    .replace(CONVERSION_MARKERS, '')
    .replace(/\u00A0/g, ' ')
    .replace(/[ \t\u3000]+$/gm, '')
    .replace(/^\n+|\n+$/g, '');
}

/** Non-empty lines, trimmed (including the full-width indentation 　　 of Chinese paragraphs). */
export function splitParagraphs(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}
