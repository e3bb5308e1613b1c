/**
 * Search and lookup against Meilisearch, with the search-only key. Returns API shapes.
 * Totals are exact (page-based pagination, maxTotalHits far above any page depth); facet
 * counts are exact and computed per field with that field's own filter removed; in the
 * notices view everything is counted in notices (distinct noticeId).
 */
import type { FacetValue, Facets, NoticeHit, NoticeSummary, RelatedNotices, SearchHit, SearchParams, SearchResponse, StatsResponse } from '../../contract/api.ts';
import { DEFAULT_UNIT_FACET_LIMIT, FILTER_FIELDS, type FilterField, type FilterParams } from '../../contract/api.ts';
import type { NoticeDoc, SegmentDoc } from '../../contract/search-doc.ts';
import type { NoticeRecord } from '../../contract/notice.ts';
import type { MeiliClient } from '../../meili/client.ts';
import { PartitionedSearch } from '../../meili/partitioned-search.ts';
import { NOTICES_INDEX, SEGMENTS_INDEX } from '../../meili/indexes.ts';
import { highlight, matchRanges, snippet } from './highlight.ts';
import { planQuery, type QueryPlan } from './query-plan.ts';
import { combine, fieldFilters, quote, type FieldFilters } from './filters.ts';
import { categories, categoryLabel, regionLabel } from './labels.ts';
import type { SearchGate } from './gate.ts';
import { META_FIELDS, exactPhrase } from '../../indexer/segment/fields.ts';
import { normalize } from '../../indexer/segment/normalize.ts';

/** Everything but the search-only fields, which are large and useless to clients. */
const RETRIEVE = ['id', 'noticeId', 'paragraphId', 'order', 'part', 'role', 'itemLabel', 'headingPath', 'text', 'title', 'unit', 'region', 'year', 'level', 'date', 'category', 'pcategory', 'formerIds'];
const NOTICE_RETRIEVE = ['id', 'title', 'unit', 'region', 'year', 'level', 'date', 'publishedDate', 'inspectionGroup', 'periodFrom', 'categories'];

/**
 * The unit a view counts in, and the category field that belongs to it: a paragraph (or a
 * notice) has the categories of all its segments, so facet counts and filters agree.
 */
const VIEW_UNITS = {
  paragraphs: { distinct: 'paragraphId', category: 'pcategory' },
  notices: { distinct: 'noticeId', category: 'ncategory' },
  /** Problems are counted one by one, each with its own category (statistics). */
  segments: { distinct: undefined, category: 'category' },
} as const;
type CountUnit = keyof typeof VIEW_UNITS;

/** Meilisearch fields behind each facet of the API. */
function facetFields(field: FilterField, unit: CountUnit): string[] {
  switch (field) {
    case 'region': return ['region.lvl0', 'region.lvl1', 'region.lvl2'];
    case 'category': return [`${VIEW_UNITS[unit].category}.lvl1`, `${VIEW_UNITS[unit].category}.lvl2`];
    default: return [field];
  }
}

/** Facet distributions keyed by the API's names (pcategory.lvl1 → category.lvl1). */
function apiDistribution(dist: Record<string, Record<string, number>> | undefined): Record<string, Record<string, number>> {
  return Object.fromEntries(Object.entries(dist ?? {}).map(([k, v]) => [k.replace(/^[pn]category\./, 'category.'), v]));
}

type MeiliSearchResult<T> = { hits: T[]; totalHits: number; totalPages: number; page: number; hitsPerPage: number; processingTimeMs: number; facetDistribution?: Record<string, Record<string, number>> };
type SearchBody = Record<string, unknown>;

/** Search parameters; the unit facet's length is for the search page only (export and feed have none). */
export type SearchInput = Omit<SearchParams, 'unitFacetLimit'> & Partial<Pick<SearchParams, 'unitFacetLimit'>>;

export function permalink(noticeId: string, segmentId: string): string {
  return `/notices/${noticeId}#${segmentId}`;
}

export function regionPath(r: SegmentDoc['region']): string[] {
  const deepest = r?.lvl2 ?? r?.lvl1 ?? r?.lvl0;
  return deepest ? deepest.split(' > ') : [];
}

