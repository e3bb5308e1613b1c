/**
 * The behaviours the issue names: seed 000's four problems and seed 003's seven
 * categories, 补缴党费 → 党费, 公务用车管理平台 → 公务用车, 三重一大, 甲级防火门 →
 * 安全生产/消防, 未分类 for nonsense, reasons on every assignment, speed.
 */
import { describe, expect, it } from 'vitest';
import { Classification } from '../../../contract/notice.ts';
import { classifyProblem, classifySegment, classifyTopics, explainProblem, problemStatement } from '../../../indexer/classify/classify.ts';
import { defaultTaxonomy, loadTaxonomy } from '../../../indexer/classify/taxonomy.ts';
import { loadLabels } from './labels.ts';

const tax = defaultTaxonomy();
const codes = (text: string) => classifyTopics(text, tax).map((t) => t.code);
const lvl1 = (...path: string[]) => classifyProblem(path, '', tax);

describe('level 1 of the sample notices', () => {
  it('seed 000: the four problems', () => {
    const got = [
      '1.贯彻落实上级决策部署不够有力。',
      '2.党风廉政建设工作不够有力。',
      '3.基层党组织建设有偏差。',
      '4.担当作为意识不强。',
    ].map((h) => lvl1(h));
    expect(got.map((a) => a.code)).toEqual(['L1.decisions', 'L1.discipline', 'L1.organization', 'L1.decisions']);
    // Cue words first, in order of mention, then pattern sources.
    expect(got[0]!.because).toEqual(['贯彻落实', '决策部署', '落实[^，。；]{0,14}(部署|战略|要求|政策|任务)']);
    expect(got[1]!.because).toContain('党风廉政');
    expect(got[2]!.because).toContain('基层党组织');
    // 担当作为 without 作风 / 形式主义: the first 落实 (see seeds.yaml 000-4).
    expect(got[3]!.because).toEqual(['担当作为']);
    expect(got[0]!.label).toBe('落实党中央决策部署');
  });

  it('seed 003: the seven categories', () => {
    const headings = [
      '（一）学习贯彻习近平总书记关于新闻舆论工作重要讲话精神不深入，落实上级决策部署不到位',
      '（二）推动媒体深度融合不够有力，媒体一体化发展差距较大',
      '（三）优质内容产能较低，媒体多元发展处于简单叠加状态',
      '（四）技术支撑引领能力不足，新型传播平台打造有差距',
      '（五）防范化解风险隐患力度不足，自我“造血”功能较弱',
      '（六）从严管党治党有差距，内部监督不到位',
      '（七）领导班子和干部队伍建设有短板，基层党组织建设质量不高',
    ];
    const got = headings.map((h) => lvl1('巡察整改落实情况', h));
    expect(got.map((a) => a.code)).toEqual([
      'L1.decisions',
      'L1.decisions',
      'L1.decisions',
      'L1.decisions',
      'L1.decisions',
      'L1.discipline',
      'L1.organization',
    ]);
    for (const a of got) expect(a.because.length).toBeGreaterThan(0);
  });

  it('a sub-problem without cues inherits from its category, and says so', () => {
    const e = explainProblem(
      ['巡察整改落实情况', '（四）技术支撑引领能力不足，新型传播平台打造有差距', '4.用户黏性不强方面。'],
      '一是将16个媒体账号进行关停处理',
      tax,
    );
    expect(e.assignment.code).toBe('L1.decisions');
    expect(e.decidedBy).toBe('ancestor');
    expect(e.headingIndex).toBe(1);
  });

  it('a sub-problem with its own cue decides for itself', () => {
    const e = explainProblem(['（六）从严管党治党有差距，内部监督不到位', '4.合同履行审核把关不严方面。'], '', tax);
    expect(e.decidedBy).toBe('heading');
    expect(e.assignment).toMatchObject({ code: 'L1.discipline', because: ['合同'] });
  });

  it('a weak-cue-only sub-problem defers to a confident category heading', () => {
    // 业务 is a weak cue of L1.decisions; the category says 全面从严治党.
    const e = explainProblem(['（二）落实全面从严治党战略部署方面', '3.业务外包管理不规范'], '', tax);
    expect(e.assignment.code).toBe('L1.discipline');
    expect(e.decidedBy).toBe('ancestor');
  });

  it('the 四个聚焦 headings map onto the four codes', () => {
    expect(
      [
        '一、聚焦党中央决策部署在基层落实方面',
        '二、聚焦群众身边不正之风和腐败问题方面',
        '三、聚焦基层党组织和党员队伍建设方面',
        '四、聚焦巡察审计等监督发现问题整改落实和成果运用方面',
      ].map((h) => lvl1(h).code),
    ).toEqual(['L1.decisions', 'L1.discipline', 'L1.organization', 'L1.rectification']);
  });

  it('section titles are not problems', () => {
    for (const h of ['巡察整改落实情况', '领导班子履行主体责任情况', '三、下一步工作打算及计划', '二、巡察反馈问题整改落实情况']) {
      expect(problemStatement(h, tax)).toBeUndefined();
      expect(lvl1(h).code).toBe('unclassified');
    }
  });

  it('reads the problem out of 关于“X”问题的整改情况 and cuts inline measures', () => {
    expect(problemStatement('1.关于“贯彻落实上级决策部署不到位”问题的整改情况', tax)).toBe('贯彻落实上级决策部署不到位');
    expect(problemStatement('5.债务化解力度不够方面。已经化解工程欠款300万。', tax)).toBe('债务化解力度不够');
    expect(problemStatement('（1）党费收缴不规范。一是补缴党费', tax)).toBe('党费收缴不规范');
  });

  it('falls back to the text when no heading is given', () => {
    const e = explainProblem([], '党员同志补缴2023年1月—2025年6月党费共计2369元', tax);
    expect(e.decidedBy).toBe('text');
    expect(e.assignment.code).toBe('L1.organization');
  });
});

