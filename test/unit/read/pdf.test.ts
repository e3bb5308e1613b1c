/**
 * PDF reading. Real PDFs with a CJK text layer are printed from HTML by the system chromium
 * (one browser for the whole file, in beforeAll); the encrypted and text-less edge cases are
 * hand-written PDFs from fixtures.ts.
 */
import { chromium, type Browser } from 'playwright-core';
import { getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinPdfLines, unstretch, type PdfLine } from '../../../indexer/read/pdf.ts';
import { normalize } from '../../../text/normalize.ts';
import { readNotice, type ReadResult } from '../../../indexer/read/read-file.ts';
import { encryptedPdf, escapeHtml, paragraphs, pdfWithoutText, sampleText, squash, SAMPLE_000, SAMPLE_003 } from './fixtures.ts';

type Layout = 'indented' | 'spaced' | 'plain';

const STYLES: Record<Layout, string> = {
  // Official-document style: first-line indent, no space between paragraphs, larger title.
  indented: `h1 { font-size: 22pt; font-weight: normal; text-align: center; margin: 0 0 16pt; }
             p { text-indent: 2em; margin: 0; line-height: 1.45; }`,
  // Web style: no indent, space between paragraphs, title in body size.
  spaced: `h1 { font-size: 16pt; font-weight: normal; text-align: center; margin: 0 0 12pt; }
           p { text-indent: 0; margin: 0 0 10pt; line-height: 1.4; }`,
  // No layout signal at all: only punctuation and numbering can tell paragraphs apart.
  plain: `h1 { font-size: 16pt; font-weight: normal; text-align: left; margin: 0; }
          p { text-indent: 0; margin: 0; line-height: 1.4; }`,
};

