/**
 * npm run bench -- --notices N [--json FILE] [--seed S] [--corpus DIR] [--queries FILE]
 *                  [--rounds R] [--load-seconds S] [--connections C] [--keep] [--work DIR] [--skip-raw]
 *
 * One run, one embedded Meilisearch:
 *  1. generate N notices (bench/generate.ts; skipped with --corpus),
 *  2. index them with the real indexer in its own process (read, parse, classify, segment,
 *     archive, load, wait for Meilisearch): index.pipelineDocsPerSec,
 *  3. post the same paragraph documents straight to a fresh index with the same settings:
 *     index.rawDocsPerSec, and index.ratio = pipeline / raw (--skip-raw leaves this out: at
 *     100 000 notices it is a second hour of indexing that the size and time ratios do not need),
 *     then the same paragraphs' texts to a plain index (one `text` field, default settings):
 *     index.sizeRatio (usedDatabaseSize, ours / plain) and index.timeRatio (whole pipeline / plain),
 *  4. check exact totals and facet counts against the generator's truth (Meilisearch
 *     directly and through the API),
 *  5. time a fixed query mix through the HTTP API (the real server) and the very same
 *     Meilisearch requests sent directly (recorded from the API through a proxy, replayed
 *     with the API's keep-alive client and search key), and through a process that only
 *     relays them (bench/lib/relay.ts: the cost of a second process on the path): search.*,
 *  6. load: C concurrent clients for S seconds (autocannon) on the API,
 *  7. peak RSS of the API, the indexer and Meilisearch.
 * Prints a table; --json writes every figure.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { startEmbeddedMeili } from '../meili/embedded.ts';
import { MeiliClient } from '../meili/client.ts';
import { searchOnlyKey } from '../meili/search-key.ts';
import { SingleIndexStore } from '../meili/single-store.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../schema/indexes.ts';
import { generateCorpus, readCorpus } from './generator/corpus.ts';
import type { CorpusTruth } from './generator/truth.ts';
import { parseBenchArgs } from './lib/args.ts';
import { closeClient, getJson, ROOT, startPortal, type Portal } from './lib/api.ts';
import { CaptureProxy, waves, type CapturedRequest } from './lib/capture.ts';
import { checkApi, checkMeili, topValue, type CheckReport } from './lib/correctness.ts';
import { PhaseMeter, cpuMs, peakRssMb } from './lib/proc.ts';
import { RAW_INDEX, dropPlain, dropRaw, exportParagraphs, plainLoad, rawLoad } from './lib/raw.ts';
import { startRelay, type Relay } from './lib/relay.ts';
import { round, summarize } from './lib/stats.ts';

/** One GET of the mix: `path` defaults to /api/search. */
type Query = { kind: string; name: string; path?: string; params: Record<string, string | string[]> };
type AutocannonResult = {
  requests: { total: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
  latency: { p50: number; p99: number; average: number; max: number };
  duration: number;
};
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;

const USAGE = `usage: npm run bench -- --notices N [--json FILE] [--seed S] [--corpus DIR] [--queries FILE]
                        [--rounds R] [--load-seconds S] [--connections C] [--keep] [--work DIR] [--skip-raw]`;

const log = (m: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

let runningIndexer: ReturnType<typeof spawn> | undefined;

function indexerChild(args: string[]): Promise<{ out: any; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/index-child.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    runningIndexer = child;
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b;
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr += b;
      if (stderr.length > 20000) stderr = stderr.slice(-10000);
    });
    child.on('exit', (code) => {
      runningIndexer = undefined;
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve({ out: JSON.parse(line), stderr });
      } catch {
        reject(new Error(`indexer exited with ${code}: ${stderr.slice(-2000)}`));
      }
    });
  });
}

function fillPlaceholders(q: Query, truth: CorpusTruth): Query {
  const values: Record<string, string> = {
    topYear: topValue(truth.all.notices.by.year) ?? '2024',
    topProvince: topValue(truth.all.notices.by.province) ?? '辽宁省',
    topUnit: topValue(truth.all.notices.by.unit) ?? '',
    phone: truth.phones[0]?.phone ?? '0415-2195262',
  };
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
  return { ...q, params: Object.fromEntries(Object.entries(q.params).map(([k, v]) => [k, Array.isArray(v) ? v.map(fill) : fill(v)])) };
}

