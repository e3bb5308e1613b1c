/**
 * Place names whose characters OpenCC would "simplify" although they are simplified already
 * (乾安县 → 干安县): the folding keeps them (lexicon/kept-names.txt), in simplified and in
 * traditional script, so their notices keep their unit and region and a search finds them.
 */
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../indexer/parse/notice.ts';
import { readGazetteer } from '../../../indexer/metadata/region.ts';
import { normalize } from '../../../text/normalize.ts';

const NOTICE = (unit: string, county: string) =>
  [
    `${unit}党组关于县委巡察反馈意见整改落实情况的通报`,
    `根据${county}委统一部署，2020年10月5日至12月10日，${county}委第八巡察组对教育局党组进行了常规巡察。2021年1月19日，巡察组向教育局党组反馈了巡察意见。现将整改进展情况予以公布。`,
    '一、关于党费收缴不规范的问题',
    '一是补缴党费2369元。',
  ].join('\n');

describe('names the traditional-script folding keeps', () => {
  it('leaves every place of the gazetteer as it is', () => {
    const names = readGazetteer().flatMap((p) => [
      p.name,
      ...(p.children ?? []).flatMap((c) => [c.name, ...(c.children ?? []).map((x) => x.name)]),
    ]);
    expect(names.length).toBeGreaterThan(3000);
    expect(names.filter((n) => normalize(n) !== n)).toEqual([]);
  });

  it('keeps 乾 in 乾安 and 乾县 from either script, and still folds 乾 elsewhere', () => {
    expect(normalize('乾安縣教育局')).toBe('乾安县教育局');
    expect(normalize('乾縣人民政府')).toBe('乾县人民政府');
    expect(normalize('天乾物燥，乾淨的乾安')).toBe('天干物燥,干净的乾安');
    // A text that writes 干 keeps it: only what the source had is put back.
    expect(normalize('干安')).toBe('干安');
  });

  it('places a 乾安县 notice in 吉林省 › 松原市 › 乾安县, in either script', () => {
    for (const text of [NOTICE('乾安县教育局', '乾安县'), NOTICE('乾安縣教育局', '乾安縣')]) {
      const n = parseNotice(text);
      expect(n.unit).toBe('乾安县教育局');
      expect(n.region).toEqual(['吉林省', '松原市', '乾安县']);
    }
  });
});
