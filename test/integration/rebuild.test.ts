/**
 * Rebuilding the index keeps search up: the admin reindex and `npm run reindex` build new
 * indexes beside the live ones and swap them in, so a portal searched all along answers every
 * search with the full result; a half-built index left by an interrupted rebuild is thrown
 * away, never swapped in; two rebuilds never run at once.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { MeiliClient, MeiliError } from '../../meili/client.ts';
import { SingleIndexStore } from '../../meili/single-store.ts';
import { startEmbeddedMeili } from '../../meili/embedded.ts';
import { NEXT_INDEXES, PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import { ensureIndexes } from '../../meili/indexes.ts';
import { SCHEMA_VERSION, readArchiveMarker, readMeiliMarker } from '../../meili/schema-version.ts';
import { Archive } from '../../indexer/archive/store.ts';
import { ingestFiles } from '../../indexer/ingest.ts';
import { drainTasks, expectedParagraphs, indexContent, type IndexContent } from '../../ops/common.ts';
import { ROOT, getJson, startPortal, type Portal } from '../support/portal.ts';
import { SEED_003, variantCorpus, variantOf000, writeCorpus } from '../support/corpus.ts';
import { scratchSpace } from '../support/scratch.ts';

const run = promisify(execFile);
const { dirs, portals, temp } = scratchSpace();
const TOKEN = 'rebuild-test-admin-token-0123456789';
const NOTICES = 21;

/** Searches of several kinds: words, exact, the notices view, a filter, scopes. */
const SEARCHES = [
  'q=党费',
  'q=2369&mode=exact',
  'q=整改&view=notices',
  'q=整改&year=2021',
  'q=整改&scope=measures',
  'q=融媒体中心&scope=meta',
  'q=三重一大',
];

let portal: Portal;
/** The portal's own Meilisearch, with the master key. */
let meili: SingleIndexStore;

type Answer = { total: number; ids: string[]; facets: unknown };
type Observed = { search: string; status: number; total?: number; code?: string };

function meiliOf(dataDir: string): SingleIndexStore {
  const { port } = JSON.parse(fs.readFileSync(path.join(dataDir, 'meili.json'), 'utf8')) as { port: number };
  return new SingleIndexStore(
    new MeiliClient({ url: `http://127.0.0.1:${port}`, apiKey: fs.readFileSync(path.join(dataDir, 'meili.key'), 'utf8').trim() }),
  );
}

/** Every hit id (all pages) and the facets, in an order that does not depend on ties. */
async function answer(search: string): Promise<Answer> {
  const ids: string[] = [];
  let first: any;
  for (let page = 1; ; page++) {
    const r = await getJson(`${portal.url}/api/search?${search}&perPage=100&page=${page}`);
    expect(r.status, search).toBe(200);
    first ??= r.body;
    ids.push(...r.body.hits.map((h: { id: string }) => h.id));
    if (page >= r.body.totalPages) break;
  }
  const facets = Object.fromEntries(
    Object.entries(first.facets as Record<string, { value: string; count: number }[]>).map(([k, v]) => [
      k,
      v.map((f) => `${f.value}=${f.count}`).sort(),
    ]),
  );
  return { total: first.total, ids: ids.sort(), facets };
}

async function answers(): Promise<Record<string, Answer>> {
  const out: Record<string, Answer> = {};
  for (const s of SEARCHES) out[s] = await answer(s);
  return out;
}

async function indexUids(): Promise<string[]> {
  return (await meili.client.request<{ results: { uid: string }[] }>('GET', '/indexes?limit=100')).results.map((i) => i.uid).sort();
}

async function exists(uid: string): Promise<boolean> {
  try {
    await meili.client.request('GET', `/indexes/${uid}`);
    return true;
  } catch (e) {
    if (e instanceof MeiliError && e.status === 404) return false;
    throw e;
  }
}

/**
 * Searches one after the other until `finished` says the rebuild is over (checked before each
 * search, so the last search runs after it), noting whether the new indexes existed meanwhile.
 */
