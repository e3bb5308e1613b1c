/**
 * Issue 25's informational findings: the admin token only in `Authorization: Bearer …`, and the
 * names of JavaScript's object internals refused as query parameters like any other unknown one.
 */
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/api-app.ts';

describe('admin token', () => {
  const token = 'test-admin-token-0123456789';

  it('is refused without the Bearer scheme', async () => {
    const app = testApp({ adminToken: token });
    for (const authorization of [token, ` ${token}`, `Token ${token}`, `Bearer`, `Bearer `]) {
      const res = await app.request('/api/admin/reindex', { headers: { authorization } });
      expect(res.status, JSON.stringify(authorization)).toBe(401);
    }
    expect((await app.request('/api/admin/reindex', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await app.request('/api/admin/reindex', { headers: { authorization: `bearer  ${token}` } })).status).toBe(200);
  });
});

describe('object internals as query parameters', () => {
  // Every route with a query schema; the search stand-in is never reached: validation refuses first.
  const routes = [
    '/api/search?q=整改',
    '/api/notices?',
    '/api/stats?',
    '/api/facets/unit?',
    '/api/export?',
    '/api/feed.atom?',
    '/api/analyze?q=整改',
  ];
  for (const name of ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', '__proto__[x]'])
    it(`refuses ${name} like any unknown parameter`, async () => {
      const app = testApp();
      for (const route of routes) {
        const res = await app.request(`${route}&${encodeURIComponent(name)}=x`);
        expect(res.status, route).toBe(400);
        expect((await res.json()).error, route).toMatchObject({ code: 'invalid_parameter', param: name });
      }
    });
});
