/**
 * Paragraph documents as the API's hits: which lead or item stands for a matching paragraph,
 * its highlighted text and snippet, its permalink, and the passages (leads and items) that
 * hold a searched word.
 */
import type { Passage, SearchHit } from '../../contract/api.ts';
import type { Role } from '../../contract/notice.ts';
import type { ParagraphDoc, SegmentEntry } from '../../schema/documents.ts';
import { findTerms, highlightAndSnippet, matchRanges, snippet } from './highlight.ts';
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

/** A segment with the original ranges of the search terms in it and how many different terms it holds. */
export type FoundSegment = { segment: SegmentEntry; ranges: [number, number][]; found: number };

/**
 * Where a paragraph matched: every segment of the searched role holding a search term, in
 * reading order, and the one that stands for the paragraph (the first holding the most
 * terms). Without terms, or when none is found literally (a synonym or a typo-tolerant word
 * matched), the first segment of the role alone.
 */
export function matchedSegments(
  d: ParagraphDoc,
  plan: Pick<QueryPlan, 'highlightTerms' | 'segmentRole'>,
): { best: FoundSegment; matched: FoundSegment[] } {
  const candidates = inRole(d.segments, plan.segmentRole);
  const first = candidates[0] ?? d.segments[0]!;
  if (!plan.highlightTerms.length) {
    const only = { segment: first, ranges: [], found: 0 };
    return { best: only, matched: [only] };
  }
  const found = candidates.map((segment) => ({ segment, ...findTerms(segment.text, plan.highlightTerms) }));
  const matched = found.filter((f) => f.found > 0);
  if (!matched.length) {
    const only = found[0] ?? { segment: first, ranges: [], found: 0 };
    return { best: only, matched: [only] };
  }
  const best = matched.reduce((a, b) => (b.found > a.found ? b : a));
  return { best, matched };
}

/** The whole paragraph as published: its lead and items are consecutive parts of its text. */
export function paragraphText(d: Pick<ParagraphDoc, 'segments'>): string {
  return d.segments.map((s) => s.text).join('');
}

/** Where a paragraph stands: its notice and the notice's metadata, as hits and export rows show it. */
export function paragraphSource(d: ParagraphDoc) {
  return {
    noticeId: d.noticeId,
    paragraphId: d.id,
    title: d.title,
    unit: d.unit,
    region: regionPath(d.region),
    year: d.year,
    level: d.level,
  };
}

/**
 * A paragraph as a hit: shown by the segment (lead or item) of the searched role that holds
 * the most of the search terms, with every segment holding any of them as its passages, so
 * a hit whose lead only says 整改情况： shows the item that holds the word searched within.
 */
export function toHit(d: ParagraphDoc, plan: Pick<QueryPlan, 'highlightTerms' | 'segmentRole'>): SearchHit {
  const { best, matched } = matchedSegments(d, plan);
  return segmentHit(d, best.segment, plan.highlightTerms, best.ranges, matched);
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

function passage(d: ParagraphDoc, f: FoundSegment, snippetHtml = snippet(f.segment.text, f.ranges)): Passage {
  const s = f.segment;
  return {
    id: s.id,
    role: s.role,
    ...(s.itemLabel ? { itemLabel: s.itemLabel } : {}),
    snippet: snippetHtml,
    url: permalink(d.noticeId, s.id),
  };
}

function segmentHit(
  d: ParagraphDoc,
  s: SegmentEntry,
  terms: string[],
  ranges = matchRanges(s.text, terms),
  matched: FoundSegment[] = [{ segment: s, ranges, found: ranges.length ? 1 : 0 }],
): SearchHit {
  const lvl1 = s.category?.lvl1 ?? d.category?.lvl1[0];
  const shown = highlightAndSnippet(s.text, ranges);
  return {
    id: s.id,
    ...paragraphSource(d),
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
    ...shown,
    url: permalink(d.noticeId, s.id),
    // The shown segment's snippet is already made (every hit of the notice page's navigator is one).
    passages: matched.map((f) => (f.segment === s ? passage(d, f, shown.snippet) : passage(d, f))),
  };
}
