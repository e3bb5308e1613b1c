/** Format decision (extension × content) and the failure contract of readNotice. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_BYTES, readNotice, type ReadResult } from '../../../indexer/read/read-file.ts';
import { extensionOf } from '../../../indexer/read/sniff.ts';
import { buildDocx, pdfWithText, sampleText, SAMPLE_000 } from '../../support/notice-files.ts';

/** Every failure message is one line: Chinese first, English in parentheses. */
function expectFailure(result: ReadResult, reason: string, pattern?: RegExp): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.reason).toBe(reason);
  expect(result.message).toMatch(/^[^\n]*[\u4e00-\u9fff][^\n]*\([^\n]*[A-Za-z][^\n]*\)[^\n]*$/u);
  if (pattern) expect(result.message).toMatch(pattern);
}

/** A stand-in for an .xlsx: a zip whose member names say "Excel". */
function fakeXlsx(): Uint8Array {
  return Buffer.concat([
    Buffer.from('PK\x03\x04', 'latin1'),
    Buffer.alloc(26),
    Buffer.from('xl/workbook.xml', 'latin1'),
    Buffer.alloc(64),
    Buffer.from('PK\x05\x06', 'latin1'),
    Buffer.alloc(18),
  ]);
}

describe('readNotice: size and emptiness come first', () => {
  it('empty', async () => {
    expectFailure(await readNotice(new Uint8Array(0), 'a.pdf'), 'empty', /文件为空.*empty file/u);
  });

  it('100 MB is too large, whatever it claims to be', async () => {
    const big = Buffer.alloc(100 * 1024 * 1024);
    big.write('%PDF-1.7', 0, 'latin1');
    expectFailure(await readNotice(big, 'big.pdf'), 'too-large', /too large/u);
    expect(MAX_BYTES).toBe(50 * 1024 * 1024);
  });
});

describe('readNotice: unsupported and binary input', () => {
  it('refuses .xlsx (by extension, and by content)', async () => {
    expectFailure(await readNotice(new Uint8Array(randomBytes(2048)), 'table.xlsx'), 'unsupported-format', /Excel/u);
    expectFailure(await readNotice(fakeXlsx(), 'table.xlsx'), 'unsupported-format', /Excel/u);
    expectFailure(await readNotice(fakeXlsx(), 'renamed.docx'), 'unsupported-format', /Excel/u);
  });

  it('refuses images, archives and RTF with a reason', async () => {
    const png = Buffer.concat([Buffer.from('89504E470D0A1A0A', 'hex'), randomBytes(200)]);
    expectFailure(await readNotice(png, 'scan.txt'), 'unsupported-format', /PNG.*OCR/u);
    expectFailure(
      await readNotice(Buffer.concat([Buffer.from('1F8B08', 'hex'), randomBytes(100)]), 'notice.txt'),
      'unsupported-format',
      /gzip/u,
    );
    expectFailure(await readNotice(Buffer.from('{\\rtf1\\ansi 巡察整改}', 'utf8'), 'notice.doc'), 'unsupported-format', /RTF/u);
  });

  it('refuses random bytes under an unknown extension as binary', async () => {
    expectFailure(await readNotice(new Uint8Array(randomBytes(4096)), 'blob.bin'), 'binary');
    expectFailure(await readNotice(new Uint8Array(randomBytes(4096)), 'no-extension'), 'binary');
  });
});

describe('readNotice: extension and content disagree', () => {
  it('reads a PDF saved as .docx by its content, with a warning', async () => {
    const result = await readNotice(pdfWithText('Rectification notice'), 'notice.docx');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe('pdf');
    expect(result.warnings[0]).toMatch(/扩展名为 \.docx.*extension \.docx but the content is pdf/u);
  });

  it('reads a .docx saved as .pdf by its content, with a warning', async () => {
    const result = await readNotice(await buildDocx('巡察整改情况的通报'), 'notice.pdf');
    expect(result.ok && result.format).toBe('docx');
    expect(result.ok && result.warnings.join()).toMatch(/extension \.pdf/u);
  });

  it('reads an HTML page saved as .txt or .doc as HTML, with a warning', async () => {
    const html = Buffer.from(
      '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div class="TRS_Editor"><p>现将巡察整改情况予以公布。</p></div></body></html>',
      'utf8',
    );
    for (const name of ['page.txt', 'word-web-page.doc']) {
      const result = await readNotice(html, name);
      expect(result.ok && result.format).toBe('html');
      expect(result.ok && result.text).toBe('现将巡察整改情况予以公布。');
      expect(result.ok && result.warnings.join()).toMatch(/content is html/u);
    }
  });

  it('reports an HTML error page saved as .pdf or .docx as corrupt', async () => {
    const page = Buffer.from('<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>', 'utf8');
    expectFailure(await readNotice(page, 'notice.pdf'), 'corrupt', /HTML/u);
    expectFailure(await readNotice(page, 'notice.docx'), 'corrupt', /HTML/u);
  });

  it('reads plain text in an .html file as text', async () => {
    const result = await readNotice(Buffer.from('第一行\n第二行\n', 'utf8'), 'a.html');
    expect(result.ok && result.format).toBe('txt');
    expect(result.ok && result.text).toBe('第一行\n第二行');
  });

  it('reads text under an unknown extension, with a warning', async () => {
    const result = await readNotice(Buffer.from(sampleText(SAMPLE_000), 'utf8'), 'notice.md');
    expect(result.ok && result.format).toBe('txt');
    expect(result.ok && result.warnings.join()).toMatch(/unknown extension \.md/u);
  });
});

describe('extensionOf', () => {
  it('takes the last extension of the base name, lower-cased', () => {
    expect(extensionOf('dir/sub.d/通报.PDF')).toBe('pdf');
    expect(extensionOf('C:\\docs\\a.b.docx')).toBe('docx');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('README')).toBe('');
  });
});
