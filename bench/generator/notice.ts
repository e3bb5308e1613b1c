/**
 * One synthetic notice: deterministic from (seed, index) alone. Returns the file bytes and
 * what the generator knows about the notice independently of the parser: the metadata a
 * correct parser must find (unit, region, level, year, title, problems) and the exact texts
 * of its search segments (every paragraph; a paragraph of 一是-items gives its lead, if any,
 * and one segment per item), from which the ground-truth counts are computed.
 */
import iconv from 'iconv-lite';
import { Rng } from './rng.ts';
import { gazetteer, isPlaceFree, shortName, type County } from './places.ts';
import {
  DEFECTS,
  JUJIAO_CATEGORIES,
  KINDS,
  LEADERSHIP,
  LOCAL_DEPARTMENTS,
  LUOSHI_CATEGORIES,
  NEXT_STEPS,
  NUMBER_MEASURES,
  ORGAN_FORMS,
  PROBLEM_TOPICS,
  PROVINCE_DEPARTMENTS,
  ROADS,
  sampleVocab,
} from './vocab.ts';

export type Level = '中央' | '省' | '市' | '县';

export type UnitSpec = {
  index: number;
  /** Before 关于 in the title. */
  asWritten: string;
  /** The facet value a correct parser derives (party prefix and organ suffix removed). */
  unit: string;
  region: string[];
  level: Level;
  /** The committee that sends the group: 县委, 区委, 海城市委, 市委, 州委, 省委, 自治区党委, 中央. */
  committee: string;
  inspect: '巡察' | '巡视';
  /** How the introduction names the inspected unit. */
  target: string;
  /** Short place name for the body text ({P}). */
  place: string;
  /** The organ that acts in the leadership part ({O}). */
  organ: string;
  phone: string;
  address: string;
  postcode: string;
  email: string;
};

export type Paragraph = { text: string; lead?: string; items?: { label: string; text: string }[] };

export type NoticeTruth = {
  index: number;
  fileName: string;
  unitIndex: number;
  title: string;
  titleLines: string[];
  unitAsWritten: string;
  unit: string;
  region: string[];
  level: Level;
  year: number;
  publishedDate?: string;
  feedbackDate: string;
  phones: string[];
  /** Problem headings in order, as written (without numbering and final punctuation). */
  problems: string[];
  /** Number of 一是-items. */
  items: number;
  /** The text of every search segment, in order. */
  segments: string[];
  /** How many of those segments each paragraph has, in order (a paragraph of 一是-items has several). */
  segmentsPerParagraph: number[];
  encoding: 'utf8' | 'gbk';
};

export type GeneratedNotice = { fileName: string; bytes: Buffer; text: string; truth: NoticeTruth };

const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnNumber = (n: number) =>
  n <= 10 ? CN[n]! : n < 20 ? '十' + CN[n - 10]! : CN[Math.floor(n / 10)]! + '十' + (n % 10 ? CN[n % 10]! : '');
const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const pad2 = (n: number) => String(n).padStart(2, '0');
const FULLWIDTH_DIGITS = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** Words that make a numbered line state a problem: kept out of numbered measure lines. */
const PROBLEM_WORDING =
  /方面|问题|不|较|偏|差距|滞后|欠缺|薄弱|缺|短板|弱化|虚化|淡化|松懈|懈怠|乏力|严重|突出|未|没有|失|违|漏洞|下降|叠加|有待|仍需|亟待|关于|发生|主体责任|领导小组|政治站位|整改/;

/** Sample headings that say what fell short (平台内容同质化现象明显 only does so with 方面 after it). */
const DEFECT_WORDING = /不|较|差距|滞后|缺|严重|未|下降|偏差|短板/;

const BUREAU_END = /(局|社|厅)$/;

const LOCAL_DEPTS = LOCAL_DEPARTMENTS.filter(isPlaceFree);
const PROVINCE_DEPTS = PROVINCE_DEPARTMENTS.filter(isPlaceFree);

function phoneNumber(rng: Rng): string {
  const area = rng.chance(0.15) ? '0' + rng.int(10, 29) : '0' + rng.int(310, 999);
  const len = area.length === 3 ? 8 : rng.chance(0.7) ? 7 : 8;
  let n = String(rng.int(2, 8));
  while (n.length < len) n += String(rng.int(0, 9));
  return `${area}-${n}`;
}

