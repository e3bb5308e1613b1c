/**
 * Test corpora made from the two real sample notices: variants of the same notices as other
 * units and years (so facets, totals above 1000 and related notices can be checked), written
 * to a temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './portal.ts';

export const SEED_000 = fs.readFileSync(path.join(ROOT, 'corpus/samples/000_1385efacdcc48c67.txt'), 'utf8');
export const SEED_003 = fs.readFileSync(path.join(ROOT, 'corpus/samples/003_80563647cd77ea6c.txt'), 'utf8');

/** Counties of 丹东市 and units that publish notices. */
const COUNTIES = ['宽甸满族自治县', '凤城市', '东港市'];
const BUREAUS = ['融媒体中心', '教育局', '卫生健康局', '财政局', '交通运输局', '文化旅游和广播电视局'];

/** Seed 000 republished as another county unit, shifted to another year. */
export function variantOf000(county: string, bureau: string, year: number): string {
  const shift = (s: string) => s.replace(/(20\d\d)年/g, (_, y: string) => `${Number(y) - 2025 + year}年`);
  return shift(SEED_000)
    .replaceAll('宽甸满族自治县融媒体中心', `${county}${bureau}`)
    .replaceAll('融媒体中心进行了', `${bureau}进行了`)
    .replaceAll('向融媒体中心反馈', `向${bureau}反馈`);
}

export function writeCorpus(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** n variants of seed 000 across counties, bureaus and years 2019–2025. */
export function variantCorpus(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const county = COUNTIES[i % COUNTIES.length]!;
    const bureau = BUREAUS[Math.floor(i / COUNTIES.length) % BUREAUS.length]!;
    const year = 2019 + (i % 7);
    files[`v${String(i).padStart(3, '0')}.txt`] = variantOf000(county, bureau, year);
  }
  return files;
}
