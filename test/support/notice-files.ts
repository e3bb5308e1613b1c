/**
 * Builders for the reader tests: the seed notices as docx / GBK html / PDF, and small bad files.
 * Everything is built in memory (or in a temp dir); nothing large is written to the repo.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bookmark, Document, Packer, Paragraph, type Table, TextRun } from 'docx';
import iconv from 'iconv-lite';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SAMPLES_DIR = path.resolve(here, '../../corpus/samples');
export const SAMPLE_000 = '000_1385efacdcc48c67.txt';
export const SAMPLE_003 = '003_80563647cd77ea6c.txt';

/** A seed notice as published (UTF-8), with its conversion marker still in it. */
export function sampleText(name: string): string {
  return readFileSync(path.join(SAMPLES_DIR, name), 'utf8');
}

/** What the reader must give back: non-empty trimmed lines, without [bookmark: _GoBack]. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\[bookmark: _GoBack\]/gu, '')
    .split(/\r\n|\r|\n/u)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Whitespace removed, for comparing text whose line breaks may differ. */
export function squash(text: string): string {
  return text.replace(/\s+/gu, '');
}

export function escapeHtml(s: string): string {
  return s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

/**
 * A .docx with one Word paragraph per line of the sample (blank lines kept as empty paragraphs).
 * The first paragraph is wrapped in a real _GoBack bookmark; the literal "[bookmark: _GoBack]"
 * of the seed stays in the text, as a converter would have left it.
 */
export async function buildDocx(text: string, extra: (Paragraph | Table)[] = []): Promise<Uint8Array> {
  const lines = text.split('\n');
  const children = lines.map((line, i) =>
    i === 0
      ? new Paragraph({ children: [new Bookmark({ id: '_GoBack', children: [new TextRun(line)] })] })
      : new Paragraph({ children: [new TextRun(line)] }),
  );
  const doc = new Document({ sections: [{ children: [...children, ...extra] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Article page noise typical of government sites, around the article body. */
export function governmentPage(options: {
  title: string;
  bodyHtml: string;
  charset: string;
  metaStyle?: 'charset' | 'http-equiv';
}): string {
  const meta =
    options.metaStyle === 'http-equiv'
      ? `<meta http-equiv="Content-Type" content="text/html; charset=${options.charset}">`
      : `<meta charset="${options.charset}">`;
  return `<!DOCTYPE html>
<html>
<head>
${meta}
<title>${escapeHtml(options.title)}_宽甸满族自治县人民政府</title>
<meta name="ArticleTitle" content="${escapeHtml(options.title)}">
<style>.nav a { color: red } body { font-size: 14px }</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<p>广告脚本文字</p>");</script>
</head>
<body>
<div class="header"><div class="logo">宽甸满族自治县人民政府</div>
  <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/xwzx/">新闻中心</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
</div>
<div class="main">
  <div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 通知公告</div>
  <div class="left-side"><h3>栏目导航</h3><ul><li><a href="#">通知公告</a></li><li><a href="#">政策文件</a></li></ul><p>本栏目发布全县各部门的通知公告和政策文件，欢迎查阅。</p></div>
  <div class="article">
    <h1 class="article-title">${escapeHtml(options.title)}</h1>
    <div class="info">发布时间：2025-11-21 09:30&nbsp;&nbsp;来源：宽甸满族自治县融媒体中心&nbsp;&nbsp;浏览次数：<span id="hits">128</span>&nbsp;&nbsp;字号：【<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</div>
    <div id="zoom">
      <div class="TRS_Editor">
${options.bodyHtml}
      </div>
    </div>
    <div class="bdsharebuttonbox"><span>分享到：</span><a href="#" class="bds_weixin" data-cmd="weixin" title="分享到微信"></a><a href="#" class="bds_tsina" title="分享到新浪微博"></a></div>
    <div class="print-close">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
    <div class="prev-next"><p>上一篇：<a href="/a/1.html">宽甸满族自治县教育局关于巡察整改进展情况的通报</a></p><p>下一篇：<a href="/a/3.html">关于开展安全生产大检查的通知</a></p></div>
  </div>
</div>
<div class="footer"><p>主办单位：宽甸满族自治县人民政府办公室　地址：宽甸镇政府路1号</p><p>版权所有 辽ICP备12345678号　网站标识码：2106240001</p></div>
<script>window.onload = function () { console.log("统计代码"); };</script>
</body>
</html>`;
}

/** Article body HTML for a sample: one <p> per line; the split title as two centred <p>. */
export function articleBody(text: string, style: 'p' | 'br' = 'p'): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (style === 'br') {
    return `<p>${lines.map((l) => `&nbsp;&nbsp;&nbsp;&nbsp;${escapeHtml(l)}`).join('<br>\n')}</p>`;
  }
  return lines
    .map((l, i) =>
      i < 2
        ? `<p align="center"><strong>${escapeHtml(l)}</strong></p>`
        : `<p style="text-indent:2em">\n        ${escapeHtml(l)}\n      </p>`,
    )
    .join('\n');
}

/** Encode text in GBK, asserting the encoding is lossless for it. */
export function encodeGbk(text: string): Uint8Array {
  const bytes = iconv.encode(text, 'gbk');
  if (iconv.decode(bytes, 'gbk') !== text) throw new Error('text not representable in GBK');
  return new Uint8Array(bytes);
}

// ---------------------------------------------------------------------------------------------
// Hand-written PDFs.

type PdfObject = { num: number; body: (key?: Buffer) => Buffer };

function writePdf(objects: PdfObject[], trailerExtra: string, encryptKey?: Buffer): Uint8Array {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  for (const obj of objects) {
    offsets[obj.num] = offset;
    const chunk = Buffer.concat([Buffer.from(`${obj.num} 0 obj\n`, 'latin1'), obj.body(encryptKey), Buffer.from('\nendobj\n', 'latin1')]);
    chunks.push(chunk);
    offset += chunk.length;
  }
  const size = Math.max(...objects.map((o) => o.num)) + 1;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let i = 1; i < size; i++) xref += `${String(offsets[i] ?? 0).padStart(10, '0')} 00000 n \n`;
  chunks.push(Buffer.from(`${xref}trailer\n<< /Size ${size} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}

function dict(s: string): (key?: Buffer) => Buffer {
  return () => Buffer.from(s, 'latin1');
}

function streamObj(num: number, content: string): PdfObject {
  return {
    num,
    body: (key) => {
      const data = key ? rc4(objectKey(key, num), Buffer.from(content, 'latin1')) : Buffer.from(content, 'latin1');
      return Buffer.concat([Buffer.from(`<< /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
    },
  };
}

function pageObjects(content: string): PdfObject[] {
  return [
    { num: 1, body: dict('<< /Type /Catalog /Pages 2 0 R >>') },
    { num: 2, body: dict('<< /Type /Pages /Kids [3 0 R] /Count 1 >>') },
    {
      num: 3,
      body: dict('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>'),
    },
    streamObj(4, content),
    { num: 5, body: dict('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>') },
  ];
}

/** A one-page PDF whose only content is a filled rectangle: no text layer (like a scan). */
export function pdfWithoutText(): Uint8Array {
  return writePdf(pageObjects('0.2 0.4 0.8 rg 72 400 300 300 re f'), '');
}

/** A one-page PDF with a line of Latin text (Helvetica). */
export function pdfWithText(text: string): Uint8Array {
  return writePdf(pageObjects(`BT /F1 18 Tf 72 720 Td (${text}) Tj ET`), '');
}

/**
 * A PDF of `pages` empty pages whose page tree claims `count` pages (default: the truth). A
 * claim above the kids is what a crafted file would use to look huge without being so.
 */
export function pdfWithPages(pages: number, count = pages): Uint8Array {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  return writePdf(
    [
      { num: 1, body: dict('<< /Type /Catalog /Pages 2 0 R >>') },
      { num: 2, body: dict(`<< /Type /Pages /Kids [${kids}] /Count ${count} >>`) },
      ...Array.from({ length: pages }, (_, i) => ({ num: i + 3, body: dict('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>') })),
    ],
    '',
  );
}

// Standard security handler, RC4 40-bit, revision 2 (PDF 1.4 spec, algorithms 3.1–3.4).
const PAD = Buffer.from('28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A', 'hex');

function rc4(key: Buffer, data: Buffer): Buffer {
  // Implemented here: OpenSSL 3 no longer offers RC4 by default.
  const s = Array.from({ length: 256 }, (_, i) => i);
  let j = 0;
  for (let i = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let k = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

function padPassword(pw: string): Buffer {
  return Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32);
}

function md5(...parts: Buffer[]): Buffer {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
}

function objectKey(fileKey: Buffer, num: number): Buffer {
  const extra = Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0]);
  return md5(fileKey, extra).subarray(0, Math.min(fileKey.length + 5, 16));
}

/**
 * A genuinely encrypted PDF (RC4 40-bit): opening it needs `userPassword`. With an empty
 * user password it opens without one (owner password only: printing/copying restrictions).
 */
export function encryptedPdf(text: string, userPassword: string, ownerPassword = 'owner-secret'): Uint8Array {
  const id = randomBytes(16);
  const permissions = -44; // no printing, no copying
  const o = rc4(md5(padPassword(ownerPassword)).subarray(0, 5), padPassword(userPassword));
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions);
  const key = md5(padPassword(userPassword), o, p, id).subarray(0, 5);
  const u = rc4(key, PAD);
  const objects = [
    ...pageObjects(`BT /F1 18 Tf 72 720 Td (${text}) Tj ET`),
    {
      num: 6,
      body: dict(`<< /Filter /Standard /V 1 /R 2 /O <${o.toString('hex')}> /U <${u.toString('hex')}> /P ${permissions} >>`),
    },
  ];
  return writePdf(objects, `/Encrypt 6 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>]`, key);
}
