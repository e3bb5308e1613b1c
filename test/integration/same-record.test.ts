/**
 * The same notice published as .txt (UTF-8, UTF-16, GB18030), .docx, GBK .html and .pdf gives
 * the same extracted record. For PDF, text is compared through the search normaliser: the
 * PDF font maps a few glyphs to variant code points (户 → 戶), which search folds anyway.
 */
import iconv from 'iconv-lite';
import { launchBrowser } from '../browser/browser.ts';
import { describe, expect, it } from 'vitest';
import { readNotice } from '../../indexer/read/read-file.ts';
import { parseNotice } from '../../indexer/parse/notice.ts';
import { normalize } from '../../text/normalize.ts';
import {
  SAMPLE_000,
  SAMPLE_003,
  articleBody,
  buildDocx,
  encodeGbk,
  escapeHtml,
  governmentPage,
  paragraphs,
  sampleText,
} from '../support/notice-files.ts';

/** The record with every string normalised, so that only real differences count. */
function signature(text: string): unknown {
  return JSON.parse(JSON.stringify(parseNotice(text), (_k, v) => (typeof v === 'string' ? normalize(v) : v)));
}

async function pdfOf(text: string): Promise<Uint8Array> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const [t1, t2, ...body] = paragraphs(text);
    await page.setContent(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>
      body { font-family: 'Noto Serif CJK SC', serif; font-size: 16pt; text-align: justify; }
      h1 { font-size: 22pt; text-align: center; } p { text-indent: 2em; margin: 0; line-height: 1.5; }
    </style></head><body><h1>${escapeHtml(t1!)}<br>${escapeHtml(t2!)}</h1>${body.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</body></html>`);
    return new Uint8Array(await page.pdf({ format: 'A4', margin: { top: '2.5cm', bottom: '2.5cm', left: '2.6cm', right: '2.6cm' } }));
  } finally {
    await browser.close();
  }
}

describe.each([SAMPLE_000, SAMPLE_003])('%s in every format', (name) => {
  const original = sampleText(name);
  const expected = signature(original);
  const versions: [string, () => Promise<Uint8Array>][] = [
    ['notice.txt (GB18030)', async () => new Uint8Array(iconv.encode(original, 'gb18030'))],
    ['notice.txt (UTF-16 LE)', async () => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original, 'utf16le')]))],
    ['notice.docx', () => buildDocx(original)],
    [
      'notice.html (GBK)',
      async () =>
        encodeGbk(governmentPage({ title: paragraphs(original).slice(0, 2).join(''), bodyHtml: articleBody(original), charset: 'gbk' })),
    ],
    ['notice.pdf', () => pdfOf(original)],
  ];
  it.each(versions)(
    '%s gives the record of the UTF-8 text',
    async (fileName, build) => {
      const read = await readNotice(await build(), fileName.split(' ')[0]!);
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(signature(read.text)).toEqual(expected);
    },
    60_000,
  );
});
