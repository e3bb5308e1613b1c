/**
 * Search and lookup against Meilisearch, with the search-only key. Returns API shapes.
 * Totals are exact (page-based pagination, maxTotalHits far above any page depth); facet
 * counts are exact and computed per field with that field's own filter removed. The index
 * holds one document per paragraph, so the paragraphs view counts documents; the notices
 * view counts notices (distinct noticeId).
 */
import type { FacetValue, Facets, NoticeHit, NoticeSummary, RelatedNotices, SearchHit, SearchParams, SearchResponse, StatsResponse } from '../../contract/api.ts';
import { FILTER_FIELDS, type FilterField, type FilterParams } from '../../contract/api.ts';
import type { NoticeDoc, ParagraphDoc, SegmentEntry } from '../../schema/documents.ts';
import type { NoticeRecord, Role } from '../../contract/notice.ts';
import type { MeiliClient } from '../../meili/client.ts';
import { PartitionedSearch } from '../../meili/partitioned-search.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import { findTerms, highlightAndSnippet, matchRanges } from './highlight.ts';
import { planQuery, type QueryPlan } from './query-plan.ts';
import { combine, fieldFilters, quote, regionField, regionPathOf, regionsContaining, type FieldFilters } from './filters.ts';
import { categories, categoryLabel } from './labels.ts';
import { regionName } from '../../contract/regions.ts';
import type { SearchGate } from './gate.ts';
import { META_FIELDS, exactPhrase } from '../../schema/fields.ts';
import { normalize } from '../../text/normalize.ts';

/** Everything but the search-only fields, which are large and useless to clients. */
const RETRIEVE = ['id', 'noticeId', 'order', 'part', 'role', 'headingPath', 'segments', 'title', 'unit', 'region', 'year', 'level', 'date', 'publishedDate', 'category'];
/** Paragraphs shown under each notice in the notices view. */
const PER_NOTICE = 3;
/** A notice's paragraphs the notice page's hit navigator looks at: more than any notice has. */
const NOTICE_PARAGRAPHS = 5000;
const NOTICE_RETRIEVE = ['id', 'title', 'unit', 'region', 'year', 'level', 'date', 'publishedDate', 'inspectionGroup', 'periodFrom', 'categories'];

/**
 * The unit a view counts in, and the category field that belongs to it: a paragraph (or a
 * notice) has the categories of all its segments, so facet counts and filters agree.
 */
const VIEW_UNITS = {
  paragraphs: { distinct: undefined, category: 'category' },
  notices: { distinct: 'noticeId', category: 'ncategory' },
  /** One notice's leads and items (its page's hit navigator): its matching paragraphs, taken apart here. */
  segments: { distinct: undefined, category: 'category' },
} as const;
type CountUnit = keyof typeof VIEW_UNITS;

const REGION_LEVELS = ['region.lvl0', 'region.lvl1', 'region.lvl2'];

/**
 * Meilisearch fields behind each facet of the API: a search counts regions by province
 * (`regionDepth` 1) and leaves cities and counties to GET /api/facets/region?parent=, since
 * Meilisearch's time for a facet grows with the number of values it returns.
 */
function facetFields(field: FilterField, unit: CountUnit, regionDepth = REGION_LEVELS.length): string[] {
  switch (field) {
    case 'region': return REGION_LEVELS.slice(0, regionDepth);
    case 'category': return [`${VIEW_UNITS[unit].category}.lvl1`, `${VIEW_UNITS[unit].category}.lvl2`];
    default: return [field];
  }
}

/** Facet distributions keyed by the API's names (ncategory.lvl1 → category.lvl1). */
function apiDistribution(dist: Record<string, Record<string, number>> | undefined): Record<string, Record<string, number>> {
  return Object.fromEntries(Object.entries(dist ?? {}).map(([k, v]) => [k.replace(/^ncategory\./, 'category.'), v]));
}

/** The main query's facets and those of the disjunctive queries, as the API lists them. */
function mergedFacets(results: { facetDistribution?: Record<string, Record<string, number>> }[], unitLimit: number): Facets {
  const distribution: Record<string, Record<string, number>> = {};
  for (const r of results) Object.assign(distribution, apiDistribution(r.facetDistribution));
  return shapeFacets(distribution, unitLimit);
}

