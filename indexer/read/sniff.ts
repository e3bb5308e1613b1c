/**
 * Format detection from the first bytes (magic numbers) and from the file name.
 * The reader trusts neither alone: `read-file.ts` compares both and reports mismatches.
 */

export type Sniffed =
  | { kind: 'zip'; container: ZipKind }
  | { kind: 'pdf' }
  | { kind: 'ole'; content: OleKind }
  | { kind: 'html' }
  | { kind: 'rtf' }
  | { kind: 'image'; name: string }
  | { kind: 'archive'; name: string }
  | { kind: 'executable' }
  /** No known signature: plain text or unknown binary; the text decoder decides. */
  | { kind: 'unknown' };

/** What a zip holds, judged from the file names in it (central directory or local headers). */
export type ZipKind = 'docx' | 'xlsx' | 'pptx' | 'odf' | 'ofd' | 'other';

/** What an OLE compound file (D0 CF 11 E0) holds, judged from the stream names in its directory. */
export type OleKind = 'encrypted-ooxml' | 'doc' | 'xls' | 'ppt' | 'wps' | 'unknown';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

function ascii(s: string): number[] {
  return Array.from(s, (c) => c.charCodeAt(0));
}

function utf16le(s: string): Buffer {
  return Buffer.from(s, 'utf16le');
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Lower-case extension without the dot ('' when none), from a name or a path. */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/u).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ascii('PK\x03\x04')) || startsWith(bytes, ascii('PK\x05\x06')) || startsWith(bytes, ascii('PK\x07\x08'));
}

export function isOle(bytes: Uint8Array): boolean {
  return startsWith(bytes, OLE_MAGIC);
}

/** %PDF- within the first 1024 bytes (the PDF spec tolerates leading garbage). */
export function pdfHeaderOffset(bytes: Uint8Array): number {
  return asBuffer(bytes).subarray(0, 1024).indexOf('%PDF-', 0, 'latin1');
}

export function zipKind(bytes: Uint8Array): ZipKind {
  const buf = asBuffer(bytes);
  const has = (name: string) => buf.indexOf(name, 0, 'latin1') >= 0;
  if (has('word/document.xml') || has('word/_rels/document.xml.rels')) return 'docx';
  if (has('xl/workbook.xml')) return 'xlsx';
  if (has('ppt/presentation.xml')) return 'pptx';
  if (has('mimetypeapplication/vnd.oasis.opendocument')) return 'odf';
  if (has('OFD.xml')) return 'ofd';
  return 'other';
}

export function oleKind(bytes: Uint8Array): OleKind {
  const buf = asBuffer(bytes);
  const has = (name: string) => buf.indexOf(utf16le(name)) >= 0;
  if (has('EncryptedPackage') || has('EncryptionInfo')) return 'encrypted-ooxml';
  if (has('WordDocument')) return has('WpsCustomData') ? 'wps' : 'doc';
  if (has('Workbook') || has('Book')) return 'xls';
  if (has('PowerPoint Document')) return 'ppt';
  return 'unknown';
}

/** HTML if, after a BOM and whitespace, the text starts with a typical HTML opening. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  let head: string;
  if (startsWith(bytes, [0xff, 0xfe])) head = Buffer.from(bytes.subarray(2, 1026)).toString('utf16le');
  else if (startsWith(bytes, [0xfe, 0xff])) {
    const b = Buffer.from(bytes.subarray(2, 1026));
    head = (b.length % 2 === 0 ? b : b.subarray(0, b.length - 1)).swap16().toString('utf16le');
  } else
    head = asBuffer(bytes)
      .subarray(0, 1024)
      .toString('latin1')
      .replace(/^\xEF\xBB\xBF/u, '');
  head = head.replace(/^\s+/u, '').toLowerCase();
  if (/^<!doctype\s+html/u.test(head)) return true;
  if (/^<(html|head|body|meta|title)[\s>/]/u.test(head)) return true;
  // <?xml ...?> followed by an XHTML root, or a comment before <html>.
  if (/^(<\?xml[^>]*>\s*|<!--[\s\S]*?-->\s*)+(<!doctype\s+html|<html[\s>])/u.test(head)) return true;
  return false;
}

export function sniff(bytes: Uint8Array): Sniffed {
  if (isZip(bytes)) return { kind: 'zip', container: zipKind(bytes) };
  if (pdfHeaderOffset(bytes) >= 0) return { kind: 'pdf' };
  if (isOle(bytes)) return { kind: 'ole', content: oleKind(bytes) };
  if (startsWith(bytes, ascii('{\\rtf'))) return { kind: 'rtf' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return { kind: 'image', name: 'PNG' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', name: 'JPEG' };
  if (startsWith(bytes, ascii('GIF8'))) return { kind: 'image', name: 'GIF' };
  if (startsWith(bytes, ascii('II*\x00')) || startsWith(bytes, ascii('MM\x00*'))) return { kind: 'image', name: 'TIFF' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return { kind: 'image', name: 'WebP' };
  if (startsWith(bytes, ascii('BM')) && bytes.length > 26 && bytes[14] !== undefined && bytes[14] >= 12 && bytes[15] === 0) {
    return { kind: 'image', name: 'BMP' };
  }
  if (startsWith(bytes, ascii('Rar!\x1a\x07'))) return { kind: 'archive', name: 'RAR' };
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { kind: 'archive', name: '7z' };
  if (startsWith(bytes, [0x1f, 0x8b])) return { kind: 'archive', name: 'gzip' };
  if (startsWith(bytes, ascii('\x7fELF'))) return { kind: 'executable' };
  if (looksLikeHtml(bytes)) return { kind: 'html' };
  return { kind: 'unknown' };
}