function noticeHtml(text: string, layout: Layout): string {
  const lines = paragraphs(text);
  const [t1, t2, ...body] = lines;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
    body { font-family: 'Noto Serif CJK SC', 'Noto Sans CJK SC', serif; font-size: 16pt; text-align: justify; margin: 0; }
    ${STYLES[layout]}
  </style></head><body>
    <h1>${escapeHtml(t1!)}<br>${escapeHtml(t2!)}</h1>
    ${body.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}
  </body></html>`;
}

let browser: Browser;
const pdfs = new Map<string, Uint8Array>();
let printMs = 0;

async function print(html: string, footer: boolean): Promise<Uint8Array> {
  const page = await browser.newPage();
  try {
    await page.setContent(html);
    const pdf = await page.pdf({
      format: 'A4',
      margin: { top: '2.5cm', bottom: '2.5cm', left: '2.6cm', right: '2.6cm' },
      displayHeaderFooter: footer,
      headerTemplate: '<span></span>',
      footerTemplate: '<div style="font-size:10pt;width:100%;text-align:center;">- <span class="pageNumber"></span> -</div>',
    });
    return new Uint8Array(pdf);
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  const started = performance.now();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  for (const name of [SAMPLE_000, SAMPLE_003]) {
    for (const layout of ['indented', 'spaced', 'plain'] as const) {
      pdfs.set(`${name}:${layout}`, await print(noticeHtml(sampleText(name), layout), layout === 'indented'));
    }
  }
  pdfs.set('image-only', await print('<!DOCTYPE html><html><body><svg width="400" height="300"><rect x="10" y="10" width="380" height="280" fill="#3366cc"/></svg></body></html>', false));
  printMs = performance.now() - started;
  console.log(`chromium: launched and printed ${pdfs.size} PDFs in ${Math.round(printMs)} ms`);
});

/** Each printed PDF is read once and the result shared by the tests that look at it. */
const results = new Map<string, Promise<ReadResult>>();
function readPrinted(key: string): Promise<ReadResult> {
  let result = results.get(key);
  if (!result) {
    result = readNotice(pdfs.get(key)!, 'notice.pdf');
    results.set(key, result);
  }
  return result;
}

afterAll(async () => {
  await browser?.close();
});

/**
 * Chromium's PDF maps a few glyphs shared by two code points in the SC font to the other one
 * (户 U+6237 comes back as 戶 U+6236). The search normaliser (traditional → simplified) folds
 * such variants, so comparisons go through it: what is compared is what search will match.
 */
const fold = (lines: string[]) => lines.map((l) => normalize(l));

describe.each([SAMPLE_000, SAMPLE_003])('PDF printed by chromium from %s', (name) => {
  const original = sampleText(name);
  const expected = paragraphs(original);

  it.each(['indented', 'spaced', 'plain'] as const)('%s layout: every paragraph of the original is in the text', async (layout) => {
    const result = await readPrinted(`${name}:${layout}`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe('pdf');
    const text = normalize(result.text);
    for (const paragraph of expected) expect(text).toContain(normalize(paragraph));
    expect(squash(result.text).length).toBe(squash(expected.join('')).length);
    // Font artefacts (⾃ for 自, ⻅ for 见) are repaired.
    expect(result.text).not.toMatch(/[\u2E80-\u2EFF\u2F00-\u2FDF]/u);
  });

  it.each(['indented', 'spaced'] as const)('%s layout: wrapped lines are joined back into exactly the original paragraphs', async (layout) => {
    const result = await readPrinted(`${name}:${layout}`);
    expect(result.ok && fold(paragraphs(result.text))).toEqual(fold(expected));
  });

  it('plain layout: lines ending without sentence punctuation are joined; the two title lines are not', async () => {
    const result = await readPrinted(`${name}:plain`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const lines = fold(paragraphs(result.text));
    const want = fold(expected);
    expect(lines.slice(0, 2)).toEqual(want.slice(0, 2));
    // Without layout signals a paragraph may split where a sentence ends at a line end, never more.
    expect(lines.length).toBeGreaterThanOrEqual(want.length);
    expect(lines.length).toBeLessThanOrEqual(want.length * 2);
    for (const line of lines.slice(0, -1)) {
      if (!/[。；：！？;:!?]$/u.test(line)) expect(want, line).toContain(line);
    }
  });

  it('page numbers printed in the footer are not part of the text', async () => {
    const result = await readPrinted(`${name}:indented`);
    expect(result.ok && result.text).not.toMatch(/- \d+ -/u);
  });
});

describe('bad PDFs', () => {
  it('refuses an image-only PDF (no text layer) as no-text: OCR is not supported', async () => {
    for (const bytes of [pdfs.get('image-only')!, pdfWithoutText()]) {
      const result = await readNotice(bytes, 'scan.pdf');
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.reason).toBe('no-text');
      expect(result.message).toMatch(/扫描.*OCR/u);
    }
  });

  it('refuses a PDF that needs a password as encrypted', async () => {
    const bytes = encryptedPdf('Rectification notice', 'secret');
    // The fixture is a real encrypted PDF: it opens with the password.
    const doc = await getDocumentProxy(new Uint8Array(bytes), { password: 'secret' });
    expect(doc.numPages).toBe(1);
    await doc.destroy();
    const result = await readNotice(bytes, 'locked.pdf');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('encrypted');
    expect(result.message).toMatch(/加密.*encrypted/u);
  });

  it('reads a PDF encrypted with an owner password only (no password needed to open)', async () => {
    const result = await readNotice(encryptedPdf('Rectification notice', ''), 'restricted.pdf');
    expect(result.ok && result.text).toBe('Rectification notice');
  });

  it('reports a PDF cut short as truncated, or reads what is left with a warning', async () => {
    const whole = pdfs.get(`${SAMPLE_000}:indented`)!;
    const result = await readNotice(whole.subarray(0, Math.floor(whole.length / 2)), 'half.pdf');
    if (result.ok) expect(result.warnings.join()).toMatch(/truncated/u);
    else expect(result.reason).toBe('truncated');
  });

  it('reports a .pdf that is not a PDF as corrupt', async () => {
    const result = await readNotice(Buffer.from('not a pdf at all', 'latin1'), 'a.pdf');
    expect(!result.ok && result.reason).toBe('corrupt');
  });
});

describe('unstretch', () => {
  it('removes the gaps PDF.js reports in a stretched justified line, keeps real spaces', () => {
    expect(unstretch('传 统 的 媒 体 广 告 转 型 到 资 源 服 务 。 2024 年 全 年 广 告 收 入 为')).toBe('传统的媒体广告转型到资源服务。2024年全年广告收入为');
    expect(unstretch('二是先后策划《廉韵清风 正心明德》《猪八戒被“诈”记》等微短剧')).toBe('二是先后策划《廉韵清风 正心明德》《猪八戒被“诈”记》等微短剧');
    expect(unstretch('序号 问题 整改措施 完成情况')).toBe('序号 问题 整改措施 完成情况');
  });
});

describe('joinPdfLines (line geometry)', () => {
  // A4 body 72…522 pt, 16 pt text, 24 pt pitch, no indent: the punctuation rules decide.
  const line = (text: string, y: number, opts: Partial<PdfLine> = {}): PdfLine => ({
    text, x: 72, right: 72 + Math.min(450, text.length * 16), y, size: 16, ...opts,
  });
  const full = (text: string, y: number) => line(text, y, { right: 522 });

  it('joins lines that wrap mid-sentence, keeps numbered items and sentence ends apart', () => {
    const page = [
      line('某局党组关于巡察整改', 780, { size: 22, x: 150, right: 370 }),
      line('进展情况的通报', 750, { size: 22, x: 190, right: 344 }),
      full('根据县委统一部署，县委第一巡察组对某局党组开展了常规巡察，现将巡', 700),
      line('察整改情况予以公布。', 676),
      full('一、关于党费收缴不规范的问题。一是已补缴党费共计2369元，并建立', 652),
      full('了党费收缴台账；', 628),
      full('二是按照最新基数收取党费，根据工资变动情况及时调整党费收缴基', 604),
      line('数。', 580),
      full('（一）关于公务用车管理的问题', 556),
      line('1.严格派车审批。', 532),
    ];
    expect(joinPdfLines([page]).split('\n')).toEqual([
      '某局党组关于巡察整改',
      '进展情况的通报',
      '根据县委统一部署，县委第一巡察组对某局党组开展了常规巡察，现将巡察整改情况予以公布。',
      '一、关于党费收缴不规范的问题。一是已补缴党费共计2369元，并建立了党费收缴台账；',
      '二是按照最新基数收取党费，根据工资变动情况及时调整党费收缴基数。',
      '（一）关于公务用车管理的问题',
      '1.严格派车审批。',
    ]);
  });

  it('joins a paragraph across a page break and puts a space between wrapped Latin words', () => {
    const p1 = [full('按照《中国共产党巡视工作条例》有关要求，现将整改情况', 100), full('通报如下，详见 Rectification', 76)];
    const p2 = [line('Report 附件。', 770)];
    expect(joinPdfLines([p1, p2])).toBe('按照《中国共产党巡视工作条例》有关要求，现将整改情况通报如下，详见 Rectification Report 附件。');
  });
});
