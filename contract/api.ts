/**
 * The HTTP API contract: request parameters and response bodies, validated on the server and
 * typed in the web app. server/routes/ pairs each route with these schemas once (createRoute),
 * and /api/openapi.json is generated from those definitions; `.meta({ id })` names the shapes
 * the document lists under components. Limits and value lists live in ./constants.ts, which
 * the web app imports without zod.
 */
import { z } from 'zod';
import {
  CATEGORY_CODE,
  DEFAULT_PER_PAGE,
  FILTER_FIELDS,
  INSPECTION_LEVELS,
  MAX_CLAUSES,
  MAX_FACET_VALUES,
  MAX_FILTER_TEXT_LENGTH,
  MAX_FILTER_VALUES,
  MAX_PAGE_DEPTH,
  MAX_PER_PAGE,
  MAX_QUERY_LENGTH,
  NOTICE_ID,
  SEARCH_MODES,
  SEARCH_SCOPES,
  SEARCH_VIEWS,
  SEGMENT_ID,
  SHA256,
  SORT_ORDERS,
  YEAR_MAX,
  YEAR_MIN,
} from './constants.ts';

export {
  DEFAULT_UNIT_FACET_LIMIT,
  FILTER_FIELDS,
  MAX_CLAUSES,
  MAX_EXPORT_ROWS,
  MAX_FILTER_VALUES,
  MAX_PAGE_DEPTH,
  MAX_QUERY_LENGTH,
  type FilterField,
} from './constants.ts';

export const SearchMode = z.enum(SEARCH_MODES).describe('words: ranked, word-aware; exact: substring of the normalised text');
export type SearchMode = z.infer<typeof SearchMode>;
export const SearchScope = z
  .enum(SEARCH_SCOPES)
  .describe('problems: problem headings and statements; measures: rectification measures; meta: title, unit and inspection fields');
export type SearchScope = z.infer<typeof SearchScope>;
export const SearchView = z.enum(SEARCH_VIEWS);
export type SearchView = z.infer<typeof SearchView>;
export const SortOrder = z.enum(SORT_ORDERS).describe('date: oldest first; -date: newest first');
export const InspectionLevelParam = z.enum(INSPECTION_LEVELS);

/** A parameter that may be repeated (?unit=a&unit=b): always an array after parsing. */
function repeatable<T extends z.ZodTypeAny>(item: T) {
  return z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(item).max(MAX_FILTER_VALUES, `最多 ${MAX_FILTER_VALUES} 个值`),
  );
}

const Year = z.coerce.number().int().min(YEAR_MIN).max(YEAR_MAX);
const FilterText = z.string().min(1).max(MAX_FILTER_TEXT_LENGTH);
const Page = z.coerce.number().int().min(1).max(MAX_PAGE_DEPTH).default(1);
const PerPage = z.coerce.number().int().min(1).max(MAX_PER_PAGE).default(DEFAULT_PER_PAGE);

/** Filters shared by search, notices, stats, export and feed. OR within a field, AND across fields. */
export const FilterParams = z.object({
  unit: repeatable(FilterText),
  /** A region path at any depth: 辽宁省, 辽宁省 > 丹东市, 辽宁省 > 丹东市 > 宽甸满族自治县. */
  region: repeatable(FilterText).describe('a region path at any depth: 辽宁省, 辽宁省 > 丹东市'),
  category: repeatable(z.string().regex(CATEGORY_CODE, '类别代码格式无效')).describe(
    'a level-1 (L1.*) or level-2 (T.*) category code, or unclassified',
  ),
  year: repeatable(Year),
  yearFrom: Year.optional(),
  yearTo: Year.optional(),
  level: repeatable(InspectionLevelParam),
});
export type FilterParams = z.infer<typeof FilterParams>;

const QueryText = z.string().max(MAX_QUERY_LENGTH, `检索词不能超过 ${MAX_QUERY_LENGTH} 个字符`);

export const SearchParams = FilterParams.extend({
  /** Several q clauses are combined with AND (search within results). */
  q: repeatable(QueryText)
    .pipe(z.array(QueryText).max(MAX_CLAUSES, `最多 ${MAX_CLAUSES} 个检索条件`))
    .describe('query clauses, ANDed (search within results)'),
  /** One value for all clauses, or one per q clause. */
  mode: repeatable(SearchMode).describe('one for all clauses, or one per q'),
  scope: repeatable(SearchScope).describe('one for all clauses, or one per q'),
  view: SearchView.default('paragraphs'),
  /** Only this notice's hits, one per matching paragraph lead and 一是-item, in reading order (the notice page's hit navigator). */
  notice: z
    .string()
    .regex(NOTICE_ID, '通报 ID 格式无效')
    .optional()
    .describe("only this notice's hits, one per matching lead and item, in reading order"),
  sort: SortOrder.default('relevance'),
  page: Page,
  perPage: PerPage,
  /**
   * How many units the unit facet lists (the most frequent; counts stay exact). 0, the
   * default: none. Counting thousands of units is the dearest part of a search, so the web
   * app asks GET /api/facets/unit for them alongside (contract/constants.ts).
   */
  unitFacetLimit: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_FACET_VALUES)
    .default(0)
    .describe('units listed in facets.unit, most frequent first; 0: none (GET /api/facets/unit counts them apart)'),
}).strict();
export type SearchParams = z.infer<typeof SearchParams>;

