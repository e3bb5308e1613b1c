/**
 * The inspection a notice reports on: who inspected (level, group), which round and kind,
 * when (period) and when the findings were handed over (feedback). Read from the title and
 * the introduction only: the body mentions earlier rounds and other bodies.
 */
import type { z } from 'zod';
import type { Inspection as InspectionSchema, InspectionLevel } from '../../contract/notice.ts';
import { chineseToInt, numeralToInt } from '../../text/numerals.ts';
import { findDateRanges, findDates, isoDay, isoOf, precisionOf } from './dates.ts';
import { placesNamed } from './region.ts';

export type Inspection = z.output<typeof InspectionSchema>;

/** The committee that sends the group, and the level it stands for. */
const COMMITTEE_LEVEL: [RegExp, InspectionLevel][] = [
  [/^中央/, '中央'],
  [/^(省委|自治区党委)/, '省'],
  [/^(市委|州委|盟委|地委)/, '市'],
  [/^(县委|区委|旗委)/, '县'],
];
const COMMITTEE = '中央|省委|自治区党委|市委|州委|盟委|地委|县委|区委|旗委';
/** Internal inspection of enterprises and institutions (集团党委第二巡察组): no state level. */
const ORG_COMMITTEE = '(?:集团|公司|大学|学校|银行|医院)?(?:党委|党组)';
const ORDINAL = '第[一二三四五六七八九十]+';
const NUMBERED_GROUP = new RegExp(`(${COMMITTEE}|${ORG_COMMITTEE})(${ORDINAL})(?:巡视|巡察)(?:工作)?组`);
/** 县委巡察二组, 县委巡察第二组: the number after 巡察. */
const NUMBER_AFTER_GROUP = new RegExp(`(${COMMITTEE})(?:巡视|巡察)第?[一二三四五六七八九十]+组`);
const PLAIN_GROUP = new RegExp(`(${COMMITTEE})(?:巡视|巡察)(?:工作)?组`);
/** 县委巡察, 十四届省委第六轮巡视, 中央巡视 — the level when no group is named. */
const LEVEL_MENTION = new RegExp(
  `(${COMMITTEE})(?:${ORDINAL}轮)?(?:${ORDINAL}(?:巡视|巡察)(?:工作)?组)?(?:常规|专项|机动|提级|交叉)?(?:巡视|巡察)`,
);
const ROUND = /第([一二三四五六七八九十]+|\d{1,2})轮/;
/** Kinds, most specific first: a 专项巡察"回头看" is a 回头看. */
const KINDS: [RegExp, Inspection['kind'] & string][] = [
  [/回头看/, '回头看'],
  [/机动(巡视|巡察)/, '机动'],
  [/专项(巡视|巡察)/, '专项'],
  [/常规(巡视|巡察)/, '常规'],
];

function levelOfCommittee(committee: string): InspectionLevel | undefined {
  return COMMITTEE_LEVEL.find(([re]) => re.test(committee))?.[1];
}

/**
 * A place name written right before the committee: 丹东市委, 海城市委. Returned with the
 * group; a county-level city's 市委 inspects at county level.
 */
function placeBefore(text: string, committeeIndex: number, committee: string): { name: string; county: boolean } | undefined {
  const areaChar = committee[0] ?? '';
  for (let k = 8; k >= 1; k--) {
    if (committeeIndex - k < 0) continue;
    const name = text.slice(committeeIndex - k, committeeIndex) + areaChar;
    const places = placesNamed(name);
    if (places.length) return { name: text.slice(committeeIndex - k, committeeIndex), county: places.every((p) => p.level === 'county') };
  }
  return undefined;
}

function findGroup(text: string): Pick<Inspection, 'group' | 'level'> {
  const numbered = NUMBERED_GROUP.exec(text);
  const m = numbered ?? NUMBER_AFTER_GROUP.exec(text) ?? PLAIN_GROUP.exec(text);
  if (!m) return {};
  const committee = m[1] ?? '';
  const out: Pick<Inspection, 'group' | 'level'> = {};
  let level = levelOfCommittee(committee);
  const place = level && level !== '中央' ? placeBefore(text, m.index, committee) : undefined;
  if (place?.county && level === '市') level = '县';
  out.group = (place ? place.name : '') + m[0];
  if (level) out.level = level;
  return out;
}

function sentences(text: string): string[] {
  return text.split(/(?<=[。；;！？!?\n])/);
}

/** The inspection period: the first full date range in a sentence about the inspection. */
function findPeriod(intro: string): Inspection['period'] {
  for (const s of sentences(intro)) {
    if (!/巡视|巡察/.test(s)) continue;
    for (const r of findDateRanges(s)) {
      const from = isoDay(r.from),
        to = isoDay(r.to);
      if (from && to && from <= to) return { from, to };
    }
  }
  return undefined;
}

/**
 * The feedback date, from the sentence that reports the 反馈: the last full date before the
 * word 反馈 (else the first after it), leaving out the inspection period's range. A date
 * written without its year takes the year written last before it, but never one that would
 * put it before a date already mentioned. A month (2021年9月) when no day is written.
 */
function findFeedbackDate(intro: string): string | undefined {
  let carry: number | undefined;
  let lastMentioned = '';
  for (const s of sentences(intro)) {
    const dates = findDates(s, carry);
    const at = s.search(/反馈/);
    if (at >= 0 && /意见|问题|情况|巡视|巡察/.test(s)) {
      const inRanges = new Set(findDateRanges(s, carry).flatMap((r) => [r.from.index, r.to.index]));
      const usable = dates.filter((d) => {
        const iso = isoDay(d);
        return iso && !inRanges.has(d.index) && (d.explicitYear || iso >= lastMentioned);
      });
      const pick = usable.filter((d) => d.index < at).pop() ?? usable.find((d) => d.index > at);
      if (pick) return isoDay(pick);
      // "2021年5月至7月…巡视，并于2021年9月反馈了巡视情况": the month is all the text says.
      const month = dates.filter((d) => precisionOf(d) === 'month' && d.explicitYear && !inRanges.has(d.index) && d.index < at).pop();
      if (month) return isoOf(month);
    }
    for (const d of dates) {
      if (d.year !== undefined) carry = d.year;
      const iso = isoOf(d);
      if (iso && iso > lastMentioned) lastMentioned = iso;
    }
  }
  return undefined;
}

/** Everything the title and introduction say about the inspection; absent fields were not said. */
export function extractInspection(title: string | undefined, intro: string): Inspection {
  const text = [title ?? '', intro].join('\n');
  const out: Inspection = {};
  const { group, level } = findGroup(text);
  if (group) out.group = group;
  const mentioned = LEVEL_MENTION.exec(text);
  const lvl = level ?? (mentioned ? levelOfCommittee(mentioned[1] ?? '') : undefined);
  if (lvl) out.level = lvl;
  const round = ROUND.exec(text)?.[1];
  const roundValue = round ? (numeralToInt(round) ?? chineseToInt(round)) : undefined;
  if (roundValue) out.round = roundValue;
  const kind = KINDS.find(([re]) => re.test(text))?.[1];
  if (kind) out.kind = kind;
  const period = findPeriod(intro);
  if (period) out.period = period;
  const feedbackDate = findFeedbackDate(intro);
  if (feedbackDate) out.feedbackDate = feedbackDate;
  return out;
}
