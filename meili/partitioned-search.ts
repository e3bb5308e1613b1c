/**
 * Searching partitions (meili/partitions.ts) as one Meilisearch, a SearchStore: takes the
 * queries of a multi-search and answers each in the shape a single Meilisearch gives (hits,
 * totalHits, totalPages, page, hitsPerPage or estimatedTotalHits, facetDistribution), so
 * server/search/service.ts does not know whether it searches one instance or several.
 *
 * Two ways, chosen per query (docs/scaling.md says why):
 *   - federated: one federated multi-search on a coordinator partition, with one query per
 *     partition (`federationOptions.remote`, Meilisearch's experimental `network` feature),
 *     facets merged by Meilisearch (`facetsByIndex` + `mergeFacets`). Used for first pages
 *     of queries without `distinct`: Meilisearch 1.21 merges hits by sort values or ranking
 *     score and sums the partitions' totals and facet counts, which is then exact.
 *   - fan-out: the query sent to every partition directly (page-based, so each answer is
 *     exhaustive), then merged here: totals and facet counts summed, hits merged by the sort
 *     fields, then by ranking score. Used for queries with `distinct` (federated search in
 *     1.21 counts documents, not distinct values, in its total and facets), for later
 *     pages (cheaper, see wayOf) and when federation is off or not available. Counting in paragraphs or notices adds up over
 *     partitions because a paragraph or notice lives in exactly one of them.
 * A partition that does not answer fails the whole query (never a silently partial result).
 */
import { type MeiliClient, MeiliUnavailableError } from './client.ts';
import type { Admit, SearchQuery, SearchResult, SearchStore } from './search-types.ts';
import { anyOf } from '../schema/filter.ts';

export type SearchPartition = { name: string; client: MeiliClient };
type Hit = Record<string, unknown> & { _rankingScore?: number };
type FacetDistribution = Record<string, Record<string, number>>;
type FacetStats = Record<string, { min: number; max: number }>;
type MeiliResult = {
  hits: Hit[];
  totalHits?: number;
  estimatedTotalHits?: number;
  processingTimeMs: number;
  facetDistribution?: FacetDistribution;
  facetStats?: FacetStats;
};
type FederatedResult = MeiliResult & { remoteErrors?: Record<string, { message: string; code?: string }> };

/**
 * Fields whose every value lives in one partition (partitions hold whole notices): a count
 * distinct on them is the sum of the partitions' counts.
 */
export const PARTITION_LOCAL_FIELDS: ReadonlySet<string> = new Set(['id', 'noticeId']);

type SortKey = { field: string; desc: boolean };
type Plan = {
  query: SearchQuery;
  pageMode: boolean;
  page: number;
  hitsPerPage: number;
  offset: number;
  limit: number;
  /** First hit of the answer, and how many. */
  from: number;
  size: number;
  sort: SortKey[];
  distinct?: string;
};

function planOf(query: SearchQuery): Plan {
  const pageMode = query.page !== undefined || query.hitsPerPage !== undefined;
  const page = Number(query.page ?? 1);
  const hitsPerPage = Number(query.hitsPerPage ?? 20);
  const offset = Number(query.offset ?? 0);
  const limit = Number(query.limit ?? 20);
  const sort = ((query.sort as string[] | undefined) ?? []).map((s) => {
    const m = /^([A-Za-z0-9_.]+):(asc|desc)$/.exec(s);
    if (!m) throw new Error(`partitioned search cannot merge hits sorted by "${s}"`);
    return { field: m[1]!, desc: m[2] === 'desc' };
  });
  const distinct = query.distinct as string | undefined;
  if (distinct && pageMode && !PARTITION_LOCAL_FIELDS.has(distinct)) {
    throw new Error(`partitioned search cannot count distinct "${distinct}" exactly: its values may be in several partitions`);
  }
  return {
    query,
    pageMode,
    page,
    hitsPerPage,
    offset,
    limit,
    sort,
    distinct,
    from: pageMode ? (page - 1) * hitsPerPage : offset,
    size: pageMode ? hitsPerPage : limit,
  };
}