/** The issuing unit number `u`: deterministic from (seed, u). */
export function unitSpec(seed: string, u: number): UnitSpec {
  const rng = new Rng(`${seed}:unit:${u}`);
  const g = gazetteer();
  const kind = rng.weighted([
    ['county', 44],
    ['town', 16],
    ['city', 25],
    ['province', 11],
    ['central', 4],
  ] as const);
  let spec: Omit<UnitSpec, 'phone' | 'address' | 'postcode' | 'email' | 'index'>;
  const organForm = (dept: string) => rng.pick(ORGAN_FORMS[BUREAU_END.test(dept) ? 'bureau' : 'institution']);
  const organWord = (dept: string, suffix: string) =>
    suffix.includes('党组') ? dept.slice(-1) + '党组' : suffix ? dept.slice(-2) + '党委' : dept.slice(-1) === '局' ? '局党组' : '班子';
  if (kind === 'county' || kind === 'town') {
    let county: County = rng.pick(g.counties);
    if (kind === 'town') for (let k = 0; k < 20 && !county.towns.length; k++) county = rng.pick(g.counties);
    if (kind === 'town' && county.towns.length) {
      const town = rng.pick(county.towns);
      const [pre, suf] = rng.pick(ORGAN_FORMS.town);
      spec = {
        asWritten: pre + county.prefix + town + suf,
        unit: county.prefix + town,
        region: county.region,
        level: '县',
        committee: county.committee,
        inspect: '巡察',
        target: town + '党委',
        place: shortName(county.name),
        organ: town.slice(-1) + '党委',
      };
    } else {
      const dept = rng.pick(LOCAL_DEPTS);
      const [pre, suf] = organForm(dept);
      spec = {
        asWritten: pre + county.prefix + dept + suf,
        unit: county.prefix + dept,
        region: county.region,
        level: '县',
        committee: county.committee,
        inspect: '巡察',
        target: dept + (suf || ''),
        place: shortName(county.name),
        organ: organWord(dept, suf),
      };
    }
  } else if (kind === 'city') {
    const municipal = rng.chance(0.04);
    if (municipal) {
      const p = rng.pick(g.provinces.filter((x) => x.kind === 'municipality'));
      const dept = rng.pick(LOCAL_DEPTS);
      const [pre, suf] = organForm(dept);
      spec = {
        asWritten: pre + p.name + dept + suf,
        unit: p.name + dept,
        region: [p.name],
        level: '市',
        committee: '市委',
        inspect: '巡视',
        target: p.name + dept + suf,
        place: shortName(p.name),
        organ: organWord(dept, suf),
      };
    } else {
      const city = rng.pick(g.cities);
      const dept = rng.pick(LOCAL_DEPTS);
      const [pre, suf] = organForm(dept);
      spec = {
        asWritten: pre + city.prefix + dept + suf,
        unit: city.prefix + dept,
        region: city.region,
        level: '市',
        committee: city.committee,
        inspect: '巡察',
        target: city.name + dept + suf,
        place: shortName(city.name),
        organ: organWord(dept, suf),
      };
    }
  } else if (kind === 'province') {
    const p = rng.pick(g.provinces.filter((x) => x.kind !== 'municipality'));
    const dept = rng.pick(PROVINCE_DEPTS);
    const [pre, suf] = rng.pick([
      ['中共', '党组'],
      ['', ''],
      ['', '党组'],
    ] as const);
    spec = {
      asWritten: pre + p.name + dept + suf,
      unit: p.name + dept,
      region: [p.name],
      level: '省',
      committee: p.committee,
      inspect: '巡视',
      target: (p.kind === 'autonomous' ? '自治区' : '省') + dept + suf,
      place: shortName(p.name),
      organ: suf ? dept.slice(-1) + '党组' : '领导班子',
    };
  } else {
    const p = rng.pick(g.provinces);
    const full = rng.chance(0.6);
    spec = {
      asWritten: '中共' + p.name + (full ? '委员会' : '委'),
      // One name per organisation (indexer/metadata/unit.ts): an autonomous region's is its 党委.
      unit: p.name + (p.kind === 'autonomous' ? '党委' : '委'),
      region: [p.name],
      level: '中央',
      committee: '中央',
      inspect: '巡视',
      target: p.name,
      place: shortName(p.name),
      organ: (p.kind === 'autonomous' ? '自治区' : p.kind === 'municipality' ? '市' : '省') + '委常委会',
    };
  }
  const road = rng.pick(ROADS);
  return {
    ...spec,
    index: u,
    phone: phoneNumber(rng),
    address: `${spec.place}${road}${rng.pick(['大街', '路', '街'])}${rng.int(1, 399)}号`,
    postcode: String(rng.int(10, 85)) + String(rng.int(0, 9999)).padStart(4, '0'),
    email: `${rng.pick(['xc', 'zg', 'jjjc', 'dzb', 'bgs'])}${rng.int(100, 99999)}@${rng.pick(['163.com', '126.com', 'qq.com'])}`,
  };
}

