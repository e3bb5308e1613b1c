import { describe, expect, it } from 'vitest';
import { dateOnlyLine, findDateRanges, findDates, isoOf, pageLineDate } from '../../../indexer/metadata/dates.ts';

const isos = (text: string, carry?: number) => findDates(text, carry).map((d) => [d.text, isoOf(d)]);

describe('findDates', () => {
  it('reads full, partial and year-only dates, carrying the year', () => {
    expect(isos('2024年9月30日至12月30日，2025年2月19日反馈；2025年以来，于6月24日演练')).toEqual([
      ['2024年9月30日', '2024-09-30'],
      ['12月30日', '2024-12-30'],
      ['2025年2月19日', '2025-02-19'],
      ['2025年', '2025'],
      ['6月24日', '2025-06-24'],
    ]);
  });

  it('reads Chinese numerals, full-width digits and numeric forms', () => {
    expect(isos('二〇二五年十一月二十一日')).toEqual([['二〇二五年十一月二十一日', '2025-11-21']]);
    expect(isos('二○二四年三月')).toEqual([['二○二四年三月', '2024-03']]);
    expect(isos('２０２５年３月１日')).toEqual([['２０２５年３月１日', '2025-03-01']]);
    expect(isos('发布时间：2025-11-21 09:30')).toEqual([['2025-11-21', '2025-11-21']]);
    expect(isos('2025.3.1')).toEqual([['2025.3.1', '2025-03-01']]);
  });

  it('has no year for partial dates without a year before them', () => {
    expect(isos('于7月27日开业')).toEqual([['7月27日', undefined]]);
    expect(isos('于7月27日开业', 2025)).toEqual([['7月27日', '2025-07-27']]);
  });

  it('is not fooled by numbers that are not dates', () => {
    expect(isos('十几年的欠费，14年抗日战争，3.5月，13月，第34届，9:00--17:00，统一月度考核')).toEqual([]);
  });
});

describe('findDateRanges', () => {
  it('joins two dates by 至/—/-', () => {
    const r = findDateRanges('2023年1月—2025年6月补缴党费');
    expect(r.map((x) => [isoOf(x.from), isoOf(x.to), x.text])).toEqual([['2023-01', '2025-06', '2023年1月—2025年6月']]);
    expect(findDateRanges('2024年11月20日到1月15日').map((x) => [isoOf(x.from), isoOf(x.to)])).toEqual([['2024-11-20', '2025-01-15']]);
  });

  it('does not join dates separated by other words', () => {
    expect(findDateRanges('2024年9月30日开始，12月30日结束')).toEqual([]);
  });
});

describe('dateOnlyLine', () => {
  it.each([
    ['2025年11月21日', '2025-11-21'],
    ['（2025年11月21日）', '2025-11-21'],
    ['二〇二五年十一月二十一日', '2025-11-21'],
  ])('%s', (line, iso) => expect(dateOnlyLine(line)).toBe(iso));

  it.each(['2025年11月', '截至2025年11月21日', '2025年11月21日，召开会议。', '11月21日'])('not a date line: %s', (line) => {
    expect(dateOnlyLine(line)).toBeUndefined();
  });
});

describe('pageLineDate', () => {
  it.each([
    ['2022年08月16日 来源: 中共廊坊市委', '2022-08-16'],
    ['2025-04-29', '2025-04-29'],
    ['时间:2024/1/19 11:27:48    作者:党建办 薛文娟', '2024-01-19'],
    ['2021-10-23 20:38 来源: 湖北日报', '2021-10-23'],
    ['发布时间:2024-07-18 11:16 作者: 信息来源: 中共武汉经开区党工委', '2024-07-18'],
    ['来源:河北省纪委监委网站 发布时间:2022-07-01 10:07:39 阅读量:351', '2022-07-01'],
    ['发布日期: 2023-03-24', '2023-03-24'],
  ])('%s → %s', (line, iso) => expect(pageLineDate(line)).toBe(iso));

  it.each([
    '2023年1月17日,区委巡察组向区文旅体局党组反馈了巡察意见。',
    '2024年9月30日至12月30日',
    '截至2025年6月30日 已完成整改',
    '来源: 湖北日报',
  ])('none in %s', (line) => expect(pageLineDate(line)).toBeUndefined());
});
