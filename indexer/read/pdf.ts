/**
 * PDF with a text layer (unpdf / PDF.js). Scanned PDFs have no text layer and are refused:
 * OCR is not supported.
 *
 * PDF text comes as positioned fragments. They are grouped into lines by baseline, page
 * numbers and running headers are dropped, and lines are joined into paragraphs, because
 * printed lines wrap mid-sentence. Layout is used first, punctuation second:
 *
 * - only lines of the body font size are joined (a title is larger and stays as it is; the
 *   parser joins a title split over two lines itself), and only when the earlier line runs to
 *   the right margin (a short line ends its paragraph);
 * - when the document indents first lines, a line starting at the left margin continues the
 *   paragraph and an indented one starts a new paragraph; when it separates paragraphs by
 *   vertical space, a larger gap starts a new paragraph;
 * - otherwise (no reliable layout signal) a line that does not end in sentence punctuation
 *   (。；：！？) is joined to the next unless that one starts with a numbering marker
 *   (一、 （一） 1. （1） 一是 …).
 * - a line starting with a heading marker (一、 （一） 1. …) always starts a new paragraph.
 */
import { getDocumentProxy } from 'unpdf';
import { PDF_LIMITS, type PdfLimits } from './limits.ts';
import { fail, type Extracted } from './types.ts';

/** One printed line. Coordinates in PDF points, origin bottom-left. */
export type PdfLine = {
  text: string;
  /** Left edge of the first fragment. */
  x: number;
  /** Right edge of the last fragment. */
  right: number;
  /** Baseline. */
  y: number;
  /** Font size of the line's largest fragment. */
  size: number;
};

type Fragment = { str: string; x: number; right: number; y: number; size: number };

/** Numbering that starts a heading or list item: 一、 （一） (一) 1. 1、 1． （1） ① 第一章 附件. */
const HEADING_MARKER =
  /^\s*(?:[一二三四五六七八九十百零〇]+\s*[、．.]|[（(]\s*[一二三四五六七八九十百零〇]+\s*[）)]|[0-9０-９]{1,3}\s*[、．.](?![0-9０-９])|[（(]\s*[0-9０-９]{1,3}\s*[）)]|[①-⑳]|第[一二三四五六七八九十百零〇0-9]+[章节条部分]|附件)/u;

/** In-paragraph enumeration: 一是 二是 …, 首先 其次. */
const ITEM_MARKER = /^\s*(?:[一二三四五六七八九十]+是|首先|其次|再次|最后)/u;

/** Sentence-final punctuation, possibly followed by closing quotes or brackets. */
const SENTENCE_END = /[。；：！？!?;:][”’"'」』）)》〉】]*$/u;

/** Page numbers: 1 · - 1 - · — 1 — · 第1页 · 第 1 页 共 3 页 · 1/3. */
const PAGE_NUMBER =
  /^[\s\-—–－―]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*[/／]\s*[0-9０-９]{1,4}|\s*共\s*[0-9０-９]{1,4}\s*页)?[\s\-—–－―]*$/u;

function isCjk(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const cp = ch.codePointAt(0)!;
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0x20000 && cp <= 0x3134f)
  );
}

/** Group positioned fragments into lines, top to bottom, each line left to right. */
export function fragmentsToLines(fragments: Fragment[]): PdfLine[] {
  const groups: { y: number; size: number; parts: Fragment[] }[] = [];
  for (const frag of fragments) {
    let target: (typeof groups)[number] | undefined;
    // Recent lines first: fragments usually come in reading order.
    for (let i = groups.length - 1; i >= 0 && i >= groups.length - 8; i--) {
      const g = groups[i]!;
      if (Math.abs(g.y - frag.y) <= 0.45 * Math.min(g.size, frag.size)) {
        target = g;
        break;
      }
    }
    if (!target) {
      target = { y: frag.y, size: frag.size, parts: [] };
      groups.push(target);
    }
    target.parts.push(frag);
    if (frag.size > target.size) {
      target.size = frag.size;
      target.y = frag.y;
    }
  }
  groups.sort((a, b) => b.y - a.y);
  return groups
    .map((g) => {
      const parts = g.parts.sort((a, b) => a.x - b.x);
      let text = '';
      let prev: Fragment | undefined;
      for (const part of parts) {
        const str = part.str;
        if (prev && str.trim() !== '') {
          // PDF.js marks gaps with spaces itself; add one only where fragments of separate runs
          // are apart and neither side is Chinese (Chinese is set without spaces).
          const gap = part.x - prev.right;
          const wide = isCjk(text.trimEnd().at(-1)) || isCjk(str[0]);
          if (!/\s$/u.test(text) && !/^\s/u.test(str) && !wide && gap > 0.2 * part.size) text += ' ';
        }
        text += str;
        prev = part;
      }
      const inked = parts.filter((p) => p.str.trim() !== '');
      const first = inked[0] ?? parts[0]!;
      const lastPart = inked[inked.length - 1] ?? parts[parts.length - 1]!;
      return { text: unstretch(text.replace(/\s+/gu, ' ').trim()), x: first.x, right: lastPart.right, y: g.y, size: g.size };
    })
    .filter((line) => line.text !== '');
}