type MeiliSearchResult<T> = { hits: T[]; totalHits: number; totalPages: number; page: number; hitsPerPage: number; processingTimeMs: number; facetDistribution?: Record<string, Record<string, number>> };
type SearchBody = Record<string, unknown>;

/** Search parameters; the unit facet's length is for the search page only (export and feed have none). */
export type SearchInput = Omit<SearchParams, 'unitFacetLimit'> & Partial<Pick<SearchParams, 'unitFacetLimit'>>;

export function permalink(noticeId: string, segmentId: string): string {
  return `/notices/${noticeId}#${segmentId}`;
}

export function regionPath(r: ParagraphDoc['region']): string[] {
  const deepest = r?.lvl2 ?? r?.lvl1 ?? r?.lvl0;
  return deepest ? deepest.split(' > ') : [];
}

export function clauseInputs(p: Pick<SearchParams, 'q' | 'mode' | 'scope'>) {
  const pick = <T>(values: T[], i: number, fallback: T): T => (values.length === 1 ? values[0]! : values[i] ?? fallback);
  return p.q.map((q, i) => ({ q, mode: pick(p.mode, i, 'words' as const), scope: pick(p.scope, i, 'all' as const) }));
}

/** What one search request needs, shared by search, export, stats, facet search and the feed. */
export type Prepared = { plan: QueryPlan; filters: FieldFilters; extra: (string | undefined)[]; unit: CountUnit; categories: string[] };

/** Within one notice (its page's hit navigator) every paragraph lead and item is a hit of its own. */
export function prepare(p: FilterParams & Pick<SearchParams, 'q' | 'mode' | 'scope'> & { notice?: string; view?: SearchParams['view'] }, unit: CountUnit = p.notice ? 'segments' : (p.view ?? 'paragraphs')): Prepared {
  const plan = planQuery(clauseInputs(p));
  return { plan, unit, filters: fieldFilters(p, 'paragraphs', VIEW_UNITS[unit].category), extra: [plan.roleFilter, p.notice ? `noticeId = ${quote(p.notice)}` : undefined], categories: p.category };
}

export function baseBody(prep: Prepared, without?: FilterField): SearchBody {
  const distinct = VIEW_UNITS[prep.unit].distinct;
  return {
    q: prep.plan.q,
    attributesToSearchOn: prep.plan.attributesToSearchOn,
    matchingStrategy: 'all',
    filter: combine(prep.filters, prep.extra, without),
    ...(distinct ? { distinct } : {}),
  };
}

function sortOf(sort: SearchParams['sort'], q: string): string[] | undefined {
  if (sort === 'date') return ['date:asc', 'order:asc'];
  if (sort === '-date' || !q) return ['date:desc', 'order:asc'];
  return undefined;
}

export class SearchService {
  /** One Meilisearch (a search-only client), or partitions searched as one (docs/scaling.md). */
  /** `gate` (server/search/gate.ts) admits searches to Meilisearch in turn; without it, all at once. */
  constructor(private readonly meili: MeiliClient | PartitionedSearch, private readonly gate?: SearchGate, private readonly signal?: AbortSignal) {}

  /**
   * The service for one HTTP request: its searches leave the gate's queue when the request is
   * aborted. Passed along explicitly: an AsyncLocalStorage made every promise of the process
   * pay for async hooks (about 0.4 ms per search on Node 20).
   */
  forRequest(signal: AbortSignal): SearchService {
    return new SearchService(this.meili, this.gate, signal);
  }

  /**
   * Several queries at once. Meilisearch answers the queries of one multi-search one after
   * the other on one core, so each query to a single server is a request of its own, sent in
   * parallel (each admitted by the gate): a search's facet queries then take the time of the
   * slowest, not of all together. Partitions take them all at once (meili/partitioned-search.ts).
   */
  private multi<T>(queries: SearchBody[], gated = true): Promise<MeiliSearchResult<T>[]> {
    if (!queries.length) return Promise.resolve([]);
    const admit = <R>(send: () => Promise<R>) => (this.gate && gated ? this.gate.run(send, this.signal) : send());
    const meili = this.meili;
    if (meili instanceof PartitionedSearch) return admit(() => meili.multi<MeiliSearchResult<T>>(queries as (SearchBody & { indexUid: string })[]));
    return Promise.all(queries.map((query) => admit(() => meili.request<{ results: MeiliSearchResult<T>[] }>('POST', '/multi-search', { queries: [query] }).then((r) => r.results[0]!))));
  }

