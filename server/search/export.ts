/**
 * GET /api/export: every matching paragraph of a search, page by page, streamed by the route:
 * the paragraph whole (lead and every item, which the result list shows only in part) and
 * which of its lead and items hold a searched word.
 */
import type { ExportRow } from '../../contract/api.ts';
import type { ParagraphDoc } from '../../schema/documents.ts';
import type { SearchContext } from './context.ts';
import { matchedSegments, paragraphSource, paragraphText, permalink } from './hits.ts';
import { categoryLabel } from './labels.ts';
import { mainQuery, planSearch, type SearchInput } from './plan.ts';
import type { QueryPlan } from './query-plan.ts';

/** A matching paragraph as an export row; `url` is a path (the route makes it absolute). */
export function exportRow(d: ParagraphDoc, plan: Pick<QueryPlan, 'highlightTerms' | 'segmentRole'>): ExportRow {
  const { matched } = matchedSegments(d, plan);
  return {
    ...paragraphSource(d),
    publishedDate: d.publishedDate,
    part: d.part,
    role: d.role,
    headingPath: d.headingPath,
    category: {
      lvl1: d.category.lvl1[0] ? { code: d.category.lvl1[0], label: categoryLabel(d.category.lvl1[0]) } : undefined,
      lvl2: d.category.lvl2.map((code) => ({ code, label: categoryLabel(code) })),
    },
    paragraphText: paragraphText(d),
    matched: matched.map(({ segment: s }) => ({
      id: s.id,
      role: s.role,
      ...(s.itemLabel ? { itemLabel: s.itemLabel } : {}),
      text: s.text,
    })),
    url: permalink(d.noticeId, matched[0]!.segment.id),
  };
}

export async function* allRows(ctx: SearchContext, p: SearchInput, limit: number): AsyncGenerator<ExportRow> {
  const planned = planSearch(p, 'paragraphs');
  let sent = 0;
  for (let page = 1; sent < limit; page++) {
    const [r] = await ctx.multi<ParagraphDoc>([mainQuery({ ...p, view: 'paragraphs', page, perPage: 1000 }, planned)]);
    for (const d of r!.hits) {
      if (sent++ >= limit) return;
      yield exportRow(d, planned.plan);
    }
    if (page >= r!.totalPages) return;
  }
}
