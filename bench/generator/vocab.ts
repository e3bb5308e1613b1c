/**
 * Wording for synthetic notices. Measure clauses, next-step paragraphs and problem headings
 * are cut from the real notices in corpus/samples/ (place names and years become slots);
 * hand-written lists add the wording of other units and levels (departments, problem
 * topics of the taxonomy, the 四个落实 and 四个聚焦 categories, number-bearing measures).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SAMPLES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../corpus/samples');

/** Slots: {P} short place name of the unit, {Y} publication year, {Y-1} … earlier years. */
export type Template = string;

const NUMBERING = /^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}\s*[.、．)）])\s*/;
/** Text that would start an enumeration, a heading, or belongs to intro/closing: never in a clause. */
const UNSAFE =
  /[一二三四五六七八九十两]是|其[一二三四五六七八九十](?=[，,：:、是])|巡察组|巡视组|反馈|予以公布|欢迎|电话|邮编|邮政|地址|信箱|公开期限|下一步|[\r\n]/;
const PLACE_WORDS: [RegExp, string][] = [[/丹东市|丹东|宽甸满族自治县|宽甸县|宽甸/g, '{P}']];

function templateYears(s: string, refYear: number): string {
  return s.replace(/(?<!\d)(20\d\d)(?=年)/g, (_, y: string) => {
    const back = refYear - Number(y);
    return back <= 0 ? '{Y}' : `{Y-${back}}`;
  });
}

function toTemplate(s: string): string {
  let t = s;
  for (const [re, slot] of PLACE_WORDS) t = t.replace(re, slot);
  return templateYears(t, 2025);
}

export type SampleVocab = {
  clauses: Template[];
  nextSteps: Template[];
  problemHeadings: Template[];
  categoryHeadings: Template[];
  leadership: Template[];
};

let cached: SampleVocab | undefined;