  /** The Meilisearch request of the main query (the partition tests send it too). */
  mainRequest(p: SearchInput, prep = prepare(p)): SearchBody {
    // The notice page's navigator takes all of the notice's matching paragraphs apart and pages their segments itself.
    const paging = prep.unit === 'segments' ? { page: 1, hitsPerPage: NOTICE_PARAGRAPHS } : { page: p.page, hitsPerPage: p.perPage };
    return {
      indexUid: PARAGRAPHS_INDEX, ...baseBody(prep), ...paging,
      attributesToRetrieve: RETRIEVE, sort: prep.unit === 'segments' ? ['order:asc'] : sortOf(p.sort, prep.plan.q),
    };
  }

  async search(p: SearchInput): Promise<SearchResponse> {
    const prep = prepare(p);
    const unitLimit = p.unitFacetLimit ?? 0;
    // Units are counted only when asked for: with thousands of them, that is most of a search's time.
    const counted = FILTER_FIELDS.filter((f) => f !== 'unit' || unitLimit > 0);
    const fields = (f: FilterField) => facetFields(f, prep.unit, 1);
    const main = { ...this.mainRequest(p, prep), facets: counted.filter((f) => !prep.filters[f]).flatMap(fields) };
    // Disjunctive facets: each active field counted without its own filter.
    const perField = counted.filter((f) => prep.filters[f]).map((f) => ({ indexUid: PARAGRAPHS_INDEX, ...baseBody(prep, f), page: 1, hitsPerPage: 0, facets: fields(f) }));
    if (prep.unit === 'notices') return this.noticesView(p, prep, main, perField, unitLimit);
    const [res, ...fieldResults] = await this.multi<ParagraphDoc>([main, ...perField]);
    const facets = mergedFacets([res!, ...fieldResults], unitLimit);
    if (prep.unit === 'segments') {
      const all = res!.hits.flatMap((d) => this.segmentHits(d, prep));
      const totalPages = Math.ceil(all.length / p.perPage);
      return {
        clauses: prep.plan.clauses, view: p.view, total: all.length, page: p.page, perPage: p.perPage, totalPages,
        processingTimeMs: res!.processingTimeMs, hits: all.slice((p.page - 1) * p.perPage, p.page * p.perPage), facets,
      };
    }
    return {
      clauses: prep.plan.clauses,
      view: p.view,
      total: res!.totalHits,
      page: res!.page,
      perPage: res!.hitsPerPage,
      totalPages: res!.totalPages,
      processingTimeMs: res!.processingTimeMs,
      hits: res!.hits.map((d) => this.toHit(d, prep.plan)),
      facets,
    };
  }

  /**
   * The notices view. Counting distinct notices exactly (the total and every facet) is most
   * of its time; finding the page's notices is not (with offset and limit Meilisearch stops
   * once it has them). So the count runs beside the search for the page's notices, and their
   * paragraphs are asked for as soon as those are known.
   */
  private async noticesView(p: SearchInput, prep: Prepared, main: SearchBody, perField: SearchBody[], unitLimit: number): Promise<SearchResponse> {
    const { page: _page, hitsPerPage: _perPage, facets: _facets, ...search } = main;
    const page = this.multi<ParagraphDoc>([{ ...search, offset: (p.page - 1) * p.perPage, limit: p.perPage }])
      .then(async ([r]) => ({ best: r!, noticeHits: await this.noticeHits(r!.hits, prep) }));
    const [[count, ...fieldResults], { best, noticeHits }] = await Promise.all([
      this.multi<ParagraphDoc>([{ ...main, page: 1, hitsPerPage: 0, attributesToRetrieve: undefined, sort: undefined }, ...perField]),
      page,
    ]);
    return {
      clauses: prep.plan.clauses,
      view: p.view,
      total: count!.totalHits,
      page: p.page,
      perPage: p.perPage,
      totalPages: Math.ceil(count!.totalHits / p.perPage),
      processingTimeMs: Math.max(count!.processingTimeMs, best.processingTimeMs),
      hits: best.hits.map((d) => this.toHit(d, prep.plan)),
      noticeHits,
      facets: mergedFacets([count!, ...fieldResults], unitLimit),
    };
  }

