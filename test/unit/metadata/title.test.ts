import { describe, expect, it } from 'vitest';
import { deriveTitle, findTitle } from '../../../indexer/metadata/title.ts';

describe('findTitle', () => {
  it.each([
    [
      ['宽甸满族自治县融媒体中心关于县委巡察', '整改进展情况的通报', '根据县委…'],
      '宽甸满族自治县融媒体中心关于县委巡察整改进展情况的通报',
      0,
      2,
    ],
    [['中共某某县委员会', '关于巡察整改', '进展情况的通报', '正文。'], '中共某某县委员会关于巡察整改进展情况的通报', 0, 3],
    [['某某局党组关于巡察集中整改进展情况的通报'], '某某局党组关于巡察集中整改进展情况的通报', 0, 1],
    [['某某厅巡视整改落实情况的通报'], '某某厅巡视整改落实情况的通报', 0, 1],
    [['某某乡党委巡察整改情况的通报（第一批）'], '某某乡党委巡察整改情况的通报（第一批）', 0, 1],
    [['当前位置：首页', '来源：某某网', '关于巡察整改进展情况的通报', '正文'], '关于巡察整改进展情况的通报', 2, 3],
    [['《某某公司党委关于巡察整改情况的公告》'], '某某公司党委关于巡察整改情况的公告', 0, 1],
  ])('%j', (paragraphs, text, start, end) => {
    expect(findTitle(paragraphs)).toEqual({ text, start, end });
  });

  it('finds no title where none is written', () => {
    expect(findTitle(['根据县委统一部署，县委第二巡察组对某局进行了巡察。', '一、整改情况'])).toBeUndefined();
    expect(findTitle(['今天的会议通报'])).toBeUndefined(); // not about 巡视/巡察/整改
    expect(findTitle(['1.巡察整改工作进展情况'])).toBeUndefined(); // a numbered heading
    expect(findTitle([])).toBeUndefined();
  });
});

describe('findTitle on headings', () => {
  it('does not take a section heading for the title of a notice without one', () => {
    expect(findTitle(['巡察整改落实情况', '（一）关于…'])).toBeUndefined();
    expect(findTitle(['某某局关于巡察整改落实情况'])).toEqual({ text: '某某局关于巡察整改落实情况', start: 0, end: 1 });
  });

  it('removes layout spaces inside a title', () => {
    expect(findTitle(['某某局关于县委巡察 整改情况的通报'])?.text).toBe('某某局关于县委巡察整改情况的通报');
  });
});

describe('deriveTitle', () => {
  it('builds a marked title from the unit, the inspecting committee and the formula', () => {
    const intro = '省委第十二巡视组对牧野区开展了常规巡视。12月26日，省委第十二巡视组向牧野区反馈了巡视意见。现将巡视整改情况予以公布。';
    expect(deriveTitle({ unit: '新乡市牧野区委', unitAsWritten: '牧野区', group: '省委第十二巡视组', intro })).toBe(
      '新乡市牧野区委关于省委巡视整改情况的通报（据正文拟）',
    );
    expect(
      deriveTitle({
        unit: '市文化广电旅游局',
        unitAsWritten: '市文化广电旅游局党委',
        group: '市委第三巡察组',
        intro: '现将巡察整改进展情况予以公布。',
      }),
    ).toBe('市文化广电旅游局党委关于市委巡察整改进展情况的通报（据正文拟）');
  });

  it('still gives a title when nothing but the topic is known', () => {
    expect(deriveTitle({ intro: '县委巡察组反馈问题的整改' })).toBe('关于巡察整改情况的通报（据正文拟）');
  });
});
