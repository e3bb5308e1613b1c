/**
 * Typed calls to the portal API. Every request and response shape comes from contract/api.ts
 * (types only: the zod schemas stay on the server and out of the bundle).
 */
import type {
  FacetValue,
  FilterField,
  FilterParams,
  ParagraphResponse,
  QueryAnalysis,
  RelatedNotices,
  SearchMode,
  SearchResponse,
  SearchScope,
  SearchView,
  StatsResponse,
  SuggestResponse,
  TaxonomyResponse,
} from '../../../contract/api.ts';
import type { NoticeRecord } from '../../../contract/notice.ts';
import { FILTER_FIELDS } from '../../../contract/constants.ts';

export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly param?: string,
  ) {
    super(message);
  }
}

/** One q clause: the main query, or one step of 结果中检索. */
export type QueryClause = { q: string; mode: SearchMode; scope: SearchScope };

/** The filters as the API takes them (repeatable fields are arrays). */
export type Filters = Pick<FilterParams, FilterField | 'yearFrom' | 'yearTo'>;

export type SearchRequest = {
  clauses: QueryClause[];
  filters: Filters;
  view?: SearchView;
  sort?: 'relevance' | 'date' | '-date';
  page?: number;
  perPage?: number;
  /** Only this notice's hits, one per paragraph lead and per item. */
  notice?: string;
};

export const EMPTY_FILTERS: Filters = { unit: [], region: [], category: [], year: [], level: [] };

/**
 * The query string of clauses and filters, as the API (and the search page URL) spells it:
 * q repeated per clause; mode and scope once when shared by all clauses, else once per clause;
 * defaults (words, all) left out.
 */
export function clauseAndFilterParams(clauses: QueryClause[], filters: Filters): URLSearchParams {
  const qs = new URLSearchParams();
  const meaningful = clauses.length > 1 || (clauses[0]?.q ?? '') !== '';
  if (meaningful) {
    for (const c of clauses) qs.append('q', c.q);
    appendParallel(
      qs,
      'mode',
      clauses.map((c) => c.mode),
      'words',
    );
    appendParallel(
      qs,
      'scope',
      clauses.map((c) => c.scope),
      'all',
    );
  }
  for (const f of FILTER_FIELDS) {
    for (const v of filters[f]) qs.append(f, String(v));
  }
  if (filters.yearFrom !== undefined) qs.set('yearFrom', String(filters.yearFrom));
  if (filters.yearTo !== undefined) qs.set('yearTo', String(filters.yearTo));
  return qs;
}

function appendParallel(qs: URLSearchParams, key: string, values: string[], dflt: string) {
  if (values.every((v) => v === dflt)) return;
  if (values.every((v) => v === values[0])) qs.append(key, values[0]!);
  else for (const v of values) qs.append(key, v);
}

export function searchQueryString(r: SearchRequest): URLSearchParams {
  const qs = clauseAndFilterParams(r.clauses, r.filters);
  if (r.view && r.view !== 'paragraphs') qs.set('view', r.view);
  if (r.sort && r.sort !== 'relevance') qs.set('sort', r.sort);
  if (r.page && r.page > 1) qs.set('page', String(r.page));
  if (r.perPage) qs.set('perPage', String(r.perPage));
  if (r.notice) qs.set('notice', r.notice);
  return qs;
}

async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiRequestError('无法连接服务器，请检查网络后重试。', 0);
  }
  const body = (await res.json().catch(() => undefined)) as { error?: { message?: string; param?: string } } | undefined;
  if (!res.ok) {
    const fallback =
      res.status === 503
        ? '检索服务暂时不可用，请稍后重试。'
        : res.status >= 500
          ? `服务器出错 (${res.status})，请稍后重试。`
          : `请求失败 (${res.status})`;
    throw new ApiRequestError(body?.error?.message ?? fallback, res.status, body?.error?.param);
  }
  if (body === undefined) throw new ApiRequestError('服务器返回了无法识别的数据。', res.status);
  return body as T;
}

export function search(r: SearchRequest, signal?: AbortSignal) {
  return get<SearchResponse>(`/api/search?${searchQueryString(r)}`, signal);
}

/**
 * Values of one facet matching facetQuery (the unit list has thousands of values); `limit`:
 * the most frequent only; `parent`: a region's children (the search lists provinces only).
 */
export function searchFacet(
  field: FilterField,
  r: SearchRequest,
  facetQuery: string,
  signal?: AbortSignal,
  opts: { limit?: number; parent?: string } = {},
) {
  const qs = clauseAndFilterParams(r.clauses, r.filters);
  if (r.view && r.view !== 'paragraphs') qs.set('view', r.view);
  if (facetQuery) qs.set('facetQuery', facetQuery);
  if (opts.limit) qs.set('limit', String(opts.limit));
  if (opts.parent) qs.set('parent', opts.parent);
  return get<{ field: string; values: FacetValue[] }>(`/api/facets/${field}?${qs}`, signal);
}

export function stats(r: SearchRequest, signal?: AbortSignal) {
  return get<StatsResponse>(`/api/stats?${clauseAndFilterParams(r.clauses, r.filters)}`, signal);
}

/** Did-you-mean: the archive's words close to what was typed, each with the paragraphs it would find. */
export function suggest(r: SearchRequest, signal?: AbortSignal) {
  return get<SuggestResponse>(`/api/suggest?${clauseAndFilterParams(r.clauses, r.filters)}`, signal);
}

/** Download link of the current results (all pages) as CSV or JSON. */
export function exportUrl(r: SearchRequest, format: 'csv' | 'json'): string {
  const qs = clauseAndFilterParams(r.clauses, r.filters);
  if (r.view && r.view !== 'paragraphs') qs.set('view', r.view);
  if (r.sort && r.sort !== 'relevance') qs.set('sort', r.sort);
  qs.set('format', format);
  return `/api/export?${qs}`;
}

/** Atom feed of the newest notices matching the current query and filters. */
export function feedUrl(r: SearchRequest): string {
  const qs = clauseAndFilterParams(r.clauses, r.filters).toString();
  return `/api/feed.atom${qs ? `?${qs}` : ''}`;
}

export function getNotice(id: string, signal?: AbortSignal) {
  return get<NoticeRecord>(`/api/notices/${encodeURIComponent(id)}`, signal);
}

export function getRelated(id: string, signal?: AbortSignal) {
  return get<RelatedNotices>(`/api/notices/${encodeURIComponent(id)}/related`, signal);
}

export function resolveParagraph(id: string, signal?: AbortSignal) {
  return get<ParagraphResponse>(`/api/paragraphs/${encodeURIComponent(id)}`, signal);
}

let taxonomy: Promise<TaxonomyResponse> | undefined;
/** The category taxonomy (labels, parents), fetched once. */
export function getTaxonomy(): Promise<TaxonomyResponse> {
  taxonomy ??= get<TaxonomyResponse>('/api/taxonomy').catch((e) => {
    taxonomy = undefined;
    throw e;
  });
  return taxonomy;
}

/** Download of an original file the notice was indexed from. */
export function sourceUrl(noticeId: string, sha256: string): string {
  return `/api/notices/${encodeURIComponent(noticeId)}/sources/${sha256}`;
}

/** How the server reads one clause (words, exact phrases), without searching. */
export function analyze(clause: QueryClause, signal?: AbortSignal) {
  const qs = new URLSearchParams({ q: clause.q, mode: clause.mode, scope: clause.scope });
  return get<QueryAnalysis>(`/api/analyze?${qs}`, signal);
}
