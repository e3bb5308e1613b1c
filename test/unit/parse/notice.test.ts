import { describe, expect, it } from 'vitest';
import { NoticeRecord } from '../../../contract/notice.ts';
import { parseNotice, type ParsedNotice } from '../../../indexer/parse/notice.ts';
import { fixture, SEED_000, SEED_003 } from './seeds.ts';

/** The record fields besides paragraphs and outline. */
function metadata(n: ParsedNotice) {
  const { paragraphs: _p, outline: _o, ...rest } = n;
  return rest;
}

/** A parsed notice completed with ids the way build-record does, to check it fits the contract. */
function asRecord(n: ParsedNotice) {
  const { outline: _outline, ...rest } = n;
  return {
    ...rest,
    id: 'n1',
    textHash: 'h',
    indexedAt: '2025-01-01T00:00:00Z',
    sources: [],
    paragraphs: n.paragraphs.map((p) => ({ ...p, id: `p${p.seq}`, items: p.items.map((it, i) => ({ ...it, id: `p${p.seq}i${i}` })) })),
  };
}

describe('parseNotice on the seeds', () => {
  it('seed 000: 宽甸满族自治县融媒体中心', () => {
    const n = parseNotice(SEED_000);
    expect(metadata(n)).toEqual({
      title: '宽甸满族自治县融媒体中心关于县委巡察整改进展情况的通报',
      unitAsWritten: '宽甸满族自治县融媒体中心',
      unit: '宽甸满族自治县融媒体中心',
      region: ['辽宁省', '丹东市', '宽甸满族自治县'],
      inspection: {
        level: '县',
        group: '县委第二巡察组',
        kind: '常规',
        period: { from: '2024-09-30', to: '2024-12-30' },
        feedbackDate: '2025-02-19',
      },
      // No date line and no public window: the year is the feedback year.
      year: 2025,
      contacts: { phones: ['0415-5189642'], address: '宽甸镇阮国长大街昌德东侧', postcode: '118200' },
    });
    expect(n.paragraphs[2]!.text.startsWith('根据县委')).toBe(true); // bookmark debris removed
    expect(n.paragraphs.filter((p) => p.role === 'problem')).toHaveLength(4);
  });

  it('seed 003: 中共丹东市融媒体中心委员会', () => {
    const n = parseNotice(SEED_003);
    expect(metadata(n)).toEqual({
      title: '中共丹东市融媒体中心委员会关于市委巡察整改落实进展情况的通报',
      unitAsWritten: '中共丹东市融媒体中心委员会',
      unit: '丹东市融媒体中心',
      region: ['辽宁省', '丹东市'],
      inspection: {
        level: '市',
        group: '市委第二巡察组',
        period: { from: '2024-09-30', to: '2024-12-30' },
        feedbackDate: '2025-02-17',
      },
      publishedDate: '2025-11-21',
      publicWindow: { from: '2025-11-21', to: '2025-12-12' },
      year: 2025,
      contacts: { phones: ['0415-2195262'], address: '丹东市振兴区山上街111号党群工作部' },
    });
    expect(n.outline.map((o) => o.heading)).toEqual(['领导班子履行主体责任情况', '巡察整改落实情况', '下一步工作打算及计划']);
  });

  it.each([
    ['000', SEED_000],
    ['003', SEED_003],
  ])('seed %s fits the NoticeRecord contract once ids are added', (_, text) => {
    expect(() => NoticeRecord.parse(asRecord(parseNotice(text)))).not.toThrow();
  });

  it('is deterministic', () => {
    expect(parseNotice(SEED_003)).toEqual(parseNotice(SEED_003));
  });
});

