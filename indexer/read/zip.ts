/**
 * Zip bomb checks for .docx files, before mammoth unpacks them.
 *
 * mammoth unzips with JSZip, which trusts the sizes in the zip and has no limit on what it
 * inflates. The zip's central directory (APPNOTE.TXT 4.3.12–4.3.16, 4.5.3) lists every entry
 * with its compressed and uncompressed size, so most bombs are refused from those numbers
 * alone, without inflating anything. The directory is read the way JSZip reads it (last
 * end-of-central-directory record, ZIP64 records, prepended bytes, entries while the
 * signature holds) so that the entries checked are exactly the entries JSZip would unpack.
 *
 * The sizes are written by whoever made the file and can lie. Each compressed entry is
 * therefore also inflated here with its declared size as a hard output limit: a lying entry
 * stops at that limit and is refused, so nothing inflates beyond the checked total.
 */
import zlib from 'node:zlib';
import { megabytes, type DocxLimits } from './limits.ts';
import { fail, type ReadError } from './types.ts';

export type ZipEntry = {
  name: string;
  /** 0 stored, 8 deflate (the only methods JSZip reads). */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the entry's data starts, or -1 when its local header is missing. */
  dataOffset: number;
};

export type ZipDirectory =
  | { ok: true; entries: ZipEntry[] }
  /** More entries than asked for: the walk stopped there. `count` is at least that many. */
  | { ok: true; tooMany: true; count: number }
  | { ok: false; detail: string };

const EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const ZIP64_LOCATOR = Buffer.from([0x50, 0x4b, 0x06, 0x07]);
const ZIP64_EOCD = Buffer.from([0x50, 0x4b, 0x06, 0x06]);
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** 64-bit sizes beyond 2^53 lose precision, but any of them is far over every limit anyway. */
function u64(buf: Buffer, at: number): number {
  return Number(buf.readBigUInt64LE(at));
}

/** Entry names go into messages shown in the CLI and the admin page. */
function printable(name: string): string {
  const clean = name.replace(/[\u0000-\u001f\u007f]/gu, '?');
  return clean.length > 100 ? `${clean.slice(0, 100)}…` : clean;
}

