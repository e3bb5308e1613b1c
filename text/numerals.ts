/**
 * Numbers as they are written in notices: Chinese numerals (一…九十九, 二〇二五) and
 * full-width digits (２０２５). Shared by heading, item, date and fact parsing.
 */

const CN_DIGIT: Record<string, number> = {
  〇: 0,
  '○': 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Character class (without brackets) of the Chinese numerals used for counting 1–99. */
export const CN_NUM_CHARS = '一二三四五六七八九十';

/**
 * Value of a Chinese numeral: 一 → 1, 十一 → 11, 二十 → 20, 二十三 → 23, 一百零五 → 105,
 * and digit-by-digit years 二〇二五 → 2025. Undefined when the string is not a well-formed numeral.
 */
export function chineseToInt(s: string): number | undefined {
  if (!s) return undefined;
  // Digit-by-digit (years): no 十/百 and more than one character.
  if (!/[十百千]/.test(s)) {
    let v = 0;
    for (const ch of s) {
      const d = CN_DIGIT[ch];
      if (d === undefined) return undefined;
      v = v * 10 + d;
    }
    // 一一 is not a counting numeral; only accept several digits for 3–4 digit years.
    if (s.length > 1 && s.length < 3) return undefined;
    return v;
  }
  const m =
    /^(?:([一二两三四五六七八九])?千)?(?:([一二两三四五六七八九])百)?(零)?(?:([一二三四五六七八九])?(十))?([一二三四五六七八九])?$/.exec(s);
  if (!m) return undefined;
  const [, th, hu, , tensDigit, ten, unit] = m;
  let v = 0;
  if (th) v += (CN_DIGIT[th] ?? 0) * 1000;
  if (hu) v += (CN_DIGIT[hu] ?? 0) * 100;
  if (ten) v += (tensDigit ? (CN_DIGIT[tensDigit] ?? 0) : 1) * 10;
  if (unit) v += CN_DIGIT[unit] ?? 0;
  return v > 0 ? v : undefined;
}

/** Value of an Arabic (half- or full-width) or Chinese numeral. */
export function numeralToInt(s: string): number | undefined {
  const ascii = foldDigits(s);
  if (/^\d+$/.test(ascii)) return Number(ascii);
  return chineseToInt(s);
}

/**
 * Full-width digits and the full-width dot, comma, colon and hyphen replaced by their ASCII
 * forms, one character for one, so offsets found in the result are offsets in the original.
 */
export function foldDigits(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF0E\uFF0D]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
