/**
 * Search correctness at scale: exact totals and facet counts, from Meilisearch directly and
 * through the HTTP API, against the generator's ground truth (bench/generator/truth.ts).
 *
 * Meilisearch directly: one document per segment; `distinct: paragraphId` counts paragraphs,
 * `distinct: noticeId` notices. The query is the exact-mode query of schema/fields.ts
 * (substring of the normalised text), built here independently of the API's query planner.
 * The API: its paragraphs view (default) counts paragraphs, its notices view notices, in
 * `total` and in `facets`; filters (year, region, level) must give the truth's facet counts.
 */
import type { IndexStore } from '../../meili/index-store.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import { GRAM_FIELDS, MEASURE_GRAM_FIELDS, exactPhrase } from '../../schema/fields.ts';
import { normalize } from '../../text/normalize.ts';
import type { Counted, CorpusTruth, Counts, UnitCounts } from '../generator/truth.ts';
import { getJson } from './api.ts';

export type Mismatch = { check: string; got: number | string | undefined; want: number | string };
export type CheckReport = { checks: number; passed: number; mismatches: Mismatch[]; notes: string[] };

/** Facets compared: truth key → Meilisearch field. */
const MEILI_FACETS = { year: 'year', province: 'region.lvl0', level: 'level', unit: 'unit' } as const;
type FacetKey = keyof typeof MEILI_FACETS;
/** Meilisearch returns at most this many values per facet (schema/indexes.ts, faceting.maxValuesPerFacet). */
const MAX_FACET_VALUES = 1000;

class Checker {
  readonly report: CheckReport = { checks: 0, passed: 0, mismatches: [], notes: [] };

  eq(check: string, got: number | undefined, want: number): void {
    this.report.checks++;
    if (got === want) this.report.passed++;
    else this.report.mismatches.push({ check, got, want });
  }

  /** Every returned value must have its true count; every true value must be returned unless the facet is truncated. */
  facet(check: string, got: Counts | undefined, want: Counts, listsTop?: boolean): void {
    if (!got) {
      this.fail(check, 'no facet distribution', 'a distribution');
      return;
    }
    const wantKeys = Object.keys(want);
    // Meilisearch returns at most MAX_FACET_VALUES values; the API may list only the top ones.
    const truncated =
      (Object.keys(got).length >= MAX_FACET_VALUES && wantKeys.length > MAX_FACET_VALUES) ||
      (!!listsTop && Object.keys(got).length < wantKeys.length);
    let bad = 0;
    const first: string[] = [];
    for (const [k, v] of Object.entries(got))
      if (want[k] !== v) {
        bad++;
        if (first.length < 3) first.push(`${k}: ${v} ≠ ${want[k] ?? 0}`);
      }
    if (!truncated)
      for (const k of wantKeys)
        if (!(k in got)) {
          bad++;
          if (first.length < 3) first.push(`${k}: missing (${want[k]})`);
        }
    this.report.checks++;
    if (!bad) this.report.passed++;
    else this.report.mismatches.push({ check: `${check} (${bad} values differ)`, got: first.join('; '), want: 'truth' });
    if (truncated)
      this.note(
        `${check.replace(/"[^"]*"|phone \S+/, '…')}: only the values returned (top ${Object.keys(got).length} of ${wantKeys.length}) were compared`,
      );
  }

  fail(check: string, got: string, want: string): void {
    this.report.checks++;
    this.report.mismatches.push({ check, got, want });
  }

  note(n: string): void {
    if (!this.report.notes.includes(n)) this.report.notes.push(n);
  }
}

type MeiliResult = { totalHits: number; facetDistribution?: Record<string, Counts> };

