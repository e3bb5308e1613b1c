/**
 * Decompression and page limits (indexer/read/limits.ts): zip bombs named .docx, PDFs with too
 * many pages, oversized files of every format. The zips are written by hand (local headers,
 * central directory, end record) so their directories can say what a crafted file would say.
 */
import zlib from 'node:zlib';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readDocx } from '../../../indexer/read/docx.ts';
import {
  DOCX_LIMITS,
  MAX_BYTES,
  MAX_DOCX_ENTRIES,
  MAX_DOCX_UNPACKED_BYTES,
  MAX_PDF_PAGES,
  PDF_LIMITS,
} from '../../../indexer/read/limits.ts';
import { readPdf } from '../../../indexer/read/pdf.ts';
import { readNotice } from '../../../indexer/read/read-file.ts';
import { readZipDirectory } from '../../../indexer/read/zip.ts';
import { buildDocx, pdfWithPages, pdfWithText, sampleText, SAMPLE_000 } from '../../support/notice-files.ts';

type Entry = {
  name: string;
  /** The bytes stored in the zip (already deflated when method is 8). */
  data: Buffer;
  method: 0 | 8;
  /** What the directory claims the entry unpacks to. */
  size: number;
  crc?: number;
};

/** A zip as a writer would lay it out; `declaredCount` lets the end record lie about the entry count. */
function writeZip(entries: Entry[], declaredCount = entries.length): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc ?? 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(declaredCount, 0xffff), 8);
  end.writeUInt16LE(Math.min(declaredCount, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

function stored(name: string, text: string): Entry {
  const data = Buffer.from(text, 'utf8');
  return { name, data, method: 0, size: data.length, crc: zlib.crc32(data) };
}

/**
 * Deflate data that unpacks to `mebibytes` MiB of zeros, about 1 kB per MiB: one MiB of zeros
 * deflated up to a sync flush (no final block, byte-aligned, no references before its start)
 * repeated, then an empty final block. Nothing of that size is ever allocated to build it.
 */
function zeros(mebibytes: number): { data: Buffer; size: number; crc: number } {
  const mib = Buffer.alloc(1024 * 1024);
  const chunk = zlib.deflateRawSync(mib, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  let crc = 0;
  for (let i = 0; i < mebibytes; i++) crc = zlib.crc32(mib, crc);
  const data = Buffer.concat([...Array.from({ length: mebibytes }, () => chunk), Buffer.from([0x03, 0x00])]);
  return { data, size: mebibytes * 1024 * 1024, crc };
}

/** A .docx-looking zip whose word/document.xml is `bomb`, with the size its directory states. */
function bombDocx(bomb: { data: Buffer; size: number; crc: number }, declaredSize = bomb.size): Buffer {
  return writeZip([
    stored('[Content_Types].xml', CONTENT_TYPES),
    { name: 'word/document.xml', data: bomb.data, method: 8, size: declaredSize, crc: bomb.crc },
  ]);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('zip bombs named .docx', () => {
  it('the hand-made bomb is real: it inflates to 64 MiB from about 66 kB', () => {
    const bomb = zeros(64);
    expect(bomb.data.length).toBeLessThan(100 * 1024);
    expect(zlib.inflateRawSync(bomb.data).length).toBe(64 * 1024 * 1024);
  });

  it('refuses a bomb from its central directory alone: nothing is inflated, mammoth never runs', async () => {
    const file = bombDocx(zeros(64));
    const convert = vi.spyOn(mammoth, 'convertToHtml');
    const inflate = vi.spyOn(zlib, 'inflateRawSync');
    const result = await readNotice(file, 'bomb.docx');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('too-large');
    expect(result.message).toMatch(/word\/document\.xml.*压缩比异常.*压缩炸弹.*compressed \d+:1.*zip bomb/u);
    expect(convert).not.toHaveBeenCalled();
    expect(inflate).not.toHaveBeenCalled();
  });

  it('refuses a bomb whose directory understates its size, inflating no more than the stated size', async () => {
    const bomb = zeros(64);
    const file = bombDocx(bomb, 4096);
    const convert = vi.spyOn(mammoth, 'convertToHtml');
    const inflate = vi.spyOn(zlib, 'inflateRawSync');
    const result = await readNotice(file, 'liar.docx');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('corrupt');
    expect(result.message).toMatch(/word\/document\.xml.*声明的大小 4096.*more than the 4096 bytes.*zip bomb/u);
    expect(convert).not.toHaveBeenCalled();
    expect(inflate).toHaveBeenCalledTimes(1);
    expect(inflate.mock.calls[0]![1]).toEqual({ maxOutputLength: 4096 });
  });

  it(`refuses a total over ${MAX_DOCX_UNPACKED_BYTES / 1024 / 1024} MB even at a plausible ratio`, async () => {
    // Three 80 MiB entries at 80:1: each looks like compressible XML, together they are too much.
    const part = (i: number): Entry => ({
      name: `word/part${i}.xml`,
      data: Buffer.alloc(1024 * 1024, 0x41),
      method: 8,
      size: 80 * 1024 * 1024,
    });
    const file = writeZip([
      stored('[Content_Types].xml', CONTENT_TYPES),
      stored('word/document.xml', '<w:document/>'),
      part(1),
      part(2),
      part(3),
    ]);
    const convert = vi.spyOn(mammoth, 'convertToHtml');
    const result = await readNotice(file, 'big.docx');
    expect(!result.ok && result.reason).toBe('too-large');
    expect(!result.ok && result.message).toMatch(/解压后过大：240 MB，上限 200 MB.*unpacks to 240 MB, the limit is 200 MB/u);
    expect(convert).not.toHaveBeenCalled();
  });

  it(`refuses more than ${MAX_DOCX_ENTRIES} entries, even when the end record claims fewer`, async () => {
    const many = Array.from({ length: MAX_DOCX_ENTRIES }, (_, i) => stored(`word/media/p${i}.txt`, 'x'));
    const entries = [stored('[Content_Types].xml', CONTENT_TYPES), stored('word/document.xml', '<w:document/>'), ...many];
    for (const declared of [entries.length, 2]) {
      const result = await readNotice(writeZip(entries, declared), 'many.docx');
      expect(!result.ok && result.reason).toBe('too-large');
      expect(!result.ok && result.message).toMatch(
        new RegExp(`文件过多.*holds at least \\d+ files, the limit is ${MAX_DOCX_ENTRIES}`, 'u'),
      );
    }
  });

  it('applies lower limits when given, to a real Word file', async () => {
    const docx = await buildDocx(sampleText(SAMPLE_000));
    expect((await readDocx(docx)).ok).toBe(true);
    const result = await readDocx(docx, { ...DOCX_LIMITS, maxUnpackedBytes: 1000 });
    expect(!result.ok && result.reason).toBe('too-large');
  });
});

describe('readZipDirectory', () => {
  it('lists what JSZip (inside mammoth) lists, with the same sizes', async () => {
    const docx = Buffer.from(await buildDocx(sampleText(SAMPLE_000)));
    const dir = readZipDirectory(docx, DOCX_LIMITS.maxEntries);
    if (!dir.ok || 'tooMany' in dir) throw new Error('directory not read');
    const zip = await JSZip.loadAsync(docx);
    expect(dir.entries.map((e) => e.name).sort()).toEqual(Object.keys(zip.files).sort());
    for (const e of dir.entries) {
      const content = await zip.file(e.name)!.async('nodebuffer');
      expect(e.uncompressedSize).toBe(content.length);
      const raw = docx.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
      expect(e.method === 8 ? zlib.inflateRawSync(raw) : raw).toEqual(content);
    }
  });

  it('finds the entries of a zip with bytes in front, as JSZip does', async () => {
    const docx = Buffer.from(await buildDocx(sampleText(SAMPLE_000)));
    const shifted = Buffer.concat([Buffer.alloc(100, 0x20), docx]);
    const plain = readZipDirectory(docx, 100);
    const moved = readZipDirectory(shifted, 100);
    if (!plain.ok || 'tooMany' in plain || !moved.ok || 'tooMany' in moved) throw new Error('directory not read');
    expect(moved.entries).toEqual(plain.entries.map((e) => ({ ...e, dataOffset: e.dataOffset + 100 })));
  });
});

describe('PDF page limit', () => {
  it(`refuses a PDF of ${MAX_PDF_PAGES + 1} pages`, async () => {
    const result = await readNotice(pdfWithPages(MAX_PDF_PAGES + 1), 'long.pdf');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('too-large');
    expect(result.message).toMatch(
      new RegExp(`页数过多：${MAX_PDF_PAGES + 1} 页.*has ${MAX_PDF_PAGES + 1} pages, the limit is ${MAX_PDF_PAGES}`, 'u'),
    );
  });

  it('counts the pages a PDF holds, not the pages it claims', async () => {
    // PDF.js checks the claimed count against the page tree when it opens the file, so the
    // count the limit sees (and the loop runs to) is the tree's: here one empty page, read.
    const result = await readNotice(pdfWithPages(1, 1_000_000), 'claims.pdf');
    expect(!result.ok && result.reason).toBe('no-text');
  });

  it('reads a PDF at the limit, and applies lower limits when given', async () => {
    const within = await readPdf(pdfWithPages(3), { ...PDF_LIMITS, maxPages: 3 });
    expect(!within.ok && within.reason).toBe('no-text'); // empty pages: read, found nothing
    const over = await readPdf(pdfWithPages(3), { ...PDF_LIMITS, maxPages: 2 });
    expect(!over.ok && over.reason).toBe('too-large');
  });

  it('stops extracting at the text limit', async () => {
    const pdf = pdfWithText('Rectification notice');
    expect((await readPdf(pdf)).ok).toBe(true);
    const result = await readPdf(pdf, { ...PDF_LIMITS, maxTextChars: 5 });
    expect(!result.ok && result.reason).toBe('too-large');
    expect(!result.ok && result.message).toMatch(/more than 5 characters/u);
  });
});

describe('every format is size-checked before it is parsed', () => {
  it.each(['notice.html', 'notice.txt', 'notice.docx', 'notice.pdf'])('%s over MAX_BYTES is too large', async (name) => {
    const big = Buffer.alloc(MAX_BYTES + 1, 0x20);
    big.write(name.endsWith('.pdf') ? '%PDF-1.7' : name.endsWith('.docx') ? 'PK\x03\x04' : '<html><body>', 0, 'latin1');
    const result = await readNotice(big, name);
    expect(!result.ok && result.reason).toBe('too-large');
  });
});
