import { describe, expect, it } from 'vitest';
import { parseStructure, type ParsedBody, type ParsedOutlineNode } from '../../../indexer/parse/structure.ts';
import { tidyText, splitParagraphs } from '../../../indexer/parse/text.ts';
import { fixture, SEED_000, SEED_003 } from './seeds.ts';

const structureOf = (text: string): ParsedBody => parseStructure(splitParagraphs(tidyText(text)));
const bySeq = (body: ParsedBody, seq: number) => body.paragraphs[seq]!;

describe('seed 000: problems as headings, measures in the next paragraph', () => {
  const body = structureOf(SEED_000);
  const problems = body.paragraphs.filter((p) => p.role === 'problem');

  it('finds the title over two lines and the introduction', () => {
    expect(body.title).toBe('宽甸满族自治县融媒体中心关于县委巡察整改进展情况的通报');
    expect(body.paragraphs.slice(0, 3).map((p) => [p.part, p.role])).toEqual([
      ['front', 'title'],
      ['front', 'title'],
      ['front', 'text'],
    ]);
  });

  it('has four numbered problems at depth 1', () => {
    expect(problems.map((p) => p.headingPath)).toEqual([
      ['贯彻落实上级决策部署不够有力'],
      ['党风廉政建设工作不够有力'],
      ['基层党组织建设有偏差'],
      ['担当作为意识不强'],
    ]);
    expect(problems.map((p) => p.numbering)).toEqual([1, 2, 3, 4].map((n) => ({ style: '1.', label: String(n), depth: 1 })));
    expect(problems.every((p) => p.part === 'problems' && p.items.length === 0)).toBe(true);
  });

  it('gives each problem its measures as 一是 items of the following paragraph', () => {
    const measures = body.paragraphs.filter((p) => p.role === 'measure');
    expect(measures.map((p) => p.seq)).toEqual(problems.map((p) => p.seq + 1));
    expect(measures.map((p) => p.items.map((i) => i.label))).toEqual([
      ['一是', '二是', '三是', '四是'],
      ['一是', '二是', '三是', '四是'],
      ['一是', '二是', '三是', '四是'],
      ['一是', '二是'],
    ]);
    const first = measures[0]!;
    expect(first.headingPath).toEqual(['贯彻落实上级决策部署不够有力']);
    expect(first.lead).toBeUndefined();
    expect(first.items[0]!.text.startsWith('明确各部门职责')).toBe(true);
    expect(first.items[3]!.text.startsWith('加强对涉密人员的管理')).toBe(true);
    expect(first.items[3]!.text.endsWith('开展定密管理培训1次。')).toBe(true);
  });

  it('has item facts: 党费 2369元 with its period and 8 people', () => {
    const item = body.paragraphs.filter((p) => p.role === 'measure')[2]!.items[3]!;
    expect(item.facts).toEqual([
      { type: 'date', text: '2023年1月', date: '2023-01' },
      { type: 'date', text: '2025年6月', date: '2025-06' },
      { type: 'money', text: '2369元', yuan: 2369 },
      { type: 'count', text: '8人', value: 8, noun: '新调资人员' },
    ]);
  });

  it('ends with the closing paragraph', () => {
    const last = body.paragraphs[body.paragraphs.length - 1]!;
    expect([last.part, last.role, last.headingPath]).toEqual(['closing', 'text', []]);
    expect(last.facts).toContainEqual({ type: 'phone', text: '0415-5189642' });
  });

  it('outlines the four problems', () => {
    expect(body.outline.map((n) => [n.heading, n.part, n.children.length])).toEqual([
      ['贯彻落实上级决策部署不够有力', 'problems', 0],
      ['党风廉政建设工作不够有力', 'problems', 0],
      ['基层党组织建设有偏差', 'problems', 0],
      ['担当作为意识不强', 'problems', 0],
    ]);
  });
});