  /**
   * Each notice's best paragraphs, and how many of its paragraphs match: counted as a facet
   * of one query over these notices, and found in the best paragraphs of all of them at once;
   * only a notice with fewer there than it has is asked for its own.
   */
  private async noticeHits(best: ParagraphDoc[], notices: Prepared): Promise<NoticeHit[]> {
    if (!best.length) return [];
    const prep: Prepared = { ...notices, unit: 'paragraphs' };
    const within = (ids: string[]) => ({ indexUid: PARAGRAPHS_INDEX, ...baseBody(prep), filter: combine(prep.filters, [...prep.extra, `noticeId IN [${ids.map(quote).join(', ')}]`]), page: 1 });
    const ids = best.map((b) => b.noticeId);
    const [counted, top] = await this.multi<ParagraphDoc>([
      { ...within(ids), hitsPerPage: 0, facets: ['noticeId'] },
      { ...within(ids), hitsPerPage: ids.length * PER_NOTICE, attributesToRetrieve: RETRIEVE },
    ]);
    const matches = counted!.facetDistribution?.noticeId ?? {};
    // Meilisearch ranks a notice's paragraphs in the same order whatever else the filter lets through.
    const shown = new Map<string, ParagraphDoc[]>(ids.map((id) => [id, []]));
    for (const d of top!.hits) { const list = shown.get(d.noticeId)!; if (list.length < PER_NOTICE) list.push(d); }
    const short = ids.filter((id) => shown.get(id)!.length < Math.min(PER_NOTICE, matches[id] ?? 0));
    const more = await this.multi<ParagraphDoc>(short.map((id) => ({ ...within([id]), hitsPerPage: PER_NOTICE, attributesToRetrieve: RETRIEVE })));
    short.forEach((id, i) => shown.set(id, more[i]!.hits));
    return best.map((b) => ({
      noticeId: b.noticeId, title: b.title, unit: b.unit, region: regionPath(b.region), year: b.year, level: b.level,
      publishedDate: b.publishedDate, url: `/notices/${b.noticeId}`,
      matches: matches[b.noticeId] ?? 0,
      paragraphs: shown.get(b.noticeId)!.map((d) => this.toHit(d, prep.plan)),
    }));
  }

  /**
   * A paragraph as a hit: shown by the segment (lead or item) of the searched role that holds
   * the most of the search terms, the first such in reading order.
   */
  toHit(d: ParagraphDoc, plan: Pick<QueryPlan, 'highlightTerms' | 'segmentRole'>): SearchHit {
    const candidates = inRole(d.segments, plan.segmentRole);
    if (candidates.length <= 1) return this.segmentHit(d, candidates[0] ?? d.segments[0]!, plan.highlightTerms);
    let best = { segment: candidates[0]!, ...findTerms(candidates[0]!.text, plan.highlightTerms) };
    for (const s of candidates.slice(1)) {
      const f = findTerms(s.text, plan.highlightTerms);
      if (f.found > best.found) best = { segment: s, ...f };
    }
    return this.segmentHit(d, best.segment, plan.highlightTerms, best.ranges);
  }

  /**
   * The segments of one matching paragraph that the notice page marks: those of the searched
   * role and the filtered categories holding a search term (all of them without terms); the
   * paragraph's first such segment when no term is found literally (a synonym matched).
   */
  private segmentHits(d: ParagraphDoc, prep: Prepared): SearchHit[] {
    const candidates = inRole(d.segments, prep.plan.segmentRole).filter((s) => !prep.categories.length || prep.categories.some((c) => s.category?.lvl1 === c || s.category?.lvl2?.includes(c)));
    const hits = candidates.map((s) => this.segmentHit(d, s, prep.plan.highlightTerms));
    if (!prep.plan.highlightTerms.length) return hits;
    const marked = hits.filter((h) => h.highlighted.includes('<mark>'));
    return marked.length ? marked : hits.slice(0, 1);
  }

