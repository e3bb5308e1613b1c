/**
 * Text hygiene at ingestion (text/hygiene.ts through indexer/parse/text.ts) and in the Atom
 * writer: a notice holding U+FFFF or a bidirectional override is stored without them, and the
 * feed is XML every reader accepts even when an older archive still holds them.
 */
import { describe, expect, it } from 'vitest';
import type { NoticeHit } from '../../../contract/api.ts';
import { parseNotice } from '../../../indexer/parse/notice.ts';
import { atomFeed } from '../../../server/routes/atom-feed.ts';
import { hygienicText, withoutBidiControls, xmlSafe } from '../../../text/hygiene.ts';
import { SEED_000 } from '../../support/corpus.ts';

/** XML 1.0's Char production, the rule by which Chromium and expat refuse a document. */
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
const UNIT = '宽甸满族自治县融媒体中心';

/** Seed 000 with a right-to-left override inside its unit and U+FFFF/U+FFFE in its body. */
const hostile = SEED_000.replaceAll(UNIT, `宽甸满族自治县\u202E融媒体中心\u202C`).replace('全力推进', '全力\uFFFF推进\uFFFE\u0007');

describe('text hygiene', () => {
  it('removes what XML 1.0 forbids and keeps tab, line breaks, Chinese and astral characters', () => {
    expect(xmlSafe('a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uFFFFg\uFDD0h\u{1FFFF}i')).toBe('abcdefghi');
    expect(xmlSafe('左\uD800右\uDC00')).toBe('左右');
    expect(xmlSafe('一是\t整改\n完成\r𠮷')).toBe('一是\t整改\n完成\r𠮷');
  });

  it('removes bidirectional embeddings, overrides, isolates and marks', () => {
    expect(withoutBidiControls('\u202A\u202B\u202C\u202D\u202E单位\u2066\u2067\u2068\u2069\u200E\u200F\u061C2025年')).toBe('单位2025年');
    expect(hygienicText('某局\u202E\uFFFF2025')).toBe('某局2025');
  });

  it('stores a hostile notice without the override in its unit or title, and no forbidden character anywhere', () => {
    const parsed = parseNotice(hostile);
    expect(parsed.unit).toBe(UNIT);
    expect(parsed.unitAsWritten).toBe(UNIT);
    expect(parsed.title).toContain(UNIT);
    const stored = JSON.stringify(parsed);
    expect(stored).not.toMatch(BIDI);
    expect(stored).not.toMatch(/[\uFFFE\uFFFF\u0007]/u);
    // The words around the removed characters are whole again (searchable as 全力推进).
    expect(parsed.paragraphs.some((p) => p.text.includes('全力推进'))).toBe(true);
  });

  it('keeps line breaks that \\v and \\f stood for', () => {
    expect(parseNotice(SEED_000.replace('\n', '\f')).paragraphs.length).toBe(parseNotice(SEED_000).paragraphs.length);
  });
});

describe('Atom feed', () => {
  const hit = (text: string, unit: string): NoticeHit => ({
    noticeId: 'nabc',
    title: `${unit}关于巡察整改进展情况的通报`,
    unit,
    region: [],
    year: 2025,
    url: '/notices/nabc',
    matches: 1,
    // The feed reads the paragraphs' text only.
    paragraphs: [{ text } as NoticeHit['paragraphs'][number]],
  });

  it('is XML 1.0 even when an archived notice still holds U+FFFF, U+FFFE, controls or a half surrogate pair', () => {
    // 999 characters, then an astral character: the 1,000-character summary cuts its surrogate pair in half.
    const text = `全力\uFFFF推进\uFFFE\u0001${'整'.repeat(992)}𠮷`;
    const feed = atomFeed({
      origin: 'https://xuncha.example.org',
      selfUrl: 'https://xuncha.example.org/api/feed.atom',
      title: '巡察整改\uFFFF',
      notices: [hit(text, `某局\uFFFE`)],
      updated: '2025-12-01T00:00:00Z',
    });
    expect(feed).toMatch(XML_CHARS);
    expect(feed).toContain('<name>某局</name>');
    expect(feed).toContain('全力推进');
  });
});