function queryString(params: Query['params']): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) sp.append(k, x);
  return sp.toString();
}

/** Document batches Meilisearch ran, and their seconds, per index. */
async function meiliBatches(client: MeiliClient): Promise<{ batches: Record<string, number>; seconds: Record<string, number> }> {
  const batches: Record<string, number> = {},
    seconds: Record<string, number> = {};
  let from: number | undefined;
  for (;;) {
    const page = await client.request<{
      results: { uid: number; duration: string | null; stats: { types: Record<string, number>; indexUids: Record<string, number> } }[];
      next: number | null;
    }>('GET', `/batches?limit=1000${from !== undefined ? `&from=${from}` : ''}`);
    for (const b of page.results) {
      if (!b.stats.types.documentAdditionOrUpdate && !b.stats.types.documentDeletion) continue;
      const s = Number(/PT([\d.]+)S/.exec(b.duration ?? '')?.[1] ?? 0);
      for (const uid of Object.keys(b.stats.indexUids)) {
        batches[uid] = (batches[uid] ?? 0) + 1;
        seconds[uid] = round((seconds[uid] ?? 0) + s, 2);
      }
    }
    if (page.next === null || page.next === undefined) break;
    from = page.next;
  }
  return { batches, seconds };
}

async function replay(client: MeiliClient, reqs: CapturedRequest[][]): Promise<number> {
  const started = performance.now();
  for (const wave of reqs) await Promise.all(wave.map((r) => client.request(r.method, r.path, r.body || undefined)));
  return performance.now() - started;
}

const fmt = (x: number | undefined, d = 1) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));

