/**
 * Search and lookup against Meilisearch, with the search-only key. Returns API shapes.
 */
import type { SearchHit, SearchParams, SearchResponse } from '../../contract/api.ts';
import type { NoticeDoc, SegmentDoc } from '../../contract/search-doc.ts';
import type { NoticeRecord } from '../../contract/notice.ts';
import type { MeiliClient } from '../../meili/client.ts';
import { NOTICES_INDEX, SEGMENTS_INDEX } from '../../meili/indexes.ts';
import { quoteFilterValue } from '../../indexer/load/loader.ts';
import { highlight, matchRanges, snippet } from './highlight.ts';
import { planQuery } from './query-plan.ts';

/** Everything but the search-only fields, which are large and useless to clients. */
const RETRIEVE = ['id', 'noticeId', 'paragraphId', 'order', 'part', 'role', 'itemLabel', 'headingPath', 'text', 'title', 'unit', 'region', 'year', 'level', 'date', 'category', 'formerIds'];

type MeiliSearchResult<T> = { hits: T[]; totalHits: number; totalPages: number; page: number; hitsPerPage: number; processingTimeMs: number };

export function permalink(noticeId: string, segmentId: string): string {
  return `/notices/${noticeId}#${segmentId}`;
}

function regionPath(r: SegmentDoc['region']): string[] {
  const deepest = r?.lvl2 ?? r?.lvl1 ?? r?.lvl0;
  return deepest ? deepest.split(' > ') : [];
}

export class SearchService {
  constructor(private readonly meili: MeiliClient) {}

  async search(params: SearchParams): Promise<SearchResponse> {
    const plan = planQuery(params.q, params.mode);
    const res = await this.meili.request<MeiliSearchResult<SegmentDoc>>('POST', `/indexes/${SEGMENTS_INDEX}/search`, {
      q: plan.q,
      attributesToSearchOn: plan.attributesToSearchOn,
      matchingStrategy: 'all',
      page: params.page,
      hitsPerPage: params.perPage,
      attributesToRetrieve: RETRIEVE,
      sort: plan.q ? undefined : ['date:desc', 'order:asc'],
    });
    return {
      query: plan.analysis,
      mode: params.mode,
      total: res.totalHits,
      page: res.page,
      perPage: res.hitsPerPage,
      totalPages: res.totalPages,
      processingTimeMs: res.processingTimeMs,
      hits: res.hits.map((d) => this.toHit(d, plan.highlightTerms)),
    };
  }

  private toHit(d: SegmentDoc, terms: string[]): SearchHit {
    const ranges = matchRanges(d.text, terms);
    return {
      id: d.id, noticeId: d.noticeId, paragraphId: d.paragraphId, title: d.title, unit: d.unit,
      region: regionPath(d.region), year: d.year, part: d.part, role: d.role, itemLabel: d.itemLabel,
      headingPath: d.headingPath, category: d.category, text: d.text,
      highlighted: highlight(d.text, ranges), snippet: snippet(d.text, ranges), url: permalink(d.noticeId, d.id),
    };
  }

  async notice(id: string): Promise<NoticeRecord | undefined> {
    const res = await this.meili.request<MeiliSearchResult<NoticeDoc>>('POST', `/indexes/${NOTICES_INDEX}/search`, {
      q: '', filter: `id = ${quoteFilterValue(id)}`, limit: 1, attributesToRetrieve: ['record'],
    });
    return res.hits[0]?.record;
  }

  /** A paragraph or item by its id, or by an id it had before its text was corrected. */
  async segment(id: string): Promise<{ segment: SegmentDoc; resolvedFrom?: string } | undefined> {
    const q = quoteFilterValue(id);
    const res = await this.meili.request<MeiliSearchResult<SegmentDoc>>('POST', `/indexes/${SEGMENTS_INDEX}/search`, {
      q: '', filter: `id = ${q} OR paragraphId = ${q} OR formerIds = ${q}`, limit: 1000, sort: ['order:asc'], attributesToRetrieve: RETRIEVE,
    });
    // Its own id first; then a paragraph whose lead is empty is found by its first item.
    const own = res.hits.find((h) => h.id === id) ?? res.hits.find((h) => h.paragraphId === id);
    if (own) return { segment: own };
    const moved = res.hits[0];
    return moved ? { segment: moved, resolvedFrom: id } : undefined;
  }

  async counts(): Promise<{ notices: number; segments: number }> {
    const [n, s] = await Promise.all([NOTICES_INDEX, SEGMENTS_INDEX].map((uid) =>
      this.meili.request<MeiliSearchResult<unknown>>('POST', `/indexes/${uid}/search`, { q: '', hitsPerPage: 0, page: 1 })));
    return { notices: n!.totalHits, segments: s!.totalHits };
  }
}