/** Read the central directory; stops after `maxEntries` entries. */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipDirectory {
  const buf = asBuffer(bytes);
  const eocd = buf.lastIndexOf(EOCD);
  if (eocd < 0 || eocd + 22 > buf.length) return { ok: false, detail: 'no end of central directory record' };
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  let expectedEocd = cdOffset + cdSize;
  const zip64 =
    buf.readUInt16LE(eocd + 4) === MAX16 ||
    buf.readUInt16LE(eocd + 6) === MAX16 ||
    buf.readUInt16LE(eocd + 8) === MAX16 ||
    count === MAX16 ||
    cdSize === MAX32 ||
    cdOffset === MAX32;
  if (zip64) {
    const locator = buf.lastIndexOf(ZIP64_LOCATOR);
    if (locator < 0 || locator + 20 > buf.length) return { ok: false, detail: 'no ZIP64 end of central directory locator' };
    let record = u64(buf, locator + 8);
    if (!(record + 56 <= buf.length && buf.subarray(record, record + 4).equals(ZIP64_EOCD))) record = buf.lastIndexOf(ZIP64_EOCD);
    if (record < 0 || record + 56 > buf.length) return { ok: false, detail: 'no ZIP64 end of central directory record' };
    count = u64(buf, record + 32);
    cdSize = u64(buf, record + 40);
    cdOffset = u64(buf, record + 48);
    expectedEocd = cdOffset + cdSize + 20 + 12 + u64(buf, record + 4);
  }
  if (count > maxEntries) return { ok: true, tooMany: true, count };
  // Bytes prepended to the zip (self-extractors) shift every offset; JSZip corrects for them.
  const shift = eocd - expectedEocd;
  if (shift < 0) return { ok: false, detail: `central directory ends ${-shift} bytes beyond its end record` };

  const entries: ZipEntry[] = [];
  let at = shift + cdOffset;
  while (at + 46 <= buf.length && buf.readUInt32LE(at) === CENTRAL) {
    if (entries.length >= maxEntries) return { ok: true, tooMany: true, count: entries.length + 1 };
    const method = buf.readUInt16LE(at + 10);
    let compressedSize = buf.readUInt32LE(at + 20);
    let uncompressedSize = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    let localOffset = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (uncompressedSize === MAX32 || compressedSize === MAX32 || localOffset === MAX32) {
      // ZIP64 extended information: the 64-bit values of the fields set to 0xFFFFFFFF, in order.
      const extraEnd = Math.min(buf.length, at + 46 + nameLength + extraLength);
      for (let x = at + 46 + nameLength; x + 4 <= extraEnd; ) {
        const id = buf.readUInt16LE(x);
        const size = buf.readUInt16LE(x + 2);
        if (id === 0x0001) {
          let field = x + 4;
          const next = () => {
            const value = field + 8 <= Math.min(extraEnd, x + 4 + size) ? u64(buf, field) : Number.MAX_SAFE_INTEGER;
            field += 8;
            return value;
          };
          if (uncompressedSize === MAX32) uncompressedSize = next();
          if (compressedSize === MAX32) compressedSize = next();
          if (localOffset === MAX32) localOffset = next();
          break;
        }
        x += 4 + size;
      }
    }
    const local = shift + localOffset;
    const dataOffset =
      local + 30 <= buf.length && buf.readUInt32LE(local) === LOCAL
        ? local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
        : -1;
    entries.push({ name, method, compressedSize, uncompressedSize, dataOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}

/**
 * Why the zip must not be unpacked, or undefined when it is within the limits. Reasons:
 * `too-large` for too many entries, too much data or an absurd compression ratio; `corrupt`
 * for a directory that cannot be read or an entry larger than the directory says.
 */
export function checkZipLimits(bytes: Uint8Array, limits: DocxLimits): ReadError | undefined {
  const dir = readZipDirectory(bytes, limits.maxEntries);
  if (!dir.ok)
    return fail('corrupt', `docx 压缩包目录已损坏，无法读取 (corrupt .docx: the zip's central directory cannot be read: ${dir.detail})`);
  if ('tooMany' in dir) {
    return fail(
      'too-large',
      `docx 压缩包内文件过多：至少 ${dir.count} 个，上限 ${limits.maxEntries} 个，拒绝读取 (the .docx holds at least ${dir.count} files, the limit is ${limits.maxEntries}: refused)`,
    );
  }
  let total = 0;
  let xml = 0;
  for (const e of dir.entries) {
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize >= limits.ratioMinBytes && ratio > limits.maxRatio) {
      const shown = Math.round(ratio);
      return fail(
        'too-large',
        `docx 中的 ${printable(e.name)} 压缩比异常（${shown}:1，上限 ${limits.maxRatio}:1），疑似压缩炸弹，拒绝读取 (${printable(e.name)} in the .docx is compressed ${shown}:1, the limit is ${limits.maxRatio}:1: refused as a possible zip bomb)`,
      );
    }
    total += e.uncompressedSize;
    if (/\.(xml|rels)$/iu.test(e.name)) xml += e.uncompressedSize;
  }
  if (total > limits.maxUnpackedBytes) {
    return fail(
      'too-large',
      `docx 解压后过大：${megabytes(total)}，上限 ${megabytes(limits.maxUnpackedBytes)}，拒绝读取 (the .docx unpacks to ${megabytes(total)}, the limit is ${megabytes(limits.maxUnpackedBytes)}: refused as a possible zip bomb)`,
    );
  }
  if (xml > limits.maxXmlBytes) {
    return fail(
      'too-large',
      `docx 中的 Word XML 解压后过大：${megabytes(xml)}，上限 ${megabytes(limits.maxXmlBytes)}（解析所需内存可达其 240 倍），拒绝读取 (the Word XML in the .docx unpacks to ${megabytes(xml)}, the limit is ${megabytes(limits.maxXmlBytes)}: reading it could need up to 240 times that in memory; refused)`,
    );
  }
  const buf = asBuffer(bytes);
  for (const e of dir.entries) {
    // Stored entries are copied, not inflated; entries JSZip cannot locate make it fail on its own.
    if (e.method !== 8 || e.dataOffset < 0 || e.dataOffset + e.compressedSize > buf.length) continue;
    try {
      zlib.inflateRawSync(buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize), {
        maxOutputLength: Math.max(1, e.uncompressedSize),
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        return fail(
          'corrupt',
          `docx 中的 ${printable(e.name)} 解压后超过目录中声明的大小 ${e.uncompressedSize} 字节，疑似压缩炸弹，拒绝读取 (${printable(e.name)} in the .docx unpacks to more than the ${e.uncompressedSize} bytes its directory declares: refused as a possible zip bomb)`,
        );
      }
      // Other inflate errors (a damaged entry) are mammoth's to report, as for any corrupt file.
    }
  }
  return undefined;
}
