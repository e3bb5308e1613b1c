/**
 * PDF reading of real PDFs with a CJK text layer, printed from HTML by the system chromium
 * (one browser for the whole file, in beforeAll). The hand-written edge cases and the line
 * geometry are unit tests (test/unit/read/pdf.test.ts).
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../browser/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalize } from '../../text/normalize.ts';
import { readNotice, type ReadResult } from '../../indexer/read/read-file.ts';
import { escapeHtml, paragraphs, sampleText, squash, SAMPLE_000, SAMPLE_003 } from '../support/notice-files.ts';

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
  browser = await launchBrowser();
  for (const name of [SAMPLE_000, SAMPLE_003]) {
    for (const layout of ['indented', 'spaced', 'plain'] as const) {
      pdfs.set(`${name}:${layout}`, await print(noticeHtml(sampleText(name), layout), layout === 'indented'));
    }
  }
  pdfs.set(
    'image-only',
    await print(
      '<!DOCTYPE html><html><body><svg width="400" height="300"><rect x="10" y="10" width="380" height="280" fill="#3366cc"/></svg></body></html>',
      false,
    ),
  );
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

  it.each(['indented', 'spaced'] as const)(
    '%s layout: wrapped lines are joined back into exactly the original paragraphs',
    async (layout) => {
      const result = await readPrinted(`${name}:${layout}`);
      expect(result.ok && fold(paragraphs(result.text))).toEqual(fold(expected));
    },
  );

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

describe('bad printed PDFs', () => {
  it('refuses an image-only PDF (no text layer) as no-text: OCR is not supported', async () => {
    const result = await readNotice(pdfs.get('image-only')!, 'scan.pdf');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('no-text');
    expect(result.message).toMatch(/扫描.*OCR/u);
  });

  it('reports a PDF cut short as truncated, or reads what is left with a warning', async () => {
    const whole = pdfs.get(`${SAMPLE_000}:indented`)!;
    const result = await readNotice(whole.subarray(0, Math.floor(whole.length / 2)), 'half.pdf');
    if (result.ok) expect(result.warnings.join()).toMatch(/truncated/u);
    else expect(result.reason).toBe('truncated');
  });
});
