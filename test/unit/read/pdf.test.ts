/**
 * PDF reading of hand-written PDFs from test/support/notice-files.ts (the encrypted and
 * text-less edge cases) and the line geometry. Real PDFs printed by chromium:
 * test/integration/pdf-printed.test.ts.
 */
import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { joinPdfLines, unstretch, type PdfLine } from '../../../indexer/read/pdf.ts';
import { readNotice } from '../../../indexer/read/read-file.ts';
import { encryptedPdf, pdfWithoutText } from '../../support/notice-files.ts';

describe('bad PDFs', () => {
  it('refuses an image-only PDF (no text layer) as no-text: OCR is not supported', async () => {
    const result = await readNotice(pdfWithoutText(), 'scan.pdf');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('no-text');
    expect(result.message).toMatch(/扫描.*OCR/u);
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

  it('reports a .pdf that is not a PDF as corrupt', async () => {
    const result = await readNotice(Buffer.from('not a pdf at all', 'latin1'), 'a.pdf');
    expect(!result.ok && result.reason).toBe('corrupt');
  });
});

describe('unstretch', () => {
  it('removes the gaps PDF.js reports in a stretched justified line, keeps real spaces', () => {
    expect(unstretch('传 统 的 媒 体 广 告 转 型 到 资 源 服 务 。 2024 年 全 年 广 告 收 入 为')).toBe(
      '传统的媒体广告转型到资源服务。2024年全年广告收入为',
    );
    expect(unstretch('二是先后策划《廉韵清风 正心明德》《猪八戒被“诈”记》等微短剧')).toBe(
      '二是先后策划《廉韵清风 正心明德》《猪八戒被“诈”记》等微短剧',
    );
    expect(unstretch('序号 问题 整改措施 完成情况')).toBe('序号 问题 整改措施 完成情况');
  });
});

describe('joinPdfLines (line geometry)', () => {
  // A4 body 72…522 pt, 16 pt text, 24 pt pitch, no indent: the punctuation rules decide.
  const line = (text: string, y: number, opts: Partial<PdfLine> = {}): PdfLine => ({
    text,
    x: 72,
    right: 72 + Math.min(450, text.length * 16),
    y,
    size: 16,
    ...opts,
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
