import { Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import { readNotice } from '../../../indexer/read/read-file.ts';
import { buildDocx, paragraphs, sampleText, SAMPLE_000, SAMPLE_003 } from '../../support/notice-files.ts';

describe.each([SAMPLE_000, SAMPLE_003])('docx built from %s', (name) => {
  const original = sampleText(name);
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await buildDocx(original);
  });

  it('reads every Word paragraph back as one line, exactly', async () => {
    const result = await readNotice(bytes, name.replace('.txt', '.docx'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.format).toBe('docx');
    expect(result.encoding).toBeUndefined();
    expect(paragraphs(result.text)).toEqual(paragraphs(original));
    expect(result.text).not.toContain('[bookmark:');
  });

  it('is recognised by content even without the .docx extension', async () => {
    const result = await readNotice(bytes, 'download');
    expect(result.ok && result.format).toBe('docx');
  });
});

describe('docx structure', () => {
  it('keeps a manual line break (Shift+Enter) as a line break', async () => {
    const signature = new Paragraph({
      children: [new TextRun('中共丹东市融媒体中心委员会'), new TextRun({ text: '2025年11月21日', break: 1 })],
    });
    const bytes = await buildDocx('关于市委巡察整改落实进展情况的通报\n正文。', [signature]);
    const result = await readNotice(bytes, 'sig.docx');
    expect(result.ok && result.text).toBe('关于市委巡察整改落实进展情况的通报\n正文。\n中共丹东市融媒体中心委员会\n2025年11月21日');
  });
});

describe('docx tables', () => {
  it('renders a table row as one tab-separated line', async () => {
    const row = (cells: string[]) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
    const table = new Table({ rows: [row(['序号', '问题', '整改情况']), row(['1', '党费收缴不规范', '已补缴2369元'])] });
    const bytes = await buildDocx('整改台账', [table, new Paragraph('以上。')]);
    const result = await readNotice(bytes, 'table.docx');
    expect(result.ok && result.text).toBe('整改台账\n序号\t问题\t整改情况\n1\t党费收缴不规范\t已补缴2369元\n以上。');
  });
});

describe('bad docx files', () => {
  it('reports a docx cut in half as truncated', async () => {
    const whole = await buildDocx(sampleText(SAMPLE_000));
    const half = whole.subarray(0, Math.floor(whole.length / 2));
    const result = await readNotice(half, 'half.docx');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('truncated');
    expect(result.message).toMatch(/不完整.*truncated/u);
  });

  it('reports a password-protected docx (OLE container, not a zip) as encrypted', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(Buffer.from('EncryptionInfo', 'utf16le'), 1024);
    ole.set(Buffer.from('EncryptedPackage', 'utf16le'), 1152);
    const result = await readNotice(ole, '整改通报.docx');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('encrypted');
    expect(result.message).toMatch(/密码.*password/u);
  });

  it('treats a bare OLE header named .docx as encrypted too (that is what Word writes)', async () => {
    const bytes = Buffer.concat([Buffer.from('D0CF11E0A1B11AE1', 'hex'), Buffer.alloc(600, 0x41)]);
    const result = await readNotice(bytes, 'a.docx');
    expect(!result.ok && result.reason).toBe('encrypted');
  });

  it('refuses an old .doc with advice to save as .docx', async () => {
    const doc = Buffer.concat([
      Buffer.from('D0CF11E0A1B11AE1', 'hex'),
      Buffer.alloc(1000),
      Buffer.from('WordDocument', 'utf16le'),
      Buffer.alloc(100),
    ]);
    for (const fileName of ['old.doc', 'renamed.docx']) {
      const result = await readNotice(doc, fileName);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.reason).toBe('unsupported-format');
      expect(result.message).toMatch(/另存为 \.docx.*save it as \.docx/u);
    }
  });

  it('reports a .docx that is not a zip as corrupt', async () => {
    const result = await readNotice(Buffer.from('这不是 Word 文档，只是文本。', 'utf8'), 'fake.docx');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('corrupt');
    expect(result.message).toMatch(/not a zip/u);
  });

  it('reports an empty docx as having no text', async () => {
    const result = await readNotice(await buildDocx(''), 'empty.docx');
    expect(!result.ok && result.reason).toBe('no-text');
  });
});
