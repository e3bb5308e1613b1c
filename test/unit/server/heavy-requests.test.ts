/**
 * Rate limiting by cost (issue 25, finding 4): one client's parallel exports must not hold the
 * Meilisearch queue every user's search waits in. A client has at most half of Meilisearch's
 * concurrent searches in exports (two with SEARCH_CONCURRENCY=4, one with 2); one more is
 * refused at once with Retry-After, and another client's search is served meanwhile.
 */
import { describe, expect, it } from 'vitest';
import type { SearchStore } from '../../../meili/search-types.ts';
import { heavyRoutes } from '../../../server/http/rate-limit.ts';
import { SearchContext } from '../../../server/search/context.ts';
import { fromAddress, testApp } from '../../support/api-app.ts';

/**
 * A search store whose answers wait until `release()`: an export under way stays under way.
 * Every query answers one page of one hit (and the export's next page none).
 */
function heldStore() {
  const waiting: (() => void)[] = [];
  let held = true;
  const store = {
    multiSearch: async (queries: { indexUid: string; page?: number }[]) => {
      if (held) await new Promise<void>((r) => waiting.push(r));
      return queries.map(() => ({ hits: [], totalHits: 0, totalPages: 0, page: 1, hitsPerPage: 20, facetDistribution: {} }));
    },
  } as unknown as SearchStore;
  return {
    search: new SearchContext(store),
    release() {
      held = false;
      for (const r of waiting.splice(0)) r();
    },
    waiting: () => waiting.length,
  };
}

/** The app with RATE_LIMIT's default and `cores` searches in Meilisearch at once. */
const app = (search: SearchContext, cores = 4) =>
  testApp({ search, rateLimit: { perMinute: 600, burst: 60, trustProxy: false, heavy: heavyRoutes(cores) } });

describe('heavy requests per client', () => {
  it("refuses a client's third concurrent export with 429 and Retry-After, while another client's search is served", async () => {
    const held = heldStore();
    const api = app(held.search);
    const exports = [1, 2].map(() => api.request('/api/export?q=整改', {}, fromAddress('10.0.0.1')));
    // Both exports reach Meilisearch (and wait there) before the third is sent.
    while (held.waiting() < 2) await new Promise((r) => setTimeout(r, 5));

    const third = await api.request('/api/export?q=整改', {}, fromAddress('10.0.0.1'));
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await third.json()).error.code).toBe('rate_limited');

    // Another client's export and search are not held back by the first client's count.
    const otherExport = api.request('/api/export?q=整改', {}, fromAddress('10.0.0.2'));
    held.release();
    const search = await api.request('/api/search?q=整改', {}, fromAddress('10.0.0.2'));
    expect(search.status).toBe(200);
    for (const r of [...(await Promise.all(exports)), await otherExport]) {
      expect(r.status).toBe(200);
      await r.text();
    }
    // Finished exports give their slots back.
    const again = await api.request('/api/export?q=整改', {}, fromAddress('10.0.0.1'));
    expect(again.status).toBe(200);
    await again.text();
  });

  it('allows one export at a time per client with two searches in Meilisearch at once', async () => {
    const held = heldStore();
    const api = app(held.search, 2);
    const first = api.request('/api/export?q=整改', {}, fromAddress('10.0.0.1'));
    while (held.waiting() < 1) await new Promise((r) => setTimeout(r, 5));
    const second = await api.request('/api/export?q=整改', {}, fromAddress('10.0.0.1'));
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = api.request('/api/export?q=整改', {}, fromAddress('10.0.0.2'));
    held.release();
    for (const r of [await first, await other]) {
      expect(r.status).toBe(200);
      await r.text();
    }
  });

  it('gives the slot back when the client abandons an export', async () => {
    const held = heldStore();
    const api = app(held.search);
    const controllers = [new AbortController(), new AbortController()];
    const pending = controllers.map((ac) =>
      Promise.resolve(api.request('/api/export?q=整改', { signal: ac.signal }, fromAddress('10.0.0.1'))).catch(() => undefined),
    );
    while (held.waiting() < 2) await new Promise((r) => setTimeout(r, 5));
    for (const ac of controllers) ac.abort();
    held.release();
    await Promise.all(pending);
    const next = await api.request('/api/export?q=整改', {}, fromAddress('10.0.0.1'));
    expect(next.status).toBe(200);
    await next.text();
  });

  it('counts an export as several requests against the rate', async () => {
    const held = heldStore();
    held.release();
    const api = testApp({ search: held.search, rateLimit: { perMinute: 60, burst: 20, trustProxy: false, heavy: heavyRoutes(4) } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await api.request('/api/export?q=整改', {}, fromAddress('10.0.0.1'));
      statuses.push(r.status);
      await r.text();
    }
    // A burst of 20 holds two exports of 10; twenty searches would all have passed.
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('counts a did-you-mean as the searches it may run', async () => {
    const held = heldStore();
    held.release();
    const api = testApp({ search: held.search, rateLimit: { perMinute: 60, burst: 20, trustProxy: false, heavy: heavyRoutes(4) } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.request('/api/suggest?q=党废', {}, fromAddress('10.0.0.1'))).status);
    // Up to 8 counts each: a burst of 20 holds two.
    expect(statuses).toEqual([200, 200, 429]);
  });
});
