/**
 * Word .docx (Office Open XML, a zip). Text comes from mammoth; every Word paragraph becomes
 * one line, a manual line break (Shift+Enter) becomes a line break too, table cells become
 * lines of their own.
 *
 * mammoth's extractRawText drops manual line breaks (w:br), which would glue a signature's
 * unit name to its date, so the text is taken from mammoth's HTML output instead (images
 * skipped) and rendered with the HTML renderer, keeping whitespace as written.
 *
 * Password-protected .docx files are not zips but OLE compound files: see read-file.ts.
 * Zip bombs are refused before mammoth sees the file: see zip.ts and limits.ts.
 */
import mammoth from 'mammoth';
import { parse } from 'node-html-parser';
import { renderText } from './html.ts';
import { DOCX_LIMITS, type DocxLimits } from './limits.ts';
import { zipKind } from './sniff.ts';
import { fail, type Extracted } from './types.ts';
import { checkZipLimits } from './zip.ts';

/** True when the zip's end-of-central-directory record is present (it sits in the last 64 KiB). */
export function hasZipDirectory(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const from = Math.max(0, buf.length - (65535 + 22));
  return buf.indexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), from) >= 0;
}

/** mammoth messages that only say a style has no HTML mapping: irrelevant for plain text. */
const IGNORED_MESSAGE = /Unrecognised (paragraph|run|table|character) style|unrecognised style|Did not understand this style/iu;

/** `limits` is for tests, which cannot afford to build a file over the real ones. */
export async function readDocx(bytes: Uint8Array, limits: DocxLimits = DOCX_LIMITS): Promise<Extracted> {
  if (!hasZipDirectory(bytes)) {
    return fail(
      'truncated',
      '文件不完整：docx 压缩包缺少目录，可能下载或复制时被截断 (truncated .docx: the zip has no central directory; the file was probably cut short)',
    );
  }
  const kind = zipKind(bytes);
  if (kind !== 'docx') {
    return fail(
      'corrupt',
      '文件是 zip 压缩包，但不是 Word 文档 (the file is a zip archive but not a Word .docx document: no word/document.xml)',
    );
  }
  const refused = checkZipLimits(bytes, limits);
  if (refused) return refused;
  let html: string;
  let messages: { type: string; message: string }[];
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })), ignoreEmptyParagraphs: false },
    );
    html = result.value;
    messages = result.messages;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (/end of data|unexpected end|truncated|invalid (stored )?block length|end of central directory/iu.test(detail)) {
      return fail('truncated', `文件不完整：docx 内容被截断 (truncated .docx: ${detail})`);
    }
    return fail('corrupt', `docx 文件已损坏，无法读取 (corrupt .docx, cannot be read: ${detail})`);
  }
  const root = parse(`<body>${html}</body>`, { comment: false });
  // Footnote back-links "↑" are navigation, not text.
  for (const a of root.querySelectorAll('a')) if (a.text.trim() === '↑') a.remove();
  const text = renderText(root, { preserveWhitespace: true });
  const warnings = messages.filter((m) => !IGNORED_MESSAGE.test(m.message)).map((m) => `docx: ${m.message}`);
  return { ok: true, text, warnings };
}
