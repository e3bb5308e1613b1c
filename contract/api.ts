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
  UNKNOWN_YEAR,
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

export const SearchMode = z
  .enum(SEARCH_MODES)
  .describe(
    'words: every word of the query (or a listed synonym) occurs somewhere in the paragraph, ranked by closeness and role; exact: the whole query is a substring of the normalised text',
  );
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
/** A year to filter on, or UNKNOWN_YEAR (0) for the notices that give none (年份不详). */
const YearValue = z.coerce
  .number()
  .int()
  .refine(
    (y) => y === UNKNOWN_YEAR || (y >= YEAR_MIN && y <= YEAR_MAX),
    `年份须在 ${YEAR_MIN}–${YEAR_MAX} 之间，或为 ${UNKNOWN_YEAR}（年份不详）`,
  );
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
  year: repeatable(YearValue).describe(`a year, or ${UNKNOWN_YEAR} for notices whose year is not known (年份不详)`),
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
  .extend({
    format: z.enum(['csv', 'json']).default('csv'),
    /** CSV only: column names in Chinese (for Excel) or the API's field names (as JSON has them). */
    header: z.enum(['zh', 'api']).default('zh').describe("CSV column names: zh (Chinese, default) or api (the JSON export's field names)"),
  })
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

/** Did-you-mean: the search's clauses and filters (the count of each suggestion keeps them). */
export const SuggestParams = SearchParams.omit({
  page: true,
  perPage: true,
  view: true,
  sort: true,
  unitFacetLimit: true,
  notice: true,
}).strict();

export const Suggestion = z
  .object({
    /** Which q clause it corrects (0: the main query). */
    clause: z.number().int().min(0),
    /** The part of the clause replaced (normalised), and the archive's word put in its place. */
    from: z.string(),
    to: z.string(),
    /** The clause with the word replaced: what to search instead. */
    q: z.string(),
    /** pinyin: sounds the same (or is the pinyin typed); edit: one character replaced, added, dropped or swapped. */
    via: z.enum(['pinyin', 'edit']),
    /** Paragraphs the search finds with it (the same filters and other clauses). */
    count: z.number().int(),
  })
  .meta({ id: 'Suggestion' });
export type Suggestion = z.infer<typeof Suggestion>;
export const SuggestResponse = z.object({ suggestions: z.array(Suggestion) }).meta({ id: 'SuggestResponse' });
export type SuggestResponse = z.infer<typeof SuggestResponse>;

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

/** One lead or 一是-item of a hit's paragraph that holds a searched word. */
export const Passage = z
  .object({
    id: z.string().describe('the lead (its id is the paragraph id) or the 一是-item'),
    role: z.string(),
    itemLabel: z.string().optional(),
    /** HTML-escaped, <mark> around what matched: the whole passage when short, else a window around its first match. */
    snippet: z.string(),
    /** Permalink path: /notices/<noticeId>#<id>. */
    url: z.string(),
  })
  .meta({ id: 'Passage' });
export type Passage = z.infer<typeof Passage>;

/** What a hit, a notice summary and an export row each say of the notice they come from. */
const NoticeFields = z.object({
  title: z.string().optional(),
  unit: z.string().optional(),
  region: z.array(z.string()),
  year: z.number().optional(),
  level: z.string().optional(),
});
const DatedNoticeFields = NoticeFields.extend({ publishedDate: z.string().optional() });
/** Where a paragraph stands in its notice and what it is about: a hit's and an export row's. */
const ParagraphPlace = z.object({
  part: z.string(),
  role: z.string(),
  headingPath: z.array(z.string()),
  category: z.object({ lvl1: CategoryRef.optional(), lvl2: z.array(CategoryRef) }),
});

