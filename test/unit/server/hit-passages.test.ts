/**
 * What a reader sees of a matching paragraph, on the two real sample notices: each lead and
 * item that holds a searched word (not only the lead), the paragraph whole from
 * GET /api/paragraphs/:id, and the paragraph whole in exports with the items that matched.
 */
import { describe, expect, it } from 'vitest';
import { buildRecord } from '../../../indexer/build-record.ts';
import { paragraphDocs } from '../../../indexer/load/documents.ts';
import { parseNotice } from '../../../indexer/parse/notice.ts';
import { csvHeader, csvRow, EXPORT_COLUMNS, exportJsonRow } from '../../../server/routes/export-rows.ts';
import { exportRow } from '../../../server/search/export.ts';
import { toHit } from '../../../server/search/hits.ts';
import { paragraphResponse } from '../../../server/search/notices.ts';
import { planQuery } from '../../../server/search/query-plan.ts';
import { SEED_000, SEED_003 } from '../../support/corpus.ts';

const docsOf = (text: string) => {
  const record = buildRecord({ parsed: parseNotice(text), text, textHash: 'test', sources: [] });
  return { record, docs: paragraphDocs(record) };
};
const seed003 = docsOf(SEED_003);
const seed000 = docsOf(SEED_000);
/** 3.基层党组织建设有差距方面。 一是… 二是… 三是… 四是退休党员补缴了所欠党费。 */
const party = seed003.docs.find((d) => d.segments[0]!.text.startsWith('3.基层党组织建设'))!;
/** A paragraph without lead: 一是… 四是党员同志补缴…党费共计2369元… */
const dues = seed000.docs.find((d) => d.segments.some((s) => s.text.includes('2369元')))!;
const within = (...qs: string[]) => planQuery(qs.map((q) => ({ q, mode: 'words' as const, scope: 'all' as const })));

describe('a hit shows every passage that holds a searched word', () => {
  it('searching 基层党组织, then 党费 within the results, shows the lead and the item that holds 党费', () => {
    const hit = toHit(party, within('基层党组织', '党费'));
    expect(hit.passages.map((p) => p.itemLabel ?? 'lead')).toEqual(['lead', '四是']);
    expect(hit.passages[0]!.snippet).toContain('<mark>');
    expect(hit.passages[1]!.snippet).toBe('四是退休党员补缴了所欠<mark>党费</mark>。');
    expect(hit.passages[1]!.url).toBe(`/notices/${party.noticeId}#${hit.passages[1]!.id}`);
  });

  it('leaves out the items without a searched word', () => {
    const hit = toHit(party, within('党费'));
    expect(hit.passages.map((p) => p.itemLabel)).toEqual(['四是']);
    expect(hit.id).toBe(hit.passages[0]!.id);
  });

  it('without a query shows the paragraph by its first segment, unmarked', () => {
    const hit = toHit(party, within(''));
    expect(hit.passages).toHaveLength(1);
    expect(hit.passages[0]!.snippet).toBe('3.基层党组织建设有差距方面。');
  });
});

describe('GET /api/paragraphs/:id answers with the paragraph whole', () => {
  const published = (id: string) => seed003.record.paragraphs.find((p) => p.id === id)!.text;

  it('a paragraph id: its whole text, lead and every item, as published', () => {
    const r = paragraphResponse(party, party.segments[0]!, 'paragraph');
    expect(r.kind).toBe('paragraph');
    expect(r.text).toBe(published(party.id));
    expect(r.text).toContain('四是退休党员补缴了所欠党费。');
    expect(r.segments.map((s) => s.itemLabel ?? 'lead')).toEqual(['lead', '一是', '二是', '三是', '四是']);
  });

  it('an item id: the item as itself, with its paragraph', () => {
    const item = party.segments.at(-1)!;
    const r = paragraphResponse(party, item, 'item');
    expect(r).toMatchObject({ kind: 'item', id: item.id, paragraphId: party.id, text: '四是退休党员补缴了所欠党费。', itemLabel: '四是' });
    expect(r.paragraphText).toBe(published(party.id));
    expect(r.url).toBe(`/notices/${party.noticeId}#${item.id}`);
  });
});

describe('exports', () => {
  it('hold the whole paragraph and which items matched, in columns named once, in Chinese for Excel', () => {
    const row = exportRow(dues, within('党费'));
    const published = seed000.record.paragraphs.find((p) => p.id === dues.id)!.text;
    expect(row.paragraphText).toBe(published);
    // The lead-less paragraph's every item, with the money amount, not only the first.
    expect(row.paragraphText).toMatch(/^一是.*四是党员同志补缴.*2369元/s);
    expect(row.matched.map((m) => m.itemLabel)).toEqual(['四是']);

    const header = csvHeader('zh');
    const names = header.trim().split(',');
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('"段落全文"');
    expect(names).toContain('"命中位置"');
    for (const [field] of EXPORT_COLUMNS) expect(header).not.toContain(field);
    expect(csvHeader('api').trim().split(',')).toEqual(EXPORT_COLUMNS.map(([field]) => `"${field}"`));

    const cells = csvRow(row, 'https://example.org').trim().split('","');
    expect(cells).toHaveLength(names.length);
    expect(cells).toContain(published.replace(/"/g, '""'));
    expect(cells).toContain('四是');
    expect(exportJsonRow(row, 'https://example.org').url).toBe(`https://example.org/notices/${dues.noticeId}#${row.matched[0]!.id}`);
  });

  it('name the lead 段首 when the lead matched', () => {
    const row = exportRow(party, within('基层党组织', '党费'));
    expect(csvRow(row, '')).toContain('"段首、四是"');
  });
});
