import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateNotice, unitSpec } from '../../../bench/generator/notice.ts';
import { generateCorpus, readCorpus } from '../../../bench/generator/corpus.ts';
import { compareWithTruth } from '../../../bench/generator/verify.ts';
import { readNotice } from '../../../indexer/read/read-file.ts';
import { parseNotice } from '../../../indexer/parse/notice.ts';

describe('synthetic notice generator', () => {
  it('is deterministic: same seed and index, same bytes; another seed, another notice', () => {
    for (const i of [0, 1, 17, 999, 54321]) {
      expect(generateNotice('s1', i).bytes.equals(generateNotice('s1', i).bytes)).toBe(true);
      expect(generateNotice('s1', i).bytes.equals(generateNotice('s2', i).bytes)).toBe(false);
    }
    expect(unitSpec('s1', 5)).toEqual(unitSpec('s1', 5));
  });

  it('writes the same corpus twice, and a small corpus is the start of a larger one', () => {
    const a = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-a-'));
    const b = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-b-'));
    try {
      const ta = generateCorpus({ notices: 30, seed: '7', out: a });
      const tb = generateCorpus({ notices: 40, seed: '7', out: b });
      for (const f of fs.readdirSync(a).filter((f) => f.endsWith('.txt'))) {
        expect(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f)))).toBe(true);
      }
      expect(fs.readdirSync(b).filter((f) => f.endsWith('.txt'))).toHaveLength(40);
      // Regenerating in place gives the same truth.
      expect(generateCorpus({ notices: 30, seed: '7', out: a })).toEqual(ta);
      expect(readCorpus(a).truth).toEqual(ta);
      expect(ta.all.notices.total).toBe(30);
      expect(tb.all.notices.total).toBe(40);
      expect(ta.all.segments.total).toBeGreaterThan(ta.all.paragraphs.total);
      const byYear = Object.values(ta.all.notices.by.year).reduce((x, y) => x + y, 0);
      expect(byYear).toBe(30);
    } finally {
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  });

  it('the real reader and parser get back title, unit, region, level, year, problems, items and segments', async () => {
    const seen = { levels: new Set<string>(), provinces: new Set<string>(), gbk: 0, multiLineTitle: 0 };
    for (let i = 0; i < 80; i++) {
      const g = generateNotice('test', i * 37);
      const read = await readNotice(g.bytes, g.fileName);
      expect(read.ok, g.fileName).toBe(true);
      if (!read.ok) continue;
      const parsed = parseNotice(read.text);
      expect(compareWithTruth(g.truth, parsed), `${g.fileName}\n${g.text.slice(0, 400)}`).toEqual([]);
      expect(g.truth.problems.length).toBeGreaterThan(0);
      seen.levels.add(g.truth.level);
      seen.provinces.add(g.truth.region[0]!);
      if (g.truth.encoding === 'gbk') seen.gbk++;
      if (g.truth.titleLines.length > 1) seen.multiLineTitle++;
    }
    // The sample covers the variety the generator is for.
    expect(seen.levels.size).toBeGreaterThanOrEqual(3);
    expect(seen.provinces.size).toBeGreaterThanOrEqual(15);
    expect(seen.multiLineTitle).toBeGreaterThan(0);
  });

  it('uses every numbering style and 一是 items', () => {
    const text = Array.from({ length: 60 }, (_, i) => generateNotice('styles', i).text).join('\n');
    for (const re of [
      /^[一二三四五六]、/m,
      /^（[一二三四五六]）/m,
      /^\([一二三四五六]\)/m,
      /^\d\./m,
      /^\d、/m,
      /^[１-９]．/m,
      /^（\d）/m,
      /^\d\)/m,
      /一是.+二是/,
      /\d+元/,
      /\d{3,4}-\d{7,8}/,
    ]) {
      expect(text, String(re)).toMatch(re);
    }
  });
});
