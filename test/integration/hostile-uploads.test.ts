/**
 * Hostile uploads to the real portal (issue 25). A .docx bomb: the portal stays up, other
 * users' searches are answered while the file is read, and the upload is refused with a clear
 * reason. A large text upload: searches are answered all the while. A body of 400,000 parts:
 * refused with a 400 and the reason. File names with CR LF or NUL: a clean label, not a 500.
 *
 * Two bombs, both inside the zip limits the portal had before (compression under 100:1,
 * under 200 MiB unpacked): one of 20 MiB of tiny-paragraph XML, which used to cost the portal
 * gigabytes and then its life, now refused from the zip's directory; and one of 2 MiB, under
 * every static limit, read against a reader heap cap lowered for the test (INDEX_READ_MEMORY_MB)
 * so that the cap, not the directory, refuses it, after seconds of reading in which searches go on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variantOf000 } from '../support/corpus.ts';
import { tinyParagraphDocx } from '../support/docx-bomb.ts';
import { getJson, isAlive, startPortal, type Portal } from '../support/portal.ts';

const TOKEN = 'hostile-uploads-test-admin-token-0123456789';
let portal: Portal;

beforeAll(async () => {
  portal = await startPortal({ env: { ADMIN_TOKEN: TOKEN, INDEX_READ_MEMORY_MB: '96', RATE_LIMIT: '0' } });
}, 120_000);
afterAll(async () => {
  // A portal that died is the failure to explain: its log says how.
  if (portal && (portal.proc.exitCode !== null || portal.proc.signalCode !== null)) {
    console.error(`portal died (${portal.proc.exitCode ?? portal.proc.signalCode}):`, portal.logs.join('').slice(-5000));
    return;
  }
  await portal?.stop();
});

function upload(name: string, bytes: Uint8Array<ArrayBuffer> | string): Promise<Response> {
  const form = new FormData();
  form.append('files', new File([bytes], name));
  return fetch(`${portal.url}/api/admin/notices`, { method: 'POST', body: form, headers: { authorization: `Bearer ${TOKEN}` } });
}

/** Searches one after the other until `until` settles; every answer's status. */
async function searchWhile(until: Promise<unknown>): Promise<number[]> {
  let settled = false;
  void until.finally(() => (settled = true)).catch(() => {});
  const statuses: number[] = [];
  while (!settled) {
    const res = await fetch(`${portal.url}/api/search?q=${encodeURIComponent('整改')}`);
    await res.arrayBuffer();
    statuses.push(res.status);
  }
  return statuses;
}

describe('docx bomb upload', () => {
  it('refuses a 20 MiB tiny-paragraph docx from its directory, and the portal stays up', async () => {
    const res = await upload('bomb.docx', await tinyParagraphDocx(20 * 1024 * 1024));
    expect(res.status).toBe(422);
    const report = await res.json();
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', reason: 'too-large' });
    expect(report.outcomes[0].message).toMatch(/Word XML 解压后过大.*the limit is 4\.0 MB/u);
    expect(isAlive(portal.proc.pid!)).toBe(true);
    expect((await getJson(`${portal.url}/api/health`)).status).toBe(200);
  }, 120_000);

  it('answers searches while a bomb under every static limit is read, then refuses it at the memory cap', async () => {
    const pending = upload('bomb-small.docx', await tinyParagraphDocx(2 * 1024 * 1024));
    const statuses = await searchWhile(pending);
    const res = await pending;
    expect(res.status).toBe(422);
    const report = await res.json();
    expect(report.outcomes[0]).toMatchObject({ status: 'failed', reason: 'too-large' });
    expect(report.outcomes[0].message).toMatch(/内存超过上限（96 MB）.*memory limit/u);
    // Searches went on while the file was read, all of them answered.
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(isAlive(portal.proc.pid!)).toBe(true);
    // The next upload is read by a fresh reader.
    const next = await upload('notice.txt', variantOf000('东港市', '审计局', 2018));
    expect(next.status).toBe(200);
    expect((await next.json()).added).toBe(1);
  }, 120_000);
});

describe('upload bodies', () => {
  it('answers searches all through a 45 MiB text upload', async () => {
    // One notice repeated: read, then refused as too many paragraphs for one notice.
    const notice = variantOf000('东港市', '审计局', 2019);
    const text = notice.repeat(Math.ceil((45 * 1024 * 1024) / Buffer.byteLength(notice)));
    const pending = upload('large.txt', text);
    const statuses = await searchWhile(pending);
    const res = await pending;
    expect(res.status).toBe(422);
    expect((await res.json()).outcomes[0]).toMatchObject({ status: 'failed', reason: 'too-large' });
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
  }, 180_000);

  it('refuses a body of 400,000 parts with a 400 and the reason', async () => {
    const boundary = 'many-parts-boundary-0123456789';
    const part = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n`);
    const body = Buffer.concat([...Array.from({ length: 400_000 }, () => part), Buffer.from(`--${boundary}--\r\n`)]);
    const res = await fetch(`${portal.url}/api/admin/notices`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_parameter', param: 'files' });
  }, 60_000);

  it('keeps file names with CR LF and NUL as clean labels', async () => {
    const boundary = 'names-boundary-0123456789';
    const notice = (county: string) => variantOf000(county, '审计局', 2020);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="crlf\r\nSet-Cookie: x=1.txt"\r\n\r\n`),
      Buffer.from(notice('凤城市')),
      Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="nul\u0000byte.txt"\r\n\r\n`),
      Buffer.from(notice('宽甸满族自治县')),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await fetch(`${portal.url}/api/admin/notices`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.outcomes.map((o: { file: string }) => o.file)).toEqual(['crlfSet-Cookie: x=1.txt', 'nulbyte.txt']);
    for (const o of report.outcomes) {
      const stored = await getJson(`${portal.url}/api/notices/${o.noticeId}`);
      const names = stored.body.sources.map((s: { fileName: string }) => s.fileName);
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(n).not.toMatch(/[\u0000\r\n]/u);
    }
  }, 60_000);
});
