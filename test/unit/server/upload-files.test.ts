/**
 * The admin upload's body parser (server/routes/upload-files.ts): files streamed to disk
 * whatever the chunking, hostile file names kept as clean labels, and bodies that break a
 * limit refused at the first part too many, without reading the rest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { receiveFiles, safeFileName, UploadRefused, type UploadLimits } from '../../../server/routes/upload-files.ts';

const LIMITS: UploadLimits = { maxFiles: 20, maxParts: 30, maxFileBytes: 1024 * 1024, maxHeaderBytes: 16 * 1024 };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const folder = () => {
  const d = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'upload-test-')), 'u');
  dirs.push(path.dirname(d));
  return d;
};

async function* chunks(bytes: Uint8Array, size: number, read?: { n: number }) {
  for (let i = 0; i < bytes.length; i += size) {
    if (read) read.n += Math.min(size, bytes.length - i);
    yield bytes.subarray(i, i + size);
  }
}

const BOUNDARY = '----test-boundary-7MA4YWxkTrZu0gW';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
function rawBody(parts: { headers: string; data: string | Uint8Array }[]): Uint8Array {
  const out: Buffer[] = [];
  for (const p of parts) out.push(Buffer.from(`--${BOUNDARY}\r\n${p.headers}\r\n\r\n`, 'utf8'), Buffer.from(p.data), Buffer.from('\r\n'));
  out.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return new Uint8Array(Buffer.concat(out));
}

describe('receiveFiles', () => {
  it('writes each file of a FormData body to disk, the same whatever the chunk size', async () => {
    const form = new FormData();
    form.append('note', 'ignored field');
    const binary = new Uint8Array(70_000).map((_, i) => (i * 7919) % 256);
    form.append('files', new File([binary], 'a.docx'));
    form.append('files', new File([`--${BOUNDARY} 不是分隔符\r\n整改`], '通报.txt'));
    const res = new Response(form);
    const type = res.headers.get('content-type')!;
    const body = new Uint8Array(await res.arrayBuffer());
    for (const size of [1, 7, 4096, body.length]) {
      const files = await receiveFiles(chunks(body, size), type, folder, LIMITS);
      expect(files.map((f) => f.fileName)).toEqual(['a.docx', '通报.txt']);
      expect(new Uint8Array(fs.readFileSync(files[0]!.path))).toEqual(binary);
      expect(fs.readFileSync(files[1]!.path, 'utf8')).toBe(`--${BOUNDARY} 不是分隔符\r\n整改`);
    }
  });

  it('keeps a file name with a raw CR LF or NUL as a clean label instead of failing', async () => {
    const body = rawBody([
      { headers: 'Content-Disposition: form-data; name="files"; filename="evil\r\nX-Injected: 1.txt"', data: '整改' },
      { headers: 'Content-Disposition: form-data; name="files"; filename="nul\u0000name\u202e.txt"', data: '整改' },
    ]);
    const files = await receiveFiles(chunks(body, 5), TYPE, folder, LIMITS);
    expect(files.map((f) => f.fileName)).toEqual(['evilX-Injected: 1.txt', 'nulname.txt']);
    for (const f of files) expect(f.fileName).not.toMatch(/[\u0000-\u001f\u202e]/u);
  });

  it('refuses a body of 400,000 parts at the first part too many, without reading the rest', async () => {
    const part = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n`);
    const body = new Uint8Array(Buffer.concat([...Array.from({ length: 400_000 }, () => part), Buffer.from(`--${BOUNDARY}--\r\n`)]));
    const read = { n: 0 };
    const refused = await receiveFiles(chunks(body, 64 * 1024, read), TYPE, folder, LIMITS).catch((e) => e);
    expect(refused).toBeInstanceOf(UploadRefused);
    expect(refused).toMatchObject({ status: 400 });
    expect(refused.message).toMatch(/部分过多.*too many parts.*at most 20 files/u);
    expect(read.n).toBeLessThan(body.length / 100);
  });

  it('refuses a file over the size limit as it arrives', async () => {
    const body = rawBody([
      { headers: 'Content-Disposition: form-data; name="files"; filename="big.txt"', data: new Uint8Array(3 * 1024 * 1024) },
    ]);
    const read = { n: 0 };
    const refused = await receiveFiles(chunks(body, 64 * 1024, read), TYPE, folder, LIMITS).catch((e) => e);
    expect(refused).toMatchObject({ status: 413, code: 'too_large' });
    expect(read.n).toBeLessThan(2 * 1024 * 1024);
  });

  it('refuses a body without files, or cut short, in the API’s words', async () => {
    const none = rawBody([{ headers: 'Content-Disposition: form-data; name="other"', data: 'x' }]);
    await expect(receiveFiles(chunks(none, 100), TYPE, folder, LIMITS)).rejects.toMatchObject({ status: 400, parameter: 'files' });
    const cut = rawBody([{ headers: 'Content-Disposition: form-data; name="files"; filename="a.txt"', data: '整改' }]).subarray(0, 90);
    await expect(receiveFiles(chunks(cut, 100), TYPE, folder, LIMITS)).rejects.toThrow(/不完整.*incomplete/u);
  });
});

describe('safeFileName', () => {
  it('removes control, bidirectional and path characters, and is never empty', () => {
    expect(safeFileName('a/b\\c\r\n\u0000d\u2066.txt')).toBe('a_b_cd.txt');
    expect(safeFileName('\u0000\r\n')).toBe('upload');
    expect([...safeFileName('长'.repeat(300))]).toHaveLength(200);
  });
});
