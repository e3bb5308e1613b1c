/**
 * The search page's whole state lives in the URL: query clauses (the main query and the
 * 结果中检索 steps, each with its mode and scope), filters, view, sort and page. The URL uses
 * the API's own parameter names, so a bookmarked search is also its API request.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { FilterField } from '../../../contract/api.ts';
import {
  CATEGORY_CODE,
  INSPECTION_LEVELS,
  MAX_CLAUSES,
  MAX_PAGE_DEPTH,
  SEARCH_MODES,
  SEARCH_SCOPES,
  SORT_ORDERS,
  UNKNOWN_YEAR,
  YEAR_MAX,
  YEAR_MIN,
} from '../../../contract/constants.ts';
import { EMPTY_FILTERS, searchQueryString, type Filters, type QueryClause, type SearchRequest } from '../api/client.ts';

export type View = 'paragraphs' | 'notices' | 'stats';
export type Sort = 'relevance' | 'date' | '-date';

export type SearchState = {
  /** Always at least one: clauses[0] is the main query, the rest refine it. */
  clauses: QueryClause[];
  filters: Filters;
  view: View;
  sort: Sort;
  page: number;
};

export const PER_PAGE = 20;

function pick<T extends string>(allowed: readonly T[], v: string | undefined, dflt: T): T {
  return allowed.includes(v as T) ? (v as T) : dflt;
}

function year(v: string | null): number | undefined {
  const n = Number(v);
  return v && Number.isInteger(n) && n >= YEAR_MIN && n <= YEAR_MAX ? n : undefined;
}