/** Which unit notice i belongs to: early units publish more often (several rounds, 回头看). */
export function unitOf(seed: string, i: number): number {
  const rng = new Rng(`${seed}:unitof:${i}`);
  return Math.floor(rng.next() * (20 + i / 2.5));
}

type Ctx = { rng: Rng; unit: UnitSpec; year: number };

function fill(t: string, ctx: Ctx): string {
  const { rng } = ctx;
  return t
    .replace(/\{P\}/g, ctx.unit.place)
    .replace(/\{O\}/g, ctx.unit.organ)
    .replace(/\{Y(?:-(\d+))?\}/g, (_, k: string | undefined) => String(ctx.year - Number(k ?? 0)))
    .replace(/\{NN\}/g, () => String(rng.int(30, 999)))
    .replace(/\{N\}/g, () => String(rng.int(2, 30)))
    .replace(/\{MONEY\}/g, () => String(rng.int(500, 99999)))
    .replace(
      /\{BIGMONEY\}/g,
      () => `${rng.int(100, 999)},${String(rng.int(0, 999)).padStart(3, '0')}.${rng.chance(0.5) ? '00' : String(rng.int(10, 99))}`,
    )
    .replace(/\{WAN\}/g, () => (rng.chance(0.5) ? `${rng.int(1, 99)}.${rng.int(1, 9)}` : String(rng.int(2, 500))))
    .replace(/\{PCT\}/g, () => String(rng.int(80, 100)));
}

function clause(ctx: Ctx, numbered = false): string {
  const v = sampleVocab();
  for (let k = 0; k < 50; k++) {
    const t = ctx.rng.chance(0.22) ? ctx.rng.pick(NUMBER_MEASURES) : ctx.rng.pick(v.clauses);
    if (numbered && PROBLEM_WORDING.test(t)) continue;
    return fill(t, ctx);
  }
  return fill('建立健全相关制度，明确责任分工', ctx);
}

function problemHeading(ctx: Ctx): string {
  const v = sampleVocab();
  if (ctx.rng.chance(0.45)) return fill(ctx.rng.pick(v.problemHeadings.filter((h) => DEFECT_WORDING.test(h))), ctx);
  return ctx.rng.pick(PROBLEM_TOPICS) + ctx.rng.pick(DEFECTS);
}

/** 一是…；二是…。 (or 。 between items), after an optional lead. */
function itemsParagraph(ctx: Ctx, lead: string, count: number): Paragraph {
  const semi = ctx.rng.chance(0.6);
  const items: { label: string; text: string }[] = [];
  for (let k = 1; k <= count; k++) {
    const clauses = Array.from({ length: ctx.rng.int(1, 3) }, () => clause(ctx));
    const last = k === count;
    const text = semi ? clauses.join('；') + (last ? '。' : '；') : clauses.join('，') + '。';
    items.push({ label: cnNumber(k) + '是', text });
  }
  return { text: lead + items.map((i) => i.label + i.text).join(''), lead, items };
}

/** A plain paragraph: one or more clauses, never a short comma-less line (that reads as a heading). */
function plainParagraph(ctx: Ctx, numbered = false): string {
  const n = ctx.rng.int(1, 3);
  const clauses = Array.from({ length: n }, () => clause(ctx, numbered));
  let text = clauses.join('，') + '。';
  if (text.length <= 40 && !text.includes('，')) text = clauses[0] + '，' + clause(ctx, numbered) + '。';
  return text;
}

type Numberer = (k: number) => string;
const ARABIC_STYLES: Numberer[] = [(k) => `${k}.`, (k) => `${k}、`, (k) => FULLWIDTH_DIGITS(`${k}`) + '．'];
const PAREN_CN: Numberer[] = [(k) => `（${cnNumber(k)}）`, (k) => `(${cnNumber(k)})`];
const PAREN_ARABIC: Numberer[] = [(k) => `（${k}）`, (k) => `${k})`];

function date(y: number, m: number, d: number, chinese = false): string {
  if (!chinese) return `${y}年${m}月${d}日`;
  return `${Array.from(String(y), (c) => CN_DIGITS[Number(c)]).join('')}年${cnNumber(m)}月${cnNumber(d)}日`;
}