export const SearchHit = z
  .object({
    id: z.string().describe('segment id: the paragraph, or the 一是-item'),
    noticeId: z.string(),
    paragraphId: z.string(),
    ...NoticeFields.shape,
    ...ParagraphPlace.shape,
    itemLabel: z.string().optional(),
    text: z.string(),
    /** The whole text, HTML-escaped, with <mark> around what matched. */
    highlighted: z.string(),
    /** A window of `highlighted` around the first match, for result lists. */
    snippet: z.string(),
    /** Permalink path: /notices/<noticeId>#<id>. */
    url: z.string(),
    /**
     * Why the paragraph matched: each of its leads and items (of the searched role) holding a
     * searched word, in reading order, the words marked; the segment above alone when nothing
     * was searched or nothing is found literally (a synonym matched).
     */
    passages: z
      .array(Passage)
      .describe('each lead or item of the paragraph holding a searched word, in reading order, with the words marked'),
  })
  .meta({ id: 'SearchHit' });
export type SearchHit = z.infer<typeof SearchHit>;

/** Notices view: one hit per notice, with its best matching paragraphs. */
export const NoticeHit = z
  .object({
    noticeId: z.string(),
    ...DatedNoticeFields.shape,
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

export const QueryTerm = z.object({
  text: z.string(),
  kind: z.enum(['word', 'exact']),
  /** Listed synonyms that satisfy a word as well (lexicon/synonyms.yaml), the word itself among them. */
  alternatives: z.array(z.string()).optional(),
});
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
    ...DatedNoticeFields.shape,
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
    byCategoryYear: z.array(
      z.object({ category: z.string(), label: z.string(), level: z.number(), year: z.number().describe('0: 年份不详'), count: z.number() }),
    ),
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
    /** Notices in the archive: more than `notices` once Meilisearch has nothing left to do means some cannot be found. */
    archived: z.number().optional(),
  })
  .meta({ id: 'Health' });
export type Health = z.infer<typeof Health>;

/** A lead or 一是-item as stored: one part of a paragraph. */
export const Segment = z
  .object({ id: z.string(), role: z.string(), itemLabel: z.string().optional(), text: z.string(), url: z.string() })
  .meta({ id: 'Segment' });
export type Segment = z.infer<typeof Segment>;

export const ParagraphResponse = z
  .object({
    id: z.string(),
    /** paragraph: the id is the paragraph's (or its lead's); item: a 一是-item's. */
    kind: z.enum(['paragraph', 'item']),
    paragraphId: z.string(),
    noticeId: z.string(),
    /** A paragraph: its whole text, lead and items; an item: the item's own text. */
    text: z.string().describe("the paragraph's whole text (lead and items), or the item's own text"),
    /** The paragraph whole, as published: lead and items in reading order. */
    paragraphText: z.string(),
    /** The paragraph's lead and items in reading order, each with its own id and permalink. */
    segments: z.array(Segment),
    headingPath: z.array(z.string()),
    itemLabel: z.string().optional(),
    part: z.string(),
    role: z.string(),
    notice: NoticeFields.pick({ title: true, unit: true, year: true }).extend({ id: z.string() }),
    url: z.string(),
    resolvedFrom: z.string().optional(),
    moved: z.boolean().optional(),
  })
  .meta({ id: 'ParagraphResponse' });
export type ParagraphResponse = z.infer<typeof ParagraphResponse>;

/** One row of GET /api/export?format=json: a matching paragraph whole, and where in it the search matched. */
export const ExportRow = z
  .object({
    noticeId: z.string(),
    paragraphId: z.string(),
    ...DatedNoticeFields.shape,
    ...ParagraphPlace.shape,
    /** The whole paragraph as published: lead and every item. */
    paragraphText: z.string(),
    /** Its lead and items that hold a searched word (the first segment when nothing was searched or a synonym matched). */
    matched: z.array(z.object({ id: z.string(), role: z.string(), itemLabel: z.string().optional(), text: z.string() })),
    /** Absolute permalink of the first matched lead or item. */
    url: z.string(),
  })
  .meta({ id: 'ExportRow' });
export type ExportRow = z.infer<typeof ExportRow>;

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
