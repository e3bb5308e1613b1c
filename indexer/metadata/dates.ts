/**
 * Dates as notices write them: 2025年2月19日, 二〇二五年十一月二十一日, 2025.11.21,
 * 2025-11-21, and partial dates (12月30日) whose year is carried over from the last year
 * written before them, as Chinese writing does ("2024年9月30日至12月30日").
 */
import { foldDigits, numeralToInt } from '../../text/numerals.ts';

export type DateMatch = {
  index: number;
  /** As written. */
  text: string;
  year?: number;
  month?: number;
  day?: number;
  /** The year was written in this match (not carried over). */
  explicitYear: boolean;
};

export type Precision = 'day' | 'month' | 'year';

const Y = '(\\d{4}|[〇○零一二三四五六七八九]{4})';
const CN_MD = '[一二三四五六七八九十]{1,3}';
// Chinese date: year? month day? — a month or a year is required (see CHINESE_DATE use).
const CHINESE_DATE = new RegExp(
  `(?<![\\d.])(?:${Y}\\s*年\\s*)?(?:(\\d{1,2}|${CN_MD})\\s*月(?:份)?\\s*(?:(\\d{1,2}|${CN_MD})\\s*[日号])?)?`,
  'g',
);
// Numeric date: 2025.11.21 2025-11-21 2025/11/21 (the separator must be the same twice).
const NUMERIC_DATE = /(?<![\d.,])(\d{4})([.\-/])(\d{1,2})\2(\d{1,2})(?![\d.])/g;

function valid(y: number | undefined, m: number | undefined, d: number | undefined): boolean {
  if (y !== undefined && (y < 1949 || y > 2100)) return false;
  if (m !== undefined && (m < 1 || m > 12)) return false;
  if (d !== undefined && (d < 1 || d > 31)) return false;
  return true;
}

/**
 * Every date, year-only mention (2025年) and partial date in `text`, in order.
 * `carryYear` is the year in force before the text starts (e.g. from earlier paragraphs).
 */
export function findDates(text: string, carryYear?: number): DateMatch[] {
  const folded = foldDigits(text);
  const raw: DateMatch[] = [];
  for (const m of folded.matchAll(CHINESE_DATE)) {
    if (!m[0] || (!m[1] && !m[2])) continue;
    const [, ys, ms, ds] = m;
    // Chinese-numeral months alone (三月) are too often not dates; require a year or a day.
    if (ms && !/\d/.test(ms) && !ys && !ds) continue;
    // 2025年 alone must be a year, not a count of years (十几年) — Y requires 4 digits.
    const year = ys ? numeralToInt(ys) : undefined;
    const month = ms ? numeralToInt(ms) : undefined;
    const day = ds ? numeralToInt(ds) : undefined;
    if ((ms && month === undefined) || (ds && day === undefined) || !valid(year, month, day)) continue;
    raw.push({
      index: m.index,
      text: text.slice(m.index, m.index + m[0].trimEnd().length),
      year,
      month,
      day,
      explicitYear: year !== undefined,
    });
  }
  for (const m of folded.matchAll(NUMERIC_DATE)) {
    const year = Number(m[1]),
      month = Number(m[3]),
      day = Number(m[4]);
    if (!valid(year, month, day)) continue;
    raw.push({ index: m.index, text: text.slice(m.index, m.index + m[0].length), year, month, day, explicitYear: true });
  }
  raw.sort((a, b) => a.index - b.index);
  let year = carryYear;
  for (const d of raw) {
    if (d.explicitYear) year = d.year;
    else if (year !== undefined) d.year = year;
  }
  return raw;
}