async function searchThroughout(finished: () => Promise<boolean> | boolean): Promise<{ observed: Observed[]; duringBuild: number }> {
  const observed: Observed[] = [];
  let duringBuild = 0;
  for (let i = 0; ; i++) {
    const over = await finished();
    const search = SEARCHES[i % SEARCHES.length]!;
    const building = await exists(NEXT_INDEXES.paragraphs);
    const r = await getJson(`${portal.url}/api/search?${search}&perPage=20`);
    observed.push({ search, status: r.status, total: r.body?.total, code: r.body?.error?.code });
    if (building && (await exists(NEXT_INDEXES.paragraphs))) duringBuild++;
    if (over) return { observed, duringBuild };
  }
}

const admin = (method: string, route: string) =>
  fetch(`${portal.url}/api/admin${route}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });

let baseline: Record<string, Answer>;
let content: IndexContent;

beforeAll(async () => {
  const dataDir = temp('rebuild-');
  const corpus = writeCorpus({ ...variantCorpus(NOTICES - 1), 'seed-003.txt': SEED_003 });
  dirs.push(corpus);
  const embedded = await startEmbeddedMeili({ dataDir });
  const client = new SingleIndexStore(new MeiliClient({ url: embedded.url, apiKey: embedded.masterKey }));
  try {
    await ensureIndexes(client);
    const s = await ingestFiles(
      fs
        .readdirSync(corpus)
        .sort()
        .map((f) => path.join(corpus, f)),
      { archive: new Archive(dataDir), client },
    );
    expect(s.added).toBe(NOTICES);
  } finally {
    client.close();
    await embedded.stop();
  }
  portal = await startPortal({ dataDir, env: { LOAD_SAMPLES: '0', RATE_LIMIT: '0', ADMIN_TOKEN: TOKEN } });
  portals.push(portal);
  meili = meiliOf(dataDir);
  baseline = await answers();
  content = await indexContent(meili);
  expect(content.notices).toHaveLength(NOTICES);
  for (const s of SEARCHES) expect(baseline[s]!.total, s).toBeGreaterThan(0);
  return () => meili.close();
}, 180_000);

describe('rebuilding the index', () => {
  it('POST /api/admin/reindex: every search meanwhile answers 200 with the full total; the same results after', async () => {
    // What schema 4 left behind: its one-document-per-item index, which the rebuild deletes.
    await meili.waitForTask(await meili.client.request<{ taskUid: number }>('POST', '/indexes', { uid: 'segments', primaryKey: 'id' }));
    const started = await admin('POST', '/reindex');
    expect(started.status).toBe(202);
    let status: any;
    const { observed, duringBuild } = await searchThroughout(async () => {
      status = await (await admin('GET', '/reindex')).json();
      return !status.running;
    });
    expect(status).toMatchObject({ running: false, result: { notices: NOTICES, paragraphs: content.paragraphs.length } });
    expect(status.error).toBeUndefined();
    // The searches overlapped the build, so they prove something.
    expect(duringBuild).toBeGreaterThan(0);
    expect(observed.filter((o) => o.status !== 200 || o.total !== baseline[o.search]!.total)).toEqual([]);

    expect(await answers()).toEqual(baseline);
    const after = await indexContent(meili);
    expect(after.notices).toEqual(content.notices);
    expect(after.paragraphs).toEqual(content.paragraphs);
    expect(await indexUids()).toEqual(['notices', 'paragraphs', 'portal-meta']);
    expect((await readMeiliMarker(meili))?.schemaVersion).toBe(SCHEMA_VERSION);
    expect(readArchiveMarker(portal.dataDir)?.schemaVersion).toBe(SCHEMA_VERSION);
    expect(fs.existsSync(path.join(portal.dataDir, 'rebuild.lock'))).toBe(false);
  }, 180_000);

  it('npm run reindex after an interrupted rebuild: the half-built index and the dead lock are discarded, search stays up', async () => {
    // What a rebuild killed half-way leaves: part of its paragraphs, no notices yet, its lock.
    await meili.waitForTask(
      await meili.client.request<{ taskUid: number }>('POST', '/indexes', { uid: NEXT_INDEXES.paragraphs, primaryKey: 'id' }),
    );
    const some = await meili.client.request<{ results: Record<string, unknown>[] }>(
      'GET',
      `/indexes/${PARAGRAPHS_INDEX}/documents?limit=5`,
    );
    const leftover = { ...some.results[0], id: 'leftover1', noticeId: 'nLeftover', paragraphId: 'leftover1' };
    await meili.waitForTask(
      await meili.client.request<{ taskUid: number }>('POST', `/indexes/${NEXT_INDEXES.paragraphs}/documents`, [...some.results, leftover]),
    );
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    fs.writeFileSync(path.join(portal.dataDir, 'rebuild.lock'), `${dead}\n`);

    let finished = false;
    const cli = run(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', '--reindex'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: portal.dataDir, MEILI_URL: '' },
    }).finally(() => {
      finished = true;
    });
    const { observed } = await searchThroughout(() => finished);
    const { stdout } = await cli;
    expect(stdout).toMatch(new RegExp(`${NOTICES} 篇通报, ${content.paragraphs.length} 个段落`));
    expect(observed.filter((o) => o.status !== 200 || o.total !== baseline[o.search]!.total)).toEqual([]);

    await drainTasks(meili);
    const after = await indexContent(meili);
    expect(after.paragraphs).not.toContain('leftover1');
    expect(after.paragraphs).toEqual(content.paragraphs);
    expect(after.notices).toEqual(content.notices);
    expect(await indexUids()).toEqual(['notices', 'paragraphs', 'portal-meta']);
    expect(await answers()).toEqual(baseline);
    expect(fs.existsSync(path.join(portal.dataDir, 'rebuild.lock'))).toBe(false);
  }, 180_000);

  it('an upload and a deletion during the rebuild are in the swapped-in index', async () => {
    const archive = () => new Archive(portal.dataDir);
    const victim = content.notices[0]!;
    expect((await admin('POST', '/reindex')).status).toBe(202);
    // Once the new indexes are being filled, the archive and the live indexes change under them.
    let status: any;
    do status = await (await admin('GET', '/reindex')).json();
    while (status.running && !status.done);
    const form = new FormData();
    form.append('files', new File([variantOf000('东港市', '审计局', 2018)], 'added-during-rebuild.txt'));
    const upload = await fetch(`${portal.url}/api/admin/notices`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(upload.status).toBe(200);
    const added = ((await upload.json()) as { outcomes: { status: string; noticeId: string }[] }).outcomes[0]!;
    expect(added.status).toBe('added');
    expect((await admin('DELETE', `/notices/${victim}`)).status).toBe(200);
    do status = await (await admin('GET', '/reindex')).json();
    while (status.running);
    expect(status.error).toBeUndefined();

    await drainTasks(meili);
    const after = await indexContent(meili);
    expect(after.notices).toEqual(archive().noticeIds().sort());
    expect(after.notices).toContain(added.noticeId);
    expect(after.notices).not.toContain(victim);
    expect(after.paragraphs).toEqual(expectedParagraphs(archive().notices()));
    expect(await indexUids()).toEqual(['notices', 'paragraphs', 'portal-meta']);
    const found = await getJson(`${portal.url}/api/search?q=${encodeURIComponent('审计局')}&scope=meta&view=notices`);
    expect(found.body.noticeHits.map((h: { noticeId: string }) => h.noticeId)).toContain(added.noticeId);
  }, 180_000);

  it('refuses to start while another live process holds the rebuild lock, and leaves the index alone', async () => {
    // Any live process other than the portal: the Meilisearch it started.
    const other = (JSON.parse(fs.readFileSync(path.join(portal.dataDir, 'meili.json'), 'utf8')) as { pid: number }).pid;
    const lock = path.join(portal.dataDir, 'rebuild.lock');
    fs.writeFileSync(lock, `${other}\n`);
    try {
      expect((await admin('POST', '/reindex')).status).toBe(202);
      let status: any;
      do status = await (await admin('GET', '/reindex')).json();
      while (status.running);
      expect(status.error).toMatch(/already running: pid \d+/);
      expect(fs.readFileSync(lock, 'utf8')).toBe(`${other}\n`);
      expect(await indexUids()).toEqual(['notices', 'paragraphs', 'portal-meta']);
      expect((await readMeiliMarker(meili))?.schemaVersion).toBe(SCHEMA_VERSION);
    } finally {
      fs.rmSync(lock, { force: true });
    }
  });
});
