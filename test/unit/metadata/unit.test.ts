import { describe, expect, it } from 'vitest';
import { extractUnit, normalizeUnit, unitFromIntroduction, unitFromSignature, unitFromTitle } from '../../../indexer/metadata/unit.ts';

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
