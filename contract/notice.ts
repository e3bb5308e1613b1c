/**
 * The notice record: what the indexer extracts from one published 整改通报 and what
 * the API returns. Defined once with zod so indexer, server and web cannot drift.
 * Every optional field is absent when the text does not say it — never guessed.
 */
import { z } from 'zod';

/** ISO calendar date, YYYY-MM-DD. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const DateRange = z.object({ from: IsoDate, to: IsoDate });

/** YYYY-MM-DD, or YYYY-MM when the text gives the month only ("2021年9月反馈了巡视情况"). */
export const IsoDayOrMonth = z.string().regex(/^\d{4}-\d{2}(?:-\d{2})?$/);

/** 巡视 by 中央 or 省, 巡察 by 市 or 县 (县/区/旗 all count as 县). */
export const InspectionLevel = z.enum(['中央', '省', '市', '县']);
export type InspectionLevel = z.infer<typeof InspectionLevel>;

export const InspectionKind = z.enum(['常规', '专项', '机动', '回头看']);

export const Inspection = z.object({
  level: InspectionLevel.optional(),
  /** As written, e.g. 县委第二巡察组. */
  group: z.string().optional(),
  /** 第X轮 as a number when the text gives it. */
  round: z.number().int().positive().optional(),
  kind: InspectionKind.optional(),
  period: DateRange.optional(),
  feedbackDate: IsoDayOrMonth.optional(),
});

export const Contacts = z.object({
  phones: z.array(z.string()).default([]),
  address: z.string().optional(),
  postcode: z.string().optional(),
  email: z.string().optional(),
});

/** Money, counts and dates found in a paragraph, for literal search and facets. */
export const Fact = z.discriminatedUnion('type', [
  z.object({ type: z.literal('money'), text: z.string(), yuan: z.number() }),
  z.object({ type: z.literal('count'), text: z.string(), value: z.number(), noun: z.string() }),
  z.object({ type: z.literal('date'), text: z.string(), date: z.string() }),
  z.object({ type: z.literal('phone'), text: z.string() }),
]);
export type Fact = z.infer<typeof Fact>;

/**
 * Where a paragraph sits in the notice:
 * front = title and introduction, leadership = 领导班子履行主体责任情况,
 * problems = the problems and their measures, nextSteps = 下一步工作打算,
 * closing = 欢迎监督…, contacts and signature.
 */
export const Part = z.enum(['front', 'leadership', 'problems', 'nextSteps', 'closing']);
export type Part = z.infer<typeof Part>;

/**
 * What one searchable segment is. A paragraph with 一是/二是 items becomes one
 * segment for its lead text (often the problem statement) and one per item.
 * problem = a problem heading or statement; measure = what was done about it.
 */
export const Role = z.enum(['title', 'heading', 'problem', 'measure', 'text']);
export type Role = z.infer<typeof Role>;

/** A numbered heading as recognised, e.g. style '（一）', label '一', depth 2. */
export const Numbering = z.object({
  style: z.string(),
  label: z.string(),
  depth: z.number().int().min(1),
});

/** Why a category was given: the cue words or patterns that matched. */
export const CategoryAssignment = z.object({
  code: z.string(),
  label: z.string(),
  because: z.array(z.string()),
});
export type CategoryAssignment = z.infer<typeof CategoryAssignment>;

export const Classification = z.object({
  /** Level 1 (四个落实 framework) inherited from the problem this belongs to. */
  lvl1: CategoryAssignment.optional(),
  /** Level 2 recurring topics, possibly several. */
  topics: z.array(CategoryAssignment).default([]),
});
export type Classification = z.infer<typeof Classification>;

/** One 一是/二是… item inside a paragraph: a measure with its own anchor. */
export const Item = z.object({
  id: z.string(),
  /** 一是, 二是 … as written. */
  label: z.string(),
  text: z.string(),
  formerIds: z.array(z.string()).default([]),
  classification: Classification.optional(),
  facts: z.array(Fact).default([]),
});
export type Item = z.infer<typeof Item>;

export const Paragraph = z.object({
  id: z.string(),
  /** 0-based position in the notice. */
  seq: z.number().int().min(0),
  /** As published (conversion debris removed). */
  text: z.string(),
  part: Part,
  role: Role,
  numbering: Numbering.optional(),
  /** Texts of the enclosing headings, outermost first; includes this paragraph's own heading if it has one. */
  headingPath: z.array(z.string()),
  /** Text before the first item when the paragraph has items (its heading or problem statement). */
  lead: z.string().optional(),
  items: z.array(Item).default([]),
  facts: z.array(Fact).default([]),
  classification: Classification.optional(),
  /** Ids this paragraph had in earlier versions of the notice; they still resolve here. */
  formerIds: z.array(z.string()).default([]),
});
export type Paragraph = z.infer<typeof Paragraph>;

/** A node of the problem hierarchy outline, pointing at the paragraph that holds the heading. */
export type OutlineNode = {
  paragraphId: string;
  heading: string;
  numbering?: z.infer<typeof Numbering>;
  part: Part;
  classification?: Classification;
  children: OutlineNode[];
};
export const OutlineNode: z.ZodType<OutlineNode> = z
  .lazy(
    () =>
      z.object({
        paragraphId: z.string(),
        heading: z.string(),
        numbering: Numbering.optional(),
        part: Part,
        classification: Classification.optional(),
        children: z.array(OutlineNode),
      }),
    // Named, so /api/openapi.json refers to it rather than unfolding the recursion without end.
  )
  .meta({ id: 'OutlineNode' });

export const Source = z.object({
  fileName: z.string(),
  /** Absolute path the file was indexed from (absent for uploads). */
  path: z.string().optional(),
  sha256: z.string(),
  format: z.enum(['txt', 'docx', 'html', 'pdf']),
  bytes: z.number().int(),
  addedAt: z.string(),
});
export type Source = z.infer<typeof Source>;

export const NoticeRecord = z.object({
  id: z.string(),
  /** As published; for a text without a title, one built from its metadata (titleDerived). */
  title: z.string().optional(),
  /** The title was built by the indexer (…的通报（据正文拟）): the text has none. */
  titleDerived: z.boolean().optional(),
  /** Normalised issuing unit: 中共丹东市融媒体中心委员会 → 丹东市融媒体中心. */
  unit: z.string().optional(),
  unitAsWritten: z.string().optional(),
  /** Province › city › county, as far as known. */
  region: z.array(z.string()).default([]),
  inspection: Inspection.default({}),
  publishedDate: IsoDate.optional(),
  publicWindow: DateRange.optional(),
  /** Publication year; the feedback year when no publication date is given. */
  year: z.number().int().optional(),
  contacts: Contacts.default({ phones: [] }),
  sources: z.array(Source).default([]),
  /** sha256 of the normalised text: the same notice republished is stored once. */
  textHash: z.string(),
  paragraphs: z.array(Paragraph),
  outline: z.array(OutlineNode).default([]),
  indexedAt: z.string(),
});
export type NoticeRecord = z.infer<typeof NoticeRecord>;
