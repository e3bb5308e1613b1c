/** Facet lists as the facet panels show them: most frequent first, trees with their parents. */
import { describe, expect, it } from 'vitest';
import { shapeFacets } from '../../../server/search/facets.ts';

describe('facet lists', () => {
  const facets = shapeFacets({
    unit: { 丹东市教育局: 3, 凤城市财政局: 7, 东港市教育局: 3 },
    'region.lvl0': { 辽宁省: 9 },
    'region.lvl1': { '辽宁省 > 丹东市': 9 },
    'region.lvl2': { '辽宁省 > 丹东市 > 宽甸满族自治县': 4, '辽宁省 > 丹东市 > 凤城市': 5 },
    'category.lvl1': { 'L1.discipline': 6 },
    'category.lvl2': { 'T.party-dues': 2 },
    year: { '2019': 1, '2024': 5, '2021': 3 },
  });

  it('orders values by count, ties in radical-stroke (code-point) order', () => {
    expect(facets.unit.map((v) => [v.value, v.count])).toEqual([
      ['凤城市财政局', 7],
      ['东港市教育局', 3],
      ['丹东市教育局', 3],
    ]);
  });

  it('gives each region its own name as label, its level and its parent path; a parent before a child of the same count', () => {
    expect(facets.region.map((v) => [v.label, v.level, v.parent])).toEqual([
      ['辽宁省', 1, undefined],
      ['丹东市', 2, '辽宁省'],
      ['凤城市', 3, '辽宁省 > 丹东市'],
      ['宽甸满族自治县', 3, '辽宁省 > 丹东市'],
    ]);
  });

  it('labels categories from the taxonomy with their level and parent, and years newest first', () => {
    expect(facets.category[0]).toMatchObject({ value: 'L1.discipline', level: 1 });
    expect(facets.category[0]!.label).not.toBe('L1.discipline');
    expect(facets.category[1]).toMatchObject({ value: 'T.party-dues', level: 2 });
    expect(facets.category[1]!.parent).toMatch(/^L1\./);
    expect(facets.year.map((v) => v.label)).toEqual(['2024年', '2021年', '2019年']);
    expect(facets.level).toEqual([]);
  });
});
