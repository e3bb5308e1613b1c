import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeiliClient, MeiliError, MeiliUnavailableError } from '../../../meili/client.ts';

/** A stand-in for Meilisearch's HTTP surface: what the client sends, and answers it chooses. */
const seen: { method: string; url: string; auth?: string; body: string }[] = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => {
    body += c;
  });
  req.on('end', () => {
    seen.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body });
    if (req.url!.endsWith('/missing'))
      return res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: 'Index `x` not found.', code: 'index_not_found' }));
    if (req.url!.endsWith('/broken')) return res.writeHead(502).end('<html>bad gateway</html>');
    if (req.url!.endsWith('/slow')) return;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, echo: body ? JSON.parse(body) : null }));
  });
});
let origin = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('Meilisearch client', () => {
  it('sends JSON with the key, below the path of a Meilisearch behind a reverse proxy', async () => {
    const client = new MeiliClient({ url: `${origin}/meili/`, apiKey: 'k1' });
    const r = await client.request<{ echo: unknown }>('POST', '/multi-search', { queries: [{ q: '党费' }] });
    expect(r.echo).toEqual({ queries: [{ q: '党费' }] });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/meili/multi-search', auth: 'Bearer k1' });
    await new MeiliClient({ url: origin }).request('GET', '/health?x=1');
    expect(seen.at(-1)).toMatchObject({ url: '/health?x=1', auth: undefined });
    client.close();
  });

  it("tells Meilisearch's refusals from Meilisearch being unavailable", async () => {
    const client = new MeiliClient({ url: origin, timeoutMs: 300 });
    const missing = await client.request('GET', '/indexes/x/missing').catch((e) => e);
    expect(missing).toBeInstanceOf(MeiliError);
    expect(missing).toMatchObject({ status: 404, code: 'index_not_found', message: 'Index `x` not found.' });
    await expect(client.request('GET', '/broken')).rejects.toThrow(MeiliUnavailableError);
    await expect(client.request('GET', '/slow')).rejects.toThrow(/no answer within 300 ms/);
    await expect(new MeiliClient({ url: 'http://127.0.0.1:1' }).request('GET', '/health')).rejects.toThrow(MeiliUnavailableError);
    expect(() => new MeiliClient({ url: 'ftp://127.0.0.1' })).toThrow(/http:\/\/ or https:\/\//);
    client.close();
  });
});
