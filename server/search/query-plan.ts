/**
 * How the user's query clauses become one Meilisearch query. Pure.
 * - exact mode: the whole normalised clause is one gram token or a phrase over bigram
 *   tokens (schema/fields.ts): the segments whose normalised text contains it.
 * - words mode: the jieba words of the normalised clause (numbers with their measure word,
 *   quoted parts whole), each required as a substring like an exact clause — so 整改 finds
 *   巡察整改, and 问责 never matches 问…责 — or, for a word of a synonym group, the group's
 *   token (any member). Ranking, not matching, prefers the words close together and
 *   problem statements (schema/indexes.ts).
 * - scope meta: every term is an exact phrase over the title/unit/inspection gram fields.
 * - scope problems: the plain fields of paragraphs whose role is problem (their lead, the
 *   problem statement); scope measures: the measure fields (schema/documents.ts).
 * Several clauses (search within results) are ANDed: Meilisearch matches all terms, in one
 * paragraph; a scoped clause restricts every term to text of its role.
 */
import { and, eq, type FilterExpr } from '../../schema/filter.ts';
import type { Clause, QueryAnalysis, SearchMode, SearchScope } from '../../contract/api.ts';
import type { Role } from '../../contract/notice.ts';
import {
  CONTENT_FIELDS,
  GRAM_FIELDS,
  META_FIELDS,
  exactPhrase,
  measureField,
  synonymGroupOf,
  type GramFamily,
} from '../../schema/fields.ts';
import { tokenize } from '../../text/jieba.ts';
import { normalize } from '../../text/normalize.ts';

/** Meilisearch only uses the first 10 terms of a query. */
export const MEILI_TERM_LIMIT = 10;

export type ClauseInput = { q: string; mode: SearchMode; scope: SearchScope };

export type QueryPlan = {
  clauses: Clause[];
  /** The q sent to Meilisearch ('' = every segment). */
  q: string;
  attributesToSearchOn: string[];
  /** Role filter from the clauses' scopes, or undefined. */
  roleFilter?: FilterExpr;
  /** The role of the segments a scoped search is about: a hit shows one of these. */
  segmentRole?: Role;
  /** Normalised strings to highlight in the segment text. */
  highlightTerms: string[];
};

const QUOTED = /["“”「」『』]([^"“”「」『』]*)["“”「」『』]/g;
const WRAPPED = /^\s*["“「『].*["”」』]\s*$/su;

/** Measure words that belong to the number before them: 2369元, 5人, 16个, 8月. */
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
    if (!NUMBER.test(t)) {
      out.push({ text: t, kind: 'word' });
      continue;
    }
    const next = tokens[i + 1];
    if (next && UNIT.test(next)) {
      out.push({ text: t + next, kind: 'exact' });
      i++;
    } else out.push({ text: t, kind: 'exact' });
  }
  return out;
}

const HAN = /^\p{Script=Han}$/u;

/**
 * jieba (HMM off) cuts a word it does not know into its characters: 问责 into 问 + 责. A user
 * who typed them together meant them together, so a run of single characters is one word.
 */
function joinSingleCharacters(tokens: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const t of tokens) {
    if (HAN.test(t)) run += t;
    else {
      if (run) out.push(run);
      run = '';
      out.push(t);
    }
  }
  if (run) out.push(run);
  return out;
}

/**
 * Plans and clause terms are remembered (the most recent 2 000 of each): the same query is
 * planned for each of its pages and filter clicks and for the facets the page asks for
 * beside it, and planning is pure. It runs after the request has waited for the network,
 * with cold caches: jieba's segmentation of a short query took 0.01 ms in a hot loop and
 * 0.09 ms after 10 ms of idleness; remembering saved 0.09 ms per search at p50
 * (docs/benchmarks.md, Search). Callers must not modify what they get.
 */
function remembered<A extends unknown[], R>(compute: (...args: A) => R, key: (...args: A) => string, max = 2000): (...args: A) => R {
  const memo = new Map<string, R>();
  return (...args) => {
    const k = key(...args);
    const hit = memo.get(k);
    if (hit !== undefined) {
      // Most recently used last: the first key is the one to drop.
      memo.delete(k);
      memo.set(k, hit);
      return hit;
    }
    const value = compute(...args);
    memo.set(k, value);
    if (memo.size > max) memo.delete(memo.keys().next().value!);
    return value;
  };
}

