/**
 * The API's behaviour at the edge, in-process (no portal process, no Meilisearch): rate
 * limiting per client, admin authentication, security headers, and the error bodies.
 */
import { SearchContext } from '../../../server/search/context.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MeiliUnavailableError } from '../../../meili/client.ts';
import { SearchOverloadedError } from '../../../server/search/gate.ts';
import { fromAddress, testApp } from '../../support/api-app.ts';

describe('rate limit', () => {
  // 60 a minute is one a second: after the burst of 3 the next request must wait about a second.
  const limited = (trustProxy: boolean) => testApp({ rateLimit: { perMinute: 60, burst: 3, trustProxy } });
  const get = (app: ReturnType<typeof testApp>, address: string, forwardedFor?: string) =>
    app.request('/api/taxonomy', { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} }, fromAddress(address));

  it('answers 429 with Retry-After after the burst, per client address', async () => {
    const app = limited(false);
    for (let i = 0; i < 3; i++) expect((await get(app, '10.0.0.1')).status).toBe(200);
    const refused = await get(app, '10.0.0.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).error.code).toBe('rate_limited');
    // Another client has its own bucket.
    expect((await get(app, '10.0.0.2')).status).toBe(200);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: a client cannot pose as many', async () => {
    const app = limited(false);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(app, '10.0.0.1', `192.0.2.${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('with TRUST_PROXY takes the client from the last X-Forwarded-For entry, the one the proxy appended', async () => {
    const app = limited(true);
    // All through one proxy (one socket address), from different clients.
    for (let i = 0; i < 4; i++) expect((await get(app, '127.0.0.1', `192.0.2.${i}`)).status).toBe(200);
    // Entries before the last one are the client's own say, and change nothing.
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(app, '127.0.0.1', `198.51.100.${i}, 203.0.113.7`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('limits the API only, not the web app', async () => {
    const app = limited(false);
    for (let i = 0; i < 6; i++) expect((await app.request('/', {}, fromAddress('10.0.0.1'))).status).not.toBe(429);
  });
});

describe('admin authentication', () => {
  const token = 'test-admin-token-0123456789';
  const admin = (app: ReturnType<typeof testApp>, method: string, route: string, authorization?: string, body?: BodyInit) =>
    app.request(`/api/admin${route}`, { method, body, headers: authorization ? { authorization } : {} });

  it('is disabled (403) without ADMIN_TOKEN, whatever is sent', async () => {
    const app = testApp();
    for (const [method, route] of [
      ['POST', '/notices'],
      ['DELETE', '/notices/n123'],
      ['POST', '/reindex'],
      ['GET', '/reindex'],
      ['GET', '/anything'],
    ] as const) {
      const res = await admin(app, method, route, 'Bearer anything-at-all-here');
      expect(res.status, `${method} ${route}`).toBe(403);
      expect((await res.json()).error.code).toBe('admin_disabled');
    }
  });

  it('refuses a missing or wrong Bearer token with 401', async () => {
    const app = testApp({ adminToken: token });
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', token.slice(1), `Basic ${token}`]) {
      const res = await admin(app, 'GET', '/reindex', authorization);
      expect(res.status, String(authorization)).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
    }
    // Before any validation: a bad id is not told apart from a good one.
    expect((await admin(app, 'DELETE', '/notices/bad id')).status).toBe(401);
  });

  it('lets the right token through, to the routes’ own checks', async () => {
    const app = testApp({ adminToken: token });
    const progress = await admin(app, 'GET', '/reindex', `Bearer ${token}`);
    expect(progress.status).toBe(200);
    expect(await progress.json()).toEqual({ running: false, done: 0, total: 0 });
    const badId = await admin(app, 'DELETE', '/notices/bad-id', `Bearer ${token}`);
    expect(badId.status).toBe(400);
    expect((await badId.json()).error.param).toBe('id');
    expect((await admin(app, 'POST', '/notices', `Bearer ${token}`, '{}')).status).toBe(415);
    const empty = new FormData();
    empty.append('other', 'x');
    const noFiles = await admin(app, 'POST', '/notices', `Bearer ${token}`, empty);
    expect(noFiles.status).toBe(400);
    expect((await noFiles.json()).error.param).toBe('files');
  });
});

describe('security headers', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'web-dist-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>检索</title>');
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));
  const app = testApp({ webDist: dist });

  it.each(['/api/health', '/api/taxonomy', '/api/nope', '/api/search?bogus=1', '/', '/notices/n123', '/api/docs'])(
    'are on %s',
    async (route) => {
      const res = await app.request(route);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  it('serve the app shell for client-side routes', async () => {
    expect(await (await app.request('/notices/n123')).text()).toContain('<title>检索</title>');
  });
});

describe('error bodies', () => {
  const app = testApp();
  const error = async (route: string) => {
    const res = await app.request(route);
    return { status: res.status, error: (await res.json()).error, retryAfter: res.headers.get('retry-after') };
  };

  it.each([
    ['/api/search?bogus=1', 'bogus'],
    ['/api/search?view=notices&view=paragraphs', 'view'],
    ['/api/search?perPage=101', 'perPage'],
    ['/api/search?page=10000&perPage=100', 'page'],
    ['/api/search?q=a&q=b&q=c&q=d&q=e&q=f', 'q'],
    ['/api/search?year=1800', 'year'],
    ['/api/facets/color', 'field'],
    ['/api/facets/unit?parent=辽宁省', 'parent'],
    ['/api/facets/unit?limit=0', 'limit'],
    ['/api/analyze?mode=exact', 'q'],
    ['/api/analyze?q=a&q=b', 'q'],
    ['/api/notices?perPage=0', 'perPage'],
    ['/api/notices/not-an-id', 'id'],
    ['/api/notices/n123/sources/abc', 'sha'],
    ['/api/paragraphs/a-b', 'id'],
    ['/api/export?unitFacetLimit=5', 'unitFacetLimit'],
    ['/api/export?format=xml', 'format'],
    ['/api/feed.atom?view=notices', 'view'],
    ['/api/stats?sort=date', 'sort'],
  ])('%s: 400 naming %s', async (route, param) => {
    const { status, error: e } = await error(route);
    expect(status).toBe(400);
    expect(e).toMatchObject({ code: 'invalid_parameter', param });
    expect(e.message).toMatch(/[\u3400-\u9fff].*\(.*[a-z].*\)/u); // Chinese, then English in brackets
  });

  it('404 as JSON for an unknown notice and an unknown endpoint', async () => {
    expect(await error('/api/notices/n123')).toMatchObject({ status: 404, error: { code: 'not_found' } });
    expect(await error('/api/notices/n123/related')).toMatchObject({ status: 404, error: { code: 'not_found' } });
    expect(await error(`/api/notices/n123/sources/${'0'.repeat(64)}`)).toMatchObject({ status: 404, error: { code: 'not_found' } });
    expect(await error('/api/nope')).toMatchObject({ status: 404, error: { code: 'not_found' } });
  });

  it('503 with Retry-After when Meilisearch is unavailable or searches queue too long', async () => {
    for (const failure of [new MeiliUnavailableError('down'), new SearchOverloadedError('busy')]) {
      // A search store that fails as Meilisearch (or the gate) would.
      const search = new SearchContext({
        multiSearch: async () => {
          throw failure;
        },
      });
      const res = await testApp({ search }).request('/api/search?q=党费');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect((await res.json()).error.code).toMatch(/^(search_unavailable|overloaded)$/);
    }
  });

  it('503 from health when down, with the health body', async () => {
    const res = await testApp({
      health: async () => ({ status: 'down', reason: 'x', meilisearch: { mode: 'embedded', available: false } }),
    }).request('/api/health');
    expect(res.status).toBe(503);
    expect((await res.json()).status).toBe('down');
  });
});