export function clauseInputs(p: Pick<SearchParams, 'q' | 'mode' | 'scope'>) {
  const pick = <T>(values: T[], i: number, fallback: T): T => (values.length === 1 ? values[0]! : values[i] ?? fallback);
  return p.q.map((q, i) => ({ q, mode: pick(p.mode, i, 'words' as const), scope: pick(p.scope, i, 'all' as const) }));
}

/** What one search request needs, shared by search, export, stats, facet search and the feed. */
export type Prepared = { plan: QueryPlan; filters: FieldFilters; extra: (string | undefined)[]; unit: CountUnit };

/** Within one notice (its page's hit navigator) every paragraph lead and item is a hit of its own. */
export function prepare(p: FilterParams & Pick<SearchParams, 'q' | 'mode' | 'scope'> & { notice?: string; view?: SearchParams['view'] }, unit: CountUnit = p.notice ? 'segments' : (p.view ?? 'paragraphs')): Prepared {
  const plan = planQuery(clauseInputs(p));
  return { plan, unit, filters: fieldFilters(p, 'segments', VIEW_UNITS[unit].category), extra: [plan.roleFilter, p.notice ? `noticeId = ${quote(p.notice)}` : undefined] };
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
  constructor(private readonly meili: MeiliClient | PartitionedSearch, private readonly gate?: SearchGate) {}

  private multi<T>(queries: SearchBody[], gated = true): Promise<MeiliSearchResult<T>[]> {
    if (!queries.length) return Promise.resolve([]);
    const send = () => (this.meili instanceof PartitionedSearch
      ? this.meili.multi<MeiliSearchResult<T>>(queries as (SearchBody & { indexUid: string })[])
      : this.meili.request<{ results: MeiliSearchResult<T>[] }>('POST', '/multi-search', { queries }).then((r) => r.results));
    return this.gate && gated ? this.gate.run(send) : send();
  }

  /** The Meilisearch request of the main query (also used by the benchmark to compare). */
  mainRequest(p: SearchInput, prep = prepare(p)): SearchBody {
    return {
      indexUid: SEGMENTS_INDEX, ...baseBody(prep), page: p.page, hitsPerPage: p.perPage,
      attributesToRetrieve: RETRIEVE, sort: sortOf(p.sort, prep.plan.q),
    };
  }

  async search(p: SearchInput): Promise<SearchResponse> {
    const prep = prepare(p);
    const active = FILTER_FIELDS.filter((f) => prep.filters[f]);
    const inactiveFacets = FILTER_FIELDS.filter((f) => !prep.filters[f]).flatMap((f) => facetFields(f, prep.unit));
    const main = { ...this.mainRequest(p, prep), facets: inactiveFacets };
    // Disjunctive facets: each active field counted without its own filter.
    const perField = active.map((f) => ({ indexUid: SEGMENTS_INDEX, ...baseBody(prep, f), page: 1, hitsPerPage: 0, facets: facetFields(f, prep.unit) }));
    const [res, ...fieldResults] = await this.multi<SegmentDoc>([main, ...perField]);
    const distribution = apiDistribution(res!.facetDistribution);
    for (const r of fieldResults) Object.assign(distribution, apiDistribution(r.facetDistribution));
    return {
      clauses: prep.plan.clauses,
      view: p.view,
      total: res!.totalHits,
      page: res!.page,
      perPage: res!.hitsPerPage,
      totalPages: res!.totalPages,
      processingTimeMs: res!.processingTimeMs,
      hits: res!.hits.map((d) => this.toHit(d, prep.plan.highlightTerms)),
      noticeHits: p.view === 'notices' ? await this.noticeHits(res!.hits, prep) : undefined,
      facets: shapeFacets(distribution, p.unitFacetLimit ?? DEFAULT_UNIT_FACET_LIMIT),
    };
  }

  /** Each notice's best paragraphs, and how many of its paragraphs match. */
  private async noticeHits(best: SegmentDoc[], notices: Prepared): Promise<NoticeHit[]> {
    if (!best.length) return [];
    const prep: Prepared = { ...notices, unit: 'paragraphs' };
    const ids = best.map((b) => quote(b.noticeId)).join(', ');
    const [docs, ...results] = await this.multi<SegmentDoc & NoticeDoc>([
      { indexUid: NOTICES_INDEX, q: '', filter: `id IN [${ids}]`, limit: best.length, attributesToRetrieve: ['id', 'publishedDate'] },
      ...best.map((b) => ({
        indexUid: SEGMENTS_INDEX, ...baseBody(prep), page: 1, hitsPerPage: 3, attributesToRetrieve: RETRIEVE,
        filter: combine(prep.filters, [...prep.extra, `noticeId = ${quote(b.noticeId)}`]),
      })),
    ]);
    const published = new Map(docs!.hits.map((d) => [d.id, d.publishedDate]));
    return best.map((b, i) => ({
      noticeId: b.noticeId, title: b.title, unit: b.unit, region: regionPath(b.region), year: b.year, level: b.level,
      publishedDate: published.get(b.noticeId), url: `/notices/${b.noticeId}`,
      matches: results[i]!.totalHits,
      paragraphs: results[i]!.hits.map((d) => this.toHit(d, prep.plan.highlightTerms)),
    }));
  }

  toHit(d: SegmentDoc, terms: string[]): SearchHit {
    const ranges = matchRanges(d.text, terms);
    const lvl1 = d.category?.lvl1 ?? d.pcategory?.lvl1[0];
    return {
      id: d.id, noticeId: d.noticeId, paragraphId: d.paragraphId, title: d.title, unit: d.unit,
      region: regionPath(d.region), year: d.year, level: d.level, part: d.part, role: d.role, itemLabel: d.itemLabel,
      headingPath: d.headingPath,
      // A hit stands for its paragraph: it shows the paragraph's categories, which are what
      // the category filter and facet count in the paragraphs view.
      category: {
        lvl1: lvl1 ? { code: lvl1, label: categoryLabel(lvl1) } : undefined,
        lvl2: (d.pcategory?.lvl2 ?? d.category?.lvl2 ?? []).map((code) => ({ code, label: categoryLabel(code) })),
      },
      text: d.text,
      highlighted: highlight(d.text, ranges), snippet: snippet(d.text, ranges), url: permalink(d.noticeId, d.id),
    };
  }

  /** Every hit of a search, page by page, for export. */
  async *allHits(p: SearchInput, limit: number): AsyncGenerator<SearchHit> {
    const prep = prepare(p, 'paragraphs');
    let sent = 0;
    for (let page = 1; sent < limit; page++) {
      const [r] = await this.multi<SegmentDoc>([{ ...this.mainRequest({ ...p, view: 'paragraphs', page, perPage: 1000 }, prep) }]);
      for (const d of r!.hits) {
        if (sent++ >= limit) return;
        yield this.toHit(d, prep.plan.highlightTerms);
      }
      if (page >= r!.totalPages) return;
    }
  }

  /**
   * Values of one facet containing `facetQuery` (a unit among thousands), counted in segments
   * of the current search without the field's own filter. Meilisearch's facet search only
   * matches from the start of a value, so unit names are found through their gram fields in
   * the notices index, then counted here.
   */
  async facetSearch(field: FilterField, facetQuery: string, prep: Prepared): Promise<FacetValue[]> {
    const wanted = normalize(facetQuery);
    let filter = combine(prep.filters, prep.extra, field);
    if (field === 'unit' && wanted) {
      const [found] = await this.multi<NoticeDoc>([{
        indexUid: NOTICES_INDEX, q: exactPhrase(wanted, 'meta'), attributesToSearchOn: [...META_FIELDS], distinct: 'unit', limit: 100, attributesToRetrieve: ['unit'],
      }]);
      const units = found!.hits.map((h) => h.unit).filter((u): u is string => !!u);
      if (!units.length) return [];
      filter = combine({ ...prep.filters, unit: `unit IN [${units.map(quote).join(', ')}]` }, prep.extra);
    }
    const [r] = await this.multi<SegmentDoc>([{ indexUid: SEGMENTS_INDEX, ...baseBody(prep, field), filter, page: 1, hitsPerPage: 0, facets: facetFields(field, prep.unit) }]);
    return shapeFacets(apiDistribution(r!.facetDistribution))[field].filter((v) => !wanted || normalize(`${v.value} ${v.label}`).includes(wanted));
  }

  /**
   * Paragraphs of the problems part (problem statements and their measures) that match the
   * search, counted by category × year and by unit: what the 统计 view charts.
   */
  async stats(prep: Prepared): Promise<StatsResponse> {
    const problems: Prepared = { ...prep, unit: 'paragraphs', extra: [...prep.extra, 'part = "problems"'] };
    const [byYear] = await this.multi<SegmentDoc>([{ indexUid: SEGMENTS_INDEX, ...baseBody(problems), page: 1, hitsPerPage: 0, facets: ['year', 'unit'] }]);
    const years = Object.keys(byYear!.facetDistribution?.year ?? {}).map(Number).sort();
    const perYear = await this.multi<SegmentDoc>(years.map((y) => ({
      indexUid: SEGMENTS_INDEX, ...baseBody({ ...problems, extra: [...problems.extra, `year = ${y}`] }), page: 1, hitsPerPage: 0, facets: facetFields('category', 'paragraphs'),
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

  async notice(id: string): Promise<NoticeRecord | undefined> {
    const [r] = await this.multi<NoticeDoc>([{ indexUid: NOTICES_INDEX, q: '', filter: `id = ${quote(id)}`, limit: 1, attributesToRetrieve: ['record'] }]);
    return r!.hits[0]?.record;
  }

  async listNotices(filters: FilterParams, page: number, perPage: number): Promise<{ total: number; totalPages: number; notices: NoticeSummary[] }> {
    const [r] = await this.multi<NoticeDoc>([{
      indexUid: NOTICES_INDEX, q: '', filter: combine(fieldFilters(filters, 'notices')), sort: ['date:desc'], page, hitsPerPage: perPage, attributesToRetrieve: NOTICE_RETRIEVE,
    }]);
    return { total: r!.totalHits, totalPages: r!.totalPages, notices: r!.hits.map(summary) };
  }

  async related(record: NoticeRecord): Promise<RelatedNotices> {
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
      const prev = await this.notice(previous.id);
      if (prev) {
        const before = problemCategories(prev);
        repeatedCategories = [...problemCategories(record)].filter((c) => before.has(c)).map((code) => ({ code, label: categoryLabel(code), previousNoticeId: prev.id }));
      }
    }
    return { sameUnit, sameRound, repeatedCategories };
  }

  /** A paragraph or item by its id, or by an id it had before its text was corrected. */
  async segment(id: string): Promise<{ segment: SegmentDoc; resolvedFrom?: string } | undefined> {
    const q = quote(id);
    const [res] = await this.multi<SegmentDoc>([{
      indexUid: SEGMENTS_INDEX, q: '', filter: `id = ${q} OR paragraphId = ${q} OR formerIds = ${q}`, limit: 1000, sort: ['order:asc'], attributesToRetrieve: RETRIEVE,
    }]);
    // Its own id first; then a paragraph whose lead is empty is found by its first item.
    const own = res!.hits.find((h) => h.id === id) ?? res!.hits.find((h) => h.paragraphId === id);
    if (own) return { segment: own };
    const moved = res!.hits[0];
    return moved ? { segment: moved, resolvedFrom: id } : undefined;
  }

  /** For /api/health: not queued behind searches, so a busy portal still reports itself alive. */
  async counts(): Promise<{ notices: number; segments: number }> {
    const [n, s] = await this.multi([NOTICES_INDEX, SEGMENTS_INDEX].map((indexUid) => ({ indexUid, q: '', hitsPerPage: 0, page: 1 })), false);
    return { notices: n!.totalHits, segments: s!.totalHits };
  }
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

/** `unitLimit`: the most frequent units only (contract/api.ts DEFAULT_UNIT_FACET_LIMIT says why). */
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
      ? { value, label: regionLabel(value), count, level: l + 1, parent: value.slice(0, value.lastIndexOf(' > ')) }
      : { value, label: value, count, level: 1 }))).sort(byCount),
    category: [
      ...list('category.lvl1', (value, count) => ({ value, label: categoryLabel(value), count, level: 1 })),
      ...list('category.lvl2', (value, count) => ({ value, label: categoryLabel(value), count, level: 2, parent: cats.get(value)?.parent })),
    ].sort(byCount),
    year: list('year', (value, count) => ({ value, label: `${value}年`, count })).sort((a, b) => Number(b.value) - Number(a.value)),
    level: list('level', plain).sort(byCount),
  };
}
