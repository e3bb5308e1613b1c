/**
 * Rows of an export: CSV (UTF-8 with BOM, so Excel reads Chinese; column names in Chinese
 * unless the API's field names are asked for) or JSON (the API's field names), with absolute
 * links. One row per matching paragraph: its whole text, and which lead or items matched.
 */
import type { ExportRow } from '../../contract/api.ts';

/** CSV columns: the API field each comes from, and its Chinese name. */
export const EXPORT_COLUMNS = [
  ['noticeId', '通报ID'],
  ['paragraphId', '段落ID'],
  ['title', '通报标题'],
  ['unit', '单位'],
  ['region', '地区'],
  ['year', '年份'],
  ['publishedDate', '发布日期'],
  ['headingPath', '所在标题'],
  ['category', '问题类别'],
  ['paragraphText', '段落全文'],
  ['matched', '命中位置'],
  ['url', '链接'],
] as const satisfies readonly (readonly [keyof ExportRow, string])[];

export type ExportHeader = 'zh' | 'api';

/** What a lead is called where an item is called by its label (一是, 二是 …). */
const LEAD = '段首';

export function csvHeader(header: ExportHeader): string {
  return EXPORT_COLUMNS.map(([field, zh]) => csvCell(header === 'zh' ? zh : field)).join(',') + '\r\n';
}

export function csvCell(v: string): string {
  // Quote always; a leading =, +, - or @ would be run as a formula by spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvRow(r: ExportRow, origin: string): string {
  const values: Record<(typeof EXPORT_COLUMNS)[number][0], string> = {
    noticeId: r.noticeId,
    paragraphId: r.paragraphId,
    title: r.title ?? '',
    unit: r.unit ?? '',
    region: r.region.join(' > '),
    year: r.year ? String(r.year) : '',
    publishedDate: r.publishedDate ?? '',
    headingPath: r.headingPath.join(' > '),
    category: [r.category.lvl1?.label, ...r.category.lvl2.map((c) => c.label)].filter(Boolean).join('；'),
    paragraphText: r.paragraphText,
    matched: r.matched.map((m) => m.itemLabel ?? LEAD).join('、'),
    url: origin + r.url,
  };
  return EXPORT_COLUMNS.map(([c]) => csvCell(values[c])).join(',') + '\r\n';
}

export function exportJsonRow(r: ExportRow, origin: string): ExportRow {
  return { ...r, url: origin + r.url };
}
