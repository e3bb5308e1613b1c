/**
 * The documents the indexer loads into Meilisearch and the server reads back: one search
 * document per paragraph (Meilisearch keeps at most 65,535 word positions per attribute, so
 * never a whole notice), and one notice document per notice.
 */
import type { Part, Role } from '../contract/notice.ts';

/** One lead or 一是-item of a paragraph, as the API shows it: stored, not searched. */
export type SegmentEntry = {
  /** Stable id: the anchor of the paragraph lead or the item. */
  id: string;
  role: Role;
  itemLabel?: string;
  /** As published. */
  text: string;
  /** lvl1: the problem's framework category code; lvl2: topic codes. */
  category?: { lvl1?: string; lvl2?: string[] };
  formerIds: string[];
};

/**
 * One search document per paragraph. A hit, a total and a facet count are all in paragraphs
 * without Meilisearch's `distinct` (which cost two to three times the rest of a query,
 * docs/benchmarks.md). The lead and each item are separate values of the array fields, with
 * grams of their own: no gram spans two items, so an exact phrase never runs from one item
 * into the next (and Meilisearch puts 8 positions between array values, so words in two
 * items never rank as neighbours). Text whose role is `measure` (items of the problems part, measure
 * paragraphs) is in the x-fields, everything else in the plain ones, so that scope=problems
 * and scope=measures search exactly the text of that role.
 */
export type ParagraphDoc = {
  /** The paragraph's id (its anchor). */
  id: string;
  noticeId: string;
  /** Reading order in the notice: paragraph seq * 1000. */
  order: number;
  part: Part;
  /** The paragraph's own role (of its lead). */
  role: Role;
  headingPath: string[];
  /** Lead, then items, in reading order. */
  segments: SegmentEntry[];
  /** Ids of the paragraph, its lead and its items (permalinks resolve through them). */
  segmentIds: string[];
  /** Every id they had before, in earlier versions of the notice. */
  formerIds: string[];
  /** Character and bigram tokens of each segment's normalised text, with its synonym-group tokens: the search fields (schema/fields.ts). */
  c1: string[];
  c2: string[];
  /** The same of the measure segments. */
  xc1: string[];
  xc2: string[];
  /** Gram fields of title and unit (scope=meta). */
  m1: string;
  m2: string;
  /** Ranking: problem statements (0) before other text (1) and measures (2). */
  roleRank: number;
  title?: string;
  /** The title was built from the notice's metadata (its text has none). */
  titleDerived?: boolean;
  unit?: string;
  /** Hierarchical facet: lvl0 province, lvl1 "province > city", lvl2 "province > city > county". */
  region?: { lvl0?: string; lvl1?: string; lvl2?: string };
  year?: number;
  level?: string;
  /** yyyymmdd of publication (or feedback), for sorting by date. */
  date?: number;
  /** As published (absent when the notice gives no publication date). */
  publishedDate?: string;
  /**
   * Categories of the paragraph (the union over its segments): what both views filter and
   * count on. In the notices view a notice counts under a category when one of its matching
   * paragraphs has it, so a facet count is still the total its filter gives. (A copy of the
   * whole notice's categories on every paragraph was a fifth of the index: docs/benchmarks.md.)
   */
  category: { lvl1: string[]; lvl2: string[] };
};

/**
 * The notices index: facet and list fields of each notice. The whole record stays in the
 * archive, which GET /api/notices/:id reads: a copy here (as a nested object, later as JSON
 * text) was 30 of every 35 MB of notice documents and took Meilisearch about 1.5 s per 1 000
 * notices to store (docs/benchmarks.md, Indexing).
 */
export type NoticeDoc = {
  id: string;
  title?: string;
  /** The title was built from the notice's metadata (its text has none). */
  titleDerived?: boolean;
  unit?: string;
  unitAsWritten?: string;
  region?: ParagraphDoc['region'];
  year?: number;
  level?: string;
  date?: number;
  /** As published (absent when the notice gives no publication date; `date` then is the feedback date). */
  publishedDate?: string;
  textHash: string;
  /** Gram fields of the unit names, for the unit facet's search box. */
  m1: string;
  m2: string;
  inspectionGroup?: string;
  /** Start of the inspection period (yyyymmdd): with the group, identifies a round. */
  periodFrom?: number;
  /** Every category code (both levels) of the notice's paragraphs. */
  categories: string[];
};