describe('seed 003: three levels of problems between leadership and next steps', () => {
  const body = structureOf(SEED_003);
  const [leadership, problems, nextSteps] = body.outline;

  it('has three top-level sections, two of them unnumbered', () => {
    expect(body.outline.map((n) => [n.heading, n.part, n.numbering])).toEqual([
      ['领导班子履行主体责任情况', 'leadership', undefined],
      ['巡察整改落实情况', 'problems', undefined],
      ['下一步工作打算及计划', 'nextSteps', { style: '一、', label: '三', depth: 1 }],
    ]);
  });

  it('puts the （一）…（三） of the leadership part at depth 2', () => {
    expect(leadership!.children.map((n) => [n.heading, n.numbering?.depth])).toEqual([
      ['提高政治站位，统一思想认识', 2],
      ['注重建章立制，巩固整改成效', 2],
      ['统筹部署安排，扎实有力推进', 2],
    ]);
    const p = bySeq(body, leadership!.children[0]!.seq);
    expect([p.part, p.role, p.headingPath]).toEqual(['leadership', 'heading', ['领导班子履行主体责任情况', '提高政治站位，统一思想认识']]);
  });

  it('has seven problem categories （一）…（七）', () => {
    expect(problems!.children.map((n) => n.heading)).toEqual([
      '学习贯彻习近平总书记关于新闻舆论工作重要讲话精神不深入，落实上级决策部署不到位',
      '推动媒体深度融合不够有力，媒体一体化发展差距较大',
      '优质内容产能较低，媒体多元发展处于简单叠加状态',
      '技术支撑引领能力不足，新型传播平台打造有差距',
      '防范化解风险隐患力度不足，自我“造血”功能较弱',
      '从严管党治党有差距，内部监督不到位',
      '领导班子和干部队伍建设有短板，基层党组织建设质量不高',
    ]);
    expect(problems!.children.map((n) => n.numbering)).toEqual(
      ['一', '二', '三', '四', '五', '六', '七'].map((label) => ({ style: '（一）', label, depth: 2 })),
    );
  });

  it('nests the numbered sub-problems (方面) at depth 3 with their 一是 items', () => {
    const itemLabels = (n: ParsedOutlineNode) => bySeq(body, n.seq).items.length;
    expect(problems!.children.map((c) => c.children.map(itemLabels))).toEqual([
      [2, 3, 2],
      [3, 2, 0, 2, 0],
      [3, 3, 3, 0, 0],
      [4, 2, 2, 2, 2],
      [2, 2, 2, 2, 0, 0, 0],
      [0, 0, 5, 2],
      [2, 3, 4],
    ]);
    const first = problems!.children[0]!.children[0]!;
    expect(first.heading).toBe('学习贯彻习近平总书记关于新闻舆论工作重要讲话精神不到位方面');
    expect(first.numbering).toEqual({ style: '1.', label: '1', depth: 3 });
    const p = bySeq(body, first.seq);
    expect(p.role).toBe('problem');
    expect(p.lead).toBe('1.学习贯彻习近平总书记关于新闻舆论工作重要讲话精神不到位方面。');
    expect(p.headingPath).toEqual([
      '巡察整改落实情况',
      '学习贯彻习近平总书记关于新闻舆论工作重要讲话精神不深入，落实上级决策部署不到位',
      '学习贯彻习近平总书记关于新闻舆论工作重要讲话精神不到位方面',
    ]);
    expect(p.items.map((i) => i.label)).toEqual(['一是', '二是']);
    expect(p.items[0]!.text.startsWith('中心党委先后三次学习')).toBe(true);
  });

  it('reads facts of sub-problems and items: 33.9万元, 300万, 16个账号', () => {
    const all = body.paragraphs.flatMap((p) => [...p.facts, ...p.items.flatMap((i) => i.facts)]);
    expect(all).toContainEqual({ type: 'money', text: '33.9万元', yuan: 339000 });
    expect(all).toContainEqual({ type: 'money', text: '300万', yuan: 3000000 });
    expect(all).toContainEqual({ type: 'count', text: '16个', value: 16, noun: '新媒体账号' });
    expect(all).toContainEqual({ type: 'count', text: '7人', value: 7, noun: '专业人才' });
  });

  it('assigns parts in order and the closing with signature and date', () => {
    const parts = body.paragraphs.map((p) => p.part);
    expect(parts.slice(0, 3)).toEqual(['front', 'front', 'front']);
    expect(parts.slice(-3)).toEqual(['closing', 'closing', 'closing']);
    expect(nextSteps!.children).toHaveLength(4);
    // Parts never go back: front → leadership → problems → nextSteps → closing.
    const order = ['front', 'leadership', 'problems', 'nextSteps', 'closing'];
    expect(parts.map((p) => order.indexOf(p))).toEqual([...parts.map((p) => order.indexOf(p))].sort((a, b) => a - b));
  });

  it('keeps lead + items equal to the paragraph everywhere', () => {
    for (const p of body.paragraphs.filter((q) => q.items.length)) {
      expect((p.lead ?? '') + p.items.map((i) => i.label + i.text).join('')).toBe(p.text);
    }
  });
});

