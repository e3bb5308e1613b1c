/**
 * The API is defined once (server/routes/): /api/openapi.json is generated from the same
 * route objects that validate the requests, so it must be a valid OpenAPI 3.1 document with
 * every $ref resolvable, and must name every route the app serves under /api.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../support/api-app.ts';

const app = testApp({ adminToken: 'test-admin-token-0123456789' });
const documentOf = async () => (await app.request('/api/openapi.json')).json();

describe('GET /api/openapi.json', () => {
  it('validates as OpenAPI 3.1 with every $ref resolvable', async () => {
    const doc = await documentOf();
    expect(doc.openapi).toBe('3.1.0');
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });

  it('documents every route the app serves under /api, and nothing it does not serve', async () => {
    const doc = await documentOf();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    // Middleware (`/api/*`, `/api/admin/*`) and the catch-all 404 are no routes of their own.
    const served = [
      ...new Set(app.routes.filter((r) => r.path.startsWith('/api/') && !r.path.endsWith('*')).map((r) => `${r.method} ${r.path}`)),
    ];
    expect(served.length).toBeGreaterThanOrEqual(18);
    expect([...documented].sort()).toEqual([...served].sort());
  });

  it('describes the parameters as the server takes them, limits included', async () => {
    const doc = await documentOf();
    const params = (path: string) =>
      Object.fromEntries(doc.paths[path].get.parameters.map((p: { name: string; schema: unknown }) => [p.name, p.schema]));
    const search = params('/api/search');
    expect(Object.keys(search)).toEqual(
      expect.arrayContaining([
        'q',
        'mode',
        'scope',
        'view',
        'unit',
        'region',
        'category',
        'year',
        'yearFrom',
        'yearTo',
        'level',
        'notice',
        'sort',
        'page',
        'perPage',
        'unitFacetLimit',
      ]),
    );
    expect(search.unit).toMatchObject({ type: 'array', maxItems: 50 });
    expect(search.perPage).toMatchObject({ minimum: 1, maximum: 100 });
    // /api/analyze once took a longer q than its documentation said.
    expect(params('/api/analyze').q).toMatchObject({ type: 'string', maxLength: 200 });
    const analyzed = await app.request(`/api/analyze?q=${'党'.repeat(201)}`);
    expect(analyzed.status).toBe(400);
  });

  it('marks the admin routes as needing the bearer token', async () => {
    const doc = await documentOf();
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/admin/reindex'].post.security).toEqual([{ bearer: [] }]);
  });

  it('renders the same document as a page without scripts', async () => {
    const res = await app.request('/api/docs');
    const html = await res.text();
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('GET /api/search');
    expect(html).toContain('DELETE /api/admin/notices/{id}');
    expect(html).not.toContain('<script');
  });
});
