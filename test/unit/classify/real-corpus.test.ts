/**
 * Categories on the real notices of ../shared/corpus/real/: only the problems part is
 * categorised (at most 5 % of the paragraphs outside it carry a category, the parts as
 * read by hand in test/fixtures/labels/real-parts.tsv), and in the facets a topic never
 * counts more than its level-1 parent.
 */
import { describe, expect, it } from 'vitest';
import type { NoticeRecord } from '../../../contract/notice.ts';
import { buildRecord } from '../../../indexer/build-record.ts';
import { defaultClassifier } from '../../../indexer/classify/segment-classifier.ts';
import { loadTaxonomy } from '../../../indexer/classify/taxonomy.ts';
import { noticeDoc, paragraphDocs } from '../../../indexer/load/documents.ts';
import { parseNotice } from '../../../indexer/parse/notice.ts';
import { SEED_000, SEED_003 } from '../parse/seeds.ts';
import { problemsFrom, realPages } from '../metadata/real-corpus.ts';

const OUTSIDE_TARGET = 0.05;

const taxonomy = loadTaxonomy();
const classify = defaultClassifier(taxonomy);
const record = (text: string): NoticeRecord =>
  buildRecord({ parsed: parseNotice(text), text, textHash: 'test', sources: [], classify, now: '2026-01-01T00:00:00Z' });

const categorised = (p: NoticeRecord['paragraphs'][number]) =>
  [p.classification, ...p.items.map((i) => i.classification)].some((c) => c && (c.lvl1 || c.topics.length));

describe('categories on the real notices', () => {
  const labelled = problemsFrom();
  const notices = realPages()
    .filter((p) => p.genre === 'a')
    .map((p) => ({ file: p.file, record: record(p.text), from: labelled.get(p.file) }));

  it('finds the problems part where it was read by hand', () => {
    const wrong = notices.flatMap(({ file, record, from }) =>
      record.paragraphs
        .filter((p) => (p.part === 'problems') !== (from !== undefined && p.seq >= from))
        .map((p) => `${file}#${p.seq + 1} ${p.part}: ${p.text.slice(0, 20)}`),
    );
    expect(wrong).toEqual([]);
  });

  it(`leaves ≥ ${100 - OUTSIDE_TARGET * 100} % of the paragraphs outside the problems part uncategorised`, () => {
    const outside = notices.flatMap(({ record, from }) => record.paragraphs.filter((p) => from === undefined || p.seq < from));
    const tagged = outside.filter(categorised);
    const share = tagged.length / outside.length;
    console.log(`outside the problems part: ${tagged.length} of ${outside.length} paragraphs categorised (${(share * 100).toFixed(1)} %)`);
    expect(outside.length).toBeGreaterThan(50);
    expect(share).toBeLessThanOrEqual(OUTSIDE_TARGET);
  });

  it('categorises the problems part', () => {
    const inside = notices.flatMap(({ record }) => record.paragraphs.filter((p) => p.part === 'problems' && p.role === 'problem'));
    expect(inside.length).toBeGreaterThan(5);
    expect(inside.filter((p) => p.classification?.lvl1 && p.classification.lvl1.code !== 'unclassified').length).toBeGreaterThan(
      inside.length / 2,
    );
  });

  it('never counts a topic more often than its parent, by paragraph or by notice', () => {
    const records = [...notices.map((n) => n.record), record(SEED_000), record(SEED_003)];
    const paragraphCounts = new Map<string, number>();
    const noticeCounts = new Map<string, number>();
    const add = (m: Map<string, number>, code: string) => m.set(code, (m.get(code) ?? 0) + 1);
    for (const r of records) {
      for (const d of paragraphDocs(r)) for (const c of [...d.category.lvl1, ...d.category.lvl2]) add(paragraphCounts, c);
      for (const c of noticeDoc(r).categories) add(noticeCounts, c);
    }
    const topicsOver = (m: Map<string, number>) =>
      taxonomy.topics
        .filter((t) => (m.get(t.code) ?? 0) > (m.get(t.parent) ?? 0))
        .map((t) => `${t.label} ${m.get(t.code)} > ${m.get(t.parent) ?? 0}`);
    expect(paragraphCounts.size).toBeGreaterThan(5);
    expect(topicsOver(paragraphCounts)).toEqual([]);
    expect(topicsOver(noticeCounts)).toEqual([]);
  });
});
