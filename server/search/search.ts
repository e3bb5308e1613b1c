/**
 * GET /api/search: a page of hits in the paragraphs or notices view, or one notice's hits
 * (its page's navigator), with exact totals and exact facet counts. Totals are exact
 * (page-based pagination, maxTotalHits far above any page depth); each facet is counted with
 * its own field's filter removed. The index holds one document per paragraph, so the
 * paragraphs view counts documents; the notices view counts notices (distinct noticeId).
 */
import type { NoticeHit, SearchResponse } from '../../contract/api.ts';
import { FILTER_FIELDS, type FilterField } from '../../contract/constants.ts';
import type { SearchQuery } from '../../meili/search-types.ts';
import type { ParagraphDoc } from '../../schema/documents.ts';
import { anyOf } from '../../schema/filter.ts';
import { PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import type { SearchContext } from './context.ts';
import { facetFields, mergedFacets } from './facets.ts';
import { combine } from './filters.ts';
import { regionPath, segmentHits, toHit } from './hits.ts';
import { RETRIEVE, baseQuery, mainQuery, planSearch, type PlannedSearch, type SearchInput } from './plan.ts';

/** Paragraphs shown under each notice in the notices view. */
const PER_NOTICE = 3;

export async function runSearch(ctx: SearchContext, p: SearchInput): Promise<SearchResponse> {
  const planned = planSearch(p);
  const unitLimit = p.unitFacetLimit ?? 0;
  // Units are counted only when asked for: with thousands of them, that is most of a search's time.
  const counted = FILTER_FIELDS.filter((f) => f !== 'unit' || unitLimit > 0);
  const fields = (f: FilterField) => facetFields(f, planned.unit, 1);
  const main = { ...mainQuery(p, planned), facets: counted.filter((f) => !planned.filters[f]).flatMap(fields) };
  // Disjunctive facets: each active field counted without its own filter.
  const perField = counted
    .filter((f) => planned.filters[f])
    .map((f) => ({ indexUid: PARAGRAPHS_INDEX, ...baseQuery(planned, f), page: 1, hitsPerPage: 0, facets: fields(f) }));
  if (planned.unit === 'notices') return noticesView(ctx, p, planned, main, perField, unitLimit);
  const [res, ...fieldResults] = await ctx.multi<ParagraphDoc>([main, ...perField]);
  const facets = mergedFacets([res!, ...fieldResults], unitLimit);
  if (planned.unit === 'segments') {
    const all = res!.hits.flatMap((d) => segmentHits(d, planned));
    return {
      clauses: planned.plan.clauses,
      view: p.view,
      total: all.length,
      page: p.page,
      perPage: p.perPage,
      totalPages: Math.ceil(all.length / p.perPage),
      processingTimeMs: res!.processingTimeMs,
      hits: all.slice((p.page - 1) * p.perPage, p.page * p.perPage),
      facets,
    };
  }
  return {
    clauses: planned.plan.clauses,
    view: p.view,
    total: res!.totalHits,
    page: res!.page,
    perPage: res!.hitsPerPage,
    totalPages: res!.totalPages,
    processingTimeMs: res!.processingTimeMs,
    hits: res!.hits.map((d) => toHit(d, planned.plan)),
    facets,
  };
}

/**
 * The notices view. Counting distinct notices exactly (the total and every facet) is most
 * of its time; finding the page's notices is not (with offset and limit Meilisearch stops
 * once it has them). So the count runs beside the search for the page's notices, and their
 * paragraphs are asked for as soon as those are known.
 */
async function noticesView(
  ctx: SearchContext,
  p: SearchInput,
  planned: PlannedSearch,
  main: SearchQuery,
  perField: SearchQuery[],
  unitLimit: number,
): Promise<SearchResponse> {
  const { page: _page, hitsPerPage: _perPage, facets: _facets, ...query } = main;
  const page = ctx
    .multi<ParagraphDoc>([{ ...query, offset: (p.page - 1) * p.perPage, limit: p.perPage }])
    .then(async ([r]) => ({ best: r!, noticeHits: await noticeHits(ctx, r!.hits, planned) }));
  const [[count, ...fieldResults], { best, noticeHits: hits }] = await Promise.all([
    ctx.multi<ParagraphDoc>([{ ...main, page: 1, hitsPerPage: 0, attributesToRetrieve: undefined, sort: undefined }, ...perField]),
    page,
  ]);
  return {
    clauses: planned.plan.clauses,
    view: p.view,
    total: count!.totalHits,
    page: p.page,
    perPage: p.perPage,
    totalPages: Math.ceil(count!.totalHits / p.perPage),
    processingTimeMs: Math.max(count!.processingTimeMs, best.processingTimeMs),
    hits: best.hits.map((d) => toHit(d, planned.plan)),
    noticeHits: hits,
    facets: mergedFacets([count!, ...fieldResults], unitLimit),
  };
}

/**
 * Each notice's best paragraphs, and how many of its paragraphs match: counted as a facet
 * of one query over these notices, and found in the best paragraphs of all of them at once;
 * only a notice with fewer there than it has is asked for its own.
 */
async function noticeHits(ctx: SearchContext, best: ParagraphDoc[], notices: PlannedSearch): Promise<NoticeHit[]> {
  if (!best.length) return [];
  const planned: PlannedSearch = { ...notices, unit: 'paragraphs' };
  const within = (ids: string[]): SearchQuery => ({
    indexUid: PARAGRAPHS_INDEX,
    ...baseQuery(planned),
    filter: combine(planned.filters, [...planned.extra, anyOf('noticeId', ids)]),
    page: 1,
  });
  const ids = best.map((b) => b.noticeId);
  const [counted, top] = await ctx.multi<ParagraphDoc>([
    { ...within(ids), hitsPerPage: 0, facets: ['noticeId'] },
    { ...within(ids), hitsPerPage: ids.length * PER_NOTICE, attributesToRetrieve: RETRIEVE },
  ]);
  const matches = counted!.facetDistribution?.noticeId ?? {};
  // Meilisearch ranks a notice's paragraphs in the same order whatever else the filter lets through.
  const shown = new Map<string, ParagraphDoc[]>(ids.map((id) => [id, []]));
  for (const d of top!.hits) {
    const list = shown.get(d.noticeId)!;
    if (list.length < PER_NOTICE) list.push(d);
  }
  const short = ids.filter((id) => shown.get(id)!.length < Math.min(PER_NOTICE, matches[id] ?? 0));
  const more = await ctx.multi<ParagraphDoc>(
    short.map((id) => ({ ...within([id]), hitsPerPage: PER_NOTICE, attributesToRetrieve: RETRIEVE })),
  );
  short.forEach((id, i) => shown.set(id, more[i]!.hits));
  return best.map((b) => ({
    noticeId: b.noticeId,
    title: b.title,
    unit: b.unit,
    region: regionPath(b.region),
    year: b.year,
    level: b.level,
    publishedDate: b.publishedDate,
    url: `/notices/${b.noticeId}`,
    matches: matches[b.noticeId] ?? 0,
    paragraphs: shown.get(b.noticeId)!.map((d) => toHit(d, planned.plan)),
  }));
}