function valueAt(doc: Record<string, unknown>, field: string): unknown {
  let v: unknown = doc;
  for (const k of field.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** Meilisearch's sort order: numbers before strings, documents without the field last either way. */
function compareValues(a: unknown, b: unknown, desc: boolean): number {
  const missingA = a === undefined || a === null || Array.isArray(a);
  const missingB = b === undefined || b === null || Array.isArray(b);
  if (missingA || missingB) return missingA === missingB ? 0 : missingA ? 1 : -1;
  let c: number;
  if (typeof a === 'number' && typeof b === 'number') c = a - b;
  else if (typeof a === 'number') c = -1;
  else if (typeof b === 'number') c = 1;
  else c = String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  return desc ? -c : c;
}

function comparator(sort: SortKey[]): (a: Hit, b: Hit) => number {
  return (a, b) => {
    for (const s of sort) {
      const c = compareValues(valueAt(a, s.field), valueAt(b, s.field), s.desc);
      if (c) return c;
    }
    return (b._rankingScore ?? 0) - (a._rankingScore ?? 0);
  };
}

/**
 * Merges the partitions' ranked lists, keeping each list's own order (a partition ranks its
 * hits exactly); equal hits keep partition order. With `unique`, a value of that field is
 * kept once (a `distinct` whose values may be in several partitions).
 */
function mergeRanked(lists: Hit[][], cmp: (a: Hit, b: Hit) => number, max: number, unique?: string): { hit: Hit; partition: number }[] {
  const at = lists.map(() => 0);
  const out: { hit: Hit; partition: number }[] = [];
  const seen = new Set<string>();
  while (out.length < max) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      if (at[i]! >= lists[i]!.length) continue;
      if (best < 0 || cmp(lists[i]![at[i]!]!, lists[best]![at[best]!]!) < 0) best = i;
    }
    if (best < 0) break;
    const hit = lists[best]![at[best]!++]!;
    if (unique) {
      const key = JSON.stringify(valueAt(hit, unique) ?? null);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push({ hit, partition: best });
  }
  return out;
}

function sumFacets(all: (FacetDistribution | undefined)[]): FacetDistribution {
  const out: FacetDistribution = {};
  for (const dist of all)
    for (const [field, values] of Object.entries(dist ?? {})) {
      const into = (out[field] ??= {});
      for (const [v, n] of Object.entries(values)) into[v] = (into[v] ?? 0) + n;
    }
  return out;
}

function mergeFacetStats(all: (FacetStats | undefined)[]): FacetStats {
  const out: FacetStats = {};
  for (const stats of all)
    for (const [field, s] of Object.entries(stats ?? {})) {
      const o = out[field];
      out[field] = o ? { min: Math.min(o.min, s.min), max: Math.max(o.max, s.max) } : { ...s };
    }
  return out;
}

function withoutScore(hit: Hit, keep: boolean): Hit {
  if (keep) return hit;
  const { _rankingScore, ...rest } = hit;
  return rest;
}

export class PartitionedSearch implements SearchStore {
  /**
   * `coordinator`: a partition's search client on which the `network` feature is set up
   * (every partition registered as a remote); without it every query is fanned out.
   */
  constructor(
    readonly partitions: SearchPartition[],
    readonly coordinator?: MeiliClient,
    private readonly maxValuesPerFacet = 1000,
  ) {
    if (!partitions.length) throw new Error('partitioned search needs at least one partition');
  }

  /**
   * Which way a query goes: federated when that is exact (no `distinct`) and the answer
   * starts at the first hit. For a later page Meilisearch's federation asks every partition
   * for all documents up to the page, where fanning out ranks on keys only (measured in
   * docs/scaling.md: page 20 of the notice list 300 ms federated, 159 ms fanned out).
   */
  wayOf(query: SearchQuery): 'federated' | 'fan-out' {
    if (!this.coordinator || query.distinct) return 'fan-out';
    const p = planOf(query);
    return p.from > 0 && p.size > 0 ? 'fan-out' : 'federated';
  }

  /**
   * The answers to `queries`, in order, each shaped like a single Meilisearch's. They are
   * admitted together: each partition gets them all in one request.
   */
  multiSearch<H>(queries: SearchQuery[], admit: Admit = (send) => send()): Promise<SearchResult<H>[]> {
    return admit(() => this.answer<H>(queries));
  }

  private async answer<H>(queries: SearchQuery[]): Promise<SearchResult<H>[]> {
    const plans = queries.map(planOf);
    const fanned = plans.filter((p) => this.wayOf(p.query) === 'fan-out');
    const [fanResults, fedResults] = await Promise.all([
      this.fanOut(fanned),
      Promise.all(plans.filter((p) => this.wayOf(p.query) === 'federated').map((p) => this.federate(p))),
    ]);
    let f = 0;
    let d = 0;
    // Offset-based queries (tools only) are answered with Meilisearch's offset-based shape.
    return plans.map((p) => (this.wayOf(p.query) === 'fan-out' ? fanResults[f++] : fedResults[d++]) as unknown as SearchResult<H>);
  }

  private shape(
    p: Plan,
    hits: Hit[],
    total: number,
    processingTimeMs: number,
    facetDistribution?: FacetDistribution,
    facetStats?: FacetStats,
  ): Record<string, unknown> {
    const facets = Array.isArray(p.query.facets) ? { facetDistribution: facetDistribution ?? {}, facetStats: facetStats ?? {} } : {};
    const common = { indexUid: p.query.indexUid, query: p.query.q ?? '', hits, processingTimeMs, ...facets };
    return p.pageMode
      ? {
          ...common,
          page: p.page,
          hitsPerPage: p.hitsPerPage,
          totalHits: total,
          totalPages: p.hitsPerPage ? Math.ceil(total / p.hitsPerPage) : 0,
        }
      : { ...common, offset: p.offset, limit: p.limit, estimatedTotalHits: total };
  }

  /** One federated multi-search over every partition. */
  private async federate(p: Plan): Promise<Record<string, unknown>> {
    const { page, hitsPerPage, offset, limit, facets, indexUid, ...rest } = p.query;
    const facetList = Array.isArray(facets) ? (facets as string[]) : [];
    const federation = {
      offset: p.from,
      limit: p.size,
      ...(facetList.length ? { facetsByIndex: { [indexUid]: facetList }, mergeFacets: { maxValuesPerFacet: this.maxValuesPerFacet } } : {}),
    };
    const r = await this.coordinator!.request<FederatedResult>('POST', '/multi-search', {
      federation,
      queries: this.partitions.map((part) => ({ indexUid, ...rest, federationOptions: { remote: part.name } })),
    });
    const failed = Object.entries(r.remoteErrors ?? {});
    if (failed.length) {
      throw new MeiliUnavailableError(
        `partition(s) ${failed.map(([name, e]) => `${name}: ${e.message.split('\n')[0]}`).join('; ')} did not answer the federated search`,
      );
    }
    const hits = r.hits.map(({ _federation, ...h }) => h as Hit);
    return this.shape(p, hits, r.estimatedTotalHits ?? 0, r.processingTimeMs, r.facetDistribution, r.facetStats);
  }

  /**
   * Every query sent to every partition (one multi-search per partition), asking each for
   * all hits up to the end of the requested page; merged here. For a page after the first,
   * the partitions first send only what ranks the hits (id, sort fields, ranking score) and
   * the page's documents are fetched by id afterwards.
   */
  private async fanOut(plans: Plan[]): Promise<Record<string, unknown>[]> {
    if (!plans.length) return [];
    const keysOnly = plans.map((p) => p.from > 0 && p.size > 0);
    const bodies = plans.map((p, i) => {
      const { page, hitsPerPage, offset, limit, attributesToRetrieve, showRankingScore, ...rest } = p.query;
      const window = p.from + p.size;
      const local = !p.distinct || PARTITION_LOCAL_FIELDS.has(p.distinct);
      const attributes = keysOnly[i]
        ? [...new Set(['id', ...p.sort.map((s) => s.field), ...(local ? [] : [p.distinct!])])]
        : (attributesToRetrieve as string[] | undefined);
      return {
        ...rest,
        showRankingScore: true,
        ...(attributes ? { attributesToRetrieve: attributes } : {}),
        ...(p.pageMode ? { page: 1, hitsPerPage: window } : { offset: 0, limit: window }),
      };
    });
    const answers = await Promise.all(this.partitions.map((part) => this.multiOn(part, bodies)));

    const merged = plans.map((p, i) => {
      const local = !p.distinct || PARTITION_LOCAL_FIELDS.has(p.distinct);
      const ranked = mergeRanked(
        answers.map((a) => a[i]!.hits),
        comparator(p.sort),
        p.from + p.size,
        local ? undefined : p.distinct,
      );
      return ranked.slice(p.from, p.from + p.size);
    });

    // Deep pages: the documents of the page, from the partitions that hold them.
    const fetched = new Map<string, Hit>();
    const wanted = this.partitions.map((_, part) =>
      plans
        .flatMap((_p, i) => (keysOnly[i] ? [{ i, ids: merged[i]!.filter((m) => m.partition === part).map((m) => String(m.hit.id)) }] : []))
        .filter((w) => w.ids.length),
    );
    await Promise.all(
      this.partitions.map(async (part, n) => {
        const want = wanted[n]!;
        if (!want.length) return;
        const docs = await this.multiOn(
          part,
          want.map(({ i, ids }) => ({
            indexUid: plans[i]!.query.indexUid,
            q: '',
            filter: anyOf('id', ids),
            limit: ids.length,
            ...(plans[i]!.query.attributesToRetrieve ? { attributesToRetrieve: plans[i]!.query.attributesToRetrieve } : {}),
          })),
        );
        want.forEach(({ i }, k) => {
          for (const d of docs[k]!.hits) fetched.set(`${i}:${n}:${String(d.id)}`, d);
        });
      }),
    );

    return plans.map((p, i) => {
      const keep = p.query.showRankingScore === true;
      const hits = merged[i]!.flatMap(({ hit, partition }) => {
        if (!keysOnly[i]) return [withoutScore(hit, keep)];
        const doc = fetched.get(`${i}:${partition}:${String(hit.id)}`);
        // Deleted between the two requests: left out, as a single Meilisearch would not have it.
        return doc ? [keep ? { ...doc, _rankingScore: hit._rankingScore } : doc] : [];
      });
      const results = answers.map((a) => a[i]!);
      const total = results.reduce((n, r) => n + (r.totalHits ?? r.estimatedTotalHits ?? 0), 0);
      return this.shape(
        p,
        hits,
        total,
        Math.max(...results.map((r) => r.processingTimeMs)),
        sumFacets(results.map((r) => r.facetDistribution)),
        mergeFacetStats(results.map((r) => r.facetStats)),
      );
    });
  }

  private async multiOn(part: SearchPartition, queries: Record<string, unknown>[]): Promise<MeiliResult[]> {
    try {
      return (await part.client.request<{ results: MeiliResult[] }>('POST', '/multi-search', { queries })).results;
    } catch (e) {
      (e as Error).message = `partition ${part.name}: ${(e as Error).message}`;
      throw e;
    }
  }
}