export function precisionOf(d: DateMatch): Precision | undefined {
  if (d.year === undefined) return undefined;
  if (d.month === undefined) return 'year';
  return d.day === undefined ? 'month' : 'day';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO form at the precision written: 2025-02-19, 2025-02 or 2025; undefined without a year. */
export function isoOf(d: { year?: number; month?: number; day?: number }): string | undefined {
  if (d.year === undefined) return undefined;
  if (d.month === undefined) return String(d.year);
  if (d.day === undefined) return `${d.year}-${pad(d.month)}`;
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** ISO date only when year, month and day are all known. */
export function isoDay(d: DateMatch): string | undefined {
  return d.year !== undefined && d.month !== undefined && d.day !== undefined ? isoOf(d) : undefined;
}

/** Separators of a range: 至, 起至, 到, —, ——, -, ~. */
const RANGE_SEPARATOR = /^\s*(?:起?至|起?到|—{1,2}|–|－|-|~|～)\s*$/;

export type DateRangeMatch = { from: DateMatch; to: DateMatch; index: number; text: string };

/**
 * Ranges of two dates: 2024年9月30日至12月30日. The second date takes the first one's
 * year when it has none, and the next year when it would otherwise end before it starts
 * (2024年11月20日至1月15日).
 */
export function findDateRanges(text: string, carryYear?: number): DateRangeMatch[] {
  const dates = findDates(text, carryYear).filter((d) => d.month !== undefined);
  const out: DateRangeMatch[] = [];
  for (let i = 0; i + 1 < dates.length; i++) {
    const a = dates[i]!,
      b = dates[i + 1]!;
    const between = text.slice(a.index + a.text.length, b.index);
    if (!RANGE_SEPARATOR.test(between)) continue;
    const to = { ...b };
    if (!to.explicitYear && a.year !== undefined) {
      to.year = a.year;
      const before = (to.month ?? 0) < (a.month ?? 0) || (to.month === a.month && (to.day ?? 0) < (a.day ?? 0));
      if (before) to.year = a.year + 1;
    }
    out.push({ from: a, to, index: a.index, text: text.slice(a.index, b.index + b.text.length) });
    i++;
  }
  return out;
}

/** A paragraph that is nothing but a date, possibly in brackets: "2025年11月21日", "（2025年11月21日）". */
export function dateOnlyLine(paragraph: string): string | undefined {
  const inner = paragraph.replace(/^[（(〔[]\s*|\s*[）)〕\]]$/g, '').trim();
  const ds = findDates(inner);
  const d = ds[0];
  if (ds.length !== 1 || !d || d.index !== 0 || d.text.length !== inner.length) return undefined;
  return isoDay(d);
}

/** Labelled fields of the line a web page prints under its title: 来源: 发布时间: 作者: 阅读量: … */
const PAGE_FIELD =
  /(?:信息|文章)?来源|发布(?:时间|日期)|发文日期|印发日期|时间|日期|作者|编辑|阅读(?:量|次数)?|浏览(?:量|次数)?|点击(?:量|数)?|字号/;
const PAGE_FIELD_LABEL = new RegExp(`(?:${PAGE_FIELD.source})\\s*[：:]`);
/** A clock time after a date on a page line: 20:38, 11:27:48. */
const CLOCK = /^\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?/;

/**
 * The date of a page line, the line a web page or a newspaper prints under the title:
 * "2022年08月16日 来源: 中共廊坊市委", "发布时间:2024-07-18 11:16 作者:", "时间:2024/1/19 11:27:48",
 * "来源:河北省纪委监委网站 发布时间:2022-07-01 10:07:39 阅读量:351", or a date alone ("2025-04-29",
 * "（2025年11月21日）"). Undefined for anything else: a sentence that starts with a date is not one.
 */
export function pageLineDate(line: string): string | undefined {
  const only = dateOnlyLine(line);
  if (only) return only;
  if (line.length > 120 || /[。；;！？!?，,]/.test(line)) return undefined;
  const dates = findDates(line).filter((d) => d.explicitYear && isoDay(d));
  const first = dates[0];
  if (!first) return undefined;
  const labelled = PAGE_FIELD_LABEL.test(line);
  // Nothing but the date and a clock time, or the date as one of the page's fields.
  const rest = line
    .slice(first.index + first.text.length)
    .replace(CLOCK, '')
    .trim();
  if (!labelled && (first.index > 0 || rest)) return undefined;
  // Of several dates, the one labelled as the publication's.
  const published = /(?:发布|发文|印发)(?:时间|日期)\s*[：:]\s*/.exec(line);
  const pick = published ? (dates.find((d) => d.index >= published.index) ?? first) : first;
  return isoDay(pick);
}