describe('variant layouts', () => {
  it('provincial department: 一、 sections, (1) measures under a problem', () => {
    const body = structureOf(fixture('provincial-department.txt'));
    expect(body.outline.map((n) => [n.heading, n.part])).toEqual([
      ['履行巡视整改主体责任情况', 'leadership'],
      ['巡视反馈问题整改落实情况', 'problems'],
      ['下一步工作打算', 'nextSteps'],
    ]);
    const measure = body.paragraphs.find((p) => p.text.startsWith('（1）'))!;
    expect([measure.role, measure.numbering]).toEqual(['measure', { style: '（1）', label: '1', depth: 4 }]);
    expect(measure.headingPath.slice(0, 3)).toEqual([
      '巡视反馈问题整改落实情况',
      '关于贯彻落实党中央重大决策部署和省委工作要求方面',
      '关于推动文旅产业高质量发展不够有力的问题',
    ]);
    expect(body.paragraphs.find((p) => p.text.startsWith('二、'))!.role).toBe('heading');
  });

  it('township with half-width numbering: (一) problems, 1) measures', () => {
    const body = structureOf(fixture('township-half-width.txt'));
    expect(body.outline.map((n) => [n.heading, n.numbering?.style, n.numbering?.depth])).toEqual([
      ['关于基层党组织建设薄弱的问题', '（一）', 1],
      ['关于财务管理不规范的问题', '（一）', 1],
    ]);
    expect(body.paragraphs.filter((p) => p.role === 'measure').map((p) => p.numbering?.style ?? p.items.length)).toEqual([
      '（1）',
      '（1）',
      2,
    ]);
  });

  it('unnumbered problem lines and a leadership paragraph without heading', () => {
    const body = structureOf(
      [
        '某某县某某局关于巡察整改进展情况的通报',
        '县委第一巡察组对某某局进行了巡察。现将整改情况予以公布。',
        '收到反馈意见后，局党组高度重视，成立整改工作领导小组。',
        '关于“三重一大”制度执行不严格的问题',
        '修订议事规则，重大事项均集体研究。',
        '关于党费收缴不规范的问题',
        '补缴党费1200元。',
      ].join('\n'),
    );
    expect(body.paragraphs.map((p) => [p.part, p.role])).toEqual([
      ['front', 'title'],
      ['front', 'text'],
      ['leadership', 'text'],
      ['problems', 'problem'],
      ['problems', 'measure'],
      ['problems', 'problem'],
      ['problems', 'measure'],
    ]);
    expect(body.paragraphs[6]!.headingPath).toEqual(['关于党费收缴不规范的问题']);
  });

  it('a 基本情况 section is front; 存在的问题及整改情况 opens the problems; 整改落实情况： is a measure lead', () => {
    const body = structureOf(
      [
        '某某县财政局党组关于县委巡察整改情况的通报',
        '一、基本情况',
        '2024年5月6日至6月28日，县委第一巡察组对县财政局党组进行了常规巡察。',
        '二、存在的问题及整改情况',
        '（一）关于财务管理不规范的问题',
        '整改落实情况：一是建立台账；二是完善制度。',
        '三、下一步工作打算',
        '继续抓好整改。',
      ].join('\n'),
    );
    expect(body.paragraphs.map((p) => [p.part, p.role])).toEqual([
      ['front', 'title'],
      ['front', 'heading'],
      ['front', 'text'],
      ['problems', 'heading'],
      ['problems', 'problem'],
      ['problems', 'measure'],
      ['nextSteps', 'heading'],
      ['nextSteps', 'text'],
    ]);
    expect(body.paragraphs[5]!.headingPath).toEqual(['存在的问题及整改情况', '关于财务管理不规范的问题']);
    expect(body.paragraphs[5]!.lead).toBe('整改落实情况：');
  });

  it('takes trailing signature and date lines as closing, but not a last short sentence', () => {
    const signed = structureOf(
      '某某局关于巡察整改情况的通报\n现将整改情况予以公布。\n1.学习不深入。\n已整改。\n某某县某某局\n2025年1月1日',
    );
    expect(signed.paragraphs.slice(-2).map((p) => p.part)).toEqual(['closing', 'closing']);
    const unsigned = structureOf('某某局关于巡察整改情况的通报\n现将整改情况予以公布。\n1.学习不深入。\n召开专题民主生活会');
    expect(unsigned.paragraphs.at(-1)!.part).toBe('problems');
  });

  it('a text without title or headings is front and text', () => {
    const body = structureOf('这是一段与整改无关的说明文字。\n第二段。');
    expect(body.title).toBeUndefined();
    expect(body.outline).toEqual([]);
    expect(body.paragraphs.every((p) => p.role === 'text')).toBe(true);
  });
});
