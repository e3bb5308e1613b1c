/**
 * Highlighting in the published text: occurrences of the normalised terms are found in the
 * normalised text and mapped back to the original characters, so a match is marked exactly,
 * across full-width/half-width and traditional/simplified differences. Everything from the
 * document is HTML-escaped; the only markup is <mark>.
 */
import { normalizeWithMap, originalRange } from '../../text/normalize.ts';
import { mergeRanges } from '../../contract/ranges.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/g;

export function escapeHtml(s: string): string {
  // Published Chinese text rarely holds any of them: a search is cheaper than a replace.
  // (search and replace both start at 0 whatever the global pattern's lastIndex.)
  return s.search(SPECIAL) < 0 ? s : s.replace(SPECIAL, (c) => ESCAPES[c]!);
}

/** Original [start, end) ranges of every occurrence of any term, merged and sorted. */
export function matchRanges(text: string, terms: string[]): [number, number][] {
  return findTerms(text, terms).ranges;
}

/** The same ranges, and how many different terms occur (normalising the text once: it is the costly part). */
export function findTerms(text: string, terms: string[]): { ranges: [number, number][]; found: number } {
  const n = normalizeWithMap(text);
  const ranges: [number, number][] = [];
  let found = 0;
  for (const term of terms) {
    if (!term) continue;
    let i = n.text.indexOf(term);
    if (i >= 0) found++;
    for (; i >= 0; i = n.text.indexOf(term, i + 1)) ranges.push(originalRange(n, i, i + term.length));
  }
  return { ranges: mergeRanges(ranges), found };
}

export function highlight(text: string, ranges: [number, number][], from = 0, to = text.length): string {
  let out = '';
  let pos = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    out += escapeHtml(text.slice(pos, a)) + '<mark>' + escapeHtml(text.slice(a, b)) + '</mark>';
    pos = b;
  }
  return out + escapeHtml(text.slice(pos, to));
}

/** Characters in a result list's snippet. */
export const SNIPPET_SIZE = 120;

/** The whole text highlighted, and its snippet: the same string when the text is short enough. */
export function highlightAndSnippet(text: string, ranges: [number, number][]): { highlighted: string; snippet: string } {
  const highlighted = highlight(text, ranges);
  return { highlighted, snippet: text.length <= SNIPPET_SIZE ? highlighted : snippet(text, ranges) };
}

/** Never cut a surrogate pair in half. */
function safeIndex(text: string, i: number): number {
  if (i > 0 && i < text.length) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) return i - 1;
  }
  return Math.max(0, Math.min(text.length, i));
}

/** A window of about `size` characters around the first match, with ellipses. */
export function snippet(text: string, ranges: [number, number][], size = SNIPPET_SIZE): string {
  if (text.length <= size) return highlight(text, ranges);
  const first = ranges[0]?.[0] ?? 0;
  const start = safeIndex(text, Math.max(0, Math.min(first - Math.floor(size / 3), text.length - size)));
  const end = safeIndex(text, Math.min(text.length, start + size));
  return (start > 0 ? '…' : '') + highlight(text, ranges, start, end) + (end < text.length ? '…' : '');
}
