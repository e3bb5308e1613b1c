/**
 * GET /api/health against a real Meilisearch (issue 25, finding 5: with the disk full, health
 * said ok while 217 archived notices could not be found). Here a notice is taken out of the
 * index behind the portal's back, and a document Meilisearch refuses is sent: health turns
 * degraded, saying why, and the portal keeps serving.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeiliClient } from '../../meili/client.ts';
import { SingleIndexStore } from '../../meili/single-store.ts';
import { anyOf } from '../../schema/filter.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import { startPortal, type Portal } from '../../server/portal.ts';
import { scratchSpace } from '../support/scratch.ts';

const { temp } = scratchSpace();
let portal: Portal;
let dataDir: string;
let meili: SingleIndexStore;

beforeAll(async () => {
  dataDir = temp('health-');
  portal = await startPortal({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    rateLimitPerMinute: 0,
    trustProxy: false,
    searchConcurrency: 2,
    webDist: '',
    log: () => {},
    requestLog: () => {},
  });
  const { port } = JSON.parse(fs.readFileSync(path.join(dataDir, 'meili.json'), 'utf8')) as { port: number };
  meili = new SingleIndexStore(
    new MeiliClient({ url: `http://127.0.0.1:${port}`, apiKey: fs.readFileSync(path.join(dataDir, 'meili.key'), 'utf8').trim() }),
  );
}, 120_000);
afterAll(async () => {
  meili?.close();
  await portal?.close();
});

const health = async () => {
  const res = await fetch(`http://127.0.0.1:${portal.port}/api/health`);
  return { status: res.status, body: await res.json() };
};

describe('health', () => {
  it('is ok with every archived notice searchable', async () => {
    const h = await health();
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'ok' });
    expect(h.body.archived).toBeGreaterThan(0);
    expect(h.body.notices).toBe(h.body.archived);
  });

  it('is degraded, with how many, when an archived notice is missing from the index', async () => {
    const id = fs.readdirSync(path.join(dataDir, 'archive', 'notices'))[0]!.replace(/\.json$/, '');
    await meili.waitForTask(await meili.deleteDocuments(NOTICES_INDEX, anyOf('id', [id])));
    await meili.waitForTask(await meili.deleteDocuments(PARAGRAPHS_INDEX, anyOf('noticeId', [id])));
    const h = await health();
    expect(h.status).toBe(200);
    expect(h.body.status).toBe('degraded');
    expect(h.body.reason).toContain('1 份通报无法检索');
    expect(h.body.notices).toBe(h.body.archived - 1);
  });

  it('is degraded with Meilisearch’s error when a task failed', async () => {
    const task = await meili.addDocuments(NOTICES_INDEX, [{ id: 'not a valid id!' }]);
    expect((await meili.waitForTask(task).catch((e: Error) => ({ status: 'failed', error: e.message }))).status).toBe('failed');
    const h = await health();
    expect(h.body.status).toBe('degraded');
    expect(h.body.reason).toMatch(/1 个任务失败.*documentAdditionOrUpdate/);
  });
});
