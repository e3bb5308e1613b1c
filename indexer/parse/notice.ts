/**
 * Plain text of one notice → everything the archive records about it except ids, sources,
 * hash and indexing time (assigned by indexer/build-record.ts). Pure: same text, same result.
 */
import type { NoticeRecord } from '../../contract/notice.ts';
import { extractContacts } from '../metadata/contacts.ts';
import { dateOnlyLine, findDateRanges, findDates, isoDay } from '../metadata/dates.ts';
import { extractInspection } from '../metadata/inspection.ts';
import { regionOf } from '../metadata/region.ts';
import { extractUnit, unitFromSignature } from '../metadata/unit.ts';
import { parseStructure, type ParsedOutlineNode, type ParsedParagraph } from './structure.ts';
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
 * The publication date: the date line of the closing (after the signature), else a date
 * line right under the title, else a 发布时间 field a web page left in front of the text.
 */
export function findPublishedDate(closing: string[], front: string[]): string | undefined {
  for (let i = closing.length - 1; i >= 0; i--) {
    const d = dateOnlyLine(closing[i]!);
    if (d) return d;
  }
  for (const p of front) {
    const d = dateOnlyLine(p);
    if (d) return d;
    const field = /(?:发布|发文|印发)(?:时间|日期)\s*[：:]\s*/.exec(p);
    if (field) {
      const first = findDates(p.slice(field.index + field[0].length))[0];
      if (first && first.index === 0 && first.explicitYear) {
        const iso = isoDay(first);
        if (iso) return iso;
      }
    }
  }
  return undefined;
}

export function parseNotice(text: string): ParsedNotice {
  const body = parseStructure(splitParagraphs(tidyText(text)));
  const { paragraphs } = body;
  const front = paragraphs.filter((p) => p.part === 'front' && p.role !== 'title').map((p) => p.text);
  const closing = paragraphs.filter((p) => p.part === 'closing').map((p) => p.text);
  // The introduction (…巡察组对…进行了巡察…反馈…) is in the front part; when the front part
  // did not catch it, it is among the first paragraphs after the title.
  const afterTitle = paragraphs
    .filter((p) => p.role !== 'title')
    .slice(0, 3)
    .map((p) => p.text);
  const intro = (front.some((p) => /巡视|巡察/.test(p)) ? front : afterTitle).join('\n');
  // Contacts without an invitation paragraph still sit at the end of the text.
  const contactText = (
    closing.length
      ? closing
      : paragraphs
          .slice(-CONTACT_SEARCH)
          .map((p) => p.text)
          .filter((p) => CONTACT_LABEL.test(p))
  ).join('\n');

  const unit = extractUnit({ title: body.title, closing, intro });
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
  if (body.title) notice.title = body.title;
  if (unit.unitAsWritten) notice.unitAsWritten = unit.unitAsWritten;
  if (unit.unit) notice.unit = unit.unit;
  if (publishedDate) notice.publishedDate = publishedDate;
  if (publicWindow) notice.publicWindow = publicWindow;
  if (yearSource) notice.year = Number(yearSource.slice(0, 4));
  return notice;
}

/** How many final paragraphs are searched for contacts when there is no closing part. */
const CONTACT_SEARCH = 8;
const CONTACT_LABEL = /电话|地址|邮编|邮政编码|邮箱|信箱/;
