/**
 * One input file (bytes + file name) → clean plain text, or a typed failure with a clear
 * Chinese + English message.
 *
 * The format is decided from the extension AND the content (magic bytes): a .docx that is not
 * a zip, a .pdf without %PDF, a password-protected .docx (an OLE container), an old .doc, an
 * image renamed .txt are all recognised and reported. When the content is a supported format
 * other than the extension says (a PDF saved as .docx), it is read by its content and the
 * mismatch is reported as a warning.
 */
import { cleanText, hasReadableText } from './clean.ts';
import { readDocx } from './docx.ts';
import { readHtml } from './html.ts';
import { MAX_BYTES, megabytes } from './limits.ts';
import { readPdf } from './pdf.ts';
import { extensionOf, sniff, type OleKind, type Sniffed, type ZipKind } from './sniff.ts';
import { readTxt } from './txt.ts';
import { fail, type Extracted, type ReadError, type ReadFormat, type ReadResult } from './types.ts';

export type { ReadFailure, ReadFormat, ReadResult, ReadSuccess, ReadError } from './types.ts';

export { MAX_BYTES } from './limits.ts';

/** Extensions read directly, by format. */
const EXTENSIONS: Record<string, ReadFormat> = {
  txt: 'txt',
  text: 'txt',
  docx: 'docx',
  html: 'html',
  htm: 'html',
  shtml: 'html',
  xhtml: 'html',
  shtm: 'html',
  pdf: 'pdf',
};

/** Formats we recognise but do not read, with advice. */
const UNSUPPORTED: Record<string, string> = {
  doc: '旧版 Word .doc 格式不支持，请用 Word 或 WPS 另存为 .docx 后再上传 (old Word .doc format is not supported; save it as .docx and try again)',
  wps: 'WPS .wps 格式不支持，请另存为 .docx 后再上传 (WPS .wps format is not supported; save it as .docx and try again)',
  rtf: 'RTF 格式不支持，请另存为 .docx 后再上传 (RTF is not supported; save it as .docx and try again)',
  odt: 'OpenDocument .odt 格式不支持，请另存为 .docx 后再上传 (OpenDocument .odt is not supported; save it as .docx and try again)',
  xls: 'Excel 表格不支持 (Excel spreadsheets are not supported)',
  xlsx: 'Excel 表格不支持 (Excel spreadsheets are not supported)',
  et: 'WPS 表格不支持 (WPS spreadsheets are not supported)',
  ppt: 'PowerPoint 演示文稿不支持 (PowerPoint presentations are not supported)',
  pptx: 'PowerPoint 演示文稿不支持 (PowerPoint presentations are not supported)',
  ofd: 'OFD 版式文件不支持，请转换为 PDF 后再上传 (OFD documents are not supported; convert to PDF and try again)',
  wpd: 'WordPerfect 格式不支持 (WordPerfect is not supported)',
  mht: 'MHT 单文件网页不支持，请在浏览器中打开后另存为 .html (MHT web archives are not supported; open in a browser and save as .html)',
  mhtml: 'MHT 单文件网页不支持，请在浏览器中打开后另存为 .html (MHT web archives are not supported; open in a browser and save as .html)',
};

const FORMAT_NAME: Record<ReadFormat, string> = { txt: '纯文本 text', docx: 'Word .docx', html: 'HTML 网页', pdf: 'PDF' };

const SUPPORTED_LIST = '支持 .txt .docx .html .pdf (supported: .txt, .docx, .html, .pdf)';

function unsupported(message: string): ReadError {
  return fail('unsupported-format', message);
}

function zipFailure(kind: ZipKind, ext: string): ReadError {
  switch (kind) {
    case 'xlsx':
      return unsupported(UNSUPPORTED.xlsx!);
    case 'pptx':
      return unsupported(UNSUPPORTED.pptx!);
    case 'odf':
      return unsupported(UNSUPPORTED.odt!);
    case 'ofd':
      return unsupported(UNSUPPORTED.ofd!);
    default:
      return unsupported(
        `文件是 zip 压缩包，不是可读取的文档${ext ? `（扩展名 .${ext}）` : ''} (the file is a zip archive, not a readable document; ${SUPPORTED_LIST})`,
      );
  }
}

function oleFailure(kind: OleKind, ext: string): ReadError {
  if (kind === 'encrypted-ooxml' || (kind === 'unknown' && (ext === 'docx' || ext === 'xlsx' || ext === 'pptx'))) {
    return fail(
      'encrypted',
      '文档已加密或设置了打开密码，无法读取；请取消密码后另存为 .docx 再上传 (the document is encrypted / password-protected; remove the password, save as .docx and try again)',
    );
  }
  switch (kind) {
    case 'doc':
      return unsupported(UNSUPPORTED.doc!);
    case 'wps':
      return unsupported(UNSUPPORTED.wps!);
    case 'xls':
      return unsupported(UNSUPPORTED.xls!);
    case 'ppt':
      return unsupported(UNSUPPORTED.ppt!);
    default:
      return unsupported(
        `旧版 Office 文件（OLE 复合文档）不支持，请另存为 .docx 后再上传 (legacy Office / OLE compound file is not supported; save it as .docx and try again)`,
      );
  }
}

