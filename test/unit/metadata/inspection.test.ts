import { describe, expect, it } from 'vitest';
import { extractInspection } from '../../../indexer/metadata/inspection.ts';

describe('extractInspection', () => {
  it('takes a month-only feedback date as the month', () => {
    const intro = '根据党中央统一部署，2021年5月至7月，十九届中央第七轮巡视对教育部开展常规巡视，并于2021年9月反馈了巡视情况。';
    expect(extractInspection(undefined, intro).feedbackDate).toBe('2021-09');
  });

  it('reads seed 000', () => {
    expect(
      extractInspection(
        '宽甸满族自治县融媒体中心关于县委巡察整改进展情况的通报',
        '根据县委和县委巡察工作领导小组统一部署，2024年9月30日至12月30日，县委第二巡察组对融媒体中心进行了常规巡察。2025年2月19日，县委巡察组向融媒体中心反馈了巡察意见。',
      ),
    ).toEqual({
      level: '县',
      group: '县委第二巡察组',
      kind: '常规',
      period: { from: '2024-09-30', to: '2024-12-30' },
      feedbackDate: '2025-02-19',
    });
  });

  it.each([
    ['中央第十一巡视组对某某省进行了巡视', { level: '中央', group: '中央第十一巡视组' }],
    ['十四届省委第三巡视组对某某厅党组开展了巡视', { level: '省', group: '省委第三巡视组' }],
    ['自治区党委第二巡视组对某某厅进行了巡视', { level: '省', group: '自治区党委第二巡视组' }],
    ['市委第一巡察组对某某局进行了巡察', { level: '市', group: '市委第一巡察组' }],
    ['丹东市委第二巡察组对某某局进行了巡察', { level: '市', group: '丹东市委第二巡察组' }],
    // 海城市 is a county-level city: its 市委 inspects at county level.
    ['海城市委第一巡察组对某某局进行了巡察', { level: '县', group: '海城市委第一巡察组' }],
    ['区委第三巡察组对某某街道进行了巡察', { level: '县', group: '区委第三巡察组' }],
    ['旗委第一巡察组对某某苏木进行了巡察', { level: '县', group: '旗委第一巡察组' }],
    ['集团党委第二巡察组对某某分公司进行了巡察', { group: '集团党委第二巡察组' }],
  ])('%s', (intro, expected) => expect(extractInspection(undefined, intro)).toEqual(expected));

  it('takes the level from the title when no group is named', () => {
    expect(extractInspection('某某局关于县委巡察整改情况的通报', '现将整改情况予以公布。')).toEqual({ level: '县' });
    expect(extractInspection('某某厅关于十四届省委第六轮巡视整改进展情况的通报', '')).toEqual({ level: '省', round: 6 });
  });

  it.each([
    ['开展了专项巡察', '专项'],
    ['开展了机动巡察', '机动'],
    ['开展了巡察“回头看”', '回头看'],
    ['开展了常规巡视', '常规'],
  ])('kind: %s', (intro, kind) => expect(extractInspection(undefined, intro).kind).toBe(kind));

  it('reads rounds in Chinese and Arabic numerals', () => {
    expect(extractInspection(undefined, '县委第十轮巡察').round).toBe(10);
    expect(extractInspection(undefined, '市委第3轮巡察').round).toBe(3);
  });

  it('carries the year across the period and into the next year when needed', () => {
    expect(extractInspection(undefined, '2024年11月20日至1月15日，县委第一巡察组对某局进行了巡察。').period).toEqual({
      from: '2024-11-20',
      to: '2025-01-15',
    });
    expect(extractInspection(undefined, '二〇二四年十月八日至十一月二十九日，县委第一巡察组对某局进行了巡察。').period).toEqual({
      from: '2024-10-08',
      to: '2024-11-29',
    });
  });

  it('finds the feedback date in the sentence that reports it, not the period', () => {
    expect(
      extractInspection(undefined, '县委第一巡察组于2024年11月5日至2025年1月10日对我局开展了巡察，并于2025年3月3日反馈意见。').feedbackDate,
    ).toBe('2025-03-03');
    // Year not written: the last year written before it …
    expect(extractInspection(undefined, '2024年3月至5月，省委巡视组对某厅进行了巡视，6月20日反馈了巡视意见。').feedbackDate).toBe(
      '2024-06-20',
    );
    // … unless that would put the feedback before the inspection ended: then absent.
    expect(
      extractInspection(undefined, '2024年9月30日至12月30日，县委巡察组进行了巡察。2月19日，巡察组反馈了巡察意见。').feedbackDate,
    ).toBeUndefined();
  });

  it('leaves absent what is not said', () => {
    expect(extractInspection(undefined, '根据统一部署，现将整改情况予以公布。')).toEqual({});
    // A period in months only is not a date range of days.
    expect(extractInspection(undefined, '2024年3月至5月，省委第三巡视组对某厅进行了巡视。').period).toBeUndefined();
  });
});