const WIDE = '[\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFFEF\\u3000-\\u303F\\u2010-\\u2027]';
const WIDE_SPACE_WIDE = new RegExp(`(?<=${WIDE}) (?=${WIDE})`, 'gu');
const WIDE_WIDE = new RegExp(`${WIDE}(?=${WIDE})`, 'gu');
const SPACE_BY_WIDE = new RegExp(`(?<=${WIDE}) | (?=${WIDE})`, 'gu');

/**
 * A justified line that had to be stretched gets extra room between all its characters, and
 * PDF.js reports every such gap as a space: 传 统 的 媒 体. When most neighbouring Chinese
 * characters of a line are separated by a space, the spaces are stretch, not text.
 */
export function unstretch(line: string): string {
  const spaced = line.match(WIDE_SPACE_WIDE)?.length ?? 0;
  if (spaced < 3) return line;
  const tight = line.match(WIDE_WIDE)?.length ?? 0;
  return spaced >= tight ? line.replace(SPACE_BY_WIDE, '') : line;
}

function mode(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  let best: number | undefined;
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > bestCount || (c === bestCount && best !== undefined && v < best)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

function quantile(values: number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Drop page numbers and running headers/footers (the same first or last line on many pages). */
export function dropPageFurniture(pages: PdfLine[][]): PdfLine[][] {
  const key = (l: PdfLine) => l.text.replace(/[0-9０-９]+/gu, '#').replace(/\s+/gu, '');
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const ends = new Set<string>();
    if (lines[0]) ends.add(`top:${key(lines[0])}`);
    if (lines.length > 1) ends.add(`bottom:${key(lines[lines.length - 1]!)}`);
    for (const k of ends) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const repeated = (k: string) => pages.length >= 3 && (counts.get(k) ?? 0) >= Math.max(3, Math.ceil(pages.length * 0.5));
  return pages.map((lines) => {
    const out = [...lines];
    // Page number: a short number-only line at the bottom or top, apart from the body.
    const isPageNumber = (line: PdfLine | undefined, neighbour: PdfLine | undefined) =>
      line !== undefined &&
      line.text.length <= 16 &&
      PAGE_NUMBER.test(line.text) &&
      (neighbour === undefined || Math.abs(line.y - neighbour.y) > 1.6 * Math.max(line.size, neighbour.size));
    if (out.length > 0 && (isPageNumber(out[out.length - 1], out[out.length - 2]) || repeated(`bottom:${key(out[out.length - 1]!)}`)))
      out.pop();
    if (out.length > 0 && (isPageNumber(out[0], out[1]) || repeated(`top:${key(out[0]!)}`))) out.shift();
    return out;
  });
}

export type Layout = {
  bodySize: number;
  left: number;
  right: number;
  pitch: number;
  /** First lines of paragraphs are indented. */
  indents: boolean;
  /** Paragraphs are separated by extra vertical space. */
  spaced: boolean;
};

const sameSize = (a: number, b: number) => Math.abs(a - b) <= 0.1 * Math.max(a, b);

/** Measure the body text's geometry over the whole document. */
export function measureLayout(pages: PdfLine[][]): Layout | undefined {
  const all = pages.flat();
  if (all.length === 0) return undefined;
  const sizeVotes: number[] = [];
  for (const l of all) for (let i = 0; i < Math.max(1, l.text.length); i++) sizeVotes.push(Math.round(l.size * 2) / 2);
  const bodySize = mode(sizeVotes)!;
  const body = all.filter((l) => sameSize(l.size, bodySize));
  const left = mode(body.map((l) => Math.round(l.x))) ?? 0;
  const right =
    quantile(
      body.map((l) => l.right),
      0.9,
    ) ?? 0;
  const pitches: number[] = [];
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1]!;
      const b = lines[i]!;
      if (sameSize(a.size, bodySize) && sameSize(b.size, bodySize)) {
        const d = a.y - b.y;
        if (d > 0 && d < 3 * bodySize) pitches.push(Math.round(d * 2) / 2);
      }
    }
  }
  const pitch = mode(pitches) ?? bodySize * 1.5;
  const layout: Layout = { bodySize, left, right, pitch, indents: false, spaced: false };

  // Look at the lines that follow a short line: those start paragraphs.
  let starts = 0;
  let indented = 0;
  let spaced = 0;
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const a = lines[i - 1]!;
      const b = lines[i]!;
      if (!sameSize(a.size, bodySize) || !sameSize(b.size, bodySize) || isFull(a, layout)) continue;
      starts++;
      if (b.x > left + 0.8 * bodySize) indented++;
      if (a.y - b.y > 1.3 * pitch) spaced++;
    }
  }
  layout.indents = starts >= 2 && indented >= 0.6 * starts;
  layout.spaced = starts >= 2 && spaced >= 0.6 * starts;
  return layout;
}

