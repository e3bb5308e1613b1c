/**
 * What a reader meets in the portal (issue 24), against the real portal process with the
 * sample notices: a hit shows the items that hold the words searched, a paragraph is answered
 * whole, exports hold whole paragraphs under Chinese headers, did-you-mean offers the
 * archive's words with their counts, and a URL with raw UTF-8 (as curl sends it) is read,
 * while every refusal says what is wrong.
 */
import net from 'node:net';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startPortal, type Portal } from '../support/portal.ts';

let portal: Portal;
const api = (path: string) => getJson(`${portal.url}${path}`);
const qs = (o: Record<string, string | string[]>) => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) for (const x of [v].flat()) u.append(k, x);
  return u.toString();
};

/** A request written byte for byte as curl writes it: the URL's UTF-8 as is, not percent-encoded. */
function rawRequest(target: string, method = 'GET'): Promise<{ status: number; headers: string; body: string }> {
  const { port } = new URL(portal.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(
        Buffer.from(`${method} ${target} HTTP/1.1\r\nHost: localhost:${port}\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n`, 'utf8'),
      );
    });
    const chunks: Buffer[] = [];
    socket.on('data', (d) => {
      chunks.push(d);
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text.slice(0, split));
      // Whole once the body has its announced length (answers here are not chunked), or when the server closes.
      if (split >= 0 && length && Buffer.byteLength(text.slice(split + 4)) >= Number(length[1])) socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      resolve({ status: Number(text.slice(9, 12)), headers: text.slice(0, split), body: text.slice(split + 4) });
    });
  });
}

beforeAll(async () => {
  portal = await startPortal({ env: { RATE_LIMIT: '0' } });
}, 120_000);
afterAll(async () => {
  await portal?.stop();
  fs.rmSync(portal.dataDir, { recursive: true, force: true });
});

describe('a hit shows why it matched', () => {
  it('searching 基层党组织, then 党费 within the results, shows the lead and the item that holds 党费, marked', async () => {
    const { body } = await api(`/api/search?${qs({ q: ['基层党组织', '党费'] })}`);
    const hit = body.hits.find((h: any) => h.passages.some((p: any) => p.itemLabel === '四是' && p.snippet.includes('<mark>党费</mark>')));
    expect(hit, JSON.stringify(body.hits.map((h: any) => h.passages))).toBeDefined();
    // First the lead, which holds 基层党组织, then the item.
    expect(hit.passages.map((p: any) => p.itemLabel ?? 'lead')).toEqual(['lead', '四是']);
    expect(hit.passages[0].snippet).toMatch(/^3\.<mark>基层/);
    // The notices view shows the same passages under each notice.
    const notices = (await api(`/api/search?${qs({ q: ['基层党组织', '党费'], view: 'notices' })}`)).body;
    const shown = notices.noticeHits.flatMap((n: any) => n.paragraphs).find((h: any) => h.paragraphId === hit.paragraphId);
    expect(shown.passages.map((p: any) => p.id)).toEqual(hit.passages.map((p: any) => p.id));
  });

  it('GET /api/paragraphs/:id answers a paragraph whole, and an item as itself with its paragraph', async () => {
    const { body } = await api(`/api/search?${qs({ q: '退休党员补缴了所欠党费', mode: 'exact' })}`);
    const hit = body.hits[0];
    const whole = (await api(`/api/paragraphs/${hit.paragraphId}`)).body;
    expect(whole.kind).toBe('paragraph');
    expect(whole.text).toBe(
      '3.基层党组织建设有差距方面。' +
        whole.segments
          .slice(1)
          .map((s: any) => s.text)
          .join(''),
    );
    expect(whole.text).toContain('四是退休党员补缴了所欠党费。');
    expect(whole.segments.map((s: any) => s.itemLabel ?? '')).toEqual(['', '一是', '二是', '三是', '四是']);
    const item = (await api(`/api/paragraphs/${hit.id}`)).body;
    expect(item).toMatchObject({
      kind: 'item',
      id: hit.id,
      paragraphId: hit.paragraphId,
      text: '四是退休党员补缴了所欠党费。',
      itemLabel: '四是',
    });
    expect(item.paragraphText).toBe(whole.text);
  });
});

