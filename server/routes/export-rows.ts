/** Rows of an export: CSV (UTF-8 with BOM, so Excel reads Chinese) or JSON, with absolute links. */
import type { SearchHit } from '../../contract/api.ts';

export const EXPORT_COLUMNS = [
  'noticeId',
  'paragraphId',
  'id',
  'title',
  'unit',
  'region',
  'year',
  'category',
  'headingPath',
  'text',
  'url',
] as const;

export function csvCell(v: string): string {
  // Quote always; a leading =, +, - or @ would be run as a formula by spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvRow(h: SearchHit, origin: string): string {
  const values: Record<(typeof EXPORT_COLUMNS)[number], string> = {
    noticeId: h.noticeId,
    paragraphId: h.paragraphId,
    id: h.id,
    title: h.title ?? '',
    unit: h.unit ?? '',
    region: h.region.join(' > '),
    year: h.year ? String(h.year) : '',
    category: [h.category.lvl1?.label, ...h.category.lvl2.map((c) => c.label)].filter(Boolean).join('；'),
    headingPath: h.headingPath.join(' > '),
    text: h.text,
    url: origin + h.url,
  };
  return EXPORT_COLUMNS.map((c) => csvCell(values[c])).join(',') + '\r\n';
}

export function exportJsonHit(h: SearchHit, origin: string) {
  const { highlighted: _h, snippet: _s, ...rest } = h;
  return { ...rest, url: origin + h.url };
}