  private segmentHit(d: ParagraphDoc, s: SegmentEntry, terms: string[], ranges = matchRanges(s.text, terms)): SearchHit {
    const lvl1 = s.category?.lvl1 ?? d.category?.lvl1[0];
    return {
      id: s.id, noticeId: d.noticeId, paragraphId: d.id, title: d.title, unit: d.unit,
      region: regionPath(d.region), year: d.year, level: d.level, part: d.part, role: s.role, itemLabel: s.itemLabel,
      headingPath: d.headingPath,
      // A hit stands for its paragraph: it shows the paragraph's categories, which are what
      // the category filter and facet count in the paragraphs view.
      category: {
        lvl1: lvl1 ? { code: lvl1, label: categoryLabel(lvl1) } : undefined,
        lvl2: (d.category?.lvl2 ?? s.category?.lvl2 ?? []).map((code) => ({ code, label: categoryLabel(code) })),
      },
      text: s.text,
      ...highlightAndSnippet(s.text, ranges), url: permalink(d.noticeId, s.id),
    };
  }

  /** Every hit of a search, page by page, for export. */
  async *allHits(p: SearchInput, limit: number): AsyncGenerator<SearchHit> {
    const prep = prepare(p, 'paragraphs');
    let sent = 0;
    for (let page = 1; sent < limit; page++) {
      const [r] = await this.multi<ParagraphDoc>([{ ...this.mainRequest({ ...p, view: 'paragraphs', page, perPage: 1000 }, prep) }]);
      for (const d of r!.hits) {
        if (sent++ >= limit) return;
        yield this.toHit(d, prep.plan);
      }
      if (page >= r!.totalPages) return;
    }
  }

  /**
   * Values of one facet containing `facetQuery` (a unit among thousands), counted in the unit
   * of the current search without the field's own filter; with `parent` (region only), the
   * children of that region; with `limit`, the most frequent only. Meilisearch's facet search
   * only matches from the start of a value, so unit names are found through their gram
   * fields in the notices index, and region names in the gazetteer, then counted here among
   * those only (a facet returns at most maxValuesPerFacet values, the most frequent).
   */
  async facetSearch(field: FilterField, facetQuery: string, prep: Prepared, opts: { parent?: string; limit?: number } = {}): Promise<FacetValue[]> {
    const wanted = normalize(facetQuery);
    let fields = facetFields(field, prep.unit);
    let filter = combine(prep.filters, prep.extra, field);
    if (field === 'region' && opts.parent !== undefined) {
      const parent = regionPathOf(opts.parent);
      const depth = parent.split(' > ').length;
      if (depth >= REGION_LEVELS.length) return [];
      fields = [REGION_LEVELS[depth]!];
      filter = combine(prep.filters, [...prep.extra, `${regionField(parent)} = ${quote(parent)}`], field);
    }
    if (field === 'region' && wanted && opts.parent === undefined) {
      const regions = regionsContaining(wanted);
      if (!regions) return [];
      filter = combine({ ...prep.filters, region: regions }, prep.extra);
    }
    if (field === 'unit' && wanted) {
      // The units as a facet of the matching notices, not from the notices themselves: reading
      // the notice documents (each then holding its whole record) took ten times as long (67
      // against 2 ms at 10 000 notices). Up to maxValuesPerFacet (1 000) units, in name order.
      const [found] = await this.multi<NoticeDoc>([{
        indexUid: NOTICES_INDEX, q: exactPhrase(wanted, 'meta'), attributesToSearchOn: [...META_FIELDS], limit: 0, facets: ['unit'],
      }]);
      const units = Object.keys(found!.facetDistribution?.unit ?? {});
      if (!units.length) return [];
      filter = combine({ ...prep.filters, unit: `unit IN [${units.map(quote).join(', ')}]` }, prep.extra);
    }
    const [r] = await this.multi<ParagraphDoc>([{ indexUid: PARAGRAPHS_INDEX, ...baseBody(prep, field), filter, page: 1, hitsPerPage: 0, facets: fields }]);
    const values = shapeFacets(apiDistribution(r!.facetDistribution))[field].filter((v) => !wanted || normalize(`${v.value} ${v.label}`).includes(wanted));
    return opts.limit ? values.slice(0, opts.limit) : values;
  }