export function generateNotice(seed: string, index: number): GeneratedNotice {
  const rng = new Rng(`${seed}:notice:${index}`);
  const unitIndex = unitOf(seed, index);
  const unit = unitSpec(seed, unitIndex);
  const year = rng.int(2015, 2026);
  const ctx: Ctx = { rng, unit, year };
  const v = sampleVocab();
  const xun = unit.inspect;

  // --- dates: period (may start the year before), feedback, publication, public window.
  const pubMonth = rng.int(5, 12),
    pubDay = rng.int(1, 28);
  const fbMonth = rng.int(1, pubMonth - 3),
    fbDay = rng.int(1, 28);
  const periodEndMonth = fbMonth - 1 >= 1 ? fbMonth - 1 : 12;
  const periodEndYear = fbMonth - 1 >= 1 ? year : year - 1;
  const periodStart = { y: periodEndYear, m: Math.max(1, periodEndMonth - rng.int(1, 3)), d: rng.int(1, 28) };
  const periodEnd = { y: periodEndYear, m: periodEndMonth, d: rng.int(1, 28) };
  if (periodStart.m === periodEnd.m) {
    periodStart.d = 1;
    periodEnd.d = 28;
  }
  const feedbackDate = `${year}-${pad2(fbMonth)}-${pad2(fbDay)}`;

  // --- who inspected.
  const groupNo = cnNumber(rng.int(1, 8));
  const central = unit.committee === '中央';
  const group = central ? `中央第${groupNo}巡视组` : `${unit.committee}第${groupNo}${xun}组`;
  const groupShort = central ? '中央巡视组' : rng.chance(0.5) ? group : `${unit.committee}${xun}组`;
  const committeeWord = central ? '中央' : unit.committee;
  const term = year <= 2016 ? '十二届' : year <= 2021 ? '十三届' : '十四届';
  const round = rng.int(1, 9);
  const kind = rng.weighted(KINDS);

  // --- title.
  const titleCore = rng.weighted([
    [`关于${committeeWord}${xun}整改进展情况的通报`, 4],
    [`关于${committeeWord}${xun}整改落实进展情况的通报`, 2],
    [`关于${committeeWord}${xun}集中整改进展情况的通报`, 2],
    [`关于${central ? '十九届中央' : term + committeeWord}第${cnNumber(round)}轮${xun}整改进展情况的通报`, 2],
    [`关于${xun}整改落实情况的通报`, 1],
    [`关于${committeeWord}${xun}反馈意见整改落实情况的通报`, 1],
  ] as const);
  const title = unit.asWritten + titleCore;
  let titleLines: string[];
  const splitAt = titleCore.indexOf('整改');
  const how = rng.next();
  if (how < 0.35 && splitAt > 0) titleLines = [unit.asWritten + titleCore.slice(0, splitAt), titleCore.slice(splitAt)];
  else if (how < 0.55) titleLines = [unit.asWritten, titleCore];
  else titleLines = [title];
  if (titleLines.some((l) => l.length > 60)) titleLines = [unit.asWritten, titleCore];

  // --- introduction.
  const kindWord = kind === '回头看' ? `${xun}“回头看”` : `${kind}${xun}`;
  const periodText = `${date(periodStart.y, periodStart.m, periodStart.d)}至${periodEnd.m}月${periodEnd.d}日`;
  const basis = rng.pick([
    `根据${committeeWord}和${committeeWord}${xun}工作领导小组统一部署，`,
    `根据${committeeWord}统一部署，`,
    `根据${committeeWord}${xun}工作安排，`,
  ]);
  const publishWord = rng
    .pick(['现将巡察整改情况予以公布。', '现将整改进展情况予以公布。', '现将整改落实情况通报如下：'])
    .replace('巡察', xun);
  const law = rng.chance(0.7) ? `按照《中国共产党巡视工作条例》有关要求，` : '按照党务公开原则和巡视巡察工作有关要求，';
  const intro = rng.chance(0.6)
    ? `${basis}${periodText}，${group}对${unit.target}进行了${kindWord}。${date(year, fbMonth, fbDay)}，${groupShort}向${unit.target}反馈了${xun}意见。${law}${publishWord}`
    : `${basis}${group}于${periodText}对${unit.target}开展了${kindWord}，并于${date(year, fbMonth, fbDay)}向${unit.target}反馈了${xun}意见。${law}${publishWord}`;

  const body: Paragraph[] = [];
  const problems: string[] = [];
  const push = (text: string) => body.push({ text });

  // --- body, in one of the layouts real notices use.
  const layout = rng.weighted([
    ['flat', 3],
    ['unnumberedSections', 2],
    ['numberedSections', 3],
    ['aboutProblems', 2],
  ] as const);
  const nextSteps = () => {
    const steps = rng.sample([...v.nextSteps, ...NEXT_STEPS], rng.int(2, 4));
    steps.forEach((s, k) => push(`（${cnNumber(k + 1)}）${fill(s, ctx)}`));
  };
  const leadershipParas = (numbered: boolean) => {
    const paras = rng.sample([...v.leadership, ...LEADERSHIP], rng.int(1, 3));
    paras.forEach((s, k) => push((numbered ? `（${cnNumber(k + 1)}）` : '') + fill(s, ctx)));
  };
  const measuresOf = (headingLine: string, numbering: string) => {
    // A problem line, then its measures: one paragraph of items, numbered measure lines, or plain text.
    const how2 = rng.weighted([
      ['itemsAfter', 5],
      ['itemsInline', 3],
      ['numberedLines', 2],
      ['plain', 1],
    ] as const);
    if (how2 === 'itemsInline') {
      body.push(itemsParagraph(ctx, numbering + headingLine + '。', rng.int(2, 5)));
      return;
    }
    push(numbering + headingLine + '。');
    if (how2 === 'itemsAfter') body.push(itemsParagraph(ctx, rng.chance(0.15) ? '整改情况：' : '', rng.int(2, 6)));
    else if (how2 === 'numberedLines') {
      const style = rng.pick(PAREN_ARABIC);
      for (let k = 1; k <= rng.int(2, 4); k++) push(style(k) + plainParagraph(ctx, true));
    } else push(plainParagraph(ctx));
  };
  const cats = unit.level === '县' && year >= 2024 && rng.chance(0.6) ? JUJIAO_CATEGORIES : LUOSHI_CATEGORIES;

  if (layout === 'flat') {
    // Seed 000: 1. problem lines, each followed by its 一是 measures.
    const style = rng.pick(ARABIC_STYLES);
    const n = rng.int(2, 7);
    for (let k = 1; k <= n; k++) {
      const h = problemHeading(ctx);
      problems.push(h);
      measuresOf(h, style(k));
    }
    if (rng.chance(0.4)) {
      push('下一步工作打算');
      nextSteps();
    }
  } else if (layout === 'unnumberedSections' || layout === 'numberedSections') {
    // Seed 003 / provincial: sections, level-1 categories, sub-problems, measures.
    const numbered = layout === 'numberedSections';
    let sec = 0;
    const section = (text: string) => push(numbered ? `${cnNumber(++sec)}、${text}` : text);
    if (rng.chance(0.75)) {
      section(rng.pick(['领导班子履行主体责任情况', '履行整改主体责任情况', '提高政治站位，压实整改责任']));
      leadershipParas(true);
    }
    section(rng.pick([`${xun}整改落实情况`, `${xun}反馈问题整改落实情况`, '反馈问题整改落实情况']));
    const catStyle = rng.pick(PAREN_CN);
    const subStyle = rng.pick(ARABIC_STYLES);
    const useSampleCats = rng.chance(0.35);
    const catList = useSampleCats
      ? rng.sample(v.categoryHeadings, rng.int(3, 7)).map((c) => fill(c, ctx))
      : cats.slice(0, rng.int(2, cats.length));
    catList.forEach((cat, ci) => {
      const catHeading = rng.chance(0.3) && !useSampleCats ? '关于' + cat : cat;
      push(catStyle(ci + 1) + catHeading);
      problems.push(catHeading);
      for (let k = 1; k <= rng.int(1, 4); k++) {
        const about = rng.chance(0.4);
        const h = about ? `关于${rng.pick(PROBLEM_TOPICS)}${rng.pick(DEFECTS)}的问题` : problemHeading(ctx) + '方面';
        problems.push(h);
        if (rng.chance(0.7)) body.push(itemsParagraph(ctx, subStyle(k) + h + '。', rng.int(2, 5)));
        else {
          push(subStyle(k) + h + '。' + plainParagraph(ctx));
        }
      }
    });
    if (rng.chance(0.8)) {
      section(rng.pick(['下一步工作打算', '下一步工作打算及计划', '下一步工作计划']));
      nextSteps();
    }
  } else {
    // Enterprise / township: 一、关于…的问题 or (一)关于…的问题, measures below.
    const style = rng.pick([(k: number) => `${cnNumber(k)}、`, ...PAREN_CN]);
    for (let k = 1; k <= rng.int(2, 6); k++) {
      const h = `关于${rng.pick(PROBLEM_TOPICS)}${rng.pick(DEFECTS)}的问题`;
      problems.push(h);
      push(style(k) + h);
      if (rng.chance(0.6)) body.push(itemsParagraph(ctx, '', rng.int(2, 5)));
      else {
        const ls = rng.pick(PAREN_ARABIC);
        for (let j = 1; j <= rng.int(1, 3); j++) push(ls(j) + plainParagraph(ctx, true));
      }
    }
  }

  // --- closing: invitation, contacts, public window, signature, date.
  const hasDate = rng.chance(0.85);
  const hasWindow = rng.chance(0.35);
  const winEnd = pubMonth === 12 ? { m: 12, d: 31 } : { m: pubMonth + 1, d: Math.min(28, pubDay) };
  const windowText = hasWindow ? `公开期限：${date(year, pubMonth, pubDay)}至${winEnd.m}月${winEnd.d}日。` : '';
  const phones = [unit.phone];
  const invitation = `欢迎广大干部群众对${xun}整改落实情况进行监督。如有意见建议，请及时向我们反映。`;
  const closing: string[] = [];
  if (rng.chance(0.5)) {
    closing.push(
      `${invitation}${windowText}联系电话：${unit.phone}；${rng.pick(['通信地址', '邮政信箱'])}：${unit.address}；邮编${unit.postcode}。`,
    );
  } else {
    closing.push(invitation + windowText);
    closing.push(`联系电话：${unit.phone}`);
    if (rng.chance(0.3)) {
      const m = '1' + rng.int(30, 99) + String(rng.int(0, 99999999)).padStart(8, '0');
      phones.push(m);
      closing.push(`举报手机：${m}`);
    }
    closing.push(`通信地址：${unit.address}，邮政编码：${unit.postcode}`);
    if (rng.chance(0.5)) closing.push(`电子邮箱：${unit.email}`);
  }
  const publishedDate = hasDate ? `${year}-${pad2(pubMonth)}-${pad2(pubDay)}` : undefined;
  if (hasDate || rng.chance(0.5))
    closing.push(
      unit.asWritten.startsWith('中共') || !/(党组|党委|委员会)$/.test(unit.asWritten) ? unit.asWritten : '中共' + unit.asWritten,
    );
  if (hasDate) closing.push(date(year, pubMonth, pubDay, rng.chance(0.2)));

  const paragraphs: Paragraph[] = [...titleLines.map((t) => ({ text: t })), { text: intro }, ...body, ...closing.map((t) => ({ text: t }))];

  // --- rendering: blank lines, indentation, line endings, a Word bookmark now and then.
  const blank = rng.chance(0.4);
  const indent = rng.chance(0.3) ? '\u3000\u3000' : '';
  const eol = rng.chance(0.2) ? '\r\n' : '\n';
  const lines = paragraphs.map((p, k) => {
    const isTitle = k < titleLines.length;
    const bookmark = k === titleLines.length && rng.chance(0.05) ? '[bookmark: _GoBack]' : '';
    return (isTitle ? '' : indent) + bookmark + p.text;
  });
  const text = lines.join(blank ? eol + eol : eol) + eol;
  const encoding = rng.chance(0.03) ? 'gbk' : 'utf8';
  const bytes = encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');

  const segments: string[] = [];
  const segmentsPerParagraph: number[] = [];
  let items = 0;
  for (const p of paragraphs) {
    const before = segments.length;
    if (p.items?.length) {
      if (p.lead?.trim()) segments.push(p.lead);
      for (const it of p.items) segments.push(it.label + it.text);
      items += p.items.length;
    } else segments.push(p.text);
    segmentsPerParagraph.push(segments.length - before);
  }
  const fileName = `${String(index).padStart(6, '0')}.txt`;
  return {
    fileName,
    bytes,
    text,
    truth: {
      index,
      fileName,
      unitIndex,
      title,
      titleLines,
      unitAsWritten: unit.asWritten,
      unit: unit.unit,
      region: unit.region,
      level: unit.level,
      year,
      publishedDate,
      feedbackDate,
      phones,
      problems,
      items,
      segments,
      segmentsPerParagraph,
      encoding,
    },
  };
}
