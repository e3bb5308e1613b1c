/**
 * GET /api/stats: paragraphs of the problems part (problem statements and their measures)
 * that match the search, counted by category × year and by unit: what the 统计 view charts.
 */
import type { StatsResponse } from '../../contract/api.ts';
import type { ParagraphDoc } from '../../schema/documents.ts';
import { UNKNOWN_YEAR } from '../../contract/constants.ts';
import { eq, missing } from '../../schema/filter.ts';
import { PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import type { SearchContext } from './context.ts';
import { facetFields, withUnknownYear } from './facets.ts';
import { categoryLabel } from './labels.ts';
import { baseQuery, type PlannedSearch } from './plan.ts';

export async function stats(ctx: SearchContext, planned: PlannedSearch): Promise<StatsResponse> {
  const problems: PlannedSearch = { ...planned, unit: 'paragraphs', extra: [...planned.extra, eq('part', 'problems')] };
  const [byYear] = await ctx.multi<ParagraphDoc>([
    { indexUid: PARAGRAPHS_INDEX, ...baseQuery(problems), page: 1, hitsPerPage: 0, facets: ['year', 'unit'] },
  ]);
  // 年份不详 (UNKNOWN_YEAR, 0) first when some matching notices give no year.
  const years = Object.keys(withUnknownYear(byYear!, byYear!.facetDistribution ?? {}).year ?? {})
    .map(Number)
    .sort();
  const perYear = await ctx.multi<ParagraphDoc>(
    years.map((y) => ({
      indexUid: PARAGRAPHS_INDEX,
      ...baseQuery({ ...problems, extra: [...problems.extra, y === UNKNOWN_YEAR ? missing('year') : eq('year', y)] }),
      page: 1,
      hitsPerPage: 0,
      facets: facetFields('category', 'paragraphs'),
    })),
  );
  const byCategoryYear: StatsResponse['byCategoryYear'] = [];
  years.forEach((year, i) => {
    for (const [field, counts] of Object.entries(perYear[i]!.facetDistribution ?? {})) {
      for (const [code, count] of Object.entries(counts)) {
        byCategoryYear.push({ category: code, label: categoryLabel(code), level: field.endsWith('lvl1') ? 1 : 2, year, count });
      }
    }
  });
  const byUnit = Object.entries(byYear!.facetDistribution?.unit ?? {})
    .map(([unit, count]) => ({ unit, count }))
    .sort((a, b) => b.count - a.count);
  return { byCategoryYear, byUnit, totalProblems: byYear!.totalHits };
}