describe('parseNotice on variant notices', () => {
  it('a 省委巡视 notice of a provincial department', () => {
    const n = parseNotice(fixture('provincial-department.txt'));
    expect(metadata(n)).toEqual({
      title: '中共辽宁省文化和旅游厅党组关于十四届省委第六轮巡视整改进展情况的通报',
      unitAsWritten: '中共辽宁省文化和旅游厅党组',
      unit: '辽宁省文化和旅游厅',
      region: ['辽宁省'],
      inspection: {
        level: '省',
        group: '省委第三巡视组',
        round: 6,
        kind: '常规',
        period: { from: '2024-03-18', to: '2024-05-20' },
        feedbackDate: '2024-06-20',
      },
      publishedDate: '2024-12-30',
      year: 2024,
      contacts: { phones: ['024-23456789'], address: '沈阳市和平区南京北街100号', email: 'wlt_zg@ln.gov.cn' },
    });
    const money = n.paragraphs.flatMap((p) => [...p.facts, ...p.items.flatMap((i) => i.facts)]).filter((f) => f.type === 'money');
    expect(money).toEqual([
      { type: 'money', text: '1.2亿元', yuan: 120000000 },
      { type: 'money', text: '12.5万元', yuan: 125000 },
    ]);
  });

  it('a 区委巡察 notice of a township, half-width numbering, no dates: dates and region absent', () => {
    const n = parseNotice(fixture('township-half-width.txt'));
    expect(metadata(n)).toEqual({
      title: 'XX镇党委关于区委巡察整改情况的通报',
      unitAsWritten: 'XX镇党委',
      unit: 'XX镇',
      region: [],
      inspection: { level: '县', group: '区委第三巡察组' },
      contacts: { phones: [] },
    });
  });

  it('a state-owned enterprise: internal inspection has no state level; dates in Chinese numerals', () => {
    const n = parseNotice(fixture('enterprise.txt'));
    expect(metadata(n)).toEqual({
      title: 'XX集团有限公司党委关于集团党委第二轮巡察集中整改进展情况的通报',
      unitAsWritten: 'XX集团有限公司党委',
      unit: 'XX集团有限公司',
      region: [],
      inspection: {
        group: '集团党委第二巡察组',
        round: 2,
        kind: '专项',
        period: { from: '2024-10-08', to: '2024-11-29' },
        feedbackDate: '2025-01-10',
      },
      year: 2025,
      contacts: { phones: [] },
    });
    expect(n.paragraphs.filter((p) => p.role === 'problem').map((p) => p.headingPath)).toEqual([
      ['关于落实党中央决策部署不到位的问题'],
      ['关于合同管理不规范的问题'],
    ]);
  });

  it('a bare title: unit from the signature; an ambiguous district is not resolved', () => {
    const n = parseNotice(fixture('bare-title.txt'));
    expect(metadata(n)).toEqual({
      title: '巡视整改落实情况的通报',
      unitAsWritten: '中共朝阳区XX局党组',
      unit: '朝阳区XX局',
      // 朝阳区 exists in 北京市 and in 长春市, and nothing else in the text says which.
      region: [],
      inspection: {},
      contacts: { phones: ['13904151234'] },
    });
  });

  it('an ambiguous district is resolved by the address', () => {
    const text = fixture('bare-title.txt').replace('联系电话：13904151234。', '联系电话：13904151234；通信地址：长春市朝阳区人民大街1号。');
    expect(parseNotice(text).region).toEqual(['吉林省', '长春市', '朝阳区']);
  });

  it('title variants and debris before the title', () => {
    const titleOf = (t: string) => parseNotice(t).title;
    expect(titleOf('首页 > 通知公告\n发布时间：2025-03-01\n中共某某县委员会\n关于巡察集中整改进展情况的通报\n根据…')).toBe(
      '中共某某县委员会关于巡察集中整改进展情况的通报',
    );
    expect(titleOf('《某某乡党委巡察整改情况的通报》\n正文。')).toBe('某某乡党委巡察整改情况的通报');
    const n = parseNotice('首页 > 通知公告\n发布时间：2025-03-01\n中共某某县委员会\n关于巡察集中整改进展情况的通报\n根据…');
    expect([n.unit, n.publishedDate, n.year]).toEqual(['某某县委', '2025-03-01', 2025]);
  });

  it('an empty or unrelated text gives nothing but empty defaults', () => {
    expect(metadata(parseNotice(''))).toEqual({ region: [], inspection: {}, contacts: { phones: [] } });
    expect(metadata(parseNotice('今天天气很好。'))).toEqual({ region: [], inspection: {}, contacts: { phones: [] } });
  });
});

describe('parseNotice on a county committee notice (问题：/整改情况： layout)', () => {
  const n = parseNotice(fixture('county-committee.txt'));

  it('reads the metadata, with Chinese-numeral date line and 来信请寄 address', () => {
    expect(metadata(n)).toEqual({
      title: '中共桓仁满族自治县委员会关于十四届市委第五轮巡察整改进展情况的通报',
      unitAsWritten: '中共桓仁满族自治县委员会',
      unit: '桓仁满族自治县委',
      region: ['辽宁省', '本溪市', '桓仁满族自治县'],
      inspection: {
        level: '市',
        group: '市委巡察二组',
        round: 5,
        kind: '常规',
        period: { from: '2024-04-08', to: '2024-06-05' },
        feedbackDate: '2024-07-02',
      },
      publishedDate: '2024-12-20',
      year: 2024,
      contacts: { phones: ['0414-2123456'], address: '桓仁镇某某大街1号县委办公室', postcode: '117200' },
    });
  });

  it('puts 整改情况 under its 问题 and the last section in nextSteps', () => {
    const problem = n.paragraphs.find((p) => p.text.startsWith('1.问题：推动乡村振兴'))!;
    expect(problem.headingPath).toEqual(['聚焦反馈问题，扎实推进整改落实', '贯彻落实党中央决策部署方面', '推动乡村振兴工作力度不够']);
    const measure = n.paragraphs[problem.seq + 1]!;
    expect([measure.role, measure.lead, measure.items.map((i) => i.label)]).toEqual(['measure', '整改情况：', ['一是', '二是']]);
    expect(measure.items[1]!.facts).toEqual([
      { type: 'money', text: '2,300万元', yuan: 23000000 },
      { type: 'count', text: '45个', value: 45, noun: '项目' },
    ]);
    expect(n.outline.map((o) => [o.heading, o.part])).toEqual([
      ['提高政治站位，以强烈的政治担当抓好巡察整改', 'leadership'],
      ['聚焦反馈问题，扎实推进整改落实', 'problems'],
      ['持续巩固深化巡察整改成果', 'nextSteps'],
    ]);
    expect(n.paragraphs.filter((p) => p.part === 'closing').map((p) => p.text.slice(0, 4))).toEqual([
      '特此通报',
      '欢迎广大',
      '中共桓仁',
      '二〇二四',
    ]);
  });
});
