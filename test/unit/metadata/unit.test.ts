import { describe, expect, it } from 'vitest';
import {
  canonicalUnit,
  extractUnit,
  normalizeUnit,
  unitFromFeedback,
  unitFromIntroduction,
  unitFromSelfReference,
  unitFromSignature,
  unitFromTitle,
} from '../../../indexer/metadata/unit.ts';

describe('unitFromTitle', () => {
  it.each([
    ['宽甸满族自治县融媒体中心关于县委巡察整改进展情况的通报', '宽甸满族自治县融媒体中心'],
    ['中共丹东市融媒体中心委员会关于市委巡察整改落实进展情况的通报', '中共丹东市融媒体中心委员会'],
    ['某某镇党委巡察整改进展情况的通报', '某某镇党委'],
    ['某某镇党委区委巡察整改情况的通报', '某某镇党委'],
    ['中共某某省文化和旅游厅党组巡视整改落实情况的通报', '中共某某省文化和旅游厅党组'],
  ])('%s → %s', (title, unit) => expect(unitFromTitle(title)).toBe(unit));

  it.each(['关于巡察整改进展情况的通报', '巡视整改落实情况的通报', '关于县委第二巡察组反馈意见整改情况的通报'])('none in %s', (title) => {
    expect(unitFromTitle(title)).toBeUndefined();
  });
});

describe('normalizeUnit', () => {
  it.each([
    ['中共丹东市融媒体中心委员会', '丹东市融媒体中心'],
    ['宽甸满族自治县融媒体中心', '宽甸满族自治县融媒体中心'],
    ['中共某某县财政局党组', '某某县财政局'],
    ['某某乡党委', '某某乡'],
    ['中共某某街道工作委员会', '某某街道'],
    ['某某集团有限公司党委', '某某集团有限公司'],
    ['中共某某大学委员会', '某某大学'],
    ['中共某某县卫生健康局党组性质党委', '某某县卫生健康局'],
    ['中共宽甸满族自治县委员会', '宽甸满族自治县委'],
    ['中共某某市委', '某某市委'],
    // What remains after 委员会 would not be a unit: keep the name whole.
    ['中共某某县纪律检查委员会', '某某县纪律检查委员会'],
    ['中共某某县委政法委员会', '某某县委政法委员会'],
  ])('%s → %s', (written, unit) => expect(normalizeUnit(written)).toBe(unit));
});

describe('fallbacks', () => {
  it('takes the signature, skipping the date line', () => {
    expect(unitFromSignature(['欢迎监督。', '中共某某县财政局党组', '2025年3月1日'])).toBe('中共某某县财政局党组');
    expect(unitFromSignature(['欢迎监督。联系电话：0415-1234567。', '2025年3月1日'])).toBeUndefined();
  });

  it('takes the unit the introduction names', () => {
    expect(unitFromIntroduction('县委第二巡察组对融媒体中心进行了常规巡察。')).toBe('融媒体中心');
    expect(unitFromIntroduction('市委第二巡察组对丹东市融媒体中心党委进行了巡察。')).toBe('丹东市融媒体中心党委');
  });

  it('prefers title, then signature, then introduction, and says nothing without them', () => {
    expect(extractUnit({ title: '某某局关于巡察整改情况的通报', closing: ['某某中心'], intro: '' })).toEqual({
      unitAsWritten: '某某局',
      unit: '某某局',
    });
    expect(extractUnit({ title: '关于巡察整改情况的通报', closing: ['中共某某中心委员会'], intro: '' })).toEqual({
      unitAsWritten: '中共某某中心委员会',
      unit: '某某中心',
    });
    expect(extractUnit({ title: undefined, closing: [], intro: '巡察组对某某乡党委进行了巡察' })).toEqual({
      unitAsWritten: '某某乡党委',
      unit: '某某乡',
    });
    expect(extractUnit({ title: undefined, closing: [], intro: '现将整改情况予以公布。' })).toEqual({});
  });
});

describe('one canonical unit per organisation', () => {
  it.each([
    [['中共湖北省委', '湖北省委', '中共湖北省委员会', '湖北省'], '湖北省委'],
    [['内蒙古自治区党委', '中共内蒙古自治区委员会', '内蒙古自治区'], '内蒙古自治区党委'],
    [['中共武汉经开区党工委', '武汉经开区'], '武汉经开区党工委'],
    [['中共紫金县蓝塘中学支部委员会', '紫金县蓝塘中学党支部', '紫金县蓝塘中学'], '紫金县蓝塘中学'],
    [['某某街道党工委', '某某街道'], '某某街道'],
    [['中共太华镇委员会', '太华镇党委', '太华镇'], '太华镇'],
    [['某某村党支部', '某某村'], '某某村'],
    [['某某县人民医院党委', '某某县人民医院'], '某某县人民医院'],
    [['某某集团有限公司党委', '某某集团有限公司'], '某某集团有限公司'],
  ])('%j → %s', (names, unit) => {
    for (const n of names) expect(normalizeUnit(n)).toBe(unit);
  });

  it('names a district committee with its city when the region says which', () => {
    expect(canonicalUnit('牧野区', ['河南省', '新乡市', '牧野区'])).toBe('新乡市牧野区委');
    expect(canonicalUnit('中共新乡市牧野区委', ['河南省', '新乡市', '牧野区'])).toBe('新乡市牧野区委');
    expect(canonicalUnit('中共新乡市牧野区委')).toBe('新乡市牧野区委');
    // A county keeps its own name: county names do not recur from city to city.
    expect(canonicalUnit('新昌县', ['浙江省', '绍兴市', '新昌县'])).toBe('新昌县委');
    // A gazetteer district named 新区 is an area, not a development zone.
    expect(normalizeUnit('中共上海市浦东新区委员会')).toBe('上海市浦东新区委');
  });

  it('keeps the inspected unit apart from the inspecting body', () => {
    expect(unitFromFeedback('2024年12月27日，省委第四巡视组向广元市委反馈了巡视意见。')).toBe('广元市委');
    expect(unitFromFeedback('巡察组向我校党支部反馈了巡察意见。')).toBeUndefined();
    expect(unitFromIntroduction('县委第二巡察组对太华镇党委进行了巡察。')).toBe('太华镇党委');
    expect(unitFromSelfReference('省委第四巡视组对我区进行了巡视', '根据省委巡视组意见，惠济区委贯彻落实…')).toBe('惠济区委');
    expect(unitFromSelfReference('省委第四巡视组对我区进行了巡视', '区委高度重视。')).toBeUndefined();
  });
});

describe('an autonomous region committee', () => {
  it('is one unit however it is written', () => {
    for (const u of ['中共广西壮族自治区委', '中共广西壮族自治区委员会', '广西壮族自治区党委'])
      expect(normalizeUnit(u)).toBe('广西壮族自治区党委');
  });
});
