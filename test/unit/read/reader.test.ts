/**
 * The isolated reader (indexer/workers/reader.ts): a file that needs more memory or time than
 * the reader allows is refused with a clear reason, the process goes on, and the next file is
 * read by a fresh worker. The Word XML limit (indexer/read/zip.ts) refuses the same kind of
 * bomb at its full size before anything is parsed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readDocx } from '../../../indexer/read/docx.ts';
import { DOCX_LIMITS, MAX_DOCX_UNPACKED_BYTES, MAX_DOCX_XML_BYTES } from '../../../indexer/read/limits.ts';
import { IsolatedReader } from '../../../indexer/workers/reader.ts';
import { tinyParagraphDocx } from '../../support/docx-bomb.ts';
import { buildDocx, SAMPLE_000, sampleText } from '../../support/notice-files.ts';

const readers: IsolatedReader[] = [];
const reader = (memoryMb: number, timeLimitMs: number) => {
  const r = new IsolatedReader({ memoryMb, timeLimitMs });
  readers.push(r);
  return r;
};
afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.close()));
});

describe('isolated reader', () => {
  it('refuses a docx that needs more than its memory cap, and reads the next file in a new reader', async () => {
    // 2 MiB of tiny paragraphs: inside every zip limit, about 480 MB to read.
    const bomb = await tinyParagraphDocx(2 * 1024 * 1024);
    const r = reader(96, 120_000);
    const refused = await r.read(bomb, 'bomb.docx');
    expect(refused).toMatchObject({ ok: false, reason: 'too-large' });
    expect(refused.ok || refused.message).toMatch(/内存超过上限（96 MB）.*memory limit/u);
    const next = await r.read(await buildDocx(sampleText(SAMPLE_000)), 'notice.docx');
    expect(next.ok && next.text).toContain('整改');
  }, 120_000);

  it('refuses a file that takes longer than its time limit', async () => {
    const slow = await tinyParagraphDocx(1024 * 1024);
    const r = reader(1024, 300);
    const refused = await r.read(slow, 'slow.docx');
    expect(refused).toMatchObject({ ok: false, reason: 'too-large' });
    expect(refused.ok || refused.message).toMatch(/超过时限（0\.3 秒）.*0\.3 s time limit/u);
    expect((await r.read(new TextEncoder().encode(sampleText(SAMPLE_000)), 'notice.txt')).ok).toBe(true);
  }, 60_000);

  it('reads real files as readNotice does', async () => {
    const r = reader(1024, 60_000);
    const result = await r.read(await buildDocx(sampleText(SAMPLE_000)), 'notice.docx');
    expect(result).toMatchObject({ ok: true, format: 'docx' });
  }, 60_000);
});

describe('Word XML limit', () => {
  it('refuses a tiny-paragraph bomb inside the old limits before mammoth parses it', async () => {
    // 20 MiB of XML compressed about 16:1: under the 100:1 ratio and the 200 MiB total, and
    // once enough to cost gigabytes of memory to read.
    const bomb = await tinyParagraphDocx(20 * 1024 * 1024);
    expect(MAX_DOCX_XML_BYTES).toBeLessThan(20 * 1024 * 1024);
    expect(20 * 1024 * 1024).toBeLessThan(MAX_DOCX_UNPACKED_BYTES);
    const result = await readDocx(bomb, DOCX_LIMITS);
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
    expect(result.ok || result.message).toMatch(/Word XML 解压后过大.*the limit is 4\.0 MB/u);
  }, 60_000);
});
