/**
 * The Meilisearch search requests and answers this project sends and reads, typed: the subset
 * of Meilisearch's multi-search API that the server uses (see Meilisearch's "Search" and
 * "Multi-search" reference), so a misspelt parameter is a compile error rather than a
 * silently ignored field.
 */

/** A Meilisearch filter: an expression, or an AND of ORs (`[[a, b], c]` = (a OR b) AND c). */
export type Filter = string | (string | string[])[];

/** One query of a multi-search. */
export type SearchQuery = {
  indexUid: string;
  q?: string;
  filter?: Filter;
  facets?: string[];
  attributesToRetrieve?: string[];
  attributesToSearchOn?: string[];
  attributesToHighlight?: string[];
  sort?: string[];
  distinct?: string;
  matchingStrategy?: 'last' | 'all' | 'frequency';
  showRankingScore?: boolean;
  /** Page-based pagination: exact totals (`totalHits`). */
  page?: number;
  hitsPerPage?: number;
  /** Offset-based pagination: estimated totals. */
  offset?: number;
  limit?: number;
};

export type FacetDistribution = Record<string, Record<string, number>>;
export type FacetStats = Record<string, { min: number; max: number }>;

/** One answer of a multi-search, with page-based pagination (the only kind the server asks for). */
export type SearchResult<H> = {
  indexUid?: string;
  hits: H[];
  query?: string;
  processingTimeMs: number;
  totalHits: number;
  totalPages: number;
  page: number;
  hitsPerPage: number;
  facetDistribution?: FacetDistribution;
  facetStats?: FacetStats;
};

/** Runs `send` (one request to Meilisearch) when its turn comes: server/search/gate.ts. */
export type Admit = <R>(send: () => Promise<R>) => Promise<R>;

/**
 * What the server searches: one Meilisearch (meili/single-store.ts), or several partitions
 * searched as one (meili/partitioned-search.ts). Chosen once at start-up; callers never ask which.
 */
export interface SearchStore {
  /**
   * The answers to `queries`, in order, each shaped like one Meilisearch's answer. Each
   * request sent waits for `admit`: one Meilisearch answers the queries of one request one
   * after the other on one core, so there each query is a request of its own.
   */
  multiSearch<H>(queries: SearchQuery[], admit?: Admit): Promise<SearchResult<H>[]>;
}
