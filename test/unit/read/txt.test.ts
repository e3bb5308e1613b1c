import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { MAX_BYTES, readNotice } from '../../../indexer/read/read-file.ts';
import { cleanText, fixRadicals } from '../../../indexer/read/clean.ts';
import { decodeText } from '../../../indexer/read/txt.ts';
import { paragraphs, sampleText, SAMPLE_000, SAMPLE_003 } from '../../support/notice-files.ts';

const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  return Buffer.from(le).swap16();
};

describe.each([SAMPLE_000, SAMPLE_003])('txt encodings of %s', (name) => {
  const original = sampleText(name);
  const expected = paragraphs(original);

  const cases: [string, Uint8Array, string][] = [
    ['UTF-8', Buffer.from(original, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(original, 'utf8')]), 'utf-8'],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original, 'utf16le')]), 'utf-16le'],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(original)]), 'utf-16be'],
    ['UTF-16 LE without BOM', Buffer.from(original, 'utf16le'), 'utf-16le'],
    ['UTF-16 BE without BOM', utf16be(original), 'utf-16be'],
    ['GB18030', iconv.encode(original, 'gb18030'), 'gb18030'],
    ['GBK with CRLF line endings', iconv.encode(original.replace(/\n/gu, '\r\n'), 'gbk'), 'gb18030'],
  ];

  it.each(cases)('%s', async (_label, bytes, encoding) => {
    const result = await readNotice(new Uint8Array(bytes), name);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe('txt');
    expect(result.encoding).toBe(encoding);
    expect(paragraphs(result.text)).toEqual(expected);
    // The stored text is the published text: only the bookmark marker and line endings changed.
    expect(result.text).not.toContain('[bookmark:');
    expect(result.text).not.toContain('\r');
    expect(result.text).toContain(name === SAMPLE_000 ? '443,814.00元' : '0415-2195262');
  });
});

describe('txt encoding detection', () => {
  it('reads Big5 (traditional Chinese) by statistics, not by assumption', async () => {
    const text =
      '中國共產黨丹東市融媒體中心委員會關於市委巡察整改落實進展情況的通報\n根據市委和市委巡察工作領導小組統一部署，市委第二巡察組對丹東市融媒體中心黨委進行了巡察。按照《中國共產黨巡視工作條例》有關要求，現將巡察整改情況予以公佈。\n聯繫電話：0415-2195262。\n';
    const result = await readNotice(new Uint8Array(iconv.encode(text, 'big5')), 'big5.txt');
    expect(result.ok && result.encoding).toBe('big5');
    expect(result.ok && result.text).toBe(text.trimEnd());
  });

  it('honours a declared charset only when the bytes agree with it', () => {
    const text = '现将巡察整改情况予以公布。';
    const utf8 = decodeText(Buffer.from(text, 'utf8'), { declared: 'gb2312' });
    expect(utf8.ok && utf8.encoding).toBe('utf-8');
    expect(utf8.ok && utf8.warnings.join()).toMatch(/declared gb2312/u);
    const gbk = decodeText(iconv.encode(text, 'gbk'), { declared: 'utf-8' });
    expect(gbk.ok && gbk.encoding).toBe('gb18030');
    expect(gbk.ok && gbk.text).toBe(text);
  });

  it('reads pure ASCII', async () => {
    const result = await readNotice(Buffer.from('Rectification report\nPhone 0415-5189642\n'), 'a.txt');
    expect(result.ok && result.text).toBe('Rectification report\nPhone 0415-5189642');
  });
});

describe('txt clean-up', () => {
  it('removes conversion debris and normalises line endings, nothing else', async () => {
    const raw =
      '标题\r\n[bookmark: _GoBack]\u200B根据县委统一部署，“三重一大”\u00AD决策。\r\r（一）问题\u2028一是措施；\n\n\n\n二是措施。\uFEFF\n';
    const result = await readNotice(Buffer.from(raw, 'utf8'), 'a.txt');
    expect(result.ok && result.text).toBe('标题\n根据县委统一部署，“三重一大”决策。\n\n（一）问题\n一是措施；\n\n二是措施。');
  });

  it('keeps full-width punctuation and ideographic spaces as published', () => {
    const text = '　　一、问题：ＡＰＰ栏目（4个）——已关闭；１．措施';
    expect(cleanText(text).text).toBe(text);
  });

  it('maps CJK radical code points from PDF fonts to ideographs', () => {
    expect(fixRadicals('⼈⺠⾃⼰⻅⻔⻋').text).toBe('人民自己见门车');
  });
});

describe('bad txt files', () => {
  it('refuses an empty file', async () => {
    expect(await readNotice(new Uint8Array(0), 'a.txt')).toEqual({ ok: false, reason: 'empty', message: '文件为空 (empty file)' });
  });

  it('refuses a 100 MB file as too large without parsing it', async () => {
    const big = new Uint8Array(100 * 1024 * 1024); // zero-filled, lazily allocated by the OS
    expect(big.byteLength).toBeGreaterThan(MAX_BYTES);
    const started = performance.now();
    const result = await readNotice(big, 'huge.txt');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe('too-large');
      expect(result.message).toMatch(/文件过大.*100 MB.*too large/u);
    }
    expect(performance.now() - started).toBeLessThan(500); // parsing 100 MB would take seconds
  });

  it('accepts a file of exactly MAX_BYTES as far as size goes', async () => {
    const result = await readNotice(new Uint8Array(MAX_BYTES), 'zeros.txt');
    expect(result.ok || result.reason).not.toBe('too-large');
  });

  it('refuses random bytes named .txt as binary', async () => {
    const result = await readNotice(new Uint8Array(randomBytes(8192)), 'random.txt');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe('binary');
      expect(result.message).toMatch(/不是文本.*not a text file/u);
    }
  });

  it('refuses a file of NUL bytes as binary', async () => {
    const result = await readNotice(new Uint8Array(4096), 'nul.txt');
    expect(!result.ok && result.reason).toBe('binary');
  });

  it('tolerates trailing NUL padding with a warning', async () => {
    const bytes = Buffer.concat([Buffer.from('巡察整改情况的通报\n', 'utf8'), Buffer.alloc(100)]);
    const result = await readNotice(bytes, 'padded.txt');
    expect(result.ok && result.text).toBe('巡察整改情况的通报');
    expect(result.ok && result.warnings.join()).toMatch(/NUL/u);
  });

  it('reports a whitespace-only file as having no text', async () => {
    const result = await readNotice(Buffer.from(' \r\n\t\u3000\n', 'utf8'), 'blank.txt');
    expect(!result.ok && result.reason).toBe('no-text');
  });
});
