/**
 * How a user's query becomes a Meilisearch query. Pure.
 * - exact mode: the whole normalised query is one gram token or a phrase over trigram
 *   tokens (indexer/segment/fields.ts): the segments whose normalised text contains it.
 * - words mode: jieba words of the normalised query, matched word-aware over `words`;
 *   quoted parts ("三重一大") are exact as above.
 */
import type { QueryAnalysis, SearchMode } from '../../contract/api.ts';
import { GRAM_FIELDS, exactPhrase } from '../../indexer/segment/fields.ts';
import { tokenize } from '../../indexer/segment/jieba.ts';
import { normalize } from '../../indexer/segment/normalize.ts';

/** Measure words that belong to the number before them: 2369元, 5人, 16个, 36%. */
const UNIT = /^(?:元|万元|亿元|万|亿|人|人次|名|个|次|份|篇|条|台|项|集|家|件|辆|所|年|月|日|号|%)$/;
const NUMBER = /^\d[\d.,]*$/;

/**
 * Numbers are searched literally (users type 2369 for 2369元, a phone number for its notice),
 * so in words mode a number, with the measure word after it, becomes an exact term.
 */
function literalNumbers(tokens: string[]): QueryAnalysis['terms'] {
  const out: QueryAnalysis['terms'] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!NUMBER.test(t)) { out.push({ text: t, kind: 'word' }); continue; }
    const next = tokens[i + 1];
    if (next && UNIT.test(next)) { out.push({ text: t + next, kind: 'exact' }); i++; }
    else out.push({ text: t, kind: 'exact' });
  }
  return out;
}

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
    // Quotes are part of the text searched, unless they wrap the whole query.
    const n = normalize(/^\s*["“「『].*["”」』]\s*$/su.test(raw) ? raw.trim().slice(1, -1) : raw);
    if (n) phrases.push(n);
    rest = '';
  } else {
    rest = raw.replace(QUOTED, (_, inner: string) => {
      const n = normalize(inner);
      if (n) phrases.push(n);
      return ' ';
    });
  }
  const terms: QueryAnalysis['terms'] = phrases.map((text) => ({ text, kind: 'exact' as const }));
  for (const t of literalNumbers(tokenize(normalize(rest)))) {
    if (!terms.some((x) => x.text === t.text && x.kind === t.kind)) terms.push(t);
  }
  // A phrase counts as one term for Meilisearch's limit; words beyond it are dropped, and said so.
  const kept = terms.slice(0, MEILI_TERM_LIMIT);
  const ignored = terms.slice(MEILI_TERM_LIMIT).map((t) => t.text);
  const q = kept.map((t) => (t.kind === 'exact' ? exactPhrase(t.text) : t.text)).join(' ');
  return {
    analysis: { normalized: normalize(raw), terms: kept, ignored },
    q,
    attributesToSearchOn: searchedFields(kept),
    highlightTerms: kept.map((t) => t.text),
  };
}

/**
 * Exact parts match only spelled gram tokens, so searching the gram fields is always safe.
 * A one-character word is also looked up among the single characters (c1), so 员 finds every
 * 员; longer words stay on the words field, where Meilisearch's own split of a long word
 * into pieces cannot reach c1 and over-match.
 */
function searchedFields(terms: QueryAnalysis['terms']): string[] {
  const words = terms.filter((t) => t.kind === 'word');
  if (!words.length) return [...GRAM_FIELDS];
  const singleChar = words.some((t) => Array.from(t.text).length === 1);
  if (singleChar) return ['words', ...GRAM_FIELDS];
  return ['words', 'c2', 'c3'];
}