export const ExportParams = SearchParams.omit({ page: true, perPage: true, unitFacetLimit: true })
  .extend({ format: z.enum(['csv', 'json']).default('csv') })
  .strict();
export const NoticeListParams = FilterParams.extend({ page: Page, perPage: PerPage }).strict();
export const FeedParams = SearchParams.omit({ page: true, perPage: true, view: true, sort: true, unitFacetLimit: true }).strict();
export const StatsParams = SearchParams.omit({ page: true, perPage: true, view: true, sort: true, unitFacetLimit: true }).strict();
export const FacetSearchParams = SearchParams.omit({ page: true, perPage: true, sort: true, unitFacetLimit: true })
  .extend({
    facetQuery: z.string().max(MAX_FILTER_TEXT_LENGTH).default('').describe('only values containing this text'),
    /** Region only: the children of this path (a province's cities, a city's counties), not the whole tree. */
    parent: FilterText.optional().describe('region only: the children of this region path (辽宁省, 辽宁省 > 丹东市)'),
    /** The most frequent values only. */
    limit: z.coerce.number().int().min(1).max(MAX_FACET_VALUES).optional().describe('the most frequent values only'),
  })
  .strict();
export const AnalyzeParams = z
  .object({
    q: QueryText,
    mode: SearchMode.default('words'),
    scope: SearchScope.default('all'),
  })
  .strict();

export const FacetField = z.enum(FILTER_FIELDS);
export const NoticeId = z.string().regex(NOTICE_ID);
export const SegmentId = z
  .string()
  .regex(SEGMENT_ID)
  .describe('a paragraph or 一是-item id; a former id resolves to where its text is now');
export const NoticeIdParams = z.object({ id: NoticeId });
export const SourceParams = z.object({ id: NoticeId, sha: z.string().regex(SHA256).describe('sha256 of the original file') });
export const SegmentIdParams = z.object({ id: SegmentId });
export const FacetFieldParams = z.object({ field: FacetField });

export const CategoryRef = z.object({ code: z.string(), label: z.string() });

export const SearchHit = z
  .object({
    id: z.string().describe('segment id: the paragraph, or the 一是-item'),
    noticeId: z.string(),
    paragraphId: z.string(),
    title: z.string().optional(),
    unit: z.string().optional(),
    region: z.array(z.string()),
    year: z.number().optional(),
    level: z.string().optional(),
    part: z.string(),
    role: z.string(),
    itemLabel: z.string().optional(),
    headingPath: z.array(z.string()),
    category: z.object({ lvl1: CategoryRef.optional(), lvl2: z.array(CategoryRef) }),
    text: z.string(),
    /** The whole text, HTML-escaped, with <mark> around what matched. */
    highlighted: z.string(),
    /** A window of `highlighted` around the first match, for result lists. */
    snippet: z.string(),
    /** Permalink path: /notices/<noticeId>#<id>. */
    url: z.string(),
  })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHit>;

/** Notices view: one hit per notice, with its best matching paragraphs. */
export const NoticeHit = z
  .object({
    noticeId: z.string(),
    title: z.string().optional(),
    unit: z.string().optional(),
    region: z.array(z.string()),
    year: z.number().optional(),
    level: z.string().optional(),
    publishedDate: z.string().optional(),
    url: z.string(),
    /** Matching paragraphs in this notice (exact count). */
    matches: z.number(),
    paragraphs: z.array(SearchHit),
  })
  .meta({ id: 'NoticeHit' });
export type NoticeHit = z.infer<typeof NoticeHit>;

export const FacetValue = z
  .object({ value: z.string(), label: z.string(), count: z.number(), level: z.number().optional(), parent: z.string().optional() })
  .meta({ id: 'FacetValue' });
export type FacetValue = z.infer<typeof FacetValue>;
export const Facets = z
  .object({
    /** The `unitFacetLimit` most frequent units; empty unless asked for. */
    unit: z.array(FacetValue),
    /** Provinces only: a province's cities and a city's counties come from GET /api/facets/region?parent=. */
    region: z.array(FacetValue),
    category: z.array(FacetValue),
    year: z.array(FacetValue),
    level: z.array(FacetValue),
  })
  .meta({ id: 'Facets' });
export type Facets = z.infer<typeof Facets>;

export const QueryTerm = z.object({ text: z.string(), kind: z.enum(['word', 'exact']) });
export const QueryAnalysis = z
  .object({
    normalized: z.string(),
    /** What is searched: words (words mode) and exact phrases (exact mode, numbers, quoted parts). */
    terms: z.array(QueryTerm),
    /** Terms beyond the first 10, which Meilisearch ignores. */
    ignored: z.array(z.string()),
  })
  .meta({ id: 'QueryAnalysis' });
export type QueryAnalysis = z.infer<typeof QueryAnalysis>;