/** Decide what to read the bytes as, or why not. */
function hasTags(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  return /<(p|div|br|span|table|td|font|section|article|h[1-6]|a|b|strong|center|html|body)\b[^>]*>/iu.test(head);
}

function decideFormat(bytes: Uint8Array, ext: string, sniffed: Sniffed): { format: ReadFormat; warning?: string } | ReadError {
  const claimed = EXTENSIONS[ext];
  const mismatch = (actual: ReadFormat) =>
    ext !== '' && claimed !== actual
      ? `扩展名为 .${ext}，但内容是 ${FORMAT_NAME[actual]}，已按内容读取 (extension .${ext} but the content is ${actual}; read as ${actual})`
      : undefined;
  const as = (format: ReadFormat) => {
    const warning = mismatch(format);
    return warning ? { format, warning } : { format };
  };

  switch (sniffed.kind) {
    case 'zip':
      if (sniffed.container === 'docx') return as('docx');
      // A zip cut short may not show its member names: trust a .docx extension and let
      // the docx reader say "truncated".
      if (claimed === 'docx' && sniffed.container === 'other') return { format: 'docx' };
      return zipFailure(sniffed.container, ext);
    case 'pdf':
      return as('pdf');
    case 'ole':
      return oleFailure(sniffed.content, ext);
    case 'rtf':
      return unsupported(UNSUPPORTED.rtf!);
    case 'image':
      return unsupported(`这是 ${sniffed.name} 图片，不支持图片文字识别 (OCR) (this is a ${sniffed.name} image; OCR is not supported)`);
    case 'archive':
      return unsupported(
        `这是 ${sniffed.name} 压缩包，请解压后逐个上传文件 (this is a ${sniffed.name} archive; extract it and add the files one by one)`,
      );
    case 'executable':
      return fail('binary', '这是可执行程序，不是文档 (this is an executable program, not a document)');
    case 'html':
      if (claimed === 'docx' || claimed === 'pdf') {
        return fail(
          'corrupt',
          `扩展名为 .${ext}，但内容是 HTML 网页（可能是下载失败时的错误页）(extension .${ext} but the content is an HTML page, probably an error page from a failed download)`,
        );
      }
      return as('html');
    case 'unknown':
      if (claimed === 'docx')
        return fail('corrupt', '不是有效的 .docx 文件（不是 zip 格式）(not a valid .docx file: it is not a zip archive)');
      if (claimed === 'pdf') return fail('corrupt', '不是有效的 PDF 文件（缺少 %PDF 文件头）(not a valid PDF file: no %PDF header)');
      if (claimed === 'html') {
        // HTML fragments (scraped article bodies) start with any tag; without tags it is plain text.
        return hasTags(bytes)
          ? { format: 'html' }
          : {
              format: 'txt',
              warning: `扩展名为 .${ext}，但内容是纯文本，已按纯文本读取 (extension .${ext} but the content is plain text; read as text)`,
            };
      }
      if (claimed === 'txt' || ext === '') return { format: 'txt' };
      if (UNSUPPORTED[ext]) return unsupported(UNSUPPORTED[ext]!);
      // Unknown extension (.csv, .md, .log …): read it if it is text, the decoder refuses binary.
      return { format: 'txt', warning: `未知扩展名 .${ext}，按纯文本读取 (unknown extension .${ext}; read as plain text)` };
  }
}

async function extract(format: ReadFormat, bytes: Uint8Array): Promise<Extracted> {
  switch (format) {
    case 'txt':
      return readTxt(bytes);
    case 'html':
      return readHtml(bytes);
    case 'docx':
      return readDocx(bytes);
    case 'pdf':
      return readPdf(bytes);
  }
}

/**
 * Read one notice file. Never throws for bad input: every problem is a `{ ok: false }` result.
 * @param bytes the file content
 * @param fileName the file name (a path is fine); its extension is compared with the content
 */
export async function readNotice(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  if (bytes.byteLength === 0) return fail('empty', '文件为空 (empty file)');
  if (bytes.byteLength > MAX_BYTES) {
    return fail(
      'too-large',
      `文件过大：${megabytes(bytes.byteLength)}，上限 ${megabytes(MAX_BYTES)} (file too large: ${megabytes(bytes.byteLength)}, the limit is ${megabytes(MAX_BYTES)})`,
    );
  }
  const ext = extensionOf(fileName);
  const decided = decideFormat(bytes, ext, sniff(bytes));
  if ('ok' in decided) return decided;

  let extracted: Extracted;
  try {
    extracted = await extract(decided.format, bytes);
  } catch (error) {
    // Readers report expected problems as results; anything thrown is a parser giving up.
    const detail = error instanceof Error ? error.message : String(error);
    return fail('corrupt', `文件已损坏或格式异常，无法读取 (the file is corrupt or malformed and cannot be read: ${detail})`);
  }
  if (!extracted.ok) return extracted;

  const cleaned = cleanText(extracted.text);
  if (cleaned.text.trim() === '' || !hasReadableText(cleaned.text)) {
    return fail('no-text', '文件中没有文字内容 (the file contains no text)');
  }
  const warnings = [...(decided.warning ? [decided.warning] : []), ...extracted.warnings, ...cleaned.warnings];
  return {
    ok: true,
    text: cleaned.text,
    format: decided.format,
    ...(extracted.encoding !== undefined ? { encoding: extracted.encoding } : {}),
    warnings,
  };
}
