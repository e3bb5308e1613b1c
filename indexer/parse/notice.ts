/**
 * Plain text of one notice → everything the archive records about it except ids, sources,
 * hash and indexing time (assigned by indexer/build-record.ts). Pure: same text, same result.
 */
import type { NoticeRecord } from '../../contract/notice.ts';
import { extractContacts } from '../metadata/contacts.ts';
import { dateOnlyLine, findDateRanges, isoDay, pageLineDate } from '../metadata/dates.ts';
import { extractInspection } from '../metadata/inspection.ts';
import { regionOf } from '../metadata/region.ts';
import { canonicalUnit, extractUnit, unitFromSignature } from '../metadata/unit.ts';
import { parseStructure, type ParsedOutlineNode, type ParsedParagraph } from './structure.ts';
import { deriveTitle } from '../metadata/title.ts';
import { makeRestorer, readingForm } from './reading.ts';
import { tidyText, splitParagraphs } from './text.ts';

export type ParsedNotice = Omit<NoticeRecord, 'id' | 'sources' | 'textHash' | 'indexedAt' | 'paragraphs' | 'outline'> & {
  paragraphs: ParsedParagraph[];
  outline: ParsedOutlineNode[];
};

type DateRange = { from: string; to: string };

/** 公开期限：2025年11月21日至12月12日 (also 公示期, 公开时间). */
export function findPublicWindow(text: string): DateRange | undefined {
  for (const m of text.matchAll(/(?:公开|公示)(?:期限|时间|期)\s*(?:为|：|:)?\s*/g)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const r = findDateRanges(after)[0];
    if (!r || r.index > 2) continue;
    const from = isoDay(r.from),
      to = isoDay(r.to);
    if (from && to && from <= to) return { from, to };
  }
  return undefined;
}

/**
 * The publication date: the date line of the closing (after the signature), else the page
 * line of the front (a date line under the title, or the 来源/发布时间 line a web page or a
 * newspaper prints above the text).
 */
export function findPublishedDate(closing: string[], front: string[]): string | undefined {
  for (let i = closing.length - 1; i >= 0; i--) {
    const d = dateOnlyLine(closing[i]!);
    if (d) return d;
  }
  for (const p of front) {
    const d = pageLineDate(p);
    if (d) return d;
  }
  return undefined;
}

export function parseNotice(text: string): ParsedNotice {
  const lines = splitParagraphs(tidyText(text));
  const reading = lines.map(readingForm);
  const body = parseStructure(reading);
  const { paragraphs } = body;
  const front = paragraphs.filter((p) => p.part === 'front' && p.role !== 'title').map((p) => p.text);
  // The page lines (来源, 发布时间 …) are not part of the introduction: their dates would
  // read as dates of the inspection.
  const frontText = front.filter((p) => !pageLineDate(p));
  const closing = paragraphs.filter((p) => p.part === 'closing').map((p) => p.text);
  // The introduction (…巡察组对…进行了巡察…反馈…) is in the front part; when the front part
  // did not catch it, it is among the first paragraphs after the title.
  const afterTitle = paragraphs
    .filter((p) => p.role !== 'title' && !pageLineDate(p.text))
    .slice(0, 3)
    .map((p) => p.text);
  const intro = (frontText.some((p) => /巡视|巡察/.test(p)) ? frontText : afterTitle).join('\n');
  // Contacts without an invitation paragraph still sit at the end of the text.
  const contactText = (
    closing.length
      ? closing
      : paragraphs
          .slice(-CONTACT_SEARCH)
          .map((p) => p.text)
          .filter((p) => CONTACT_LABEL.test(p))
  ).join('\n');

  const unit = extractUnit({ title: body.title, closing, intro, text: paragraphs.map((p) => p.text).join('\n') });
  const signature = unitFromSignature(closing);
  const region = regionOf(
    [unit.unitAsWritten, signature].filter((u): u is string => !!u),
    [intro, contactText, ...closing].join('\n'),
  );
  const inspection = extractInspection(body.title, intro);
  const publishedDate = findPublishedDate(closing, front);
  const publicWindow = findPublicWindow([...closing, contactText].join('\n'));
  const yearSource = publishedDate ?? publicWindow?.from ?? inspection.feedbackDate;

  const notice: ParsedNotice = {
    region,
    inspection,
    contacts: extractContacts(contactText),
    paragraphs,
    outline: body.outline,
  };
  if (unit.unitAsWritten) notice.unit = canonicalUnit(unit.unitAsWritten, region);
  if (body.title) notice.title = body.title;
  else if (unit.unitAsWritten || inspection.level || /巡视|巡察|整改/.test(text)) {
    // Every notice is shown with a title: one built from what the text says, marked so.
    notice.title = deriveTitle({ unit: notice.unit, unitAsWritten: unit.unitAsWritten, group: inspection.group, intro });
    notice.titleDerived = true;
  }
  if (unit.unitAsWritten) notice.unitAsWritten = unit.unitAsWritten;
  asPublished(notice, makeRestorer(lines, reading));
  if (unit.unitAsWritten) notice.unit = canonicalUnit(unit.unitAsWritten, region);
  if (publishedDate) notice.publishedDate = publishedDate;
  if (publicWindow) notice.publicWindow = publicWindow;
  if (yearSource) notice.year = Number(yearSource.slice(0, 4));
  return notice;
}

/**
 * Puts back the published characters (traditional script) in everything shown: texts,
 * headings, title, unit and group as written. Facets and categories keep the reading form.
 */
function asPublished(notice: ParsedNotice, restore: ReturnType<typeof makeRestorer>): void {
  if (!restore) return;
  for (const p of notice.paragraphs) {
    p.text = restore(p.text, p.seq);
    if (p.lead !== undefined) p.lead = restore(p.lead, p.seq);
    p.headingPath = p.headingPath.map((h) => restore(h));
    for (const it of p.items) {
      it.text = restore(it.text, p.seq);
      for (const f of it.facts) f.text = restore(f.text, p.seq);
    }
    for (const f of p.facts) f.text = restore(f.text, p.seq);
  }
  const outline = (nodes: ParsedNotice['outline']) => {
    for (const n of nodes) {
      n.heading = restore(n.heading, n.seq);
      outline(n.children);
    }
  };
  outline(notice.outline);
  if (notice.title && !notice.titleDerived) notice.title = restore(notice.title);
  if (notice.unitAsWritten) notice.unitAsWritten = restore(notice.unitAsWritten);
  if (notice.inspection.group) notice.inspection.group = restore(notice.inspection.group);
  if (notice.contacts.address) notice.contacts.address = restore(notice.contacts.address);
}

/** How many final paragraphs are searched for contacts when there is no closing part. */
const CONTACT_SEARCH = 8;
const CONTACT_LABEL = /电话|地址|邮编|邮政编码|邮箱|信箱/;
