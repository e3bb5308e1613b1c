/**
 * A small corpus for the browser tests: the two sample notices plus variants of them for
 * other units, places and years (names and years replaced), so that facets have several
 * values, the year histogram several bars, and a unit has an earlier notice (related notices,
 * 本轮与上轮重复的问题类别). Deterministic, written into a temporary folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/portal.ts';

const SAMPLES = path.join(ROOT, 'corpus', 'samples');
const COUNTY = '000_1385efacdcc48c67.txt'; // 宽甸满族自治县融媒体中心, 2025
const CITY = '003_80563647cd77ea6c.txt'; // 丹东市融媒体中心, 2025

type Variant = { from: string; name: string; replace: [string, string][]; yearShift: number };

const VARIANTS: Variant[] = [
  { from: COUNTY, name: 'kuandian-2022.txt', replace: [], yearShift: -3 },
  { from: COUNTY, name: 'fengcheng-2024.txt', replace: [['宽甸满族自治县', '凤城市']], yearShift: -1 },
  {
    from: COUNTY,
    name: 'donggang-2023.txt',
    replace: [
      ['宽甸满族自治县', '东港市'],
      ['宽甸镇', '大东街道'],
    ],
    yearShift: -2,
  },
  {
    from: COUNTY,
    name: 'huanren-2021.txt',
    replace: [
      ['宽甸满族自治县', '桓仁满族自治县'],
      ['宽甸镇', '桓仁镇'],
      ['丹东', '本溪'],
    ],
    yearShift: -4,
  },
  { from: CITY, name: 'benxi-2024.txt', replace: [['丹东', '本溪']], yearShift: -1 },
  { from: CITY, name: 'anshan-2023.txt', replace: [['丹东', '鞍山']], yearShift: -2 },
];

function shiftYears(text: string, by: number): string {
  return text.replace(/(20[0-3]\d)(?=年)/g, (y) => String(Number(y) + by));
}

/** Writes the corpus into `dir` and returns the file paths. */
export function writeTestCorpus(dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const f of [COUNTY, CITY]) {
    const to = path.join(dir, f);
    fs.copyFileSync(path.join(SAMPLES, f), to);
    files.push(to);
  }
  for (const v of VARIANTS) {
    let text = fs.readFileSync(path.join(SAMPLES, v.from), 'utf8');
    for (const [a, b] of v.replace) text = text.replaceAll(a, b);
    const to = path.join(dir, v.name);
    fs.writeFileSync(to, shiftYears(text, v.yearShift));
    files.push(to);
  }
  return files;
}
