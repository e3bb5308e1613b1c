/**
 * The portal end to end: real embedded Meilisearch, the sample corpus loaded on first start,
 * queries through the real HTTP API, Ctrl-C leaving no Meilisearch behind, data kept.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, isAlive, startPortal, type Portal } from '../support/portal.ts';

let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.stop();
  fs.rmSync(portal.dataDir, { recursive: true, force: true });
});

describe('search API on the sample corpus', () => {
  it('finds the 补缴党费 paragraph for 党费 with 党费 highlighted and a permalink', async () => {
    const { status, body } = await getJson(`${portal.url}/api/search?q=${encodeURIComponent('党费')}`);
    expect(status).toBe(200);
    const hit = body.hits.find((h: any) => h.text.includes('补缴2023年1月—2025年6月党费共计2369元'));
    expect(hit).toBeDefined();
    expect(hit.highlighted).toContain('<mark>党费</mark>');
    expect(hit.url).toMatch(new RegExp(`^/notices/${hit.noticeId}#${hit.id}$`));
    expect(body.total).toBe(body.hits.length);
  });

  it('returns paragraphs of both sample notices for 三重一大, each with a url that resolves', async () => {
    const { body } = await getJson(`${portal.url}/api/search?q=${encodeURIComponent('三重一大')}`);
    const notices = new Set(body.hits.map((h: any) => h.noticeId));
    expect(notices.size).toBe(2);
    for (const hit of body.hits) {
      expect(hit.text.replace(/\s/g, '')).toContain('三重一大');
      const [noticePath, anchor] = hit.url.split('#');
      const notice = await getJson(`${portal.url}/api${noticePath}`);
      expect(notice.status).toBe(200);
      const ids = notice.body.paragraphs.flatMap((p: any) => [p.id, ...p.items.map((i: any) => i.id)]);
      expect(ids).toContain(anchor);
      const para = await getJson(`${portal.url}/api/paragraphs/${anchor}`);
      expect(para.body.url).toBe(hit.url);
    }
  });

  it('returns a notice with all its paragraphs in order', async () => {
    const { body: s } = await getJson(`${portal.url}/api/search?q=${encodeURIComponent('宽甸')}`);
    const { status, body } = await getJson(`${portal.url}/api/notices/${s.hits[0].noticeId}`);
    expect(status).toBe(200);
    expect(body.paragraphs.map((p: any) => p.seq)).toEqual(body.paragraphs.map((_: any, i: number) => i));
    const original = fs.readFileSync(path.join(import.meta.dirname, '../../corpus/samples', body.sources[0].fileName), 'utf8');
    // Every paragraph's text is published text, in the published order.
    let from = 0;
    for (const p of body.paragraphs) {
      const at = original.indexOf(p.text.slice(0, 12), from);
      expect(at, p.text.slice(0, 20)).toBeGreaterThanOrEqual(0);
      from = at;
    }
  });

  it('answers bad input with 400 naming the parameter, and unknown ids with 404', async () => {
    const long = await getJson(`${portal.url}/api/search?q=${'党'.repeat(500)}`);
    expect(long.status).toBe(400);
    expect(long.body.error.param).toBe('q');
    const mode = await getJson(`${portal.url}/api/search?q=x&mode=fuzzy`);
    expect(mode.status).toBe(400);
    expect(mode.body.error.param).toBe('mode');
    const unknown = await getJson(`${portal.url}/api/search?q=x&color=red`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe('color');
    expect((await getJson(`${portal.url}/api/notices/nDoesNotExist`)).status).toBe(404);
    expect((await getJson(`${portal.url}/api/notices/${encodeURIComponent('../etc/passwd')}`)).status).toBe(400);
  });

  it('reports health with the embedded Meilisearch and the counts', async () => {
    const { status, body } = await getJson(`${portal.url}/api/health`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', meilisearch: { mode: 'embedded', available: true, version: '1.21.0' } });
    expect(body.notices).toBe(2);
  });

  it('serves the web app for client-side routes', async () => {
    const res = await fetch(`${portal.url}/notices/whatever`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
  });

  it("sends the page's scripts brotli- or gzip-compressed to browsers that accept it, the same bytes once unpacked", async () => {
    const html = await (await fetch(portal.url)).text();
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)![1]!;
    // node:http, not fetch: fetch asks for compression itself and unpacks what it gets.
    const raw = (encoding?: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(`${portal.url}${script}`, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    const plain = await raw();
    const br = await raw('gzip, deflate, br');
    const gz = await raw('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    for (const r of [br, gz]) {
      expect(r.headers['content-type']).toMatch(/javascript/);
      expect(r.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it('sends the security headers with every kind of answer: search, bad input, unknown endpoint, web app', async () => {
    for (const p of [`/api/search?q=${encodeURIComponent('党费')}`, '/api/search?page=0', '/api/nope', '/notices/whatever']) {
      const res = await fetch(`${portal.url}${p}`);
      await res.arrayBuffer();
      expect(res.headers.get('x-content-type-options'), p).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), p).toBe('DENY');
      expect(res.headers.get('referrer-policy'), p).toBe('no-referrer');
      expect(res.headers.get('content-security-policy'), p).toContain("script-src 'self'");
      expect(res.headers.get('access-control-allow-origin'), p).toBeNull();
    }
  });
});

describe('process lifecycle', () => {
  it('Ctrl-C stops Meilisearch too, and a restart keeps the data without reloading samples', async () => {
    const state = JSON.parse(fs.readFileSync(path.join(portal.dataDir, 'meili.json'), 'utf8'));
    expect(isAlive(state.pid)).toBe(true);
    expect(fs.statSync(path.join(portal.dataDir, 'meili.key')).mode & 0o777).toBe(0o600);
    const { body: before } = await getJson(`${portal.url}/api/search?q=${encodeURIComponent('党费')}`);
    expect(await portal.stop('SIGINT')).toBe(0);
    expect(isAlive(state.pid)).toBe(false);

    portal = await startPortal({ dataDir: portal.dataDir });
    expect(portal.logs.join('')).not.toContain('loaded the sample corpus');
    const { body: after } = await getJson(`${portal.url}/api/search?q=${encodeURIComponent('党费')}`);
    expect(after.hits.map((h: any) => h.id)).toEqual(before.hits.map((h: any) => h.id));
  });
});