/** The year/province/level with the most matches: values worth filtering on. */
export function topValue(c: Counts): string | undefined {
  return Object.entries(c).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

export async function checkMeili(store: IndexStore, truth: CorpusTruth): Promise<CheckReport> {
  const ck = new Checker();
  ck.eq('meili: paragraphs index documents', await store.documentCount(PARAGRAPHS_INDEX), truth.all.paragraphs.total);
  ck.eq('meili: notices index documents', await store.documentCount(NOTICES_INDEX), truth.all.notices.total);
  const search = async (q: string, distinct?: string): Promise<MeiliResult> =>
    (
      await store.multiSearch<never>([
        {
          indexUid: PARAGRAPHS_INDEX,
          q,
          ...(q ? { attributesToSearchOn: [...GRAM_FIELDS, ...MEASURE_GRAM_FIELDS] } : {}),
          matchingStrategy: 'all',
          page: 1,
          hitsPerPage: 0,
          facets: Object.values(MEILI_FACETS),
          ...(distinct ? { distinct } : {}),
        },
      ])
    )[0]!;
  const compare = async (label: string, q: string, c: Counted) => {
    // One document per paragraph: segments (leads and items) are not counted by Meilisearch.
    for (const [unit, distinct] of [
      ['paragraphs', undefined],
      ['notices', 'noticeId'],
    ] as const) {
      const r = await search(q, distinct);
      const want: UnitCounts = c[unit];
      ck.eq(`meili: ${label} ${unit}`, r.totalHits, want.total);
      for (const key of Object.keys(MEILI_FACETS) as FacetKey[])
        ck.facet(`meili: ${label} ${unit} by ${key}`, r.facetDistribution?.[MEILI_FACETS[key]], want.by[key]);
    }
  };
  await compare('all', '', truth.all);
  for (const t of truth.terms) await compare(`"${t.term}" (exact)`, exactPhrase(normalize(t.term)), t);
  for (const p of truth.phones) await compare(`phone ${p.phone}`, exactPhrase(normalize(p.phone)), p);
  return ck.report;
}

type ApiFacetValue = { value: string; count: number; level?: number };

/** API facets (contract/api.ts Facets) → truth keys. Region: the province level only. */
function apiFacets(body: any): Partial<Record<FacetKey, Counts>> | undefined {
  const f = body?.facets;
  if (!f || typeof f !== 'object') return undefined;
  const toCounts = (list: ApiFacetValue[] | undefined, keep: (v: ApiFacetValue) => boolean = () => true): Counts | undefined =>
    Array.isArray(list) ? Object.fromEntries(list.filter(keep).map((v) => [String(v.value), v.count])) : undefined;
  return {
    year: toCounts(f.year),
    level: toCounts(f.level),
    unit: toCounts(f.unit),
    province: toCounts(f.region, (v) => !String(v.value).includes('>')),
  };
}

export async function checkApi(apiUrl: string, truth: CorpusTruth): Promise<CheckReport> {
  const ck = new Checker();
  const get = async (label: string, params: Record<string, string>) => {
    // Units are counted in a search only when asked for (contract/constants.ts).
    const qs = new URLSearchParams({ ...params, perPage: '1', unitFacetLimit: '1000' }).toString();
    const r = await getJson(`${apiUrl}/api/search?${qs}`);
    if (r.status !== 200) {
      ck.fail(`api: ${label}`, `HTTP ${r.status} ${JSON.stringify(r.body?.error ?? r.body).slice(0, 160)}`, 'HTTP 200');
      return undefined;
    }
    return r.body;
  };
  const compare = async (label: string, params: Record<string, string>, c: Counted, filters: boolean) => {
    for (const [unit, view] of [
      ['paragraphs', 'paragraphs'],
      ['notices', 'notices'],
    ] as const) {
      const want = c[unit];
      const body = await get(`${label} ${unit}`, { ...params, view });
      if (!body) continue;
      ck.eq(`api: ${label} ${unit} total`, body.total, want.total);
      const facets = apiFacets(body);
      if (!facets) ck.note('api: the response has no facets: facet counts not checked through the API');
      else
        for (const key of ['year', 'province', 'level', 'unit'] as FacetKey[]) {
          if (facets[key]) ck.facet(`api: ${label} ${unit} by ${key}`, facets[key], want.by[key], true);
        }
      if (!filters) continue;
      // Filtered totals: the facet counts of the truth.
      const year = topValue(want.by.year),
        province = topValue(want.by.province),
        level = topValue(want.by.level);
      if (year) {
        const b = await get(`${label} ${unit} year=${year}`, { ...params, view, year });
        if (b) ck.eq(`api: ${label} ${unit} year=${year} total`, b.total, want.by.year[year]!);
      }
      if (province) {
        const b = await get(`${label} ${unit} region=${province}`, { ...params, view, region: province });
        if (b) ck.eq(`api: ${label} ${unit} region=${province} total`, b.total, want.by.province[province]!);
      }
      if (level) {
        const b = await get(`${label} ${unit} level=${level}`, { ...params, view, level });
        if (b) ck.eq(`api: ${label} ${unit} level=${level} total`, b.total, want.by.level[level]!);
      }
    }
  };
  await compare('all', { q: '' }, truth.all, true);
  for (const t of truth.terms) await compare(`"${t.term}" exact`, { q: t.term, mode: 'exact' }, t, true);
  for (const p of truth.phones) await compare(`phone ${p.phone}`, { q: p.phone, mode: 'exact' }, p, false);
  return ck.report;
}