/** URL → state. Unknown or malformed values fall back to defaults instead of failing. */
export function parseSearchState(qs: URLSearchParams): SearchState {
  const modes = qs.getAll('mode');
  const scopes = qs.getAll('scope');
  const given = qs.getAll('q').slice(0, MAX_CLAUSES);
  const texts = given.length ? given : [''];
  const clauses = texts.map((q, i) => ({
    q,
    mode: pick(SEARCH_MODES, modes.length === 1 ? modes[0] : modes[i], 'words'),
    scope: pick(SEARCH_SCOPES, scopes.length === 1 ? scopes[0] : scopes[i], 'all'),
  }));
  const filters: Filters = {
    unit: unique(qs.getAll('unit').filter(Boolean)),
    region: unique(qs.getAll('region').filter(Boolean)),
    category: unique(qs.getAll('category').filter((c) => CATEGORY_CODE.test(c))),
    year: unique(
      qs
        .getAll('year')
        // 0 is 年份不详 (UNKNOWN_YEAR): a value of the year filter, never of a range.
        .map((v) => (v === String(UNKNOWN_YEAR) ? UNKNOWN_YEAR : year(v)))
        .filter((y): y is number => y !== undefined),
    ),
    level: unique(
      qs.getAll('level').filter((l): l is (typeof INSPECTION_LEVELS)[number] => (INSPECTION_LEVELS as readonly string[]).includes(l)),
    ),
  };
  const from = year(qs.get('yearFrom'));
  const to = year(qs.get('yearTo'));
  if (from !== undefined) filters.yearFrom = from;
  if (to !== undefined) filters.yearTo = to;
  return {
    clauses,
    filters,
    view: pick(['paragraphs', 'notices', 'stats'] as const, qs.get('view') ?? undefined, 'paragraphs'),
    sort: pick(SORT_ORDERS, qs.get('sort') ?? undefined, 'relevance'),
    page: Math.min(MAX_PAGE_DEPTH, Math.max(1, Math.floor(Number(qs.get('page'))) || 1)),
  };
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** State → URL, the API's spelling (defaults left out); view=stats is the page's own. */
export function serializeSearchState(s: SearchState): URLSearchParams {
  const qs = searchQueryString(toRequest(s));
  if (s.view === 'stats') qs.set('view', 'stats');
  return qs;
}

/** The /api/search request of a state (the 统计 view searches the paragraphs for its facets). */
export function toRequest(s: SearchState): SearchRequest {
  return { clauses: s.clauses, filters: s.filters, view: s.view === 'notices' ? 'notices' : 'paragraphs', sort: s.sort, page: s.page };
}

export function activeFilterCount(f: Filters): number {
  return (
    f.unit.length +
    f.region.length +
    f.category.length +
    f.year.length +
    f.level.length +
    (f.yearFrom !== undefined || f.yearTo !== undefined ? 1 : 0)
  );
}

export type SearchStateApi = {
  state: SearchState;
  /** The URL's query string (stable key for effects). */
  key: string;
  /** Replace parts of the state; anything but a page change goes back to page 1. */
  update(changes: Partial<SearchState>, opts?: { replace?: boolean }): void;
  setClause(index: number, changes: Partial<QueryClause>, opts?: { replace?: boolean }): void;
  addRefinement(clause: QueryClause): void;
  removeClause(index: number): void;
  toggleFilter(field: FilterField, value: string): void;
  removeFilter(field: FilterField, value: string): void;
  setYearRange(from: number | undefined, to: number | undefined): void;
  clearFilters(): void;
};

/**
 * The values of a filter after one is ticked or unticked. Values of one field are ORed, so a
 * region inside a ticked region would change nothing: ticking a county under its ticked city
 * narrows the search to the county (the city is unticked), and ticking a city unticks its
 * counties.
 */
export function toggledValues(field: FilterField, current: string[], value: string): string[] {
  if (current.includes(value)) return current.filter((v) => v !== value);
  if (field !== 'region') return [...current, value];
  const inside = (inner: string, outer: string) => inner.startsWith(`${outer} > `);
  return [...current.filter((v) => !inside(value, v) && !inside(v, value)), value];
}

export function useSearchState(): SearchStateApi {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  // Parsed once per distinct query string, so the state object is stable between renders.
  // biome-ignore lint/correctness/useExhaustiveDependencies: params is a new object for the same query string; key is its content
  const state = useMemo(() => parseSearchState(params), [key]);

  const update = useCallback(
    (changes: Partial<SearchState>, opts: { replace?: boolean } = {}) => {
      const next: SearchState = { ...state, page: 1, ...changes };
      setParams(serializeSearchState(next), { replace: opts.replace });
    },
    [state, setParams],
  );

  const setFilters = useCallback((f: Filters) => update({ filters: f }), [update]);

  return useMemo<SearchStateApi>(
    () => ({
      state,
      key,
      update,
      setClause(index, changes, opts) {
        const clauses = state.clauses.map((c, i) => (i === index ? { ...c, ...changes } : c));
        update({ clauses }, opts);
      },
      addRefinement(clause) {
        if (state.clauses.length >= MAX_CLAUSES || !clause.q.trim()) return;
        update({ clauses: [...state.clauses, clause] });
      },
      removeClause(index) {
        const clauses = state.clauses.filter((_, i) => i !== index);
        update({ clauses: clauses.length ? clauses : [{ q: '', mode: 'words', scope: 'all' }] });
      },
      toggleFilter(field, value) {
        const values = toggledValues(field, (state.filters[field] as (string | number)[]).map(String), value);
        setFilters({ ...state.filters, [field]: field === 'year' ? values.map(Number) : values });
      },
      removeFilter(field, value) {
        const current = (state.filters[field] as (string | number)[]).map(String);
        const values = current.filter((v) => v !== value);
        setFilters({ ...state.filters, [field]: field === 'year' ? values.map(Number) : values });
      },
      setYearRange(from, to) {
        const f: Filters = { ...state.filters, year: [] };
        delete f.yearFrom;
        delete f.yearTo;
        if (from !== undefined) f.yearFrom = from;
        if (to !== undefined) f.yearTo = to;
        setFilters(f);
      },
      clearFilters() {
        setFilters(EMPTY_FILTERS);
      },
    }),
    [state, key, update, setFilters],
  );
}
