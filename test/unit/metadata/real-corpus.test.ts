/**
 * Metadata of the real notices of ../shared/corpus/real/ against INDEX.tsv (unit) and the
 * hand labels (year, level, feedback and publication date): ≥ 95 % of the fields right, and
 * the same when a notice is published in traditional script.
 */
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../indexer/parse/notice.ts';
import { canonicalUnit } from '../../../indexer/metadata/unit.ts';
import { type MetadataLabel, metadataLabels, realPages } from './real-corpus.ts';

const TARGET = 0.95;
const FIELDS = ['unit', 'year', 'level', 'feedbackDate', 'publishedDate'] as const;

function extracted(text: string): Record<(typeof FIELDS)[number], string | number | undefined> {
  const n = parseNotice(text);
  return {
    unit: n.unit,
    year: n.year,
    level: n.inspection.level,
    feedbackDate: n.inspection.feedbackDate,
    publishedDate: n.publishedDate,
  };
}

function score(labels: MetadataLabel[], textOf: (file: string) => string) {
  const misses: string[] = [];
  let right = 0;
  for (const label of labels) {
    const got = extracted(textOf(label.file));
    for (const f of FIELDS) {
      // INDEX.tsv names the unit as the page does: compared as one organisation.
      const want = f === 'unit' && label.unit ? canonicalUnit(label.unit) : label[f];
      if (got[f] === want) right++;
      else misses.push(`${label.file} ${f}: ${got[f] ?? '-'} ≠ ${want ?? '-'}`);
    }
  }
  return { accuracy: right / (labels.length * FIELDS.length), misses };
}

describe('metadata of the real notices', () => {
  const pages = new Map(realPages().map((p) => [p.file, p.text]));
  const labels = metadataLabels();

  it(`gets ≥ ${TARGET * 100} % of unit, year, level, feedback and publication date right`, () => {
    const { accuracy, misses } = score(labels, (f) => pages.get(f)!);
    console.log(`metadata: ${(accuracy * 100).toFixed(1)} % right over ${labels.length} notices × ${FIELDS.length} fields`);
    if (misses.length) console.log(`  missed: ${misses.join('; ')}`);
    expect(labels.length).toBeGreaterThanOrEqual(20);
    expect(accuracy).toBeGreaterThanOrEqual(TARGET);
  });

  it('reads the same metadata from the notices written in traditional script, and shows them as published', () => {
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    const simplified = score(labels, (f) => pages.get(f)!);
    const traditional = score(labels, (f) => toTraditional(pages.get(f)!));
    console.log(`metadata, traditional script: ${(traditional.accuracy * 100).toFixed(1)} %`);
    expect(traditional.misses).toEqual(simplified.misses);

    const published = toTraditional(pages.get('111.txt')!);
    const n = parseNotice(published);
    expect(n.title).toBe('中共湖北省委關於十九屆中央第六輪巡視整改進展情況的通報');
    expect(n.unit).toBe('湖北省委');
    expect(n.paragraphs.map((p) => p.text)).toEqual(published.split('\n').filter((l) => l.trim()));
    expect(n.paragraphs.map((p) => p.part)).toEqual(parseNotice(pages.get('111.txt')!).paragraphs.map((p) => p.part));
  });

  it('shows every notice with a title: its own, else one built from its metadata and marked so', () => {
    const titles = labels.map((l) => ({ file: l.file, n: parseNotice(pages.get(l.file)!) }));
    const own = titles.filter((t) => !t.n.titleDerived);
    console.log(`titles: ${own.length} of ${titles.length} notices have their own, ${titles.length - own.length} derived`);
    for (const { n } of titles) expect(n.title).toBeTruthy();
    for (const { n } of titles.filter((t) => t.n.titleDerived)) {
      expect(n.title).toMatch(/^.+关于.*(巡视|巡察).*整改.*情况的通报（据正文拟）$/);
      expect(n.title!.startsWith(n.unit!) || n.title!.startsWith(n.unitAsWritten!)).toBe(true);
    }
    expect(titles.find((t) => t.file === '104.txt')!.n.title).toBe('新乡市牧野区委关于省委巡视整改情况的通报（据正文拟）');
  });
});