  /**
   * Paragraphs of the problems part (problem statements and their measures) that match the
   * search, counted by category × year and by unit: what the 统计 view charts.
   */
  async stats(prep: Prepared): Promise<StatsResponse> {
    const problems: Prepared = { ...prep, unit: 'paragraphs', extra: [...prep.extra, 'part = "problems"'] };
    const [byYear] = await this.multi<ParagraphDoc>([{ indexUid: PARAGRAPHS_INDEX, ...baseBody(problems), page: 1, hitsPerPage: 0, facets: ['year', 'unit'] }]);
    const years = Object.keys(byYear!.facetDistribution?.year ?? {}).map(Number).sort();
    const perYear = await this.multi<ParagraphDoc>(years.map((y) => ({
      indexUid: PARAGRAPHS_INDEX, ...baseBody({ ...problems, extra: [...problems.extra, `year = ${y}`] }), page: 1, hitsPerPage: 0, facets: facetFields('category', 'paragraphs'),
    })));
    const byCategoryYear: StatsResponse['byCategoryYear'] = [];
    years.forEach((year, i) => {
      for (const [field, counts] of Object.entries(apiDistribution(perYear[i]!.facetDistribution))) {
        for (const [code, count] of Object.entries(counts)) byCategoryYear.push({ category: code, label: categoryLabel(code), level: field.endsWith('lvl1') ? 1 : 2, year, count });
      }
    });
    const byUnit = Object.entries(byYear!.facetDistribution?.unit ?? {}).map(([unit, count]) => ({ unit, count })).sort((a, b) => b.count - a.count);
    return { byCategoryYear, byUnit, totalProblems: byYear!.totalHits };
  }

  async listNotices(filters: FilterParams, page: number, perPage: number): Promise<{ total: number; totalPages: number; notices: NoticeSummary[] }> {
    const [r] = await this.multi<NoticeDoc>([{
      indexUid: NOTICES_INDEX, q: '', filter: combine(fieldFilters(filters, 'notices')), sort: ['date:desc'], page, hitsPerPage: perPage, attributesToRetrieve: NOTICE_RETRIEVE,
    }]);
    return { total: r!.totalHits, totalPages: r!.totalPages, notices: r!.hits.map(summary) };
  }

  /** `archived`: a notice's record as the archive holds it (the index keeps no copy of records). */
  async related(record: NoticeRecord, archived: (id: string) => Promise<NoticeRecord | undefined>): Promise<RelatedNotices> {
    const date = Number((record.publishedDate ?? record.inspection.feedbackDate ?? '0').replaceAll('-', ''));
    const queries: SearchBody[] = [];
    if (record.unit) queries.push({ indexUid: NOTICES_INDEX, q: '', filter: `unit = ${quote(record.unit)} AND id != ${quote(record.id)}`, sort: ['date:asc'], limit: 100, attributesToRetrieve: NOTICE_RETRIEVE });
    const period = record.inspection.period?.from;
    if (record.inspection.group && period) {
      queries.push({ indexUid: NOTICES_INDEX, q: '', filter: `inspectionGroup = ${quote(record.inspection.group)} AND periodFrom = ${Number(period.replaceAll('-', ''))} AND id != ${quote(record.id)}`, sort: ['date:asc'], limit: 100, attributesToRetrieve: NOTICE_RETRIEVE });
    }
    const results = await this.multi<NoticeDoc>(queries);
    const sameUnitDocs = record.unit ? results.shift()!.hits : [];
    const sameRound = (results.shift()?.hits ?? []).filter((d) => d.unit !== record.unit).map(summary);
    const sameUnit = sameUnitDocs.map((d) => ({ ...summary(d), relation: (d.date ?? 0) < date ? 'earlier' as const : 'later' as const }));
    const previous = sameUnitDocs.filter((d) => (d.date ?? 0) < date).pop();
    let repeatedCategories: RelatedNotices['repeatedCategories'] = [];
    if (previous) {
      const prev = await archived(previous.id);
      if (prev) {
        const before = problemCategories(prev);
        repeatedCategories = [...problemCategories(record)].filter((c) => before.has(c)).map((code) => ({ code, label: categoryLabel(code), previousNoticeId: prev.id }));
      }
    }
    return { sameUnit, sameRound, repeatedCategories };
  }

  /** A paragraph or item by its id, or by an id it had before its text was corrected. */
  async segment(id: string): Promise<{ segment: SegmentView; resolvedFrom?: string } | undefined> {
    const q = quote(id);
    const [res] = await this.multi<ParagraphDoc>([{
      indexUid: PARAGRAPHS_INDEX, q: '', filter: `segmentIds = ${q} OR formerIds = ${q}`, limit: 100, sort: ['order:asc'], attributesToRetrieve: RETRIEVE,
    }]);
    // Its own id first (a paragraph whose lead is empty is shown by its first item); then an id it had before.
    const own = res!.hits.find((d) => d.segments.some((s) => s.id === id)) ?? res!.hits.find((d) => d.id === id);
    if (own) return { segment: segmentView(own, own.segments.find((s) => s.id === id) ?? own.segments[0]!) };
    for (const d of res!.hits) {
      const moved = d.segments.find((s) => s.formerIds.includes(id));
      if (moved) return { segment: segmentView(d, moved), resolvedFrom: id };
    }
    return undefined;
  }

