/**
 * GET /api/health tells the operator when archived notices cannot be found or Meilisearch's
 * tasks fail (issue 25: a full disk left 217 notices unsearchable while health said ok), and a
 * 503 from it says when to ask again.
 */
import { describe, expect, it } from 'vitest';
import type { FailedTasks } from '../../../meili/index-store.ts';
import type { SearchStore } from '../../../meili/search-types.ts';
import { SearchContext } from '../../../server/search/context.ts';
import { healthProbe } from '../../../server/search/health.ts';
import { testApp } from '../../support/api-app.ts';

/** A probe over stand-ins: `indexed` notices in the index, `archived` in the archive. */
function probe(s: { archived: number; indexed: number; pending?: number; failed?: FailedTasks; meiliDown?: boolean }) {
  const store = {
    multiSearch: async () => {
      if (s.meiliDown) throw new Error('connect ECONNREFUSED 127.0.0.1:7700');
      return [{ totalHits: s.indexed }, { totalHits: s.indexed * 20 }];
    },
  } as unknown as SearchStore;
  return healthProbe({
    mode: 'embedded',
    search: new SearchContext(store),
    archived: () => s.archived,
    admin: {
      version: async () => '1.21.0',
      pendingTasks: async () => s.pending ?? 0,
      failedTasks: async () => s.failed ?? { count: 0 },
    },
  });
}

describe('health', () => {
  it('is ok when every archived notice is searchable', async () => {
    const h = await probe({ archived: 43, indexed: 43 })();
    expect(h).toMatchObject({ status: 'ok', notices: 43, archived: 43 });
    expect(h.reason).toBeUndefined();
  });

  it('is degraded, saying how many, when archived notices are not in the index and Meilisearch has nothing left to do', async () => {
    const h = await probe({ archived: 260, indexed: 43 })();
    expect(h.status).toBe('degraded');
    expect(h.reason).toContain('217');
    expect(h).toMatchObject({ notices: 43, archived: 260 });
  });

  it('is ok while the notices still missing are on their way (tasks pending)', async () => {
    expect((await probe({ archived: 50, indexed: 43, pending: 2 })()).status).toBe('ok');
  });

  it('is degraded with the last error when Meilisearch tasks failed', async () => {
    const h = await probe({
      archived: 43,
      indexed: 43,
      failed: { count: 3, last: 'documentAdditionOrUpdate: No space left on device (os error 28)' },
    })();
    expect(h.status).toBe('degraded');
    expect(h.reason).toContain('No space left on device');
    expect(h.reason).toContain('3');
  });

  it('answers 503 with Retry-After when down', async () => {
    const app = testApp({ health: probe({ archived: 1, indexed: 1, meiliDown: true }) });
    const res = await app.request('/api/health');
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json()).status).toBe('down');
  });

  it('answers 200 when degraded: the portal still serves', async () => {
    const res = await testApp({ health: probe({ archived: 260, indexed: 43 }) }).request('/api/health');
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('degraded');
  });
});