export const Clause = z.object({ q: z.string(), mode: SearchMode, scope: SearchScope, analysis: QueryAnalysis }).meta({ id: 'Clause' });
export type Clause = z.infer<typeof Clause>;

export const SearchResponse = z
  .object({
    clauses: z.array(Clause),
    view: SearchView,
    /** Exact number of matching paragraphs (paragraphs view) or notices (notices view). */
    total: z.number(),
    page: z.number(),
    perPage: z.number(),
    totalPages: z.number(),
    processingTimeMs: z.number(),
    hits: z.array(SearchHit),
    noticeHits: z.array(NoticeHit).optional(),
    facets: Facets,
  })
  .meta({ id: 'SearchResponse' });
export type SearchResponse = z.infer<typeof SearchResponse>;

export const FacetSearchResponse = z.object({ field: z.string(), values: z.array(FacetValue) }).meta({ id: 'FacetSearchResponse' });

export const NoticeSummary = z
  .object({
    id: z.string(),
    title: z.string().optional(),
    unit: z.string().optional(),
    region: z.array(z.string()),
    year: z.number().optional(),
    level: z.string().optional(),
    publishedDate: z.string().optional(),
    inspectionGroup: z.string().optional(),
    url: z.string(),
  })
  .meta({ id: 'NoticeSummary' });
export type NoticeSummary = z.infer<typeof NoticeSummary>;
export const NoticeList = z
  .object({ total: z.number(), page: z.number(), perPage: z.number(), totalPages: z.number(), notices: z.array(NoticeSummary) })
  .meta({ id: 'NoticeList' });

export const RelatedNotices = z
  .object({
    /** The same unit's other notices, oldest first (earlier and later rounds, 回头看). */
    sameUnit: z.array(NoticeSummary.extend({ relation: z.enum(['earlier', 'later']) })),
    /** Other units' notices from the same inspection group and period. */
    sameRound: z.array(NoticeSummary),
    /** Level-1/level-2 categories of this notice's problems that the unit's previous notice had too. */
    repeatedCategories: z.array(CategoryRef.extend({ previousNoticeId: z.string() })),
  })
  .meta({ id: 'RelatedNotices' });
export type RelatedNotices = z.infer<typeof RelatedNotices>;

export const StatsResponse = z
  .object({
    /** Matching paragraphs of the problems part (problems and their measures) per category and year. */
    byCategoryYear: z.array(z.object({ category: z.string(), label: z.string(), level: z.number(), year: z.number(), count: z.number() })),
    byUnit: z.array(z.object({ unit: z.string(), count: z.number() })),
    /** Matching paragraphs of the problems part. */
    totalProblems: z.number(),
  })
  .meta({ id: 'StatsResponse' });
export type StatsResponse = z.infer<typeof StatsResponse>;

export const ApiError = z
  .object({ error: z.object({ code: z.string(), message: z.string(), param: z.string().optional() }) })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof ApiError>;

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded', 'down']),
    reason: z.string().optional(),
    meilisearch: z.object({
      mode: z.enum(['embedded', 'external']),
      available: z.boolean(),
      version: z.string().optional(),
      reason: z.string().optional(),
      restarts: z.number().optional(),
    }),
    notices: z.number().optional(),
    /** Paragraph documents in the search index. */
    paragraphs: z.number().optional(),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;

export const ParagraphResponse = z
  .object({
    id: z.string(),
    paragraphId: z.string(),
    noticeId: z.string(),
    text: z.string(),
    headingPath: z.array(z.string()),
    itemLabel: z.string().optional(),
    part: z.string(),
    role: z.string(),
    notice: z.object({ id: z.string(), title: z.string().optional(), unit: z.string().optional(), year: z.number().optional() }),
    url: z.string(),
    resolvedFrom: z.string().optional(),
    moved: z.boolean().optional(),
  })
  .meta({ id: 'ParagraphResponse' });

export const TaxonomyResponse = z
  .object({
    categories: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        level: z.number(),
        parent: z.string().optional(),
        definition: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'TaxonomyResponse' });
export type TaxonomyResponse = z.infer<typeof TaxonomyResponse>;

/** One uploaded file's fate, as `npm run index` reports it. */
export const FileOutcome = z.object({
  file: z.string(),
  status: z.enum(['added', 'updated', 'unchanged', 'duplicate', 'failed']),
  noticeId: z.string().optional(),
  segments: z.number().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});
export const UploadReport = z
  .object({
    added: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    duplicate: z.number(),
    failed: z.number(),
    segments: z.number(),
    outcomes: z.array(FileOutcome),
    ms: z.number(),
  })
  .meta({ id: 'UploadReport' });
export const RemovalReport = z.object({ removed: z.array(z.string()), notFound: z.array(z.string()) }).meta({ id: 'RemovalReport' });
export const RebuildStatus = z
  .object({
    running: z.boolean(),
    done: z.number(),
    total: z.number(),
    error: z.string().optional(),
    result: z.object({ notices: z.number(), paragraphs: z.number() }).optional(),
  })
  .meta({ id: 'RebuildStatus' });
export type RebuildStatus = z.infer<typeof RebuildStatus>;