describe('level-2 topics', () => {
  it('补缴党费 → 党费, with the cues', () => {
    const [t] = classifyTopics('四是退休党员补缴了所欠党费。', tax);
    expect(t).toMatchObject({ code: 'T.party-dues', label: '党费' });
    expect(t!.because).toContain('党费');
    expect(t!.because).toContain('补缴');
  });

  it('公务用车管理平台 → 公务用车', () => {
    const topics = classifyTopics('中心所有用车均在我县公务用车管理平台上进行派车', tax);
    expect(topics.map((t) => t.code)).toEqual(['T.official-cars']);
    expect(topics[0]!.because).toContain('公务用车');
  });

  it('三重一大 → 三重一大', () => {
    const topics = classifyTopics('二是完善了“三重一大”决策制度，严格决策程序。', tax);
    expect(topics.map((t) => t.code)).toContain('T.three-major');
    expect(topics.find((t) => t.code === 'T.three-major')!.because).toEqual(['三重一大']);
  });

  it('甲级防火门 → 安全生产/消防', () => {
    const topics = classifyTopics('一是对日报社老化电线进行更换，将防火门更换为甲级防火门。', tax);
    expect(topics.map((t) => t.code)).toEqual(['T.work-safety']);
    expect(topics[0]!.label).toBe('安全生产/消防');
    expect(topics[0]!.because).toContain('甲级防火门');
  });

  it('finds several topics in one item, in order of mention', () => {
    expect(codes('2025年以来签订了73份广告合同，经内部审核均符合标准。')).toEqual(['T.advertising', 'T.contracts']);
  });

  it('two-character cues must be words: no 保密 in 确保|密切, no 公车 in 办公|车辆, no 作风 in 工作|风险', () => {
    expect(codes('确保密切联系群众')).toEqual([]);
    expect(codes('办公车辆统一停放')).toEqual([]);
    expect(codes('防范工作风险')).toEqual([]);
    expect(codes('联合同行业协会')).toEqual([]);
    // … but they count as words of their own or as the start of one.
    expect(codes('与保密员签订保密承诺书')).toEqual(['T.confidentiality']);
    expect(codes('公车加油的油票')).toEqual(['T.official-cars']);
    expect(codes('改进工作作风')).toEqual(['T.work-style']);
  });

  it('exclusions and masks: 劳动合同 is not 合同管理, 【乡村振兴】 is a column name', () => {
    expect(codes('与新入职人员签订劳动合同')).toEqual([]);
    expect(codes('开设【乡村振兴】专栏')).toEqual([]);
    expect(codes('巩固拓展脱贫攻坚成果同乡村振兴有效衔接')).toEqual(['T.rural-revitalization']);
    expect(codes('将此次播出事故作为典型案例纳入警示教育内容')).toEqual(['T.broadcast-safety']);
  });

  it('a longer cue swallows a shorter one of another topic: 组织生活会 is not 组织生活', () => {
    expect(codes('召开专题组织生活会')).toEqual(['T.democratic-life']);
  });

  it('folds full-width forms and whitespace', () => {
    expect(codes('智慧丹东ＡＰＰ建立平台内容更新制度')).toEqual(['T.new-media']);
    expect(codes('补缴 党 费')).toEqual(['T.party-dues']);
  });
});

describe('未分类', () => {
  it('nonsense gets 未分类 for level 1 and no topics', () => {
    for (const text of ['今天天气很好，我们去公园散步。', 'Lorem ipsum dolor sit amet', '', '１２３４５６']) {
      expect(classifyProblem([text], text, tax)).toEqual({ code: 'unclassified', label: '未分类', because: [] });
      expect(classifyTopics(text, tax)).toEqual([]);
      expect(classifySegment([text], text, tax)).toEqual({
        lvl1: { code: 'unclassified', label: '未分类', because: [] },
        topics: [],
      });
    }
  });
});

describe('contract and determinism', () => {
  const labels = loadLabels('seeds.yaml');

  it('every assignment but 未分类 says why, and matches the contract schema', () => {
    for (const p of labels.problems) {
      const c = classifySegment(p.path, p.path.at(-1)!, tax);
      expect(Classification.parse(c)).toEqual(c);
      if (c.lvl1!.code !== 'unclassified') expect(c.lvl1!.because.length).toBeGreaterThan(0);
    }
    for (const s of labels.segments) {
      const c = classifySegment([], s.text, tax);
      expect(Classification.parse(c)).toEqual(c);
      for (const t of c.topics) expect(t.because.length).toBeGreaterThan(0);
      if (c.lvl1!.code !== 'unclassified') expect(c.lvl1!.because.length).toBeGreaterThan(0);
    }
  });

  it('is deterministic across calls and across loads of the taxonomy', () => {
    const other = loadTaxonomy();
    for (const s of labels.segments) {
      const a = classifySegment(['（六）从严管党治党有差距，内部监督不到位'], s.text, tax);
      expect(classifySegment(['（六）从严管党治党有差距，内部监督不到位'], s.text, tax)).toEqual(a);
      expect(classifySegment(['（六）从严管党治党有差距，内部监督不到位'], s.text, other)).toEqual(a);
    }
  });
});