/** The terms of one clause, before the term limit. */
export const clauseTerms = remembered(
  termsOf,
  (raw: string, mode: SearchMode, scope: SearchScope = 'all') => `${mode}\u0000${scope}\u0000${raw}`,
);

function termsOf(raw: string, mode: SearchMode, scope: SearchScope = 'all'): QueryAnalysis['terms'] {
  const terms: QueryAnalysis['terms'] = [];
  const add = (t: QueryAnalysis['terms'][number]) => {
    if (t.text && !terms.some((x) => x.text === t.text && x.kind === t.kind)) terms.push(t);
  };
  if (mode === 'exact') {
    // Quotes are part of the text searched, unless they wrap the whole query.
    add({ text: normalize(WRAPPED.test(raw) ? raw.trim().slice(1, -1) : raw), kind: 'exact' });
  } else {
    const rest = raw.replace(QUOTED, (_, inner: string) => {
      add({ text: normalize(inner), kind: 'exact' });
      return ' ';
    });
    for (const t of literalNumbers(joinSingleCharacters(tokenize(normalize(rest))))) {
      if (scope === 'meta') add({ text: t.text, kind: 'exact' });
      else {
        const group = t.kind === 'word' ? synonymGroupOf(t.text) : undefined;
        add(group ? { ...t, alternatives: group.members } : t);
      }
    }
  }
  return terms;
}

export const planQuery = remembered(plan, (clauses: ClauseInput[]) => JSON.stringify(clauses));

function plan(clauses: ClauseInput[]): QueryPlan {
  const planned: Clause[] = [];
  const parts: string[] = [];
  const fields = new Set<string>();
  const contentFields = new Set<string>();
  const roles = new Set<Role>();
  const highlightTerms: string[] = [];
  let budget = MEILI_TERM_LIMIT;
  for (const c of clauses) {
    const all = clauseTerms(c.q, c.mode, c.scope);
    if (!all.length) continue;
    // A phrase counts as one term for Meilisearch's limit; terms beyond it are dropped, and said so.
    const kept = all.slice(0, Math.max(0, budget));
    budget -= kept.length;
    planned.push({
      q: c.q,
      mode: c.mode,
      scope: c.scope,
      analysis: { normalized: normalize(c.q), terms: kept, ignored: all.slice(kept.length).map((t) => t.text) },
    });
    const family: GramFamily = c.scope === 'meta' ? 'meta' : 'content';
    for (const t of kept) parts.push(queryPart(t, family));
    for (const f of family === 'meta' ? META_FIELDS : GRAM_FIELDS) (family === 'meta' ? fields : contentFields).add(f);
    if (family === 'content') highlightTerms.push(...kept.flatMap((t) => t.alternatives ?? [t.text]));
    if (c.scope === 'problems') roles.add('problem');
    if (c.scope === 'measures') roles.add('measure');
  }
  // Measure text has fields of its own; problem statements are the plain fields of problem paragraphs.
  const plain = !roles.has('measure');
  const measure = !roles.has('problem') || roles.has('measure');
  if (plain) for (const f of contentFields) fields.add(f);
  if (measure) for (const f of contentFields) fields.add(measureField(f as (typeof GRAM_FIELDS)[number]));
  return {
    clauses: planned,
    q: parts.join(' '),
    attributesToSearchOn: fields.size ? [...fields] : [...CONTENT_FIELDS],
    // A paragraph has one role: problem and measure together match nothing, as they should.
    roleFilter: roles.has('problem') ? and(...[...roles].map((r) => eq('role', r))) : undefined,
    segmentRole: roles.size === 1 ? [...roles][0] : undefined,
    highlightTerms,
  };
}

/** A term as Meilisearch query text: a phrase over grams, or the token of its synonym group (in c1 of every text holding a member). */
function queryPart(t: QueryAnalysis['terms'][number], family: GramFamily): string {
  if (t.alternatives) return `"${synonymGroupOf(t.text)!.token}"`;
  return exactPhrase(t.text, family);
}