async function main(): Promise<number> {
  let args: ReturnType<typeof parseBenchArgs>;
  try {
    args = parseBenchArgs(process.argv.slice(2), {
      notices: 'number',
      seed: 'string',
      json: 'string',
      corpus: 'string',
      queries: 'string',
      rounds: 'number',
      warmup: 'number',
      'load-seconds': 'number',
      connections: 'number',
      keep: 'boolean',
      work: 'string',
      help: 'boolean',
      batch: 'number',
      'skip-raw': 'boolean',
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help || (args.notices === undefined && !args.corpus)) {
    console.error(USAGE);
    return args.help ? 0 : 2;
  }
  const runStarted = Date.now();
  const seed = String(args.seed ?? '1');
  const rounds = Number(args.rounds ?? 25);
  const warmup = Number(args.warmup ?? 3);
  const loadSeconds = Number(args['load-seconds'] ?? 30);
  const connections = Number(args.connections ?? 50);
  const work = args.work ? path.resolve(String(args.work)) : fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-bench-'));
  fs.mkdirSync(work, { recursive: true });
  const dataDir = path.join(work, 'data');
  const queryFile = path.resolve(String(args.queries ?? path.join(ROOT, 'bench', 'queries.json')));
  const result: Record<string, any> = {
    version: 1,
    startedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    },
    phases: {} as Record<string, unknown>,
  };
  const phases = result.phases as Record<string, unknown>;
  let meili: Awaited<ReturnType<typeof startEmbeddedMeili>> | undefined;
  let admin: MeiliClient | undefined;
  let search: MeiliClient | undefined;
  let portal: Portal | undefined;
  let proxy: CaptureProxy | undefined;
  let relay: Relay | undefined;

  // Ctrl-C (or a CI timeout) must not leave a Meilisearch or a portal running.
  const onSignal = (sig: NodeJS.Signals) => {
    log(`${sig}: stopping`);
    void (async () => {
      runningIndexer?.kill('SIGKILL');
      relay?.stop();
      await portal?.stop().catch(() => {});
      await meili?.stop().catch(() => {});
      if (!args.keep && !args.work) fs.rmSync(work, { recursive: true, force: true });
      process.exit(130);
    })();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // 1. corpus
    let corpusDir: string;
    let truth: CorpusTruth;
    let t = Date.now();
    if (args.corpus) {
      corpusDir = path.resolve(String(args.corpus));
      truth = readCorpus(corpusDir).truth;
      log(`corpus ${corpusDir}: ${truth.all.notices.total} notices`);
    } else {
      corpusDir = path.join(work, 'corpus');
      log(`generating ${args.notices} notices (seed ${seed}) in ${corpusDir}`);
      truth = generateCorpus({ notices: Number(args.notices), seed, out: corpusDir });
    }
    result.corpus = {
      dir: corpusDir,
      seed: truth.generator.seed,
      notices: truth.all.notices.total,
      paragraphs: truth.all.paragraphs.total,
      segments: truth.all.segments.total,
      items: truth.items,
      units: truth.units,
      mb: round(truth.bytes / 1e6, 1),
      gbkFiles: truth.gbkFiles,
      generateMs: Date.now() - t,
    };

    // 2. Meilisearch and the pipeline
    meili = await startEmbeddedMeili({ dataDir });
    const meiliPid = meili.child?.pid;
    admin = new MeiliClient({ url: meili.url, apiKey: meili.masterKey, timeoutMs: 600_000 });
    result.machine.meilisearch = (await admin.request<{ pkgVersion: string }>('GET', '/version')).pkgVersion;
    log(`Meilisearch ${result.machine.meilisearch} at ${meili.url}; indexing ${truth.all.notices.total} notices through the pipeline`);
    const usedDb = async () => (await admin!.request<{ usedDatabaseSize: number }>('GET', '/stats')).usedDatabaseSize;
    const emptyDb = await usedDb();
    let meter = new PhaseMeter(() => ({ meilisearch: meiliPid }));
    const meiliCpu0 = cpuMs(meiliPid);
    const { out: pipe } = await indexerChild([
      '--data',
      dataDir,
      '--corpus',
      corpusDir,
      '--url',
      meili.url,
      '--key',
      meili.masterKey,
      ...(args.batch ? ['--batch', String(args.batch)] : []),
    ]);
    const pipeMeiliCpu = cpuMs(meiliPid) - meiliCpu0;
    phases.pipeline = meter.end({ indexer: Math.round(pipe.cpuUserMs + pipe.cpuSystemMs) });
    if (pipe.failed) log(`${pipe.failed} files failed: ${JSON.stringify(pipe.failures)}`);
    const pipelineMeili = await meiliBatches(admin);
    const pipelineBatches = pipelineMeili.batches[PARAGRAPHS_INDEX] ?? 0;
    log(`pipeline: ${pipe.segments} segments in ${(pipe.ms / 1000).toFixed(1)} s`);

    const pipelineDb = (await usedDb()) - emptyDb;

    // 3. raw Meilisearch
    t = Date.now();
    const store = new SingleIndexStore(admin);
    const exported = await exportParagraphs(store, path.join(work, 'raw'));
    phases.export = { wallMs: Date.now() - t };
    if (!args['skip-raw']) log(`raw: posting the same ${exported.docs} documents to a fresh index`);
    let raw: Awaited<ReturnType<typeof rawLoad>> | undefined;
    let rawMeiliCpu: number | undefined;
    let rawMeili: Awaited<ReturnType<typeof meiliBatches>> | undefined;
    if (!args['skip-raw']) {
      meter = new PhaseMeter(() => ({ meilisearch: meiliPid }));
      const rawCpu0 = cpuMs(meiliPid);
      raw = await rawLoad(store, exported.files, exported.docs);
      rawMeiliCpu = cpuMs(meiliPid) - rawCpu0;
      phases.raw = meter.end();
      rawMeili = await meiliBatches(admin);
      await dropRaw(store);
    }
    // 3b. a plain index of the same paragraph texts: what the search design costs on top of them.
    log('plain: the same paragraphs as one text field each, default settings');
    const beforePlain = await usedDb();
    const plain = await plainLoad(store, exported.files);
    const plainDb = (await usedDb()) - beforePlain;
    await dropPlain(store);
    fs.rmSync(path.join(work, 'raw'), { recursive: true, force: true });
    // The documents in the index (a notice indexed twice in one run, as a new version of an
    // earlier one, counts once: the indexer's own sum counts both versions).
    const pipelineDocsPerSec = exported.docs / (pipe.ms / 1000);
    result.index = {
      /** usedDatabaseSize of both indexes after the pipeline, and of the plain index, in MB. */
      sizeMb: round(pipelineDb / 1e6, 1),
      plainSizeMb: round(plainDb / 1e6, 1),
      sizeRatio: round(pipelineDb / plainDb, 2),
      plainMs: plain.ms,
      /** The whole pipeline (read … indexed) against posting the plain texts until indexed. */
      timeRatio: round(pipe.ms / plain.ms, 2),
      pipelineDocsPerSec: round(pipelineDocsPerSec, 1),
      rawDocsPerSec: raw && round(raw.docsPerSec, 1),
      ratio: raw && round(pipelineDocsPerSec / raw.docsPerSec, 3),
      docs: exported.docs,
      pipelineMs: pipe.ms,
      rawMs: raw?.ms,
      notices: pipe.added,
      failed: pipe.failed,
      indexerCpuMs: round(pipe.cpuUserMs + pipe.cpuSystemMs, 0),
      meiliCpuMs: { pipeline: pipeMeiliCpu, raw: rawMeiliCpu },
      /** raw / pipeline Meilisearch CPU: 1 = the pipeline makes Meilisearch do no more work than a bulk load (independent of other load on the machine). */
      meiliWorkRatio: rawMeiliCpu === undefined ? undefined : round(rawMeiliCpu / pipeMeiliCpu, 3),
      meiliBatches: { pipeline: pipelineBatches, raw: rawMeili && (rawMeili.batches[RAW_INDEX] ?? 0) },
      /** Seconds Meilisearch spent in document batches, by index: where its time went. */
      meiliBatchSeconds: {
        pipelineParagraphs: pipelineMeili.seconds[PARAGRAPHS_INDEX],
        pipelineNotices: pipelineMeili.seconds[NOTICES_INDEX],
        raw: rawMeili?.seconds[RAW_INDEX],
      },
    };
    if (raw)
      log(
        `raw: ${raw.docs} documents in ${(raw.ms / 1000).toFixed(1)} s (${raw.docsPerSec.toFixed(0)}/s); ratio ${(pipelineDocsPerSec / raw.docsPerSec).toFixed(3)}`,
      );

    // 4a. correctness, Meilisearch directly
    t = Date.now();
    const meiliCheck = await checkMeili(store, truth);
    log(`correctness (Meilisearch): ${meiliCheck.passed}/${meiliCheck.checks} checks agree with the truth`);

    // 5a. the API through the recording proxy: what it asks Meilisearch, query by query
    proxy = new CaptureProxy(meili.url);
    await proxy.start();
    portal = await startPortal({ dataDir, meiliUrl: proxy.url, masterKey: meili.masterKey });
    const queriesRaw = JSON.parse(fs.readFileSync(queryFile, 'utf8')) as { queries: Query[] };
    const queries = queriesRaw.queries.map((q) => fillPlaceholders(q, truth));
    const accepted: (Query & { url: string; meili: CapturedRequest[][] })[] = [];
    const rejected: { kind: string; name: string; status: number; error: unknown }[] = [];
    for (const q of queries) {
      proxy.record(q.name);
      const url = `${q.path ?? '/api/search'}?${queryString(q.params)}`;
      const r = await getJson(portal.url + url);
      await new Promise((res) => setTimeout(res, 20));
      proxy.record(undefined);
      if (r.status !== 200) {
        rejected.push({ kind: q.kind, name: q.name, status: r.status, error: r.body?.error ?? String(r.body).slice(0, 200) });
        continue;
      }
      accepted.push({ ...q, url, meili: waves(proxy.requests(q.name).filter((x) => /\/search$|multi-search/.test(x.path))) });
    }
    await portal.stop();
    portal = undefined;
    await proxy.stop();
    proxy = undefined;
    for (const r of rejected)
      log(`query "${r.name}" (${r.kind}) rejected by the API: HTTP ${r.status} ${JSON.stringify(r.error).slice(0, 200)}`);

    // The API again, straight on Meilisearch: timings, API checks, load.
    portal = await startPortal({ dataDir, meiliUrl: meili.url, masterKey: meili.masterKey });
    const apiCheck = await checkApi(portal.url, truth);
    phases.correctness = { wallMs: Date.now() - t };
    log(`correctness (API): ${apiCheck.passed}/${apiCheck.checks} checks agree with the truth`);
    result.correctness = { meili: meiliCheck, api: apiCheck, mismatches: meiliCheck.mismatches.length + apiCheck.mismatches.length };

    // 5b. latency: API vs the same Meilisearch requests, interleaved, same keep-alive client
    // kind; and a relay that only forwards them (bench/lib/relay.ts): the cost of a second
    // process on the path, apart from the API's own work.
    const key = await searchOnlyKey(admin, [PARAGRAPHS_INDEX, NOTICES_INDEX]);
    search = new MeiliClient({ url: meili.url, apiKey: key });
    relay = await startRelay(
      path.join(work, 'relay-waves.json'),
      accepted.map((q) => q.meili),
      meili.url,
      key,
    );
    log(`latency: ${accepted.length} queries × ${rounds} rounds (after ${warmup} warm-up rounds)`);
    meter = new PhaseMeter(() => ({ meilisearch: meiliPid, api: portal?.proc.pid }));
    type Paths = { api: number[]; meili: number[]; relay: number[]; diff: number[] };
    const samples = new Map<string, Paths>(accepted.map((q) => [q.name, { api: [], meili: [], relay: [], diff: [] }]));
    const latencyErrors: Record<string, number> = {};
    for (let r = 0; r < warmup + rounds; r++) {
      for (const [i, q] of accepted.entries()) {
        const timed = { api: 0, meili: 0, relay: 0 };
        let status = 200;
        const run = {
          api: async () => {
            const a = await getJson(portal!.url + q.url);
            timed.api = a.ms;
            status = a.status;
          },
          meili: async () => {
            timed.meili = await replay(search!, q.meili);
          },
          relay: async () => {
            const a = await getJson(`${relay!.url}/q/${i}`);
            timed.relay = a.ms;
            if (a.status !== 200) status = a.status;
          },
        };
        // Each of the three goes first, second and third in turn.
        const order = (['api', 'meili', 'relay'] as const).map((_, k, all) => all[(k + r) % 3]!);
        for (const p of order) await run[p]();
        if (status !== 200) {
          latencyErrors[`${q.name}: HTTP ${status}`] = (latencyErrors[`${q.name}: HTTP ${status}`] ?? 0) + 1;
          continue;
        }
        if (r < warmup) continue;
        const s = samples.get(q.name)!;
        s.api.push(timed.api);
        s.meili.push(timed.meili);
        s.relay.push(timed.relay);
        s.diff.push(timed.api - timed.meili);
      }
    }
    relay.stop();
    relay = undefined;
    phases.latency = meter.end();
    // The API's floor: a route that parses and plans a query but asks Meilisearch nothing.
    const floor: number[] = [];
    for (let i = 0; i < 20 + rounds * 4; i++) {
      const a = await getJson(`${portal.url}/api/analyze?q=${encodeURIComponent('党费收缴不规范')}`);
      if (i >= 20 && a.status === 200) floor.push(a.ms);
    }
    const all: Paths = { api: [], meili: [], relay: [], diff: [] };
    const byKind: Record<string, Paths> = {};
    const byQuery: Record<string, unknown>[] = [];
    for (const q of accepted) {
      const s = samples.get(q.name)!;
      const k = (byKind[q.kind] ??= { api: [], meili: [], relay: [], diff: [] });
      for (const x of ['api', 'meili', 'relay', 'diff'] as const) {
        all[x].push(...s[x]);
        k[x].push(...s[x]);
      }
      const a = summarize(s.api),
        m = summarize(s.meili),
        rl = summarize(s.relay);
      byQuery.push({
        kind: q.kind,
        name: q.name,
        meiliRequests: q.meili.flat().length,
        apiP50Ms: round(a.p50),
        apiP95Ms: round(a.p95),
        meiliP50Ms: round(m.p50),
        meiliP95Ms: round(m.p95),
        relayP50Ms: round(rl.p50),
        overheadP50Ms: round(a.p50 - m.p50),
      });
    }
    const sa = summarize(all.api),
      sm = summarize(all.meili),
      sr = summarize(all.relay),
      sd = summarize(all.diff);
    const kinds = Object.fromEntries(
      Object.entries(byKind).map(([kind, v]) => {
        const a = summarize(v.api),
          m = summarize(v.meili),
          rl = summarize(v.relay);
        return [
          kind,
          {
            apiP50Ms: round(a.p50),
            apiP95Ms: round(a.p95),
            apiP99Ms: round(a.p99),
            meiliP50Ms: round(m.p50),
            meiliP95Ms: round(m.p95),
            relayP50Ms: round(rl.p50),
            overheadP50Ms: round(a.p50 - m.p50),
            samples: a.n,
          },
        ];
      }),
    );
    result.search = {
      apiP50Ms: round(sa.p50),
      apiP95Ms: round(sa.p95),
      apiP99Ms: round(sa.p99),
      meiliP50Ms: round(sm.p50),
      meiliP95Ms: round(sm.p95),
      meiliP99Ms: round(sm.p99),
      overheadP50Ms: round(sa.p50 - sm.p50),
      overheadPairedP50Ms: round(sd.p50),
      analyzeP50Ms: round(summarize(floor).p50),
      /** The relay baseline: a process that only forwards the same requests. */
      relayP50Ms: round(sr.p50),
      relayOverheadP50Ms: round(sr.p50 - sm.p50),
      codeOverheadP50Ms: round(sa.p50 - sr.p50),
      samples: sa.n,
      byKind: kinds,
      byQuery,
      rejected,
      errors: latencyErrors,
    };
    log(
      `latency: API p50 ${fmt(sa.p50)} ms, Meilisearch p50 ${fmt(sm.p50)} ms, overhead ${fmt(sa.p50 - sm.p50, 2)} ms (a bare relay: ${fmt(sr.p50 - sm.p50, 2)} ms)`,
    );

    // 6. load
    const loadQueries = accepted.map((q) => ({ method: 'GET', path: q.url }));
    if (loadSeconds > 0 && loadQueries.length) {
      const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
      log(`load: ${connections} connections for ${loadSeconds} s`);
      meter = new PhaseMeter(() => ({ meilisearch: meiliPid, api: portal?.proc.pid }));
      const ac = await autocannon({ url: portal.url, connections, duration: loadSeconds, requests: loadQueries, timeout: 30 });
      phases.load = meter.end();
      result.load = {
        connections,
        durationSec: loadSeconds,
        requests: ac.requests.total,
        rps: round(ac.requests.average, 1),
        errors: ac.errors + ac.timeouts + ac.non2xx,
        connectionErrors: ac.errors,
        timeouts: ac.timeouts,
        non2xx: ac.non2xx,
        p50Ms: ac.latency.p50,
        p99Ms: ac.latency.p99,
        maxMs: ac.latency.max,
        statusCodes: Object.fromEntries(Object.entries(ac.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
        cpuMs: (phases.load as { cpuMs: Record<string, number> }).cpuMs,
      };
      const errorLines = portal.logs
        .join('')
        .split('\n')
        .filter((l) => /"status":5\d\d|error/i.test(l))
        .slice(-5);
      if (result.load.errors) result.load.errorLog = errorLines;
      log(`load: ${ac.requests.total} requests, ${result.load.errors} errors, p99 ${ac.latency.p99} ms`);
    }

    // 7. memory
    result.memory = {
      apiPeakRssMb: round(peakRssMb(portal.proc.pid) ?? NaN, 0),
      indexerPeakRssMb: round(pipe.maxRssMb, 0),
      meiliPeakRssMb: round(peakRssMb(meiliPid) ?? NaN, 0),
    };
    result.totalMs = Date.now() - runStarted;
    result.targets = targets(result, truth);
    printTable(result);
    if (args.json) {
      fs.mkdirSync(path.dirname(path.resolve(String(args.json))), { recursive: true });
      fs.writeFileSync(String(args.json), JSON.stringify(result, null, 2) + '\n');
      log(`wrote ${args.json}`);
    }
    return 0;
  } finally {
    await portal?.stop().catch(() => {});
    await proxy?.stop().catch(() => {});
    relay?.stop();
    search?.close();
    admin?.close();
    closeClient();
    await meili?.stop().catch(() => {});
    if (!args.keep && !args.work) fs.rmSync(work, { recursive: true, force: true });
  }
}

type Target = { name: string; value: number | string | undefined; target: string; met: boolean | undefined };

function targets(r: Record<string, any>, truth: CorpusTruth): Target[] {
  const out: Target[] = [];
  if (r.index?.ratio !== undefined) out.push({ name: 'index.ratio', value: r.index.ratio, target: '≥ 0.9', met: r.index.ratio >= 0.9 });
  out.push({ name: 'index.sizeRatio', value: r.index?.sizeRatio, target: '≤ 2', met: r.index ? r.index.sizeRatio <= 2 : undefined });
  out.push({ name: 'index.timeRatio', value: r.index?.timeRatio, target: '≤ 3', met: r.index ? r.index.timeRatio <= 3 : undefined });
  // The API's own code above a process that only relays (the whole overhead's floor on a host is the relay's).
  out.push({
    name: 'search.codeOverheadP50Ms',
    value: r.search?.codeOverheadP50Ms,
    target: '≤ 1 ms',
    met: r.search ? r.search.codeOverheadP50Ms <= 1 : undefined,
  });
  for (const [kind, k] of Object.entries<any>(r.search?.byKind ?? {})) {
    out.push({
      name: `search.byKind.${kind}.apiP95Ms`,
      value: k.apiP95Ms,
      target: `≤ 50 ms${truth.all.notices.total < 10_000 ? ' (at 10 000 notices)' : ''}`,
      met: k.apiP95Ms <= 50,
    });
  }
  if (r.search?.rejected?.length)
    out.push({ name: 'search.rejected', value: r.search.rejected.map((x: any) => x.name).join(', '), target: 'none', met: false });
  if (r.load)
    out.push({
      name: `load.errors (${r.load.connections} clients, ${r.load.durationSec} s)`,
      value: r.load.errors,
      target: '0',
      met: r.load.errors === 0,
    });
  out.push({
    name: 'correctness.mismatches',
    value: r.correctness?.mismatches,
    target: '0',
    met: r.correctness ? r.correctness.mismatches === 0 : undefined,
  });
  if (truth.all.notices.total <= 1000)
    out.push({ name: 'totalMs', value: r.totalMs, target: '< 300 000 (5 min)', met: r.totalMs < 300_000 });
  return out;
}

function printTable(r: Record<string, any>): void {
  const rows: [string, string][] = [];
  const add = (k: string, v: unknown) => rows.push([k, typeof v === 'number' ? String(round(v, 2)) : String(v ?? '—')]);
  add(
    'corpus',
    `${r.corpus.notices} notices, ${r.corpus.paragraphs} paragraphs, ${r.corpus.segments} segments, ${r.corpus.units} units, ${r.corpus.mb} MB`,
  );
  add('machine', `${r.machine.cpus} cores, node ${r.machine.node}, Meilisearch ${r.machine.meilisearch}`);
  add('index.pipelineDocsPerSec', r.index.pipelineDocsPerSec);
  add('index.rawDocsPerSec', r.index.rawDocsPerSec);
  add('index.ratio', r.index.ratio);
  add('index.sizeMb / plainSizeMb (sizeRatio)', `${r.index.sizeMb} / ${r.index.plainSizeMb} (${r.index.sizeRatio})`);
  add('index.pipelineMs / plainMs (timeRatio)', `${r.index.pipelineMs} / ${r.index.plainMs} (${r.index.timeRatio})`);
  add('index.pipelineMs / rawMs', `${r.index.pipelineMs} / ${r.index.rawMs}`);
  add('index.meiliBatches pipeline / raw', `${r.index.meiliBatches.pipeline} / ${r.index.meiliBatches.raw}`);
  add(
    'index.meiliBatchSeconds',
    `pipeline: paragraphs ${r.index.meiliBatchSeconds.pipelineParagraphs} s + notices ${r.index.meiliBatchSeconds.pipelineNotices} s; raw ${r.index.meiliBatchSeconds.raw} s`,
  );
  add('index.indexerCpuMs', r.index.indexerCpuMs);
  add(
    'index.meiliCpuMs pipeline / raw',
    `${r.index.meiliCpuMs.pipeline} / ${r.index.meiliCpuMs.raw} (meiliWorkRatio ${r.index.meiliWorkRatio})`,
  );
  for (const k of ['apiP50Ms', 'apiP95Ms', 'apiP99Ms', 'meiliP50Ms', 'meiliP95Ms', 'overheadP50Ms', 'overheadPairedP50Ms', 'analyzeP50Ms'])
    add(`search.${k}`, r.search[k]);
  add(
    'search.relayOverheadP50Ms / codeOverheadP50Ms',
    `${r.search.relayOverheadP50Ms} / ${r.search.codeOverheadP50Ms} (a bare relay's overhead; the API's above the relay)`,
  );
  for (const [kind, k] of Object.entries<any>(r.search.byKind))
    add(
      `search.${kind}`,
      `API p50 ${k.apiP50Ms} / p95 ${k.apiP95Ms} ms; Meilisearch p50 ${k.meiliP50Ms} / p95 ${k.meiliP95Ms} ms; relay p50 ${k.relayP50Ms} ms; overhead p50 ${k.overheadP50Ms} ms`,
    );
  for (const x of r.search.rejected) add(`search.rejected`, `${x.name} (${x.kind}): HTTP ${x.status}`);
  for (const [k, n] of Object.entries<number>(r.search.errors ?? {})) add('search.errors', `${k} ×${n}`);
  if (r.load) {
    add(
      'load',
      `${r.load.requests} requests (${r.load.rps}/s), ${r.load.errors} errors, p50 ${r.load.p50Ms} ms, p99 ${r.load.p99Ms} ms (${r.load.connections} clients, ${r.load.durationSec} s)`,
    );
    add(
      'load CPU s',
      Object.entries<number>(r.load.cpuMs ?? {})
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
        .join(', '),
    );
    if (r.load.errors) add('load status codes', JSON.stringify(r.load.statusCodes));
  }
  add('memory peak RSS MB', `API ${r.memory.apiPeakRssMb}, indexer ${r.memory.indexerPeakRssMb}, Meilisearch ${r.memory.meiliPeakRssMb}`);
  add(
    'correctness',
    `Meilisearch ${r.correctness.meili.passed}/${r.correctness.meili.checks}, API ${r.correctness.api.passed}/${r.correctness.api.checks} checks agree`,
  );
  const other = Object.entries<any>(r.phases)
    .filter(([, p]) => p?.otherCores !== undefined)
    .map(([k, p]) => `${k} ${p.otherCores.toFixed(2)}`)
    .join(', ');
  add('other processes (cores busy)', other);
  add('total', `${(r.totalMs / 1000).toFixed(0)} s`);
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log(rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n'));
  const mism = [...r.correctness.meili.mismatches, ...r.correctness.api.mismatches] as CheckReport['mismatches'];
  if (mism.length) {
    console.log(`\n${mism.length} correctness mismatches:`);
    for (const m of mism.slice(0, 40)) console.log(`  ${m.check}: got ${m.got}, want ${m.want}`);
    if (mism.length > 40) console.log(`  … ${mism.length - 40} more in the JSON`);
  }
  for (const n of [...r.correctness.meili.notes, ...r.correctness.api.notes]) console.log(`note: ${n}`);
  console.log('\ntargets:');
  for (const t of r.targets as Target[])
    console.log(`  ${t.met === undefined ? '?' : t.met ? '✓' : '✗'} ${t.name} = ${t.value} (target ${t.target})`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`bench failed: ${(e as Error).stack ?? e}`);
    process.exitCode = 1;
  },
);
