/**
 * Client-side marking of search terms, used on the notice page only when the server's
 * highlighting (authoritative: full-width/half-width and traditional/simplified) cannot be
 * had. Matches after NFKC and lower-casing, character by character, so 党费 matches 党費's
 * full-width cousins but not traditional forms: the one normalisation (text/normalize.ts)
 * needs OpenCC's dictionaries, too large for the browser bundle.
 */
import type { ReactNode } from 'react';
import { mergeRanges } from '../../../contract/ranges.ts';

function foldWidthAndCase(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const f = text[i]!.normalize('NFKC').toLowerCase();
    for (let k = 0; k < f.length; k++) map.push(i);
    folded += f;
  }
  map.push(text.length);
  return { folded, map };
}

export function termRanges(text: string, terms: string[]): [number, number][] {
  const { folded, map } = foldWidthAndCase(text);
  const ranges: [number, number][] = [];
  for (const raw of terms) {
    const t = raw.normalize('NFKC').toLowerCase();
    if (!t) continue;
    for (let i = folded.indexOf(t); i >= 0; i = folded.indexOf(t, i + 1)) ranges.push([map[i]!, map[i + t.length]!]);
  }
  return mergeRanges(ranges);
}

export function markTerms(text: string, terms: string[]): ReactNode {
  if (!terms.length) return text;
  const ranges = termRanges(text, terms);
  if (!ranges.length) return text;
  const out: ReactNode[] = [];
  let pos = 0;
  ranges.forEach(([s, e], i) => {
    if (s > pos) out.push(text.slice(pos, s));
    out.push(<mark key={i}>{text.slice(s, e)}</mark>);
    pos = e;
  });
  if (pos < text.length) out.push(text.slice(pos));
  return out;
}
