/**
 * How a user's query becomes a Meilisearch query. Pure.
 * - exact mode: the whole normalised query is one phrase over the `chars` field, which
 *   matches exactly the segments whose normalised text contains it (substring semantics).
 * - words mode: jieba words of the normalised query, matched word-aware over `words`
 *   (and single characters over `chars`); quoted parts ("三重一大") are exact phrases.
 */
import type { QueryAnalysis, SearchMode } from '../../contract/api.ts';
import { exactPhrase } from '../../indexer/segment/fields.ts';
import { tokenize } from '../../indexer/segment/jieba.ts';
import { normalize } from '../../indexer/segment/normalize.ts';

/** Meilisearch only uses the first 10 terms of a query. */
export const MEILI_TERM_LIMIT = 10;

export type QueryPlan = {
  analysis: QueryAnalysis;
  /** The q sent to Meilisearch ('' = every segment). */
  q: string;
  attributesToSearchOn: string[];
  /** Normalised strings to highlight. */
  highlightTerms: string[];
};

const QUOTED = /["“”「」『』]([^"“”「」『』]*)["“”「」『』]/g;

export function planQuery(raw: string, mode: SearchMode): QueryPlan {
  const phrases: string[] = [];
  let rest = raw;
  if (mode === 'exact') {
    const n = normalize(raw.replace(/["“”「」『』]/g, ''));
    if (n) phrases.push(n);
    rest = '';
  } else {
    rest = raw.replace(QUOTED, (_, inner: string) => {
      const n = normalize(inner);
      if (n) phrases.push(n);
      return ' ';
    });
  }
  const words = [...new Set(tokenize(normalize(rest)))];
  const terms: QueryAnalysis['terms'] = [
    ...phrases.map((text) => ({ text, kind: 'exact' as const })),
    ...words.map((text) => ({ text, kind: 'word' as const })),
  ];
  // A phrase counts as one term for Meilisearch's limit; words beyond it are dropped, and said so.
  const kept = terms.slice(0, MEILI_TERM_LIMIT);
  const ignored = terms.slice(MEILI_TERM_LIMIT).map((t) => t.text);
  const q = kept.map((t) => (t.kind === 'exact' ? exactPhrase(t.text) : t.text)).join(' ');
  return {
    analysis: { normalized: normalize(raw), terms: kept, ignored },
    q,
    attributesToSearchOn: mode === 'exact' || kept.every((t) => t.kind === 'exact') ? ['chars'] : ['words', 'chars'],
    highlightTerms: kept.map((t) => t.text),
  };
}