/** Clauses and headings of the sample notices (read once). */
export function sampleVocab(): SampleVocab {
  if (cached) return cached;
  const clauses = new Set<string>();
  const nextSteps = new Set<string>();
  const problemHeadings = new Set<string>();
  const categoryHeadings = new Set<string>();
  const leadership = new Set<string>();
  const files = fs
    .readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  for (const f of files) {
    const lines = fs
      .readFileSync(path.join(SAMPLES_DIR, f), 'utf8')
      .replace(/\[bookmark:[^\]]*\]/g, '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
    let section: 'body' | 'leadership' | 'next' = 'body';
    // Title and introduction are written from templates: start after the introduction.
    const introAt = lines.findIndex((l) => /^根据/.test(l));
    for (const line of lines.slice(introAt + 1)) {
      if (/领导班子履行主体责任/.test(line) && line.length < 20) {
        section = 'leadership';
        continue;
      }
      if (/整改落实情况$/.test(line)) {
        section = 'body';
        continue;
      }
      if (/下一步/.test(line) && line.length < 20) {
        section = 'next';
        continue;
      }
      if (/^(欢迎|中共|根据|20\d\d年)/.test(line) || (line.length < 12 && !NUMBERING.test(line))) continue;
      if (section === 'next') {
        if (/^[（(][一二三四五六七八九十][）)]/.test(line)) nextSteps.add(toTemplate(line.replace(NUMBERING, '')));
        continue;
      }
      if (section === 'leadership') {
        if (/^[（(][一二三四五六七八九十][）)]/.test(line)) leadership.add(toTemplate(line.replace(NUMBERING, '')));
        continue;
      }
      const numbered = NUMBERING.exec(line);
      let body = numbered ? line.slice(numbered[0].length) : line;
      if (numbered) {
        // The heading: the first sentence (or the whole short line).
        const end = body.search(/[。]/);
        const heading = (end > 0 ? body.slice(0, end) : body).replace(/[，。；\s]+$/, '');
        if (heading.length >= 6 && heading.length <= 40 && !UNSAFE.test(heading)) {
          if (/^[（(]/.test(numbered[0])) categoryHeadings.add(toTemplate(heading));
          else problemHeadings.add(toTemplate(heading.replace(/方面$/, '')));
        }
        body = end > 0 ? body.slice(end + 1) : '';
      }
      for (const piece of body.split(/[一二三四五六七八九十]是/)) {
        for (const c of piece.split(/[；。]/)) {
          const clause = c
            .trim()
            .replace(NUMBERING, '')
            .replace(/^[，,、]+|[，,、：:]+$/g, '');
          if (clause.length < 8 || clause.length > 90 || UNSAFE.test(clause) || NUMBERING.test(clause) || /^\d/.test(clause)) continue;
          if ((clause.match(/[“”"]/g)?.length ?? 0) % 2) continue;
          if ((clause.match(/[《]/g)?.length ?? 0) !== (clause.match(/[》]/g)?.length ?? 0)) continue;
          if ((clause.match(/[（(]/g)?.length ?? 0) !== (clause.match(/[）)]/g)?.length ?? 0)) continue;
          clauses.add(toTemplate(clause));
        }
      }
    }
  }
  cached = {
    clauses: [...clauses],
    nextSteps: [...nextSteps],
    problemHeadings: [...problemHeadings],
    categoryHeadings: [...categoryHeadings],
    leadership: [...leadership],
  };
  return cached;
}

/** Departments of a county or city government (the county or city name goes before). */
export const LOCAL_DEPARTMENTS = [
  '教育局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源局',
  '住房和城乡建设局',
  '交通运输局',
  '农业农村局',
  '水利局',
  '商务局',
  '文化旅游和广播电视局',
  '卫生健康局',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '林业和草原局',
  '民政局',
  '司法局',
  '生态环境局',
  '发展和改革局',
  '工业和信息化局',
  '退役军人事务局',
  '信访局',
  '机关事务服务中心',
  '融媒体中心',
  '供销合作社',
  '人民医院',
  '中医院',
  '妇幼保健院',
  '疾病预防控制中心',
  '公共资源交易中心',
  '政务服务中心',
  '城市管理综合行政执法局',
  '体育事业发展中心',
  '国有资产监督管理委员会',
  '住房公积金管理中心',
  '粮食和物资储备局',
  '数据局',
  '乡村振兴局',
] as const;

/** Departments of a province (the province name goes before). */
export const PROVINCE_DEPARTMENTS = [
  '教育厅',
  '财政厅',
  '自然资源厅',
  '住房和城乡建设厅',
  '交通运输厅',
  '农业农村厅',
  '水利厅',
  '商务厅',
  '文化和旅游厅',
  '卫生健康委员会',
  '应急管理厅',
  '审计厅',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '林业和草原局',
  '民政厅',
  '司法厅',
  '生态环境厅',
  '发展和改革委员会',
  '工业和信息化厅',
  '退役军人事务厅',
  '广播电视局',
  '机关事务管理局',
  '人民医院',
  '体育局',
  '地方金融管理局',
  '科学技术厅',
] as const;

/** How the party organ of a department is written around its name: [prefix, suffix]. */
export const ORGAN_FORMS: Record<'bureau' | 'institution' | 'town', readonly (readonly [string, string])[]> = {
  bureau: [
    ['', ''],
    ['', ''],
    ['中共', '党组'],
    ['', '党组'],
  ],
  institution: [
    ['', ''],
    ['', ''],
    ['中共', '委员会'],
    ['', '党委'],
  ],
  town: [
    ['', '党委'],
    ['中共', '委员会'],
    ['', '党委'],
  ],
};

/** Objects of problem headings: what fell short (taxonomy topics and their usual wording). */
export const PROBLEM_TOPICS = [
  '学习贯彻习近平新时代中国特色社会主义思想',
  '贯彻落实党中央决策部署',
  '落实上级决策部署',
  '意识形态工作责任制落实',
  '党风廉政建设',
  '落实全面从严治党主体责任',
  '落实中央八项规定精神',
  '“三重一大”决策制度执行',
  '党费收缴管理',
  '公务用车管理',
  '财务管理',
  '合同管理',
  '选人用人工作',
  '干部队伍建设',
  '基层党组织建设',
  '发展党员工作',
  '民主生活会质量',
  '保密工作',
  '安全生产工作',
  '消防安全管理',
  '安全播出管理',
  '债务风险防范化解',
  '广告经营管理',
  '固定资产管理',
  '政府采购管理',
  '工程项目管理',
  '内部审计监督',
  '国有资产管理',
  '防范化解重大风险',
  '优化营商环境工作',
  '乡村振兴政策落实',
  '信访问题化解',
  '生态环境保护',
  '耕地保护',
  '档案管理',
  '以案促改工作',
  '整改前次巡察反馈问题',
  '担当作为意识',
  '服务群众工作',
  '惠民惠农资金监管',
  '执行财经纪律',
] as const;

export const DEFECTS = [
  '不到位',
  '不够有力',
  '不规范',
  '不严格',
  '不够深入',
  '不扎实',
  '存在薄弱环节',
  '有差距',
  '不够严肃',
  '不健全',
  '落实不力',
  '质量不高',
  '执行不严',
  '存在漏洞',
] as const;

/** Level-1 headings: the 四个落实 (all inspections) … */
export const LUOSHI_CATEGORIES = [
  '贯彻落实党中央重大决策部署和上级要求方面',
  '落实全面从严治党战略部署方面',
  '落实新时代党的组织路线方面',
  '落实巡视巡察整改方面',
] as const;
/** … and the 四个聚焦 of county 巡察 from 2024. */
export const JUJIAO_CATEGORIES = [
  '聚焦党中央决策部署在基层落实方面',
  '聚焦群众身边不正之风和腐败问题方面',
  '聚焦基层党组织和党员队伍建设方面',
  '聚焦巡察审计等监督发现问题整改落实和成果运用方面',
] as const;

/** Paragraphs on how the leadership organised the rectification. */
export const LEADERSHIP = [
  '提高政治站位，统一思想认识。{O}召开专题会议，认真传达学习巡察反馈意见，研究部署巡察整改落实工作，成立巡察整改工作领导小组，主要负责同志任组长。',
  '压实整改责任，强化组织领导。{O}坚持把巡察整改作为重要政治任务，制定整改方案，建立问题清单、任务清单、责任清单，逐项明确责任领导、责任部门和整改时限。',
  '注重建章立制，巩固整改成效。坚持问题导向，从源头上深入整改，先后修订完善制度{N}项，进一步加强制度建设和规范管理。',
  '统筹部署安排，扎实有力推进。主要负责同志先后{N}次主持召开会议专题研究推进整改工作，班子成员按照分工抓好分管领域问题整改。',
  '强化督促检查，确保整改实效。建立整改工作台账，实行销号管理，对整改进度定期调度，对未销号的问题持续跟进。',
] as const;

/** Measures that carry the facts users search for literally: money, counts, dates. */
export const NUMBER_MEASURES = [
  '党员同志补缴{Y-1}年1月—{Y}年6月党费共计{MONEY}元',
  '清退违规发放津贴补贴{WAN}万元，对{N}名责任人进行了诫勉谈话',
  '追缴违规资金{WAN}万元，全部上缴国库',
  '{Y}年以来签订了{N}份合同，经内部审核均符合标准',
  '关闭新媒体账号{N}个，不断整合资源',
  '先后招聘专业技术人才{N}人，不断加强队伍建设',
  '开展专题培训{N}次，累计培训干部{NN}人次',
  '{Y}年1月至8月共在公务用车管理平台上派出车辆{NN}次',
  '对每笔超过{MONEY}元的财务支出，均召开班子会议进行研究',
  '已经化解工程欠款{WAN}万元，逐步消化债务',
  '补发津贴补贴{BIGMONEY}元，皆根据人事部门的审批单登记入账',
  '新成立党支部{N}个，{N}个党支部换届完成',
  '{Y}年新选拔任用{N}名干部，全部严格按照干部选拔任用相关规定程序进行',
  '核查问题线索{N}件，立案{N}件，给予党纪政务处分{N}人',
  '清理规范合同{N}份，涉及金额{WAN}万元',
  '收回被占用资金{MONEY}元，建立资金管理台账',
  '完成整改任务{N}项，整改完成率{PCT}%',
] as const;

/** Next-step paragraphs beyond the samples'. */
export const NEXT_STEPS = [
  '持续抓好整改。对已完成的整改事项，适时开展“回头看”，坚决防止问题反弹回潮。',
  '强化成果运用。把巡察整改与推进中心工作结合起来，以整改实效推动事业高质量发展。',
  '健全长效机制。对实践证明行之有效的整改措施，及时总结提炼，以制度形式固定下来。',
  '加强监督检查。紧盯整改薄弱环节，持续跟踪问效，确保各项整改措施落地见效。',
] as const;

export const KINDS = [
  ['常规', 6],
  ['专项', 2],
  ['机动', 1],
  ['回头看', 1],
  ['', 2],
] as const;
export const ROADS = ['人民', '建设', '解放', '中山', '胜利', '新华', '文化', '和平', '光明', '振兴', '友谊', '团结'] as const;
