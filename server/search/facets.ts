/**
 * Facets: which Meilisearch fields stand behind each API facet, their counts shaped as the API
 * lists them, and the search inside one facet (GET /api/facets/:field).
 */
import type { FacetValue, Facets } from '../../contract/api.ts';
import { type FilterField, UNKNOWN_YEAR, UNKNOWN_YEAR_LABEL } from '../../contract/constants.ts';
import { regionName } from '../../contract/regions.ts';
import type { FacetDistribution } from '../../meili/search-types.ts';
import type { NoticeDoc, ParagraphDoc } from '../../schema/documents.ts';
import { META_FIELDS, exactPhrase } from '../../schema/fields.ts';
import { anyOf } from '../../schema/filter.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import { normalize } from '../../text/normalize.ts';
import type { SearchContext } from './context.ts';
import { combine, regionFilter, regionPathOf, regionsContaining } from './filters.ts';
import { categories, categoryLabel } from './labels.ts';
import { baseQuery, VIEW_UNITS, type CountUnit, type PlannedSearch } from './plan.ts';

const REGION_LEVELS = ['region.lvl0', 'region.lvl1', 'region.lvl2'];

/**
 * Meilisearch fields behind each facet of the API: a search counts regions by province
 * (`regionDepth` 1) and leaves cities and counties to GET /api/facets/region?parent=, since
 * Meilisearch's time for a facet grows with the number of values it returns.
 */
export function facetFields(field: FilterField, unit: CountUnit, regionDepth = REGION_LEVELS.length): string[] {
  switch (field) {
    case 'region':
      return REGION_LEVELS.slice(0, regionDepth);
    case 'category':
      return [`${VIEW_UNITS[unit].category}.lvl1`, `${VIEW_UNITS[unit].category}.lvl2`];
    default:
      return [field];
  }
}

/** The main query's facets and those of the disjunctive queries, as the API lists them. */
export function mergedFacets(results: { facetDistribution?: FacetDistribution; totalHits?: number }[], unitLimit: number): Facets {
  const distribution: FacetDistribution = {};
  for (const r of results) Object.assign(distribution, withUnknownYear(r, r.facetDistribution ?? {}));
  return shapeFacets(distribution, unitLimit);
}

/**
 * The year facet with 年份不详 counted: a notice has one year or none, so what the query
 * matched beyond its years' counts has none (in the notices view totals and counts are both
 * of distinct notices). Only the query that counted the year facet knows; years are far
 * fewer than Meilisearch's cap on facet values, so none is left out of the sum.
 */
export function withUnknownYear(result: { totalHits?: number }, dist: FacetDistribution): FacetDistribution {
  const years = dist.year;
  if (!years || result.totalHits === undefined) return dist;
  const unknown = result.totalHits - Object.values(years).reduce((a, b) => a + b, 0);
  return unknown > 0 ? { ...dist, year: { ...years, [String(UNKNOWN_YEAR)]: unknown } } : dist;
}

/** `unitLimit`: the most frequent units only (contract/constants.ts says why). */
export function shapeFacets(dist: FacetDistribution, unitLimit = Number.POSITIVE_INFINITY): Facets {
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
    region: [0, 1, 2]
      .flatMap((l) =>
        list(`region.lvl${l}`, (value, count) =>
          l
            ? { value, label: regionName(value), count, level: l + 1, parent: value.slice(0, value.lastIndexOf(' > ')) }
            : { value, label: value, count, level: 1 },
        ),
      )
      .sort(byCount),
    category: [
      ...list('category.lvl1', (value, count) => ({ value, label: categoryLabel(value), count, level: 1 })),
      ...list('category.lvl2', (value, count) => ({
        value,
        label: categoryLabel(value),
        count,
        level: 2,
        parent: cats.get(value)?.parent,
      })),
    ].sort(byCount),
    // Newest first; 年份不详 (UNKNOWN_YEAR, 0) last.
    year: list('year', (value, count) => ({
      value,
      label: Number(value) === UNKNOWN_YEAR ? UNKNOWN_YEAR_LABEL : `${value}年`,
      count,
    })).sort((a, b) => Number(b.value) - Number(a.value)),
    level: list('level', plain).sort(byCount),
  };
}

/**
 * Values of one facet containing `facetQuery` (a unit among thousands), counted in the unit
 * of the current search without the field's own filter; with `parent` (region only), the
 * children of that region; with `limit`, the most frequent only. Meilisearch's facet search
 * only matches from the start of a value, so unit names are found through their gram
 * fields in the notices index, and region names in the gazetteer, then counted here among
 * those only (a facet returns at most maxValuesPerFacet values, the most frequent).
 */
export async function facetSearch(
  ctx: SearchContext,
  field: FilterField,
  facetQuery: string,
  planned: PlannedSearch,
  opts: { parent?: string; limit?: number } = {},
): Promise<FacetValue[]> {
  const wanted = normalize(facetQuery);
  let fields = facetFields(field, planned.unit);
  let filter = combine(planned.filters, planned.extra, field);
  if (field === 'region' && opts.parent !== undefined) {
    const parent = regionPathOf(opts.parent);
    const depth = parent.split(' > ').length;
    if (depth >= REGION_LEVELS.length) return [];
    fields = [REGION_LEVELS[depth]!];
    filter = combine(planned.filters, [...planned.extra, regionFilter(parent)], field);
  }
  if (field === 'region' && wanted && opts.parent === undefined) {
    const regions = regionsContaining(wanted);
    if (!regions) return [];
    filter = combine({ ...planned.filters, region: regions }, planned.extra);
  }
  if (field === 'unit' && wanted) {
    // The units as a facet of the matching notices, not from the notices themselves: reading
    // the notice documents (each then holding its whole record) took ten times as long (67
    // against 2 ms at 10 000 notices). Up to maxValuesPerFacet (1 000) units, in name order.
    const [found] = await ctx.multi<NoticeDoc>([
      { indexUid: NOTICES_INDEX, q: exactPhrase(wanted, 'meta'), attributesToSearchOn: [...META_FIELDS], limit: 0, facets: ['unit'] },
    ]);
    const units = Object.keys(found!.facetDistribution?.unit ?? {});
    if (!units.length) return [];
    filter = combine({ ...planned.filters, unit: anyOf('unit', units) }, planned.extra);
  }
  const [r] = await ctx.multi<ParagraphDoc>([
    { indexUid: PARAGRAPHS_INDEX, ...baseQuery(planned, field), filter, page: 1, hitsPerPage: 0, facets: fields },
  ]);
  const values = shapeFacets(withUnknownYear(r!, r!.facetDistribution ?? {}))[field].filter(
    (v) => !wanted || normalize(`${v.value} ${v.label}`).includes(wanted),
  );
  return opts.limit ? values.slice(0, opts.limit) : values;
}
