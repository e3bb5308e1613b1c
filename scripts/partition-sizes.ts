/**
 * npx tsx scripts/partition-sizes.ts [--notices N] [--seed S] [--corpus DIR] [--rounds R] [--json FILE]
 *
 * The figures behind docs/scaling.md: indexes N generated notices (bench/generate.ts) into
 * one embedded Meilisearch with the real indexer, then the same archive into two partitions
 * split by year (the year that halves the archive), and reports per instance: documents,
 * database size on disk, peak and current memory (RSS) of the Meilisearch process, indexing
 * time; then search latency through the search service on one instance, on the partitions
 * federated, and on the partitions fanned out, and checks that totals agree.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { FilterParams, SearchParams } from '../contract/api.ts';
import { generateCorpus } from '../bench/generator/corpus.ts';
import { MeiliClient } from '../meili/client.ts';
import { startEmbeddedMeili, type EmbeddedMeili } from '../meili/embedded.ts';
import type { IndexStore } from '../meili/index-store.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../schema/indexes.ts';
import { ensureIndexes } from '../meili/indexes.ts';
import { PartitionedSearch } from '../meili/partitioned-search.ts';
import { PartitionedStore } from '../meili/partitions.ts';
import { SingleIndexStore } from '../meili/single-store.ts';
import { Archive } from '../indexer/archive/store.ts';
import { expandInputs, ingestFiles } from '../indexer/ingest.ts';
import { rebuildIndex } from '../indexer/rebuild.ts';
import { SearchContext } from '../server/search/context.ts';
import { planSearch } from '../server/search/plan.ts';
import { listNotices } from '../server/search/notices.ts';
import { stats as problemStats } from '../server/search/stats.ts';
import { runSearch } from '../server/search/search.ts';

const USAGE = 'usage: npx tsx scripts/partition-sizes.ts [--notices N] [--seed S] [--corpus DIR] [--rounds R] [--json FILE]';
const args = (() => {
  try {
    return parseArgs({
      options: {
        notices: { type: 'string' },
        seed: { type: 'string' },
        corpus: { type: 'string' },
        rounds: { type: 'string' },
        json: { type: 'string' },
      },
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
})();
const notices = Number(args.notices ?? 1000);
const log = (m: string) => process.stderr.write(`[sizes ${new Date().toISOString().slice(11, 19)}] ${m}\n`);
const INDEXES = [PARAGRAPHS_INDEX, NOTICES_INDEX];

function memoryMb(pid: number | undefined): { rssMb: number; peakRssMb: number } {
  const status = pid ? fs.readFileSync(`/proc/${pid}/status`, 'utf8') : '';
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
}

type Stats = {
  databaseSize: number;
  usedDatabaseSize: number;
  indexes: Record<string, { numberOfDocuments: number; rawDocumentDbSize?: number; avgDocumentSize?: number }>;
};
async function instanceFigures(m: EmbeddedMeili, client: MeiliClient) {
  const s = await client.request<Stats>('GET', '/stats');
  return {
    paragraphs: s.indexes[PARAGRAPHS_INDEX]?.numberOfDocuments ?? 0,
    notices: s.indexes[NOTICES_INDEX]?.numberOfDocuments ?? 0,
    databaseMb: Math.round(s.databaseSize / 1e6),
    usedDatabaseMb: Math.round(s.usedDatabaseSize / 1e6),
    rawDocumentsMb: Object.fromEntries(Object.entries(s.indexes).map(([k, v]) => [k, Math.round((v.rawDocumentDbSize ?? 0) / 1e6)])),
    ...memoryMb(m.child?.pid),
  };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
}

/** API searches: counted in paragraphs or notices (distinct), so partitions answer them fanned out. */
const SEARCHES: Record<string, Record<string, unknown>> = {
  words: { q: '党费' },
  exact: { q: '三重一大', mode: 'exact' },
  faceted: { q: '整改', yearFrom: '2020', level: ['县', '市'] },
  'notices view': { q: '公务用车', view: 'notices' },
  browse: {},
  'page 5 by date': { q: '落实', sort: '-date', page: '5' },
};