function isFull(line: PdfLine, layout: Layout): boolean {
  return line.right >= layout.right - 2.5 * line.size;
}

/** Should `b` continue the paragraph that `a` (its previous line) belongs to? */
export function continues(a: PdfLine, b: PdfLine, layout: Layout, samePage: boolean): boolean {
  if (!sameSize(a.size, layout.bodySize) || !sameSize(b.size, layout.bodySize)) return false;
  if (!isFull(a, layout)) return false;
  if (HEADING_MARKER.test(b.text)) return false;
  if (layout.indents || layout.spaced) {
    if (layout.indents && b.x > layout.left + 0.8 * b.size) return false;
    if (layout.spaced && samePage && a.y - b.y > 1.3 * layout.pitch) return false;
    return true;
  }
  if (b.x > layout.left + 0.8 * b.size) return false;
  if (SENTENCE_END.test(a.text)) return false;
  if (ITEM_MARKER.test(b.text)) return false;
  return true;
}

/** Joining two wrapped lines: Chinese needs no space, two Latin words do. */
function joiner(a: string, b: string): string {
  return /[A-Za-z]$/u.test(a) && /^[A-Za-z]/u.test(b) ? ' ' : '';
}

/** Join the lines of all pages into paragraphs, one per output line. */
export function joinPdfLines(pages: PdfLine[][]): string {
  const layout = measureLayout(pages);
  if (!layout) return '';
  // Each paragraph as its pieces: joining long strings piece by piece would be quadratic.
  const paragraphs: string[][] = [];
  let prev: PdfLine | undefined;
  let prevPage = -1;
  pages.forEach((lines, pageIndex) => {
    for (const line of lines) {
      if (line.text === '') continue;
      const current = paragraphs[paragraphs.length - 1];
      if (prev && current && continues(prev, line, layout, prevPage === pageIndex)) {
        current.push(joiner(prev.text, line.text), line.text);
      } else {
        paragraphs.push([line.text]);
      }
      prev = line;
      prevPage = pageIndex;
    }
  });
  return paragraphs.map((parts) => parts.join('')).join('\n');
}

function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
}

function hasEofMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.byteLength - 2048));
  return tail.includes('%%EOF', 0, 'latin1');
}

/** Private-use, replacement and control characters: what fonts without a Unicode map produce. */
function undecodableShare(text: string): number {
  let bad = 0;
  let total = 0;
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    total++;
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff) || cp < 0x20) bad++;
  }
  return total === 0 ? 0 : bad / total;
}

const NO_TEXT_MESSAGE = '扫描版 PDF：没有文字层，不支持 OCR 识别 (scanned PDF without a text layer; OCR is not supported)';

