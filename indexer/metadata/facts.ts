/**
 * Facts users search for literally and filter on: money (2369元, 33.9万元, 443,814.00元,
 * 300万), counts with what they count (关闭新媒体账号16个, 招聘…7人), dates and phones.
 * `text` is always the exact substring, so "2369" finds 2369元.
 */
import { tag } from 'jieba-wasm';
import type { Fact } from '../../contract/notice.ts';
import { tokenize } from '../../text/jieba.ts';
import { foldDigits } from '../../text/numerals.ts';
import { findDates, isoOf } from './dates.ts';
import { findPhones } from './contacts.ts';

/** 万 and 亿 written after a number. */
const MULTIPLIER: Record<string, number> = { 千: 1e3, 万: 1e4, 十万: 1e5, 百万: 1e6, 千万: 1e7, 亿: 1e8 };

/** A number: 2369, 443,814.00, 33.9 (thousands commas only in groups of three). */
const NUMBER = '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)';

/** Money with its currency word: 2369元, 33.9万元, 10万余元, 1.2亿元. */
const MONEY = new RegExp(`(?<![\\d.,])${NUMBER}\\s*(?:余|多)?\\s*(千|十万|百万|千万|万|亿)?\\s*(?:余|多)?\\s*元`, 'g');

/**
 * 万/亿 without 元 is money only after one of these words shortly before it
 * (化解工程欠款300万), never for 粉丝45万+ or 浏览量3600万.
 */
const MONEY_CONTEXT =
  /(资金|金额|欠款|款项|货款|工程款|费用|经费|收入|营收|创收|支出|投资|投入|债务|贷款|资产|补贴|津贴|奖金|工资|薪酬|罚款|罚没|利润|租金|房租|预算|成本|税|补助|奖励|社保|欠费|价款|拨付|筹措|追缴|退缴|挽回|损失)[^，。；,;]{0,6}$/;
const BARE_WAN = new RegExp(`(?<![\\d.,])${NUMBER}\\s*(?:余|多)?\\s*(万|亿)(?![元次人个名条篇份项家台辆件+＋%％])`, 'g');

/**
 * Classifiers that make a number a count (longest first). Measures (米, 吨, 平方米) and
 * durations (天, 小时, 个月) are not counts of things and are left out.
 */
const CLASSIFIERS = [
  '人次',
  '个',
  '人',
  '名',
  '次',
  '条',
  '篇',
  '份',
  '项',
  '家',
  '台',
  '辆',
  '件',
  '起',
  '处',
  '场',
  '批',
  '户',
  '所',
  '座',
  '套',
  '本',
  '册',
  '集',
  '部',
  '支',
  '张',
  '笔',
  '位',
  '期',
  '轮',
  '栋',
  '间',
  '封',
  '宗',
  '例',
  '单',
  '款',
];
/** Characters after a classifier that show it is the start of a word instead (3部门 is not 3部). */
const NOT_AFTER: Record<string, string> = {
  个: '月百小工',
  部: '门署分',
  项: '目',
  台: '账',
  处: '理罚分置级长',
  场: '所地',
  名: '单义称',
  人: '员民大才',
  次: '日年要',
  条: '例件',
  期: '间限',
  位: '置',
  家: '庭',
  本: '级身',
  集: '体中团',
  支: '部出持付',
  份: '额',
  批: '复准评示',
  张: '贴',
  所: '有在属以',
  座: '谈',
  户: '籍口',
  单: '位',
  款: '项',
  例: '如',
  间: '隔',
  起: '来草',
  笔: '记',
  套: '取',
};
const COUNT = new RegExp(`(?<![\\d.,第])${NUMBER}\\s*(千|万|亿)?\\s*(余|多)?\\s*(${CLASSIFIERS.join('|')})`, 'g');

const round2 = (n: number) => Math.round(n * 100) / 100;
const numberValue = (s: string) => Number(s.replace(/,/g, ''));

function overlaps(taken: [number, number][], start: number, end: number): boolean {
  return taken.some(([s, e]) => start < e && end > s);
}

/** Money amounts in `text`, in yuan. */
export function findMoney(text: string): { index: number; text: string; yuan: number }[] {
  const folded = foldDigits(text);
  const out: { index: number; text: string; yuan: number }[] = [];
  for (const m of folded.matchAll(MONEY)) {
    const mult = m[2] ? (MULTIPLIER[m[2]] ?? 1) : 1;
    out.push({ index: m.index, text: text.slice(m.index, m.index + m[0].length), yuan: round2(numberValue(m[1] ?? '0') * mult) });
  }
  for (const m of folded.matchAll(BARE_WAN)) {
    if (!MONEY_CONTEXT.test(folded.slice(Math.max(0, m.index - 16), m.index))) continue;
    if (out.some((o) => o.index === m.index)) continue;
    const mult = MULTIPLIER[m[2] ?? ''] ?? 1;
    out.push({ index: m.index, text: text.slice(m.index, m.index + m[0].length), yuan: round2(numberValue(m[1] ?? '0') * mult) });
  }
  return out.sort((a, b) => a.index - b.index);
}

let dictionaryReady = false;
/**
 * Part-of-speech tags from jieba. The segmenter (text/jieba.ts) adds the domain
 * dictionary to the same process-wide jieba instance; load it first so the nouns found here
 * do not depend on which module touched jieba first.
 */
