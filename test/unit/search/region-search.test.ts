/** Finding a region by name among more regions than Meilisearch returns values of a facet. */
import { describe, expect, it } from 'vitest';
import { regionsContaining } from '../../../server/search/filters.ts';
import { SearchContext } from '../../../server/search/context.ts';
import { facetSearch } from '../../../server/search/facets.ts';
import { planSearch } from '../../../server/search/plan.ts';
import type { SearchQuery, SearchStore } from '../../../meili/search-types.ts';

describe('regions by name', () => {
  it('names the regions whose path contains the text, only the shallowest of nested ones', () => {
    expect(regionsContaining('汉源')).toBe('region.lvl2 IN ["四川省 > 雅安市 > 汉源县"]');
    // Every city and county of Sichuan contains 四川 in its path: the province stands for them.
    expect(regionsContaining('四川')).toBe('region.lvl0 IN ["四川省"]');
    expect(regionsContaining('宽甸')).toBe('region.lvl2 IN ["辽宁省 > 丹东市 > 宽甸满族自治县"]');
    expect(regionsContaining('并非地名')).toBeUndefined();
  });

  it('finds a county that is not among the most frequent values of the facet', async () => {
    // A Meilisearch that returns the CAP most frequent values of a facet, and honours a region.lvl2 IN filter.
    const CAP = 3;
    const counties: Record<string, number> = {
      '辽宁省 > 丹东市 > 凤城市': 50,
      '辽宁省 > 丹东市 > 东港市': 40,
      '辽宁省 > 丹东市 > 振兴区': 30,
      '辽宁省 > 丹东市 > 元宝区': 20,
      '四川省 > 雅安市 > 汉源县': 2,
    };
    const sent: string[] = [];
    const store = {
      async multiSearch(queries: SearchQuery[]) {
        const q = queries[0]! as { filter?: string; facets?: string[] };
        sent.push(q.filter ?? '');
        const only = /region\.lvl2 IN \[([^\]]*)\]/
          .exec(q.filter ?? '')?.[1]
          ?.split(', ')
          .map((v) => JSON.parse(v) as string);
        const docs = Object.entries(counties).filter(([path]) => !only || only.includes(path));
        const facetDistribution: Record<string, Record<string, number>> = {};
        for (const f of q.facets ?? []) {
          const level = Number(f.slice(-1));
          const counts: Record<string, number> = {};
          for (const [path, n] of docs) {
            const v = path
              .split(' > ')
              .slice(0, level + 1)
              .join(' > ');
            counts[v] = (counts[v] ?? 0) + n;
          }
          facetDistribution[f] = Object.fromEntries(
            Object.entries(counts)
              .sort((a, b) => b[1] - a[1])
              .slice(0, CAP),
          );
        }
        return [{ hits: [], totalHits: docs.reduce((s, [, n]) => s + n, 0), facetDistribution }];
      },
    } as unknown as SearchStore;
    const params = { q: [], mode: [], scope: [], unit: [], region: [], category: [], year: [], level: [] };
    const values = await facetSearch(new SearchContext(store), 'region', '汉源', planSearch(params));
    expect(values.map((v) => [v.value, v.count])).toEqual([['四川省 > 雅安市 > 汉源县', 2]]);
    expect(sent[0]).toContain('汉源县');
  });
});
