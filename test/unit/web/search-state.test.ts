/** The search page's URL state: parsing, defaults, and the API's own spelling back. */
import { describe, expect, it } from 'vitest';
import { parseSearchState, serializeSearchState, toggledValues, toRequest } from '../../../web/src/state/useSearchState.ts';
import { searchQueryString } from '../../../web/src/api/client.ts';

const parse = (qs: string) => parseSearchState(new URLSearchParams(qs));

describe('search state in the URL', () => {
  it('has defaults for an empty URL, and writes nothing for them', () => {
    const s = parse('');
    expect(s).toEqual({
      clauses: [{ q: '', mode: 'words', scope: 'all' }],
      filters: { unit: [], region: [], category: [], year: [], level: [] },
      view: 'paragraphs',
      sort: 'relevance',
      page: 1,
    });
    expect(serializeSearchState(s).toString()).toBe('');
  });

  it('round-trips clauses, filters, view, sort and page', () => {
    const qs =
      'q=党费&q=2369&mode=words&mode=exact&scope=measures&unit=甲单位&unit=乙单位&region=辽宁省+>+丹东市&category=T.party-dues&year=2024&year=2025&level=县&view=notices&sort=-date&page=3';
    const s = parse(qs);
    expect(s.clauses).toEqual([
      { q: '党费', mode: 'words', scope: 'measures' },
      { q: '2369', mode: 'exact', scope: 'measures' },
    ]);
    expect(s.filters.region).toEqual(['辽宁省 > 丹东市']);
    expect(s.filters.year).toEqual([2024, 2025]);
    expect(parse(serializeSearchState(s).toString())).toEqual(s);
  });

  it('writes one mode/scope for all clauses when they agree, else one per clause', () => {
    const one = serializeSearchState({
      ...parse(''),
      clauses: [
        { q: 'a', mode: 'exact', scope: 'all' },
        { q: 'b', mode: 'exact', scope: 'all' },
      ],
    });
    expect(one.getAll('mode')).toEqual(['exact']);
    expect(one.getAll('scope')).toEqual([]);
    const each = serializeSearchState({
      ...parse(''),
      clauses: [
        { q: 'a', mode: 'words', scope: 'problems' },
        { q: 'b', mode: 'exact', scope: 'all' },
      ],
    });
    expect(each.getAll('mode')).toEqual(['words', 'exact']);
    expect(each.getAll('scope')).toEqual(['problems', 'all']);
  });

  it('drops malformed values instead of failing', () => {
    const s = parse('mode=fuzzy&view=grid&sort=up&page=-4&year=abc&year=1800&level=乡&category=DROP TABLE&yearFrom=20x');
    expect(s.clauses[0]!.mode).toBe('words');
    expect(s.view).toBe('paragraphs');
    expect(s.sort).toBe('relevance');
    expect(s.page).toBe(1);
    expect(s.filters).toEqual({ unit: [], region: [], category: [], year: [], level: [] });
  });

  it('keeps year=0, the 年份不详 filter, but no year 0 range', () => {
    const s = parse('year=0&year=2024&yearFrom=0');
    expect(s.filters.year).toEqual([0, 2024]);
    expect(s.filters.yearFrom).toBeUndefined();
  });

  it('keeps view=stats for the page but asks the API for paragraphs', () => {
    const s = parse('q=x&view=stats');
    expect(serializeSearchState(s).get('view')).toBe('stats');
    expect(searchQueryString(toRequest(s)).get('view')).toBeNull();
  });
});

describe('ticking a filter value', () => {
  const CITY = '辽宁省 > 丹东市';
  const COUNTY = '辽宁省 > 丹东市 > 宽甸满族自治县';
  it('narrows to a county ticked under its ticked city, and widens back when the city is ticked again', () => {
    expect(toggledValues('region', [CITY], COUNTY)).toEqual([COUNTY]);
    expect(toggledValues('region', [COUNTY, '四川省'], CITY)).toEqual(['四川省', CITY]);
    // Not inside one another: both kept, ORed.
    expect(toggledValues('region', ['辽宁省 > 大连市'], CITY)).toEqual(['辽宁省 > 大连市', CITY]);
    expect(toggledValues('region', [CITY, COUNTY], COUNTY)).toEqual([CITY]);
  });
  it('adds and removes values of the other fields as they are', () => {
    expect(toggledValues('unit', ['甲单位'], '甲单位分局')).toEqual(['甲单位', '甲单位分局']);
    expect(toggledValues('year', ['2024', '2025'], '2024')).toEqual(['2025']);
  });
});