/** Runs each way once per round, in turn, so that load on the machine hits all alike. */
async function timeWays(
  ways: Record<string, () => Promise<number>>,
  rounds: number,
): Promise<Record<string, { p50: number; p95: number; total: number }>> {
  const times: Record<string, number[]> = {};
  const totals: Record<string, number> = {};
  for (const [way, run] of Object.entries(ways)) {
    totals[way] = await run();
    times[way] = [];
  }
  const names = Object.keys(ways);
  for (let i = 0; i < rounds; i++) {
    for (let k = 0; k < names.length; k++) {
      const way = names[(i + k) % names.length]!;
      const s = performance.now();
      totals[way] = await ways[way]!();
      times[way]!.push(performance.now() - s);
    }
  }
  if (new Set(Object.values(totals)).size !== 1) throw new Error(`totals differ: ${JSON.stringify(totals)}`);
  return Object.fromEntries(names.map((w) => [w, { p50: percentile(times[w]!, 50), p95: percentile(times[w]!, 95), total: totals[w]! }]));
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'partition-sizes-'));
  const started: EmbeddedMeili[] = [];
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      void Promise.all(started.map((m) => m.stop())).finally(() => {
        fs.rmSync(work, { recursive: true, force: true });
        process.exit(130);
      });
    });
  const stores: IndexStore[] = [];
  try {
    let corpus = args.corpus;
    if (!corpus) {
      corpus = path.join(work, 'corpus');
      const t = Date.now();
      generateCorpus({ notices, seed: args.seed ?? '1', out: corpus });
      log(`generated ${notices} notices in ${Date.now() - t} ms`);
    }
    const { files } = expandInputs([corpus]);
    const dirs = ['one', 'early', 'late'].map((n) => path.join(work, n));
    const [one, early, late] = (await Promise.all(dirs.map((dataDir) => startEmbeddedMeili({ dataDir })))) as unknown as [
      EmbeddedMeili,
      EmbeddedMeili,
      EmbeddedMeili,
    ];
    started.push(one, early, late);
    const oneAdmin = new SingleIndexStore(new MeiliClient({ url: one.url, apiKey: one.masterKey, timeoutMs: 600_000 }));
    stores.push(oneAdmin);
    await ensureIndexes(oneAdmin);

    let t = Date.now();
    const archive = new Archive(dirs[0]!);
    const ingest = await ingestFiles(files, {
      archive,
      client: oneAdmin,
      onProgress: (d, n) => {
        if (d % 200 === 0) log(`indexed ${d}/${n}`);
      },
    });
    const pipelineMs = Date.now() - t;
    log(`one instance: ${ingest.added} notices, ${ingest.segments} segments in ${pipelineMs} ms (indexer pipeline)`);
    const oneAfterIngest = await instanceFigures(one, oneAdmin.client);

    // The year that splits the archive in halves.
    const years = (await oneAdmin.multiSearch<never>([{ indexUid: NOTICES_INDEX, q: '', page: 1, hitsPerPage: 0, facets: ['year'] }]))[0]!
      .facetDistribution!.year!;
    let acc = 0;
    const total = Object.values(years).reduce((a, b) => a + b, 0);
    const split = Number(
      Object.keys(years)
        .sort()
        .find((y) => (acc += years[y]!) >= total / 2),
    );
    const file = path.join(work, 'partitions.yaml');
    fs.writeFileSync(
      file,
      YAML.stringify({
        partitions: [
          { name: 'early', url: early.url, masterKey: early.masterKey, years: { to: split } },
          { name: 'late', url: late.url, masterKey: late.masterKey, default: true },
        ],
      }),
    );
    const parted = PartitionedStore.fromFile(file);
    stores.push(parted);
    t = Date.now();
    await rebuildIndex(archive, parted, 'none');
    const partitionedRebuildMs = Date.now() - t;
    t = Date.now();
    await rebuildIndex(archive, oneAdmin, 'none');
    const oneRebuildMs = Date.now() - t;
    log(`rebuilt from the archive: one instance ${oneRebuildMs} ms, two partitions ${partitionedRebuildMs} ms`);

    const single = new SearchContext(await oneAdmin.searchStore(INDEXES, { timeoutMs: 30_000 }));
    const fedBackend = await parted.searchStore(INDEXES, { timeoutMs: 30_000, log });
    const services = {
      one: single,
      federated: new SearchContext(fedBackend),
      'fanned out': new SearchContext(new PartitionedSearch(fedBackend.partitions)),
    };
    const rounds = Number(args.rounds ?? 30);
    // Searches (distinct): one instance against the partitions (fanned out either way).
    const latency: Record<string, unknown> = {};
    for (const [name, raw] of Object.entries(SEARCHES)) {
      const params = SearchParams.parse(raw);
      latency[name] = await timeWays(
        {
          one: async () => (await runSearch(services.one, params)).total,
          partitions: async () => (await runSearch(services['fanned out'], params)).total,
        },
        rounds,
      );
    }
    // Counted in documents (no distinct): the partitions federated or fanned out.
    const prep = planSearch(SearchParams.parse({ q: '整改' }), 'paragraphs');
    const filters = FilterParams.parse({ yearFrom: '2018' });
    const nonDistinct: Record<string, (s: SearchContext) => Promise<number>> = {
      'stats (q=整改)': async (s) => (await problemStats(s, prep)).totalProblems,
      'notice list, page 1': async (s) => (await listNotices(s, filters, 1, 20)).total,
      'notice list, page 20': async (s) => (await listNotices(s, filters, 20, 20)).total,
    };
    for (const [name, run] of Object.entries(nonDistinct)) {
      latency[name] = await timeWays(Object.fromEntries(Object.entries(services).map(([way, s]) => [way, () => run(s)])), rounds);
    }

    const result = {
      machine: {
        cpus: os.cpus().length,
        memoryGb: Math.round(os.totalmem() / 1e8) / 10,
        loadavg: os.loadavg().map((l) => Math.round(l * 10) / 10),
      },
      corpus: {
        notices: ingest.added,
        segments: ingest.segments,
        segmentsPerNotice: Math.round((ingest.segments / ingest.added) * 10) / 10,
        textMb: Math.round(files.reduce((n, f) => n + fs.statSync(f).size, 0) / 1e5) / 10,
      },
      split: { early: `≤ ${split}`, late: `> ${split}` },
      indexing: { pipelineMs, oneRebuildMs, partitionedRebuildMs },
      one: { afterIngest: oneAfterIngest, afterRebuild: await instanceFigures(one, oneAdmin.client) },
      early: await instanceFigures(early, parted.partition('early').client),
      late: await instanceFigures(late, parted.partition('late').client),
      latency,
    };
    console.log(JSON.stringify(result, null, 2));
    if (args.json) fs.writeFileSync(args.json, JSON.stringify(result, null, 2) + '\n');
  } finally {
    for (const s of stores) s.close();
    for (const m of started) await m.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