/** `limits` is for tests, which need not build a file over the real ones. */
export async function readPdf(bytes: Uint8Array, limits: PdfLimits = PDF_LIMITS): Promise<Extracted> {
  const warnings: string[] = [];
  const complete = hasEofMarker(bytes);
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // PDF.js may transfer (detach) the buffer it is given: pass a copy.
    // Node has no FontFace: fonts are parsed for their Unicode maps only.
    doc = await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      stopAtErrors: false,
    });
  } catch (error) {
    const name = errorName(error);
    const detail = error instanceof Error ? error.message : String(error);
    if (name === 'PasswordException') {
      return fail('encrypted', 'PDF 已加密，需要密码才能打开 (encrypted PDF: a password is required to open it)');
    }
    if (!complete) return fail('truncated', `PDF 文件不完整，可能被截断 (truncated PDF: no %%EOF marker; ${detail})`);
    return fail('corrupt', `PDF 文件已损坏，无法读取 (corrupt PDF: ${detail})`);
  }
  if (!complete) warnings.push('PDF 缺少 %%EOF 结束标记，可能不完整 (PDF has no %%EOF marker and may be truncated)');

  // The page count is known once the document is opened, before any page is parsed; the loop
  // reads that many pages and no more, whatever the page tree turns out to hold.
  const pageCount = doc.numPages;
  if (pageCount > limits.maxPages) {
    await doc.destroy();
    return fail(
      'too-large',
      `PDF 页数过多：${pageCount} 页，上限 ${limits.maxPages} 页，拒绝读取 (the PDF has ${pageCount} pages, the limit is ${limits.maxPages}: refused)`,
    );
  }

  const pages: PdfLine[][] = [];
  const emptyPages: number[] = [];
  let skippedRotated = 0;
  let chars = 0;
  try {
    for (let n = 1; n <= pageCount; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const fragments: Fragment[] = [];
      for (const item of content.items) {
        // Whitespace items are kept: they are PDF.js's word gaps.
        if (!('str' in item) || item.str === '') continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        if (a === undefined || b === undefined || c === undefined || d === undefined || e === undefined || f === undefined) continue;
        if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3 || a <= 0) {
          skippedRotated++;
          continue;
        }
        const size = Math.abs(d) || item.height || 1;
        fragments.push({ str: item.str, x: e, right: e + item.width, y: f, size });
        chars += item.str.length;
      }
      if (chars > limits.maxTextChars) {
        page.cleanup();
        await doc.destroy();
        return fail(
          'too-large',
          `PDF 文字过多：超过 ${limits.maxTextChars} 个字符，拒绝读取 (the PDF holds more than ${limits.maxTextChars} characters of text: refused)`,
        );
      }
      const lines = fragmentsToLines(fragments);
      if (lines.length === 0) emptyPages.push(n);
      pages.push(lines);
      page.cleanup();
    }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    await doc.destroy();
    if (!complete) return fail('truncated', `PDF 文件不完整，可能被截断 (truncated PDF: ${detail})`);
    return fail('corrupt', `PDF 文件已损坏，无法读取 (corrupt PDF: ${detail})`);
  }
  await doc.destroy();

  const text = joinPdfLines(dropPageFurniture(pages));
  if (!/\p{L}/u.test(text)) return fail('no-text', NO_TEXT_MESSAGE);
  if (undecodableShare(text) > 0.3) {
    return fail(
      'no-text',
      'PDF 文字层无法解码（字体缺少 Unicode 映射），不支持 OCR (the PDF text layer cannot be decoded: its fonts have no Unicode mapping; OCR is not supported)',
    );
  }
  if (emptyPages.length > 0) {
    warnings.push(
      `第 ${emptyPages.join('、')} 页没有文字层（可能是扫描页），其内容未提取 (page ${emptyPages.join(', ')} has no text layer, probably scanned; not extracted)`,
    );
  }
  if (skippedRotated > 0) {
    warnings.push(`已忽略 ${skippedRotated} 段旋转文字（如水印）(ignored ${skippedRotated} rotated text fragments, e.g. watermarks)`);
  }
  return { ok: true, text, warnings };
}