  /** For /api/health: not queued behind searches, so a busy portal still reports itself alive. */
  async counts(): Promise<{ notices: number; paragraphs: number }> {
    const [n, s] = await this.multi([NOTICES_INDEX, PARAGRAPHS_INDEX].map((indexUid) => ({ indexUid, q: '', hitsPerPage: 0, page: 1 })), false);
    return { notices: n!.totalHits, paragraphs: s!.totalHits };
  }
}

/** One lead or item with what it shares with its paragraph (GET /api/paragraphs/:id). */
export type SegmentView = SegmentEntry & Pick<ParagraphDoc, 'noticeId' | 'headingPath' | 'part' | 'title' | 'unit' | 'year'> & { paragraphId: string };

function segmentView(d: ParagraphDoc, s: SegmentEntry): SegmentView {
  return { ...s, paragraphId: d.id, noticeId: d.noticeId, headingPath: d.headingPath, part: d.part, title: d.title, unit: d.unit, year: d.year };
}

/** The segments of the searched role (all of them when the search is not scoped). */
function inRole(segments: SegmentEntry[], role: Role | undefined): SegmentEntry[] {
  return role ? segments.filter((s) => s.role === role) : segments;
}

/** Category codes of a notice's problems (level 1 and the topics of problem segments). */
function problemCategories(r: NoticeRecord): Set<string> {
  const out = new Set<string>();
  for (const p of r.paragraphs) {
    if (p.part !== 'problems') continue;
    for (const c of [p.classification, ...p.items.map((i) => i.classification)]) {
      if (c?.lvl1 && c.lvl1.code !== 'unclassified' && p.role === 'problem') out.add(c.lvl1.code);
      for (const t of c?.topics ?? []) out.add(t.code);
    }
  }
  return out;
}

function summary(d: NoticeDoc): NoticeSummary {
  return {
    id: d.id, title: d.title, unit: d.unit, region: regionPath(d.region), year: d.year, level: d.level,
    publishedDate: d.publishedDate, inspectionGroup: d.inspectionGroup, url: `/notices/${d.id}`,
  };
}

/** `unitLimit`: the most frequent units only (contract/facet-limits.ts says why). */
export function shapeFacets(dist: Record<string, Record<string, number>>, unitLimit = Infinity): Facets {
  // Runs on every search over up to a thousand values per field: plain loops and slices.
  const list = (field: string, make: (value: string, count: number) => FacetValue): FacetValue[] => {
    const out: FacetValue[] = [];
    for (const [value, count] of Object.entries(dist[field] ?? {})) out.push(make(value, count));
    return out;
  };
  // Ties in code-point order: Unicode orders CJK ideographs by radical and stroke count, as
  // Chinese dictionaries do, and a parent region's path sorts before its children's. Pinyin
  // collation (localeCompare 'zh') cost 5–7 ms per search over a thousand values.
  const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
  const cats = categories();
  const plain = (value: string, count: number): FacetValue => ({ value, label: value, count });
  return {
    unit: list('unit', plain).sort(byCount).slice(0, unitLimit),
    region: [0, 1, 2].flatMap((l) => list(`region.lvl${l}`, (value, count) => (l
      ? { value, label: regionName(value), count, level: l + 1, parent: value.slice(0, value.lastIndexOf(' > ')) }
      : { value, label: value, count, level: 1 }))).sort(byCount),
    category: [
      ...list('category.lvl1', (value, count) => ({ value, label: categoryLabel(value), count, level: 1 })),
      ...list('category.lvl2', (value, count) => ({ value, label: categoryLabel(value), count, level: 2, parent: cats.get(value)?.parent })),
    ].sort(byCount),
    year: list('year', (value, count) => ({ value, label: `${value}年`, count })).sort((a, b) => Number(b.value) - Number(a.value)),
    level: list('level', plain).sort(byCount),
  };
}
