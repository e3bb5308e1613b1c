/**
 * The documents the indexer loads into Meilisearch and the server reads back.
 * One search document per paragraph, and one per 一是-item (a paragraph with items gives
 * one document for its lead text and one per item), because Meilisearch keeps at most
 * 65,535 word positions per attribute and a hit should point at the smallest quotable unit.
 */
import type { NoticeRecord, Part, Role } from './notice.ts';

export type SegmentDoc = {
  /** Stable id: the anchor of the paragraph or item. */
  id: string;
  noticeId: string;
  /** The paragraph holding this segment (= id unless this is an item). */
  paragraphId: string;
  /** Reading order in the notice: paragraph seq * 1000 + item number. */
  order: number;
  part: Part;
  role: Role;
  itemLabel?: string;
  headingPath: string[];
  /** As published. */
  text: string;
  /** jieba tokens of the normalised text, space separated: the words-mode field. */
  words: string;
  /** Character, bigram and trigram tokens of the normalised text: the exact-mode fields (indexer/segment/fields.ts). */
  c1: string;
  c2: string;
  c3: string;
  /** Gram fields of title, unit and inspection (scope=meta). */
  m1: string;
  m2: string;
  m3: string;
  title?: string;
  unit?: string;
  /** Hierarchical facet: lvl0 province, lvl1 "province > city", lvl2 "province > city > county". */
  region?: { lvl0?: string; lvl1?: string; lvl2?: string };
  year?: number;
  level?: string;
  /** yyyymmdd of publication (or feedback), for sorting by date. */
  date?: number;
  /** lvl1: the problem's framework category code; lvl2: topic codes. */
  category?: { lvl1?: string; lvl2?: string[] };
  /**
   * Categories of the whole paragraph and of the whole notice (unions over their segments):
   * what the paragraphs view and the notices view filter and count on, so that a facet count
   * is exactly the total its filter gives, in the unit of the view.
   */
  pcategory: { lvl1: string[]; lvl2: string[] };
  ncategory: { lvl1: string[]; lvl2: string[] };
  formerIds: string[];
};

/** The notices index: facet fields beside the whole record, which GET /api/notices/:id returns. */
export type NoticeDoc = {
  id: string;
  title?: string;
  unit?: string;
  unitAsWritten?: string;
  region?: SegmentDoc['region'];
  year?: number;
  level?: string;
  date?: number;
  /** As published (absent when the notice gives no publication date; `date` then is the feedback date). */
  publishedDate?: string;
  textHash: string;
  /** Gram fields of the unit names, for the unit facet's search box. */
  m1: string;
  m2: string;
  m3: string;
  inspectionGroup?: string;
  /** Start of the inspection period (yyyymmdd): with the group, identifies a round. */
  periodFrom?: number;
  /** Every category code (both levels) of the notice's paragraphs. */
  categories: string[];
  record: NoticeRecord;
};
