/**
 * Paragraph documents as the API's hits: which lead or item stands for a matching paragraph,
 * its highlighted text and snippet, its permalink.
 */
import type { SearchHit } from '../../contract/api.ts';
import type { Role } from '../../contract/notice.ts';
import type { ParagraphDoc, SegmentEntry } from '../../schema/documents.ts';
import { findTerms, highlightAndSnippet, matchRanges } from './highlight.ts';
import { categoryLabel } from './labels.ts';
import type { PlannedSearch } from './plan.ts';
import type { QueryPlan } from './query-plan.ts';

export function permalink(noticeId: string, segmentId: string): string {
  return `/notices/${noticeId}#${segmentId}`;
}

export function regionPath(r: ParagraphDoc['region']): string[] {
  const deepest = r?.lvl2 ?? r?.lvl1 ?? r?.lvl0;
  return deepest ? deepest.split(' > ') : [];
}

/** The segments of the searched role (all of them when the search is not scoped). */
function inRole(segments: SegmentEntry[], role: Role | undefined): SegmentEntry[] {
  return role ? segments.filter((s) => s.role === role) : segments;
}

/**
 * A paragraph as a hit: shown by the segment (lead or item) of the searched role that holds
 * the most of the search terms, the first such in reading order.
 */
export function toHit(d: ParagraphDoc, plan: Pick<QueryPlan, 'highlightTerms' | 'segmentRole'>): SearchHit {
  const candidates = inRole(d.segments, plan.segmentRole);
  if (candidates.length <= 1) return segmentHit(d, candidates[0] ?? d.segments[0]!, plan.highlightTerms);
  let best = { segment: candidates[0]!, ...findTerms(candidates[0]!.text, plan.highlightTerms) };
  for (const s of candidates.slice(1)) {
    const f = findTerms(s.text, plan.highlightTerms);
    if (f.found > best.found) best = { segment: s, ...f };
  }
  return segmentHit(d, best.segment, plan.highlightTerms, best.ranges);
}

/**
 * The segments of one matching paragraph that the notice page marks: those of the searched
 * role and the filtered categories holding a search term (all of them without terms); the
 * paragraph's first such segment when no term is found literally (a synonym matched).
 */
export function segmentHits(d: ParagraphDoc, planned: PlannedSearch): SearchHit[] {
  const candidates = inRole(d.segments, planned.plan.segmentRole).filter(
    (s) => !planned.categories.length || planned.categories.some((c) => s.category?.lvl1 === c || s.category?.lvl2?.includes(c)),
  );
  const hits = candidates.map((s) => segmentHit(d, s, planned.plan.highlightTerms));
  if (!planned.plan.highlightTerms.length) return hits;
  const marked = hits.filter((h) => h.highlighted.includes('<mark>'));
  return marked.length ? marked : hits.slice(0, 1);
}

function segmentHit(d: ParagraphDoc, s: SegmentEntry, terms: string[], ranges = matchRanges(s.text, terms)): SearchHit {
  const lvl1 = s.category?.lvl1 ?? d.category?.lvl1[0];
  return {
    id: s.id,
    noticeId: d.noticeId,
    paragraphId: d.id,
    title: d.title,
    unit: d.unit,
    region: regionPath(d.region),
    year: d.year,
    level: d.level,
    part: d.part,
    role: s.role,
    itemLabel: s.itemLabel,
    headingPath: d.headingPath,
    // A hit stands for its paragraph: it shows the paragraph's categories, which are what
    // the category filter and facet count in the paragraphs view.
    category: {
      lvl1: lvl1 ? { code: lvl1, label: categoryLabel(lvl1) } : undefined,
      lvl2: (d.category?.lvl2 ?? s.category?.lvl2 ?? []).map((code) => ({ code, label: categoryLabel(code) })),
    },
    text: s.text,
    ...highlightAndSnippet(s.text, ranges),
    url: permalink(d.noticeId, s.id),
  };
}
