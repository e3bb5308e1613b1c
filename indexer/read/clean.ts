/**
 * The clean-up applied after every format: only conversion debris is removed, the
 * published wording and punctuation stay exactly as they are.
 *
 * - line endings → \n (also U+2028/U+2029, vertical tab and form feed, which converters
 *   emit for manual line and page breaks);
 * - Word bookmark markers left by docx→text converters, e.g. `[bookmark: _GoBack]`;
 * - invisible characters: zero-width space/joiners, word joiner, BOM inside the text,
 *   soft hyphen, object replacement character, stray C0 control characters;
 * - CJK radical code points (⼀ ⾃ ⻅ ⻔ ⺠ …) that PDF fonts map glyphs to instead of the
 *   ideograph (一 自 见 门 民); they are never intended in a notice and break search;
 * - trailing blank lines, and runs of more than one blank line.
 */

/** Word bookmark markers written by docx→text converters: [bookmark: _GoBack], [bookmark: _Hlk123]. */
const BOOKMARK = /\[bookmark:\s*[^\]\n]{0,80}\]/gu;

/** Zero-width and other invisible format characters. */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each invisible code point is removed on its own, joiners included
const INVISIBLE = /[\u200B\u200C\u200D\u2060\uFEFF\u00AD\uFFFC\u180E]/gu;

/** C0 controls other than \t and \n (\r, \v and \f are turned into \n before this runs), and DEL. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/gu;

/**
 * CJK Radicals Supplement code points whose glyph is identical to a unified ideograph
 * (from Unicode CJKRadicals.txt and EquivalentUnifiedIdeograph.txt). The Kangxi Radicals
 * block (U+2F00–U+2FD5) is handled by NFKC, which maps each to its ideograph.
 */
const SUPPLEMENT_RADICALS: Record<number, number> = {
  0x2e9f: 0x6bcd, // ⺟ 母
  0x2ea0: 0x6c11, // ⺠ 民
  0x2ea6: 0x4e2c, // ⺦ 丬
  0x2eb0: 0x7e9f, // ⺰ 纟
  0x2ec4: 0x897f, // ⻄ 西
  0x2ec5: 0x89c1, // ⻅ 见
  0x2ec6: 0x89d2, // ⻆ 角
  0x2ec8: 0x8ba0, // ⻈ 讠
  0x2ec9: 0x8d1d, // ⻉ 贝
  0x2ecb: 0x8f66, // ⻋ 车
  0x2ed0: 0x9485, // ⻐ 钅
  0x2ed1: 0x9577, // ⻑ 長
  0x2ed3: 0x957f, // ⻓ 长
  0x2ed4: 0x95e8, // ⻔ 门
  0x2ed8: 0x9752, // ⻘ 青
  0x2ed9: 0x97e6, // ⻙ 韦
  0x2eda: 0x9875, // ⻚ 页
  0x2edb: 0x98ce, // ⻛ 风
  0x2edc: 0x98de, // ⻜ 飞
  0x2edd: 0x98df, // ⻝ 食
  0x2ee0: 0x9963, // ⻠ 饣
  0x2ee2: 0x9a6c, // ⻢ 马
  0x2ee3: 0x9aa8, // ⻣ 骨
  0x2ee4: 0x9b3c, // ⻤ 鬼
  0x2ee5: 0x9c7c, // ⻥ 鱼
  0x2ee6: 0x9e1f, // ⻦ 鸟
  0x2ee7: 0x5364, // ⻧ 卤
  0x2ee8: 0x9ea6, // ⻨ 麦
  0x2ee9: 0x9ec4, // ⻩ 黄
  0x2eea: 0x9efe, // ⻪ 黾
  0x2eeb: 0x6589, // ⻫ 斉
  0x2eec: 0x9f50, // ⻬ 齐
  0x2eed: 0x6b6f, // ⻭ 歯
  0x2eee: 0x9f7f, // ⻮ 齿
  0x2eef: 0x7adc, // ⻯ 竜
  0x2ef0: 0x9f99, // ⻰ 龙
  0x2ef2: 0x4e80, // ⻲ 亀
  0x2ef3: 0x9f9f, // ⻳ 龟
};

const RADICAL = /[\u2E80-\u2EF3\u2F00-\u2FD5]/gu;

/** Replace CJK radical code points by the ideograph with the same glyph. Returns the count replaced. */
export function fixRadicals(text: string): { text: string; replaced: number } {
  let replaced = 0;
  const out = text.replace(RADICAL, (ch) => {
    const cp = ch.codePointAt(0)!;
    let to: string | undefined;
    if (cp >= 0x2f00) to = ch.normalize('NFKC');
    else {
      const mapped = SUPPLEMENT_RADICALS[cp];
      if (mapped !== undefined) to = String.fromCodePoint(mapped);
    }
    if (to === undefined || to === ch) return ch;
    replaced++;
    return to;
  });
  return { text: out, replaced };
}

/** Normalise line endings and line/page separators to \n. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029\u000B\u000C\u0085]/gu, '\n');
}

export type Cleaned = { text: string; warnings: string[] };

/** The common clean-up run on the output of every reader. */
export function cleanText(input: string): Cleaned {
  const warnings: string[] = [];
  let text = normalizeNewlines(input);

  const bookmarks = text.match(BOOKMARK)?.length ?? 0;
  if (bookmarks > 0) text = text.replace(BOOKMARK, '');

  text = text.replace(INVISIBLE, '');

  const controls = text.match(CONTROL)?.length ?? 0;
  if (controls > 0) {
    text = text.replace(CONTROL, '');
    warnings.push(`已删除 ${controls} 个控制字符 (removed ${controls} stray control characters)`);
  }

  const radicals = fixRadicals(text);
  if (radicals.replaced > 0) {
    text = radicals.text;
    warnings.push(
      `已将 ${radicals.replaced} 个部首字符替换为对应汉字 (replaced ${radicals.replaced} CJK radical code points, a font-mapping artefact, by their ideographs)`,
    );
  }

  // Blank lines carry no content: keep at most one in a row, none at the start or end.
  // Whitespace-only lines count as blank.
  text = text
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : line))
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .replace(/^\n+/u, '')
    .replace(/\n+$/u, '');
  return { text, warnings };
}

/** True when the text has at least one letter or ideograph (digits and punctuation alone do not count). */
export function hasReadableText(text: string): boolean {
  return /[\p{L}]/u.test(text);
}
