/**
 * Faults, tested for real:
 *  - Meilisearch frozen (SIGSTOP): searches answer 503, notice pages (read from the archive)
 *    still open;
 *  - Meilisearch killed (SIGKILL) under search load: the portal answers 503 with Retry-After
 *    meanwhile, restarts it, serves the same results again, and /api/health says `degraded`
 *    with the reason;
 *  - the indexer SIGKILLed at random points (seeded; RESILIENCE_SEED=… to replay), then run
 *    again: the index and the archive end exactly as after one clean run, with no temporary
 *    file, no journal and no Meilisearch process left;
 *  - a portal started on data indexed with an older schema version rebuilds the index from
 *    the archive by itself, answering 503 `reindexing` until it has.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MeiliClient } from '../../meili/client.ts';
import { SingleIndexStore } from '../../meili/single-store.ts';
import { startEmbeddedMeili } from '../../meili/embedded.ts';
import { SCHEMA_VERSION, readArchiveMarker, readMeiliMarker, writeSchemaVersion } from '../../meili/schema-version.ts';
import { PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import { rng } from '../../eval/queries.ts';
import { drainTasks, expectedParagraphs, indexContent, meiliProcesses, temporaryFiles, type IndexContent } from '../../ops/common.ts';
import { Archive } from '../../indexer/archive/store.ts';
import { ensureIndexes } from '../../meili/indexes.ts';
import { ingestFiles } from '../../indexer/ingest.ts';
import { syncIndex } from '../../indexer/rebuild.ts';
import { scratchSpace } from '../support/scratch.ts';
import { ROOT, getJson, isAlive, startPortal } from '../support/portal.ts';
import { SEED_000, SEED_003, variantCorpus, writeCorpus } from '../support/corpus.ts';

const { dirs, portals, temp } = scratchSpace();

type Run = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number; firstFileMs?: number };

/**
 * `npm run index` as a child process. SIGKILLed `kill.ms` after it starts, or after it has
 * stored its first file (`kill.afterFirstFile`), when given.
 */
function runIndexer(dataDir: string, args: string[], kill?: { ms: number; afterFirstFile?: boolean }): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, MEILI_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;
  let firstFileMs: number | undefined;
  const arm = () => {
    timer ??= setTimeout(() => child.kill('SIGKILL'), kill!.ms);
  };
  if (kill && !kill.afterFirstFile) arm();
  child.stdout.on('data', (b: Buffer) => {
    stdout += b;
  });
  child.stderr.on('data', (b: Buffer) => {
    stderr += b;
    // The progress line after the first file: reading, parsing and segmenting are warm.
    if (firstFileMs === undefined && /^索引 1\//m.test(stderr)) {
      firstFileMs = Date.now() - started;
      if (kill?.afterFirstFile) arm();
    }
  });
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, firstFileMs });
    }),
  );
}

/** What DATA_DIR's index and archive hold, read with a Meilisearch started for the purpose. */
async function snapshot(
  dataDir: string,
): Promise<{ index: IndexContent; archiveNotices: string[]; archiveParagraphs: string[]; catalog: Record<string, string> }> {
  const meili = await startEmbeddedMeili({ dataDir });
  const client = new SingleIndexStore(new MeiliClient({ url: meili.url, apiKey: meili.masterKey }));
  try {
    await drainTasks(client);
    const index = await indexContent(client);
    const archive = new Archive(dataDir);
    const catalog = JSON.parse(fs.readFileSync(path.join(dataDir, 'archive', 'catalog.json'), 'utf8')) as {
      files: Record<string, { noticeId: string }>;
    };
    return {
      index,
      archiveNotices: archive.noticeIds().sort(),
      archiveParagraphs: expectedParagraphs(archive.notices()),
      catalog: Object.fromEntries(Object.entries(catalog.files).map(([p, e]) => [path.basename(p), e.noticeId])),
    };
  } finally {
    client.close();
    await meili.stop();
  }
}

const query = (url: string, q: string, extra = '') => `${url}/api/search?q=${encodeURIComponent(q)}&perPage=50${extra}`;
const QUERIES = ['党费', '三重一大', '整改', '融媒体中心', '教育局 整改'];

