/**
 * The API's limits and value lists, free of zod: contract/api.ts builds its schemas from
 * them, and the web app imports them as values (the search box stops at the same length,
 * the URL parser accepts the same codes) without pulling zod into the browser bundle.
 */

/** The longest query clause the API takes, in characters. */
export const MAX_QUERY_LENGTH = 200;
/** q clauses of one search (the main query and its 结果中检索 steps). */
export const MAX_CLAUSES = 5;
/** Deep pages are refused (page × perPage): nobody reads page 500, and each costs Meilisearch more. */
export const MAX_PAGE_DEPTH = 10_000;
export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 20;
/** Values of one repeatable filter in one request. */
export const MAX_FILTER_VALUES = 50;
export const MAX_FILTER_TEXT_LENGTH = 100;
/** Paragraphs one export streams. */
export const MAX_EXPORT_ROWS = 50_000;
/** Notices in an Atom feed, newest first. */
export const FEED_ENTRIES = 50;

/**
 * Units the web app lists in the unit facet, most frequent first: the list grows with the
 * archive (thousands of units) while a page shows a few dozen and finds the rest through
 * GET /api/facets/unit?facetQuery=. A search counts no units unless asked
 * (`unitFacetLimit`), and lists regions a level at a time: at 10 000 notices, counting
 * units and counties took Meilisearch three times as long as the rest of a search
 * (docs/benchmarks.md), so the page asks for them beside the search, and for a region's
 * children when it is opened.
 */
export const DEFAULT_UNIT_FACET_LIMIT = 50;
/** The most values one facet lists (`unitFacetLimit`, `limit` of GET /api/facets/:field). */
export const MAX_FACET_VALUES = 1000;

export const YEAR_MIN = 1949;
export const YEAR_MAX = 2100;

/**
 * The year facet's value for notices whose text gives no year (年份不详), and the year
 * filter that finds them: they stay out of every year range, but not out of reach.
 */
export const UNKNOWN_YEAR = 0;
export const UNKNOWN_YEAR_LABEL = '年份不详';
/** The unit of a notice that names none, as the unit facet counts and filters it. */
export const UNKNOWN_UNIT = '单位不详';

/** The facets, which are also the repeatable filters: OR within a field, AND across fields. */
export const FILTER_FIELDS = ['unit', 'region', 'category', 'year', 'level'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export const SEARCH_MODES = ['words', 'exact'] as const;
export const SEARCH_SCOPES = ['all', 'problems', 'measures', 'meta'] as const;
export const SEARCH_VIEWS = ['paragraphs', 'notices'] as const;
export const SORT_ORDERS = ['relevance', 'date', '-date'] as const;
export const INSPECTION_LEVELS = ['中央', '省', '市', '县'] as const;

/** A level-1 (L1.*) or level-2 (T.*) category code, or `unclassified`. */
export const CATEGORY_CODE = /^(?:L1|T)\.[a-z0-9-]+$|^unclassified$/;
export const NOTICE_ID = /^n[A-Za-z0-9]{1,40}$/;
/** A paragraph's or 一是-item's id (segment id). */
export const SEGMENT_ID = /^[A-Za-z0-9]{1,40}$/;
export const SHA256 = /^[0-9a-f]{64}$/;
