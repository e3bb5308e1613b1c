/**
 * A search request as Meilisearch queries: its clauses planned (query-plan.ts), its filters
 * built per field (filters.ts), and the unit it counts in. Shared by every search family:
 * search, export, stats, facet search and the feed.
 */
import type { FilterParams, SearchParams } from '../../contract/api.ts';
import type { FilterField } from '../../contract/constants.ts';
import type { SearchQuery } from '../../meili/search-types.ts';
import { eq, type FilterExpr } from '../../schema/filter.ts';
import { PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import { combine, fieldFilters, type FieldFilters } from './filters.ts';
import { planQuery, type QueryPlan } from './query-plan.ts';

/** Everything but the search-only fields, which are large and useless to clients. */
export const RETRIEVE = [
  'id',
  'noticeId',
  'order',
  'part',
  'role',
  'headingPath',
  'segments',
  'title',
  'unit',
  'region',
  'year',
  'level',
  'date',
  'publishedDate',
  'category',
];
/** A notice's paragraphs the notice page's hit navigator looks at: more than any notice has. */
const NOTICE_PARAGRAPHS = 5000;

/**
 * The unit a view counts in. Both filter and count on the paragraph's categories (the union
 * over its segments): a notice counts under a category when one of its matching paragraphs
 * has it, so facet counts and filters agree.
 */
export const VIEW_UNITS = {
  paragraphs: { distinct: undefined, category: 'category' },
  notices: { distinct: 'noticeId', category: 'category' },
  /** One notice's leads and items (its page's hit navigator): its matching paragraphs, taken apart here. */
  segments: { distinct: undefined, category: 'category' },
} as const;
export type CountUnit = keyof typeof VIEW_UNITS;

/** Search parameters; the unit facet's length is for the search page only (export and feed have none). */
export type SearchInput = Omit<SearchParams, 'unitFacetLimit'> & Partial<Pick<SearchParams, 'unitFacetLimit'>>;

/** What one search request needs, shared by search, export, stats, facet search and the feed. */
export type PlannedSearch = {
  plan: QueryPlan;
  filters: FieldFilters;
  extra: (FilterExpr | undefined)[];
  unit: CountUnit;
  categories: string[];
};

export function clauseInputs(p: Pick<SearchParams, 'q' | 'mode' | 'scope'>) {
  const pick = <T>(values: T[], i: number, fallback: T): T => (values.length === 1 ? values[0]! : (values[i] ?? fallback));
  return p.q.map((q, i) => ({ q, mode: pick(p.mode, i, 'words' as const), scope: pick(p.scope, i, 'all' as const) }));
}

/** Within one notice (its page's hit navigator) every paragraph lead and item is a hit of its own. */
export function planSearch(
  p: FilterParams & Pick<SearchParams, 'q' | 'mode' | 'scope'> & { notice?: string; view?: SearchParams['view'] },
  unit: CountUnit = p.notice ? 'segments' : (p.view ?? 'paragraphs'),
): PlannedSearch {
  const plan = planQuery(clauseInputs(p));
  return {
    plan,
    unit,
    filters: fieldFilters(p, 'paragraphs', VIEW_UNITS[unit].category),
    extra: [plan.roleFilter, p.notice ? eq('noticeId', p.notice) : undefined],
    categories: p.category,
  };
}

/** The query's words, fields and filters, without paging: `without` leaves one field's filter out (its facet's count). */
export function baseQuery(planned: PlannedSearch, without?: FilterField): Omit<SearchQuery, 'indexUid'> {
  const distinct = VIEW_UNITS[planned.unit].distinct;
  return {
    q: planned.plan.q,
    attributesToSearchOn: planned.plan.attributesToSearchOn,
    matchingStrategy: 'all',
    filter: combine(planned.filters, planned.extra, without),
    ...(distinct ? { distinct } : {}),
  };
}

function sortOf(sort: SearchParams['sort'], q: string): string[] | undefined {
  if (sort === 'date') return ['date:asc', 'order:asc'];
  if (sort === '-date' || !q) return ['date:desc', 'order:asc'];
  return undefined;
}

/** The Meilisearch query of a search's page of hits (the partition tests send it too). */
export function mainQuery(p: SearchInput, planned = planSearch(p)): SearchQuery {
  // The notice page's navigator takes all of the notice's matching paragraphs apart and pages their segments itself.
  const paging = planned.unit === 'segments' ? { page: 1, hitsPerPage: NOTICE_PARAGRAPHS } : { page: p.page, hitsPerPage: p.perPage };
  return {
    indexUid: PARAGRAPHS_INDEX,
    ...baseQuery(planned),
    ...paging,
    attributesToRetrieve: RETRIEVE,
    sort: planned.unit === 'segments' ? ['order:asc'] : sortOf(p.sort, planned.plan.q),
  };
}
