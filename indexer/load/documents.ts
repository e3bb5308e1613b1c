/**
 * NoticeRecord → Meilisearch documents: one paragraph document per paragraph (its lead and
 * items inside), and one notice document. Pure; the loader sends them.
 */
import { UNKNOWN_UNIT } from '../../contract/constants.ts';
import type { NoticeRecord, Paragraph } from '../../contract/notice.ts';
import type { NoticeDoc, ParagraphDoc, SegmentEntry } from '../../schema/documents.ts';
import { type CONTENT_FIELDS, GRAM_FIELDS, measureField, metaFields, searchFields } from '../../schema/fields.ts';
import type { Role } from '../../contract/notice.ts';

export function regionFacet(path: string[]): ParagraphDoc['region'] {
  if (!path.length) return undefined;
  const out: NonNullable<ParagraphDoc['region']> = {};
  if (path[0]) out.lvl0 = path[0];
  if (path.length > 1) out.lvl1 = path.slice(0, 2).join(' > ');
  if (path.length > 2) out.lvl2 = path.slice(0, 3).join(' > ');
  return out;
}

export function dateNumber(record: Pick<NoticeRecord, 'publishedDate' | 'inspection'>): number | undefined {
  const d = record.publishedDate ?? record.inspection.feedbackDate;
  // A month-only feedback date (2021-09) sorts as the month's day 0.
  return d ? Number(d.replaceAll('-', '').padEnd(8, '0')) : undefined;
}

function categoryFacet(c: Paragraph['classification']): SegmentEntry['category'] {
  if (!c) return undefined;
  return { lvl1: c.lvl1?.code, lvl2: c.topics.map((t) => t.code) };
}

function union(classifications: Paragraph['classification'][]): { lvl1: string[]; lvl2: string[] } {
  const lvl1 = new Set<string>();
  const lvl2 = new Set<string>();
  for (const c of classifications) {
    if (c?.lvl1) lvl1.add(c.lvl1.code);
    for (const t of c?.topics ?? []) lvl2.add(t.code);
  }
  return { lvl1: [...lvl1], lvl2: [...lvl2] };
}

const paragraphClassifications = (p: Paragraph) => [
  p.items.length ? (p.lead?.trim() ? p.classification : undefined) : p.classification,
  ...p.items.map((i) => i.classification ?? p.classification),
];

/** Ranking order of a paragraph by its role: problem statements first, measures last. */
const ROLE_RANK: Partial<Record<Role, number>> = { problem: 0, measure: 2 };

/** A segment's search fields go to the measure fields (scope=measures) or to the plain ones. */
const isMeasure = (s: SegmentEntry) => s.role === 'measure';

export function paragraphDocs(record: NoticeRecord): ParagraphDoc[] {
  const shared = {
    noticeId: record.id,
    title: record.title,
    titleDerived: record.titleDerived,
    // 单位不详 is a value of the unit facet and filter; the record itself says nothing.
    unit: record.unit ?? UNKNOWN_UNIT,
    region: regionFacet(record.region),
    year: record.year,
    level: record.inspection.level,
    date: dateNumber(record),
    publishedDate: record.publishedDate,
    // Title and unit only: the region has its facet, and every character here is repeated on each paragraph.
    ...metaFields([record.title, record.unit, record.unitAsWritten]),
  };
  const docs: ParagraphDoc[] = [];
  for (const p of record.paragraphs) {
    const segments: SegmentEntry[] = [];
    const leadText = p.items.length ? (p.lead ?? '') : p.text;
    if (leadText.trim())
      segments.push({ id: p.id, role: p.role, text: leadText, category: categoryFacet(p.classification), formerIds: p.formerIds });
    // With no lead text the paragraph's own id and former ids resolve to its first item.
    const orphanFormer = leadText.trim() ? [] : p.formerIds;
    p.items.forEach((item, i) =>
      segments.push({
        // An item is a rectification measure inside the problems part, plain text elsewhere.
        id: item.id,
        role: p.part === 'problems' ? 'measure' : 'text',
        itemLabel: item.label,
        // As published: the label belongs to the sentence (一是…), so "四是党员" is found too.
        text: item.label + item.text,
        category: categoryFacet(item.classification ?? p.classification),
        formerIds: i === 0 ? [...item.formerIds, ...orphanFormer] : item.formerIds,
      }),
    );
    if (!segments.length) continue;
    const fields: Pick<ParagraphDoc, (typeof CONTENT_FIELDS)[number]> = { c1: [], c2: [], xc1: [], xc2: [] };
    for (const s of segments) {
      const f = searchFields(s.text);
      for (const name of GRAM_FIELDS) fields[isMeasure(s) ? measureField(name) : name].push(f[name]);
    }
    docs.push({
      ...shared,
      id: p.id,
      order: p.seq * 1000,
      part: p.part,
      role: p.role,
      roleRank: ROLE_RANK[p.role] ?? 1,
      headingPath: p.headingPath,
      segments,
      segmentIds: [...new Set([p.id, ...segments.map((s) => s.id)])],
      formerIds: segments.flatMap((s) => s.formerIds),
      ...fields,
      category: union(paragraphClassifications(p)),
    });
  }
  return docs;
}

/** Segments (paragraph leads and items) in these documents. */
export function segmentCount(docs: ParagraphDoc[]): number {
  return docs.reduce((n, d) => n + d.segments.length, 0);
}

/** The notice document: what notice lists, related notices and the unit search need. */
export function noticeDoc(record: NoticeRecord): NoticeDoc {
  const categories = new Set<string>();
  for (const p of record.paragraphs)
    for (const c of [p.classification, ...p.items.map((i) => i.classification)]) {
      if (c?.lvl1) categories.add(c.lvl1.code);
      for (const t of c?.topics ?? []) categories.add(t.code);
    }
  return {
    id: record.id,
    title: record.title,
    titleDerived: record.titleDerived,
    unit: record.unit ?? UNKNOWN_UNIT,
    unitAsWritten: record.unitAsWritten,
    region: regionFacet(record.region),
    year: record.year,
    level: record.inspection.level,
    date: dateNumber(record),
    publishedDate: record.publishedDate,
    textHash: record.textHash,
    categories: [...categories],
    // Unit name grams: the unit facet's search box finds 教育局 inside 凤城市教育局.
    ...metaFields([record.unit, record.unitAsWritten]),
    inspectionGroup: record.inspection.group,
    periodFrom: record.inspection.period ? Number(record.inspection.period.from.replaceAll('-', '')) : undefined,
  };
}