describe('exports', () => {
  it('CSV: a BOM, Chinese column names each once, the whole paragraph and the items that matched', async () => {
    const bytes = new Uint8Array(await (await fetch(`${portal.url}/api/export?${qs({ q: '党费' })}`)).arrayBuffer());
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const names = header!.split(',').map((c) => c.slice(1, -1));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['通报ID', '段落ID', '段落全文', '命中位置', '链接']));
    // The lead-less paragraph of sample 000: every item with its amounts, not only the first.
    const dues = rows.find((r) => r.includes('2369元'))!;
    expect(dues).toMatch(/"一是.*二是.*三是.*四是党员同志补缴/);
    expect(dues).toContain('"四是"');
    const { body } = await api(`/api/search?${qs({ q: '党费', perPage: '100' })}`);
    expect(rows).toHaveLength(body.total);
  });

  it('JSON: the API field names, the whole paragraph and which items matched', async () => {
    const rows = (await api(`/api/export?${qs({ q: '党费', format: 'json' })}`)).body;
    const dues = rows.find((r: any) => r.paragraphText.includes('2369元'));
    expect(dues.paragraphText).toMatch(/^一是.*四是党员同志补缴/s);
    expect(dues.matched.map((m: any) => m.itemLabel)).toEqual(['四是']);
    expect(dues.url).toBe(`${portal.url}/notices/${dues.noticeId}#${dues.matched[0].id}`);
    expect(Object.keys(dues)).not.toContain('id');
  });
});

describe('did you mean', () => {
  it('offers 党费 for 党废, with the number of paragraphs the search finds with it', async () => {
    expect((await api(`/api/search?${qs({ q: '党废' })}`)).body.total).toBeLessThan(3);
    const { status, body } = await api(`/api/suggest?${qs({ q: '党废' })}`);
    expect(status).toBe(200);
    expect(body.suggestions[0]).toMatchObject({ clause: 0, from: '党废', to: '党费', q: '党费', via: 'pinyin' });
    expect(body.suggestions[0].count).toBe((await api(`/api/search?${qs({ q: '党费' })}`)).body.total);
    // Counted with the other clauses and the filters.
    const within = (await api(`/api/suggest?${qs({ q: ['补缴', '党废'] })}`)).body.suggestions[0];
    expect(within).toMatchObject({ clause: 1, q: '党费' });
    expect(within.count).toBe((await api(`/api/search?${qs({ q: ['补缴', '党费'] })}`)).body.total);
    for (const s of body.suggestions) expect(s.count).toBeGreaterThan(0);
  });
});

describe('raw UTF-8 in the request line, and refusals with a body', () => {
  it('reads a URL with raw UTF-8 as curl sends it', async () => {
    const raw = await rawRequest('/api/search?q=党费');
    expect(raw.status).toBe(200);
    const encoded = (await api(`/api/search?${qs({ q: '党费' })}`)).body;
    expect(JSON.parse(raw.body).total).toBe(encoded.total);
    const page = await rawRequest('/?q=党费');
    expect(page.status).not.toBe(400);
    expect(page.body.length).toBeGreaterThan(0);
  });

  it('says what is wrong with every 4xx: JSON for the API, text for pages', async () => {
    const unknown = await rawRequest('/api/search?q=党费&bogus=1');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error).toMatchObject({ code: 'invalid_parameter', param: 'bogus' });
    const missing = await rawRequest('/api/nothing?q=党费');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.message).toContain('/api/nothing');
    // What the HTTP parser itself refuses: a space in the address.
    const spaced = await rawRequest('/api/search?q=党 费');
    expect(spaced.status).toBe(400);
    expect(JSON.parse(spaced.body).error.message).toContain('%20');
    const page = await rawRequest('/notices/a b');
    expect(page.status).toBe(400);
    expect(page.headers).toMatch(/content-type: text\/plain; charset=utf-8/i);
    expect(page.body).toContain('%20');
  });
});
