/**
 * Numbering at the start of a paragraph, in every style notices use. Full-width and
 * half-width forms of one style are the same style: authors mix them within a document.
 */
import { CN_NUM_CHARS, chineseToInt, foldDigits } from '../../text/numerals.ts';

/**
 * Canonical styles, outermost first as most notices use them. The order here is only a
 * default; structure.ts decides depth by the order in which styles appear in a section.
 */
export const HEADING_STYLES = ['第一', '一、', '（一）', '1.', '（1）', '①'] as const;
export type HeadingStyle = (typeof HEADING_STYLES)[number];

/** Styles that open the top level of a notice when their heading names a section. */
export const TOP_LEVEL_STYLES: readonly HeadingStyle[] = ['第一', '一、'];

export type HeadingNumber = {
  style: HeadingStyle;
  /** The number as written, without brackets or separator: 一, 1, ①. Digits in ASCII. */
  label: string;
  /** Its value, for checking sequences. */
  value: number;
  /** Outline depth, filled in by structure.ts (it depends on the rest of the document). */
  depth?: number;
  /** The numbering prefix as written, e.g. "（一）" or "1．". */
  prefix: string;
  /** The paragraph after the numbering. */
  rest: string;
};

const CN = `[${CN_NUM_CHARS}]{1,3}`;

/**
 * After "一、", text that shows the numeral was a quantity, not a number: 一、二季度, 三、四月份.
 */
const CN_QUANTITY_AFTER = new RegExp(`^[${CN_NUM_CHARS}]+(?:季度|月|年|级|类|等|批|期|次|个|是)`);

type Rule = { style: HeadingStyle; re: RegExp; value: (m: RegExpExecArray) => number | undefined; label?: (m: RegExpExecArray) => string };

const cnValue = (m: RegExpExecArray) => chineseToInt(m[1] ?? '');
const digitValue = (m: RegExpExecArray) => {
  const n = Number(m[1]);
  return n >= 1 && n <= 99 && !(m[1] ?? '').startsWith('0') ? n : undefined;
};

// Patterns run on text whose full-width digits and dots are folded to ASCII (same length).
const RULES: Rule[] = [
  // 第一， 第二、 (a separator is required: 第一议题 is not a heading)
  { style: '第一', re: new RegExp(`^第(${CN})\\s*[，、：:．.](?!\\d)`), value: cnValue },
  // 一、 二． 三.
  { style: '一、', re: new RegExp(`^(${CN})\\s*[、.](?!\\d)`), value: cnValue },
  // （一） (一) （一、） and a stray 、 after the bracket
  { style: '（一）', re: new RegExp(`^[（(]\\s*(${CN})\\s*[、]?\\s*[）)]\\s*[、.，]?`), value: cnValue },
  // （1） (1) 1） 1) ⑴
  { style: '（1）', re: /^[（(]\s*(\d{1,2})\s*[）)]\s*[、.，]?/, value: digitValue },
  { style: '（1）', re: /^(\d{1,2})\s*[）)](?![）)])/, value: digitValue },
  {
    style: '（1）',
    re: /^([\u2474-\u2487])/,
    value: (m) => (m[1] ?? '').charCodeAt(0) - 0x2474 + 1,
    label: (m) => String((m[1] ?? '').charCodeAt(0) - 0x2474 + 1),
  },
  // 1. 1、 1．(folded) but never 3.5万元 or 1、2号: no digit right after the separator
  { style: '1.', re: /^(\d{1,2})\s*[.、](?![\d％%])/, value: digitValue },
  {
    style: '1.',
    re: /^([\u2488-\u249B])/,
    value: (m) => (m[1] ?? '').charCodeAt(0) - 0x2488 + 1,
    label: (m) => String((m[1] ?? '').charCodeAt(0) - 0x2488 + 1),
  },
  // ① … ⑳
  { style: '①', re: /^([\u2460-\u2473])/, value: (m) => (m[1] ?? '').charCodeAt(0) - 0x2460 + 1 },
];

/** The numbering at the start of `paragraph`, or undefined when it does not start with one. */
export function parseHeadingNumber(paragraph: string): HeadingNumber | undefined {
  const folded = foldDigits(paragraph);
  for (const rule of RULES) {
    const m = rule.re.exec(folded);
    if (!m) continue;
    const value = rule.value(m);
    if (value === undefined) continue;
    const rest = paragraph.slice(m[0].length).trimStart();
    if (rule.style === '一、' && CN_QUANTITY_AFTER.test(rest)) return undefined;
    return {
      style: rule.style,
      label: rule.label ? rule.label(m) : (m[1] ?? ''),
      value,
      prefix: paragraph.slice(0, m[0].length).trimEnd(),
      rest,
    };
  }
  return undefined;
}