function tags(s: string): { word: string; tag: string }[] {
  if (!dictionaryReady) {
    tokenize('');
    dictionaryReady = true;
  }
  if (!s) return [];
  // The few characters around a count (个问题, 名干部) repeat across notices, and each call
  // into jieba's tagger cost about as much as all other fact finding together.
  let found = TAGGED.get(s);
  if (!found) {
    if (TAGGED.size >= TAGGED_MAX) TAGGED.clear();
    found = tag(s, true);
    TAGGED.set(s, found);
  }
  return found;
}
const TAGGED = new Map<string, { word: string; tag: string }[]>();
/** Keys are at most 12 characters: a full cache is well under 10 MB. */
const TAGGED_MAX = 20_000;

const isNoun = (t: string) => /^(n|nr|ns|nt|nz|ng|nrt|j|vn|an|l)$/.test(t);
const isModifier = (t: string) => /^(a|b|v|vn|ad)$/.test(t);
const CLAUSE_END = /[，。；、,;：:！？!?（）()“”"《》\s\d]/;

/** The noun right after a classifier: 16个[媒体账号], 119名[在编职工]. */
function nounAfter(text: string): string {
  let clause = text;
  const stop = clause.search(CLAUSE_END);
  if (stop >= 0) clause = clause.slice(0, stop);
  const ts = tags(clause.slice(0, 12));
  let i = 0;
  // One modifier (在编, 新) is kept when a noun follows it.
  if (ts[0] && isModifier(ts[0].tag) && ts[1] && isNoun(ts[1].tag)) i = 1;
  let noun = i ? ts[0]!.word : '';
  let nouns = 0;
  for (; i < ts.length && isNoun(ts[i]!.tag); i++, nouns++) noun += ts[i]!.word;
  return nouns ? noun : '';
}

/** The noun right before a number: 关闭[新媒体账号]16个, [专业人才]7人. */
function nounBefore(text: string): string {
  let clause = text;
  const stops = [...clause.matchAll(new RegExp(CLAUSE_END.source, 'g'))];
  const last = stops[stops.length - 1];
  if (last) clause = clause.slice(last.index + 1);
  const ts = tags(clause.slice(-12));
  let j = ts.length - 1;
  // Skip adverbs and particles between the noun and the number (约, 共, 达, 等).
  while (j >= 0 && /^(d|u|uj|ud|p|c)$/.test(ts[j]!.tag)) j--;
  let noun = '';
  let nouns = 0;
  for (; j >= 0 && isNoun(ts[j]!.tag); j--, nouns++) noun = ts[j]!.word + noun;
  if (nouns && j >= 0 && ts[j]!.tag === 'a') noun = ts[j]!.word + noun;
  return noun;
}

/** Counts of things in `text`, with the noun counted (or the classifier when no noun is near). */
export function findCounts(text: string): { index: number; text: string; value: number; noun: string }[] {
  const folded = foldDigits(text);
  const out: { index: number; text: string; value: number; noun: string }[] = [];
  for (const m of folded.matchAll(COUNT)) {
    const classifier = m[4] ?? '';
    const end = m.index + m[0].length;
    const next = folded[end] ?? '';
    if (next && (NOT_AFTER[classifier] ?? '').includes(next)) continue;
    // 3.5个 is no count; money and percentages are handled elsewhere.
    if ((m[1] ?? '').includes('.') && !m[2]) continue;
    const value = round2(numberValue(m[1] ?? '0') * (m[2] ? (MULTIPLIER[m[2]] ?? 1) : 1));
    const noun = nounAfter(text.slice(end)) || nounBefore(text.slice(0, m.index)) || classifier;
    out.push({ index: m.index, text: text.slice(m.index, end), value, noun });
  }
  return out;
}

export type FactContext = {
  /** Year in force before this text (partial dates like 6月24日 take it). */
  year?: number;
};

/** All facts of a paragraph or item, in reading order. Dates need a known year. */
export function extractFacts(text: string, context: FactContext = {}): Fact[] {
  const found: { index: number; fact: Fact }[] = [];
  const taken: [number, number][] = [];
  const add = (index: number, length: number, fact: Fact) => {
    if (overlaps(taken, index, index + length)) return;
    taken.push([index, index + length]);
    found.push({ index, fact });
  };
  for (const p of findPhones(text)) add(p.index, p.text.length, { type: 'phone', text: p.text });
  for (const d of findDates(text, context.year)) {
    if (d.month === undefined) continue; // a year alone (2025年以来) is context, not a fact
    const date = isoOf(d);
    if (date) add(d.index, d.text.length, { type: 'date', text: d.text, date });
  }
  for (const m of findMoney(text)) add(m.index, m.text.length, { type: 'money', text: m.text, yuan: m.yuan });
  for (const c of findCounts(text)) add(c.index, c.text.length, { type: 'count', text: c.text, value: c.value, noun: c.noun });
  return found.sort((a, b) => a.index - b.index).map((f) => f.fact);
}

/** The last year written in `text` (for carrying it into the next item). */
export function lastYear(text: string, carryYear?: number): number | undefined {
  const ds = findDates(text, carryYear);
  return ds.length ? (ds[ds.length - 1]!.year ?? carryYear) : carryYear;
}
