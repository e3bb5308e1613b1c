import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import { normalizeWithMap } from '../../../text/normalize.ts';
import { loadKeptNames } from '../../../text/lexicon.ts';

/** The definition, character by character: NFKC, lower case, no whitespace, then traditional → simplified. */
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
function reference(original: string): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  let offset = 0;
  for (const ch of original) {
    if (!/\s/u.test(ch)) {
      const folded = ch.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
      for (let i = 0; i < folded.length; i++) map.push(offset);
      text += folded;
    }
    offset += ch.length;
  }
  const converted = toSimplified(text);
  if (converted.length === text.length) text = converted;
  else
    text = Array.from(text, (c) => {
      const s = toSimplified(c);
      return s.length === c.length ? s : c;
    }).join('');
  return { text, map };
}

const KEPT = loadKeptNames();

describe('normalisation', () => {
  it('treats every CJK ideograph and ASCII character exactly as the definition does, with the same offsets', () => {
    let all = '';
    for (let c = 0x4e00; c <= 0x9fff; c++) all += String.fromCharCode(c);
    for (let c = 0x00; c < 0x80; c++) all += String.fromCharCode(c);
    const mixed = `${all} ＡＢＣ２３６９元　黨費\u3000ｘ Ⅻ ﬁ 😀 丨\t\n`;
    const got = normalizeWithMap(mixed);
    const want = reference(mixed);
    expect(got.text).toBe(want.text);
    expect(got.map).toEqual(want.map);
  });

  it("gives the definition's text for every ideograph alone and inside simplified text, skipping OpenCC only where it would change nothing", () => {
    const blocks: [number, number][] = [
      [0x2e80, 0x2fdf],
      [0x3400, 0x4dbf],
      [0x4e00, 0x9fff],
      [0xf900, 0xfaff],
      [0x20000, 0x2a6df],
    ];
    const differs: string[] = [];
    for (const [from, to] of blocks) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCodePoint(c);
        for (const text of [ch, `党费${ch}收缴`, `${ch}后`, `乾${ch}`]) {
          const got = normalizeWithMap(text).text;
          // 乾安, 乾县: names the definition keeps on purpose (test/unit/text/kept-names.test.ts).
          if (got !== reference(text).text && !KEPT.some((name) => got.includes(name))) differs.push(text);
        }
      }
    }
    expect(differs).toEqual([]);
    // Traditional text is still converted, phrase by phrase.
    expect(normalizeWithMap('黨費收繳不夠嚴格，乾隆年間').text).toBe('党费收缴不够严格,乾隆年间');
  });
});