async function results(url: string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of QUERIES) {
    const r = await getJson(query(url, q));
    expect(r.status).toBe(200);
    out.push({ q, total: r.body.total, hits: r.body.hits.map((h: any) => [h.id, h.noticeId, h.highlighted]) });
  }
  return out;
}

function meiliPid(dataDir: string): number {
  return (JSON.parse(fs.readFileSync(path.join(dataDir, 'meili.json'), 'utf8')) as { pid: number }).pid;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('supervision of the embedded Meilisearch', () => {
  it('restarts a killed Meilisearch under load: 503 + Retry-After meanwhile, same results after, health degraded with the reason', async () => {
    const portal = await startPortal({ dataDir: temp('resilience-sup-'), env: { RATE_LIMIT: '0' } });
    portals.push(portal);
    // More notices, indexed by the CLI through the portal's own Meilisearch.
    const corpus = writeCorpus(variantCorpus(12));
    dirs.push(corpus);
    const indexed = await runIndexer(portal.dataDir, [corpus]);
    expect(indexed.stdout).toMatch(/新增 added 12,/);
    expect(indexed.stderr).toMatch(/reusing the Meilisearch/);
    const before = await results(portal.url);
    const health0 = await getJson(`${portal.url}/api/health`);
    expect(health0.body).toMatchObject({ status: 'ok', notices: 14 });

    // A notice page is read from the archive: it opens while Meilisearch is frozen and
    // searches cannot be answered.
    const noticeId = (await getJson(query(portal.url, '党费'))).body.hits[0].noticeId as string;
    const frozen = meiliPid(portal.dataDir);
    process.kill(frozen, 'SIGSTOP');
    try {
      const page = await getJson(`${portal.url}/api/notices/${noticeId}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ id: noticeId, paragraphs: expect.any(Array) });
      expect((await getJson(query(portal.url, '党费'))).status).toBe(503);
    } finally {
      process.kill(frozen, 'SIGCONT');
    }

    // Load: four loops of searches, recording every status.
    const statuses = new Map<number, number>();
    let retryAfterMissing = 0;
    let stop = false;
    const loop = async (i: number) => {
      for (let n = i; !stop; n++) {
        const res = await fetch(query(portal.url, QUERIES[n % QUERIES.length]!));
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 503 && !res.headers.get('retry-after')) retryAfterMissing++;
        if (res.status === 503) await new Promise((r) => setTimeout(r, 20));
      }
    };
    const loops = [0, 1, 2, 3].map(loop);
    await new Promise((r) => setTimeout(r, 500));

    for (const round of [1, 2]) {
      const pid = meiliPid(portal.dataDir);
      process.kill(pid, 'SIGKILL');
      await until('Meilisearch to die', () => !isAlive(pid));
      const down = await getJson(`${portal.url}/api/health`);
      expect(down.status).toBe(503);
      expect(down.body.status).toBe('down');
      // Restarted: a new process, and searches answered again.
      const next = await until('a restarted Meilisearch', () => {
        const p = meiliPid(portal.dataDir);
        return p !== pid && isAlive(p) ? p : undefined;
      });
      await until('searches served again', async () => (await fetch(query(portal.url, '党费'))).status === 200);
      expect(next).not.toBe(pid);
      const health = await getJson(`${portal.url}/api/health`);
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('degraded');
      expect(health.body.reason).toMatch(
        new RegExp(`restarted ${round} time\\(s\\) in the last hour; last: Meilisearch \\(pid ${pid}\\) exited on SIGKILL`),
      );
      expect(health.body.meilisearch.restarts).toBe(round);
      expect(health.body.notices).toBe(14);
      await new Promise((r) => setTimeout(r, 300));
    }
    stop = true;
    await Promise.all(loops);

    expect([...statuses.keys()].sort()).toEqual([200, 503]);
    expect(statuses.get(503)).toBeGreaterThan(0);
    expect(retryAfterMissing).toBe(0);
    expect(await results(portal.url)).toEqual(before);
    const log = portal.logs.join('');
    expect(log).toMatch(/restarted Meilisearch \(pid \d+\) after 1 restart\(s\)/);
    expect(log).toMatch(/restarted Meilisearch \(pid \d+\) after 2 restart\(s\)/);

    const last = meiliPid(portal.dataDir);
    expect(await portal.stop('SIGTERM')).toBe(0);
    expect(isAlive(last)).toBe(false);
  }, 90_000);
});

describe('crash-safe indexing', () => {
  const seed = Number(process.env.RESILIENCE_SEED ?? 20261123);
  let killedDir: string;
  let reference: Awaited<ReturnType<typeof snapshot>>;

  it(`SIGKILLed at random points (seed ${seed}) and run again, ends exactly as one clean run`, async () => {
    // 40 notices and a republished copy of one more: several catalog commits per run.
    const texts: Record<string, string> = {
      ...variantCorpus(40),
      'w-copy-a.txt': SEED_003,
      'w-copy-b.txt': SEED_003.replaceAll('，', ','),
    };
    const corpus = writeCorpus(texts);
    dirs.push(corpus);
    const files = Object.keys(texts)
      .sort()
      .map((f) => path.join(corpus, f));

    const cleanDir = temp('resilience-clean-');
    const clean = await runIndexer(cleanDir, [corpus]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/新增 added 41,.*重复 duplicate 1, 失败 failed 0/);
    expect(clean.firstFileMs).toBeGreaterThan(0);
    reference = await snapshot(cleanDir);
    expect(reference.index.notices).toEqual(reference.archiveNotices);
    expect(reference.index.paragraphs).toEqual(reference.archiveParagraphs);

    // Five killed runs, each given more files than the last (so each has work to be killed
    // in), the third with one notice corrected (an update), put back afterwards.
    killedDir = temp('resilience-killed-');
    const random = rng(seed);
    const log: string[] = [];
    const RUNS = 5;
    let given = 0;
    const corrected = files[1]!;
    for (let i = 0; i < RUNS; i++) {
      const upTo = Math.ceil(((i + 1) / (RUNS + 1)) * files.length);
      const fresh = upTo - given;
      given = upTo;
      if (i === 2) fs.writeFileSync(corrected, texts[path.basename(corrected)]!.replace('党费共计2369元', '党费共计2396元'));
      if (i === 3) fs.writeFileSync(corrected, texts[path.basename(corrected)]!);
      // The first run while it starts (its Meilisearch too, maybe); the others anywhere in
      // their work: warming up the worker threads for the new files, reading and parsing,
      // writing the archive, loading Meilisearch, committing. (Their first file is an
      // unchanged one, stored at once.)
      const work = (fresh / files.length) * (clean.ms - clean.firstFileMs!) * 1.2 + 300;
      const kill =
        i === 0
          ? { ms: Math.round(300 + random() * clean.firstFileMs!) }
          : { ms: Math.round(random() * (clean.firstFileMs! + work)), afterFirstFile: true };
      const r = await runIndexer(killedDir, files.slice(0, upTo), kill);
      const progress = r.stderr
        .split('\n')
        .filter((l) => /^索引 \d+\/\d+|started Meilisearch|stopping the Meilisearch/.test(l))
        .map((l) => l.replace(/ \(pid.*| at http.*/, ''))
        .join(' · ');
      log.push(
        `run ${i + 1} (${upTo} files${i === 2 ? ', one corrected' : ''}) killed ${kill.ms} ms after ${kill.afterFirstFile ? 'its first file' : 'it started'}: ${r.signal ?? `finished first: ${(/新增 added .*失败 failed \d+/.exec(r.stdout) ?? [''])[0]}`} [${progress}]`,
      );
      expect(r.signal === 'SIGKILL' || r.code === 0, `${log.join('\n')}\n${r.stderr}`).toBe(true);
    }
    const final = await runIndexer(killedDir, [corpus]);
    log.push(`final run: ${(/新增 added .*失败 failed \d+/.exec(final.stdout) ?? [''])[0]}`);
    console.log(`clean run ${clean.ms} ms (first file stored after ${clean.firstFileMs} ms)\n  ${log.join('\n  ')}`);
    expect(final.code, `${log.join('\n')}\n${final.stderr}`).toBe(0);
    expect(final.stdout).toMatch(/失败 failed 0/);

    // Nothing half-written, nothing pending, no Meilisearch left running.
    expect(temporaryFiles(killedDir)).toEqual([]);
    expect(fs.readdirSync(path.join(killedDir, 'archive', 'pending'))).toEqual([]);
    expect(meiliProcesses(killedDir)).toEqual([]);

    const after = await snapshot(killedDir);
    expect(after.archiveNotices, log.join('\n')).toEqual(reference.archiveNotices);
    expect(after.index.notices, log.join('\n')).toEqual(reference.index.notices);
    expect(after.index.paragraphs, log.join('\n')).toEqual(reference.index.paragraphs);
    expect(after.archiveParagraphs).toEqual(reference.archiveParagraphs);
    expect(after.catalog).toEqual(reference.catalog);
    // Each segment under the right notice.
    expect([...after.index.paragraphNotice].sort()).toEqual([...reference.index.paragraphNotice].sort());
  }, 150_000);

  it('a file put back as it was, after a run died between storing its correction and sending it, is indexed again', async () => {
    // Deterministic: the dying run is one whose Meilisearch cannot be reached, so it stores
    // the corrected record, fails on sending it and exits without committing.
    const dataDir = temp('resilience-putback-');
    const corpus = writeCorpus({ 'v.txt': SEED_000 });
    dirs.push(corpus);
    const file = path.join(corpus, 'v.txt');
    expect((await runIndexer(dataDir, [corpus])).code).toBe(0);
    fs.writeFileSync(file, SEED_000.replace('2369', '2396'));
    const died = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `
      import { Archive } from './indexer/archive/store.ts';
      import { ingestFiles } from './indexer/ingest.ts';
      import { MeiliClient } from './meili/client.ts';
      import { SingleIndexStore } from './meili/single-store.ts';
      await ingestFiles([${JSON.stringify(file)}], { archive: new Archive(${JSON.stringify(dataDir)}), client: new SingleIndexStore(new MeiliClient({ url: 'http://127.0.0.1:9', apiKey: 'x' })) });
    `,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(died.status, died.stderr).not.toBe(0);
    const stored = () =>
      [...new Archive(dataDir).notices()].map((n) => n.paragraphs.map((p) => [p.lead, ...p.items.map((i) => i.text)].join('')).join(''));
    expect(stored()[0]).toContain('2396');

    fs.writeFileSync(file, SEED_000);
    const again = await runIndexer(dataDir, [corpus]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/更新 updated 1,/);
    expect(stored()[0]).toContain('2369');
    expect(stored()[0]).not.toContain('2396');
    const after = await snapshot(dataDir);
    expect(after.index.paragraphs).toEqual(after.archiveParagraphs);
  }, 60_000);

  it('a portal started on data of an older schema version rebuilds the index from the archive by itself', async () => {
    expect(killedDir).toBeDefined();
    // Fake data of version 0, and documents that no longer match the archive.
    const meili = await startEmbeddedMeili({ dataDir: killedDir });
    const client = new SingleIndexStore(new MeiliClient({ url: meili.url, apiKey: meili.masterKey }));
    const victim = reference.archiveNotices[0]!;
    await writeSchemaVersion(client, killedDir, 0);
    await client.waitForTask(await client.deleteDocuments(PARAGRAPHS_INDEX, `noticeId = "${victim}"`));
    client.close();
    await meili.stop();

    const portal = await startPortal({ dataDir: killedDir, env: { LOAD_SAMPLES: '0' } });
    portals.push(portal);
    // Listening, but not serving the old index.
    const during = await getJson(query(portal.url, '党费'));
    const health = await getJson(`${portal.url}/api/health`);
    const log = () => portal.logs.join('');
    expect(during.status).toBe(503);
    expect(during.body.error.code).toBe('reindexing');
    expect(during.headers.get('retry-after')).toBeTruthy();
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'down' });
    expect(health.body.reason).toMatch(/schema version 0, this version writes/);
    // The web app is still served.
    expect((await fetch(`${portal.url}/`)).status).toBe(200);
    await until('the rebuilt index to be served', async () => (await getJson(`${portal.url}/api/health`)).body.status === 'ok');
    expect(log()).toMatch(/the index must be rebuilt from the archive before it is served.*schema version 0/);
    expect(log()).toMatch(/"msg":"reindexing","done":\d+,"total":41/);
    expect(log()).toMatch(/"msg":"reindexed from the archive","notices":41/);

    const state = JSON.parse(fs.readFileSync(path.join(killedDir, 'meili.json'), 'utf8')) as { port: number };
    const live = new SingleIndexStore(
      new MeiliClient({ url: `http://127.0.0.1:${state.port}`, apiKey: fs.readFileSync(path.join(killedDir, 'meili.key'), 'utf8').trim() }),
    );
    try {
      await drainTasks(live);
      const index = await indexContent(live);
      expect(index.notices).toEqual(reference.index.notices);
      expect(index.paragraphs).toEqual(reference.index.paragraphs);
      expect((await readMeiliMarker(live))?.schemaVersion).toBe(SCHEMA_VERSION);
      expect(readArchiveMarker(killedDir)?.schemaVersion).toBe(SCHEMA_VERSION);
    } finally {
      live.close();
    }
    const ok = await getJson(query(portal.url, '整改', `&notice=${victim}`));
    expect(ok.status).toBe(200);
    expect(ok.body.total).toBeGreaterThan(0);

    // The next start finds the index current: no rebuild.
    await portal.stop();
    const again = await startPortal({ dataDir: killedDir, env: { LOAD_SAMPLES: '0' } });
    portals.push(again);
    expect((await getJson(`${again.url}/api/health`)).body.status).toBe('ok');
    expect(again.logs.join('')).not.toMatch(/rebuilt|reindexing/);
  }, 90_000);
});

describe('the archive journal, state by state', () => {
  it('hides what a dead process left unsent, removes its temporary files, and the startup sync settles it', async () => {
    const dataDir = temp('resilience-journal-');
    const corpus = writeCorpus(variantCorpus(3));
    dirs.push(corpus);
    const meili = await startEmbeddedMeili({ dataDir });
    const client = new SingleIndexStore(new MeiliClient({ url: meili.url, apiKey: meili.masterKey }));
    try {
      await ensureIndexes(client);
      const files = fs
        .readdirSync(corpus)
        .sort()
        .map((f) => path.join(corpus, f));
      await ingestFiles(files, { archive: new Archive(dataDir), client });
      const [kept, unsent, deleted] = new Archive(dataDir).noticeIds().sort();
      const content = await indexContent(client);

      // What a SIGKILL can leave: a journal of a dead process naming a notice whose documents
      // never reached Meilisearch, and one deleted from the archive but not from the index;
      // half-written temporary files.
      const dead = spawnSync(process.execPath, ['-e', '']).pid!;
      await client.waitForTask(await client.deleteDocuments(PARAGRAPHS_INDEX, `noticeId = "${unsent}"`));
      fs.rmSync(path.join(dataDir, 'archive', 'notices', `${deleted}.json`));
      fs.writeFileSync(path.join(dataDir, 'archive', 'pending', `${dead}-0badc0de.log`), `${unsent}\n${deleted}\n`);
      const tmp = path.join(dataDir, 'archive', 'notices', `${kept}.json.${dead}.${Date.now()}.tmp`);
      fs.writeFileSync(tmp, '{"half":');

      const archive = new Archive(dataDir);
      expect(fs.existsSync(tmp)).toBe(false);
      expect(archive.unsettledIds().sort()).toEqual([deleted, unsent].sort());
      // Not vouched for: indexing the same file again re-sends it instead of calling it unchanged.
      const unsentFile = files.find(
        (f) =>
          archive.sourcePaths().includes(f) &&
          JSON.parse(fs.readFileSync(path.join(dataDir, 'archive', 'catalog.json'), 'utf8')).files[f].noticeId === unsent,
      )!;
      expect(archive.fileEntry(unsentFile)).toBeUndefined();

      const sync = await syncIndex(archive, client);
      expect(sync).toMatchObject({ replayed: 2, resent: [unsent], deleted: [deleted] });
      expect(fs.readdirSync(path.join(dataDir, 'archive', 'pending'))).toEqual([]);
      expect(archive.fileEntry(unsentFile)?.noticeId).toBe(unsent);
      const after = await indexContent(client);
      expect(after.notices).toEqual(content.notices.filter((id) => id !== deleted));
      expect(after.paragraphs).toEqual(content.paragraphs.filter((id) => content.paragraphNotice.get(id) !== deleted));
    } finally {
      client.close();
      await meili.stop();
    }
  }, 60_000);
});
