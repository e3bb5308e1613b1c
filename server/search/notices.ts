/**
 * Lookups by notice and by paragraph: the notice list (GET /api/notices), a notice's related
 * notices (GET /api/notices/:id/related) and a paragraph or item by its id, current or
 * former (GET /api/paragraphs/:id). Notice records themselves are read from the archive.
 */
import type { FilterParams, NoticeSummary, ParagraphResponse, RelatedNotices } from '../../contract/api.ts';
import type { NoticeRecord } from '../../contract/notice.ts';
import type { NoticeDoc, ParagraphDoc, SegmentEntry } from '../../schema/documents.ts';
import { and, eq, ne, or } from '../../schema/filter.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import type { SearchQuery } from '../../meili/search-types.ts';
import type { SearchContext } from './context.ts';
import { combine, fieldFilters } from './filters.ts';
import { paragraphText, permalink, regionPath } from './hits.ts';
import { categoryLabel } from './labels.ts';
import { RETRIEVE } from './plan.ts';

const NOTICE_RETRIEVE = [
  'id',
  'title',
  'unit',
  'region',
  'year',
  'level',
  'date',
  'publishedDate',
  'inspectionGroup',
  'periodFrom',
  'categories',
];

function summary(d: NoticeDoc): NoticeSummary {
  return {
    id: d.id,
    title: d.title,
    unit: d.unit,
    region: regionPath(d.region),
    year: d.year,
    level: d.level,
    publishedDate: d.publishedDate,
    inspectionGroup: d.inspectionGroup,
    url: `/notices/${d.id}`,
  };
}

export async function listNotices(
  ctx: SearchContext,
  filters: FilterParams,
  page: number,
  perPage: number,
): Promise<{ total: number; totalPages: number; notices: NoticeSummary[] }> {
  const [r] = await ctx.multi<NoticeDoc>([
    {
      indexUid: NOTICES_INDEX,
      q: '',
      filter: combine(fieldFilters(filters, 'notices')),
      sort: ['date:desc'],
      page,
      hitsPerPage: perPage,
      attributesToRetrieve: NOTICE_RETRIEVE,
    },
  ]);
  return { total: r!.totalHits, totalPages: r!.totalPages, notices: r!.hits.map(summary) };
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

/**
 * The same unit's earlier and later notices, other units of the same inspection round, and
 * the categories repeated from the unit's previous notice. `archived`: a notice's record as
 * the archive holds it (the index keeps no copy of records).
 */
export async function related(
  ctx: SearchContext,
  record: NoticeRecord,
  archived: (id: string) => Promise<NoticeRecord | undefined>,
): Promise<RelatedNotices> {
  const date = Number((record.publishedDate ?? record.inspection.feedbackDate ?? '0').replaceAll('-', ''));
  const others = (filter: ReturnType<typeof and>): SearchQuery => ({
    indexUid: NOTICES_INDEX,
    q: '',
    filter: and(filter, ne('id', record.id)),
    sort: ['date:asc'],
    limit: 100,
    attributesToRetrieve: NOTICE_RETRIEVE,
  });
  const queries: SearchQuery[] = [];
  if (record.unit) queries.push(others(eq('unit', record.unit)));
  const period = record.inspection.period?.from;
  if (record.inspection.group && period) {
    queries.push(others(and(eq('inspectionGroup', record.inspection.group), eq('periodFrom', Number(period.replaceAll('-', ''))))));
  }
  const results = await ctx.multi<NoticeDoc>(queries);
  const sameUnitDocs = record.unit ? results.shift()!.hits : [];
  const sameRound = (results.shift()?.hits ?? []).filter((d) => d.unit !== record.unit).map(summary);
  const sameUnit = sameUnitDocs.map((d) => ({ ...summary(d), relation: (d.date ?? 0) < date ? ('earlier' as const) : ('later' as const) }));
  const previous = sameUnitDocs.filter((d) => (d.date ?? 0) < date).pop();
  let repeatedCategories: RelatedNotices['repeatedCategories'] = [];
  if (previous) {
    const prev = await archived(previous.id);
    if (prev) {
      const before = problemCategories(prev);
      repeatedCategories = [...problemCategories(record)]
        .filter((c) => before.has(c))
        .map((code) => ({ code, label: categoryLabel(code), previousNoticeId: prev.id }));
    }
  }
  return { sameUnit, sameRound, repeatedCategories };
}

/**
 * GET /api/paragraphs/:id: a paragraph whole (its lead and every item), or an item as
 * itself with the paragraph it belongs to.
 */
export function paragraphResponse(d: ParagraphDoc, s: SegmentEntry, asked: 'paragraph' | 'item', resolvedFrom?: string): ParagraphResponse {
  const whole = paragraphText(d);
  const item = asked === 'item';
  return {
    id: item ? s.id : d.id,
    kind: asked,
    paragraphId: d.id,
    noticeId: d.noticeId,
    text: item ? s.text : whole,
    paragraphText: whole,
    segments: d.segments.map((x) => ({
      id: x.id,
      role: x.role,
      ...(x.itemLabel ? { itemLabel: x.itemLabel } : {}),
      text: x.text,
      url: permalink(d.noticeId, x.id),
    })),
    headingPath: d.headingPath,
    ...(item && s.itemLabel ? { itemLabel: s.itemLabel } : {}),
    part: d.part,
    role: item ? s.role : d.role,
    notice: { id: d.noticeId, title: d.title, unit: d.unit, year: d.year },
    url: permalink(d.noticeId, item ? s.id : (d.segments[0]?.id ?? d.id)),
    ...(resolvedFrom ? { resolvedFrom, moved: true } : {}),
  };
}

/** A paragraph or item by its id, or by an id it had before its text was corrected. */
export async function findParagraph(ctx: SearchContext, id: string): Promise<ParagraphResponse | undefined> {
  const [res] = await ctx.multi<ParagraphDoc>([
    {
      indexUid: PARAGRAPHS_INDEX,
      q: '',
      filter: or(eq('segmentIds', id), eq('formerIds', id)),
      limit: 100,
      sort: ['order:asc'],
      attributesToRetrieve: RETRIEVE,
    },
  ]);
  // Its own id first: the paragraph's (a paragraph whose lead is empty has no segment of that
  // id), or one of its segments'. The lead's id is the paragraph's: it answers with the whole.
  const own = res!.hits.find((d) => d.id === id) ?? res!.hits.find((d) => d.segments.some((s) => s.id === id));
  if (own) {
    const s = own.segments.find((x) => x.id === id) ?? own.segments[0]!;
    return paragraphResponse(own, s, own.id === id ? 'paragraph' : 'item');
  }
  // Then an id it had before.
  for (const d of res!.hits) {
    const moved = d.segments.find((s) => s.formerIds.includes(id));
    if (moved) return paragraphResponse(d, moved, moved.id === d.id ? 'paragraph' : 'item', id);
  }
  return undefined;
}
