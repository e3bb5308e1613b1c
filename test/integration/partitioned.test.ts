/**
 * Partitioned mode (docs/scaling.md) against real Meilisearch: two local instances holding
 * the notices up to 2021 and from 2022 on, beside one instance holding everything, indexed
 * from the same files. Every answer of the search service — totals, facet counts, hits,
 * notice view, stats, lists, lookups, export — must be the same, both federated (the
 * `network` feature) and fanned out. Hits that rank equal (same sort values and ranking
 * score, frequent here: the corpus repeats one notice) may come in another order, so hits
 * are compared by their ranking key position by position. Then the indexer's routing:
 * a notice that changes partition moves, removal and rebuild reach every partition, and the
 * portal runs on partitions (PARTITIONS_FILE) and on an external Meilisearch (MEILI_URL).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { SearchParams, StatsParams, FilterParams } from '../../contract/api.ts';
import type { NoticeRecord } from '../../contract/notice.ts';
import { MeiliClient, MeiliUnavailableError, type Task } from '../../meili/client.ts';
import { startEmbeddedMeili, type EmbeddedMeili } from '../../meili/embedded.ts';
import { NEXT_INDEXES, NOTICES_INDEX, PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import { ensureIndexes } from '../../meili/indexes.ts';
import { PartitionedSearch } from '../../meili/partitioned-search.ts';
import { PartitionedStore } from '../../meili/partitions.ts';
import { SingleIndexStore } from '../../meili/single-store.ts';
import { Archive } from '../../indexer/archive/store.ts';
import { expandInputs, ingestFiles, removeNotices } from '../../indexer/ingest.ts';
import { enqueueReplace, waitAll } from '../../indexer/load/loader.ts';
import { rebuildIndex, syncIndex } from '../../indexer/rebuild.ts';
import { SearchContext } from '../../server/search/context.ts';
import { planSearch, mainQuery } from '../../server/search/plan.ts';
import { listNotices, findParagraph, related as relatedNotices } from '../../server/search/notices.ts';
import { allRows } from '../../server/search/export.ts';
import { facetSearch } from '../../server/search/facets.ts';
import { indexCounts } from '../../server/search/health.ts';
import { stats as problemStats } from '../../server/search/stats.ts';
import { runSearch } from '../../server/search/search.ts';
import { SEED_000, SEED_003, variantCorpus, writeCorpus } from '../support/corpus.ts';
import { getJson, startPortal, tempDataDir, type Portal } from '../support/portal.ts';

const INDEXES = [PARAGRAPHS_INDEX, NOTICES_INDEX];
const dirs: string[] = [];
const meilis: EmbeddedMeili[] = [];
const portals: Portal[] = [];
let one: EmbeddedMeili;
let early: EmbeddedMeili;
let late: EmbeddedMeili;
let oneAdmin: SingleIndexStore;
let parted: PartitionedStore;
let oneArchive: Archive;
let partArchive: Archive;
let partDataDir: string;
let partitionsFile: string;
let single: SearchContext;
let federated: SearchContext;
let fannedOut: SearchContext;
let federatedBackend: PartitionedSearch;
const timings: Record<string, number> = {};

const dir = (prefix: string) => {
  const d = tempDataDir(prefix);
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  let t = Date.now();
  meilis.push(...(await Promise.all(['one-', 'early-', 'late-'].map((p) => startEmbeddedMeili({ dataDir: dir(`part-${p}`) })))));
  [one, early, late] = meilis as [EmbeddedMeili, EmbeddedMeili, EmbeddedMeili];
  timings.start = Date.now() - t;
  oneAdmin = new SingleIndexStore(new MeiliClient({ url: one.url, apiKey: one.masterKey }));
  partDataDir = dir('part-archive-');
  partitionsFile = path.join(partDataDir, 'partitions.yaml');
  // One key inline, one from the environment (as production would do both).
  fs.writeFileSync(
    partitionsFile,
    YAML.stringify({
      partitions: [
        { name: 'early', url: early.url, masterKey: early.masterKey, years: { to: 2021 } },
        { name: 'late', url: late.url, masterKeyEnv: 'TEST_LATE_MEILI_KEY', default: true },
      ],
    }),
  );
  parted = PartitionedStore.fromFile(partitionsFile, { TEST_LATE_MEILI_KEY: late.masterKey });
  await Promise.all([ensureIndexes(oneAdmin), ensureIndexes(parted)]);

  const corpus = writeCorpus({ ...variantCorpus(12), 's000.txt': SEED_000, 's003.txt': SEED_003 });
  dirs.push(corpus);
  const { files } = expandInputs([corpus]);
  partArchive = new Archive(partDataDir);
  t = Date.now();
  const ingested = await ingestFiles(files, { archive: partArchive, client: parted });
  timings.ingest = Date.now() - t;
  expect(ingested.failed).toBe(0);
  expect(ingested.added).toBe(files.length);
  // The one instance gets the same records: a copy of the archive, indexed by a rebuild.
  t = Date.now();
  fs.cpSync(path.join(partDataDir, 'archive'), path.join(dirOf(one), 'archive'), { recursive: true });
  oneArchive = new Archive(dirOf(one));
  expect((await rebuildIndex(oneArchive, oneAdmin, 'none')).notices).toBe(files.length);
  timings.rebuildOne = Date.now() - t;

  single = new SearchContext(await oneAdmin.searchStore(INDEXES));
  federatedBackend = await parted.searchStore(INDEXES);
  federated = new SearchContext(federatedBackend);
  fannedOut = new SearchContext(new PartitionedSearch(federatedBackend.partitions));
}, 120_000);

/** The data directory of an embedded Meilisearch of this test (its archive goes beside it). */
function dirOf(m: EmbeddedMeili): string {
  return dirs[meilis.indexOf(m)]!;
}

afterAll(async () => {
  for (const p of portals) await p.stop();
  oneAdmin?.close();
  parted?.close();
  for (const m of meilis) await m.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  console.log('partitioned test timings (ms):', JSON.stringify(timings));
});

async function documents<T>(client: MeiliClient, index: string, fields: string): Promise<T[]> {
  return (await client.request<{ results: T[] }>('GET', `/indexes/${index}/documents?limit=100000&fields=${fields}`)).results;
}

/** Ranking key of each hit of a search on the one instance: what equal-ranking hits share. */
async function rankingKeys(params: SearchParams): Promise<Map<string, string>> {
  const body: Record<string, unknown> = {
    ...mainQuery(params),
    page: 1,
    hitsPerPage: 10_000,
    attributesToRetrieve: ['id', 'date', 'order'],
    showRankingScore: true,
  };
  const [r] = (
    await oneAdmin.client.request<{ results: { hits: { id: string; date?: number; order: number; _rankingScore: number }[] }[] }>(
      'POST',
      '/multi-search',
      { queries: [body] },
    )
  ).results;
  const sorted = body.sort !== undefined;
  return new Map(r!.hits.map((h) => [h.id, sorted ? `${h.date}|${h.order}|${h._rankingScore}` : String(h._rankingScore)]));
}

const sortFacets = (f: Record<string, { value: string; count: number }[]>) =>
  Object.fromEntries(Object.entries(f).map(([k, v]) => [k, [...v].sort((a, b) => a.value.localeCompare(b.value))]));

const SEARCHES: Record<string, Record<string, unknown>> = {
  words: { q: '党费' },
  'words, page 2': { q: '党费', page: '2' },
  exact: { q: '党费', mode: 'exact', perPage: '50' },
  'exact number': { q: '2369', mode: 'exact' },
  'two clauses': { q: ['党费', '2369'], mode: ['words', 'exact'] },
  'filters and facets without their own filter': { q: '党费', mode: 'exact', unit: ['凤城市教育局', '东港市融媒体中心'], yearFrom: '2020' },
  'category filter': { category: 'T.party-dues', perPage: '100' },
  'region filter, browse newest first': { region: '辽宁省 > 丹东市' },
  'scope measures, page 3': { q: '整改', scope: 'measures', page: '3', perPage: '10' },
  'notices view': { q: '党费', view: 'notices', perPage: '100' },
  'notices view, page 2': { q: '整改', view: 'notices', page: '2', perPage: '10' },
  'sort by date': { q: '党费', sort: 'date', perPage: '30' },
  'sort newest first, page 4': { q: '整改', sort: '-date', page: '4', perPage: '25' },
  'year filter across partitions': { q: '党费', year: ['2021', '2022'] },
};

describe('search over two partitions equals one instance holding everything', () => {
  it('routes each notice to one partition by year', async () => {
    const [all, e, l] = await Promise.all(
      [oneAdmin.client, parted.partition('early').client, parted.partition('late').client].map((c) =>
        documents<{ id: string; year?: number }>(c, NOTICES_INDEX, 'id,year'),
      ),
    );
    expect(e!.length).toBeGreaterThan(0);
    expect(l!.length).toBeGreaterThan(0);
    expect(e!.every((d) => d.year !== undefined && d.year <= 2021)).toBe(true);
    expect(l!.every((d) => d.year === undefined || d.year >= 2022)).toBe(true);
    expect([...e!, ...l!].map((d) => d.id).sort()).toEqual(all!.map((d) => d.id).sort());
    const segs = await Promise.all(
      [oneAdmin.client, parted.partition('early').client, parted.partition('late').client].map((c) =>
        documents<{ id: string; noticeId: string; year?: number }>(c, PARAGRAPHS_INDEX, 'id,noticeId,year'),
      ),
    );
    expect(segs[1]!.length + segs[2]!.length).toBe(segs[0]!.length);
    expect(segs[1]!.every((s) => s.year! <= 2021)).toBe(true);
    // The merged admin view: counts summed, listings concatenated.
    expect(await parted.documentCount(PARAGRAPHS_INDEX)).toBe(segs[0]!.length);
    const listed = await parted.listDocuments<{ id: string }>(NOTICES_INDEX, { fields: ['id'], limit: 7, offset: e!.length - 3 });
    expect(listed.total).toBe(all!.length);
    expect(listed.results.map((d) => d.id)).toEqual([...e!.slice(-3), ...l!.slice(0, 4)].map((d) => d.id));
    expect(federatedBackend.coordinator).toBeDefined();
  });

  for (const [name, raw] of Object.entries(SEARCHES)) {
    it(`search: ${name}`, async () => {
      // Units are counted only when asked for; here they are, to compare their counts too.
      const params = SearchParams.parse({ unitFacetLimit: 1000, ...raw });
      const keys = await rankingKeys(params);
      const expected = await runSearch(single, params);
      expect(expected.total).toBeGreaterThan(0);
      for (const [way, service] of [
        ['federated', federated],
        ['fanned out', fannedOut],
      ] as const) {
        const got = await runSearch(service, params);
        const at = `${name} (${way})`;
        expect(got.total, at).toBe(expected.total);
        expect(got.totalPages, at).toBe(expected.totalPages);
        expect(got.page, at).toBe(expected.page);
        expect(sortFacets(got.facets), at).toEqual(sortFacets(expected.facets));
        expect(got.hits.length, at).toBe(expected.hits.length);
        // Position by position the same ranking key (paragraphs may differ only among equals).
        expect(
          got.hits.every((h) => keys.has(h.paragraphId)),
          at,
        ).toBe(true);
        expect(
          got.hits.map((h) => keys.get(h.paragraphId)),
          at,
        ).toEqual(expected.hits.map((h) => keys.get(h.paragraphId)));
        expect(new Set(got.hits.map((h) => h.paragraphId)).size, at).toBe(got.hits.length);
        if (expected.total <= params.perPage && params.page === 1)
          expect(got.hits.map((h) => h.id).sort(), at).toEqual(expected.hits.map((h) => h.id).sort());
        if (params.view === 'notices') {
          const matches = (r: typeof got) => Object.fromEntries(r.noticeHits!.map((n) => [n.noticeId, n.matches]));
          if (expected.total <= params.perPage) expect(matches(got), at).toEqual(matches(expected));
          else {
            for (const [id, n] of Object.entries(matches(got))) {
              // The notice page's hits are leads and items: count their paragraphs.
              const inNotice = await runSearch(single, { ...params, notice: id, view: 'paragraphs', page: 1, perPage: 100 });
              expect(n, at).toBe(new Set(inNotice.hits.map((h) => h.paragraphId)).size);
            }
          }
        }
      }
    });
  }

  it('the query ways: distinct (the notices view) and later pages are fanned out, the rest federated', () => {
    expect(federatedBackend.wayOf(mainQuery(SearchParams.parse({ q: '党费' })) as never)).toBe('federated');
    expect(federatedBackend.wayOf(mainQuery(SearchParams.parse({ q: '党费', view: 'notices' })) as never)).toBe('fan-out');
    expect(federatedBackend.wayOf(mainQuery(SearchParams.parse({ q: '党费', page: '2' })) as never)).toBe('fan-out');
    expect(federatedBackend.wayOf({ indexUid: NOTICES_INDEX, q: '', page: 1, hitsPerPage: 20 })).toBe('federated');
    expect(federatedBackend.wayOf({ indexUid: NOTICES_INDEX, q: '', page: 2, hitsPerPage: 20 })).toBe('fan-out');
    expect(federatedBackend.wayOf({ indexUid: PARAGRAPHS_INDEX, q: '', page: 3, hitsPerPage: 0, facets: ['year'] })).toBe('federated');
  });

  it('stats, notice lists, facet search, counts and lookups', async () => {
    for (const raw of [{}, { q: '党费' }, { q: '党费', mode: 'exact', yearFrom: '2021' }]) {
      const prep = planSearch(StatsParams.parse(raw), 'paragraphs');
      const expected = await problemStats(single, prep);
      for (const service of [federated, fannedOut]) {
        const got = await problemStats(service, prep);
        expect(got.totalProblems).toBe(expected.totalProblems);
        const rows = (s: typeof got) => s.byCategoryYear.map((r) => `${r.year} ${r.category} ${r.count}`).sort();
        expect(rows(got)).toEqual(rows(expected));
        expect([...got.byUnit].sort((a, b) => a.unit.localeCompare(b.unit))).toEqual(
          [...expected.byUnit].sort((a, b) => a.unit.localeCompare(b.unit)),
        );
      }
    }
    const filters = FilterParams.parse({ region: '辽宁省' });
    for (const service of [federated, fannedOut]) {
      for (const page of [1, 2]) {
        const list = await listNotices(single, filters, page, 7);
        const got = await listNotices(service, filters, page, 7);
        expect(got.total).toBe(list.total);
        expect(got.totalPages).toBe(list.totalPages);
        expect(got.notices.map((n) => n.publishedDate)).toEqual(list.notices.map((n) => n.publishedDate));
      }
      expect(await indexCounts(service)).toEqual(await indexCounts(single));
      const prep = planSearch(SearchParams.parse({ q: '党费' }));
      expect((await facetSearch(service, 'unit', '教育', prep)).sort((a, b) => a.value.localeCompare(b.value))).toEqual(
        (await facetSearch(single, 'unit', '教育', prep)).sort((a, b) => a.value.localeCompare(b.value)),
      );
      const counties = await facetSearch(single, 'region', '', prep, { parent: '辽宁省 > 丹东市' });
      expect(counties.length).toBeGreaterThan(1);
      expect(await facetSearch(service, 'region', '', prep, { parent: '辽宁省 > 丹东市' })).toEqual(counties);
    }
    const ids = partArchive.noticeIds();
    for (const id of [ids[0]!, ids[ids.length - 1]!]) {
      // Records come from the archive (one for all partitions); related notices from the index.
      const record = partArchive.getNotice(id)!;
      for (const service of [federated, fannedOut]) {
        const related = await relatedNotices(service, record, (i) => partArchive.readNotice(i));
        const expected = await relatedNotices(single, record, (i) => oneArchive.readNotice(i));
        expect(related.sameUnit.map((n) => n.id).sort()).toEqual(expected.sameUnit.map((n) => n.id).sort());
        expect(related.repeatedCategories).toEqual(expected.repeatedCategories);
        const p = record.paragraphs[1]!;
        expect(await findParagraph(service, p.id)).toEqual(await findParagraph(single, p.id));
      }
    }
  });

  it('export streams every hit', async () => {
    const params = SearchParams.parse({});
    const collect = async (s: SearchContext) => {
      const out: string[] = [];
      for await (const h of allRows(s, params, 50_000)) out.push(h.paragraphId);
      return out;
    };
    const expected = await collect(single);
    expect(expected.length).toBeGreaterThan(100);
    for (const service of [federated, fannedOut]) {
      const got = await collect(service);
      expect(got.length).toBe(expected.length);
      expect(new Set(got)).toEqual(new Set(expected));
    }
  });
});

describe('indexing into partitions', () => {
  it('a notice whose partition changes moves: through the loader, and through the indexer after a rules change', async () => {
    const ids2020 = partArchive.noticeIds().filter((i) => partArchive.getNotice(i)!.year === 2020);
    expect(ids2020.length).toBeGreaterThanOrEqual(2);
    const where = async (id: string) =>
      Promise.all(
        ['early', 'late'].map(async (name) => {
          const c = parted.partition(name).client;
          const n = (await documents<{ id: string }>(c, NOTICES_INDEX, 'id')).filter((d) => d.id === id).length;
          const s = (await documents<{ noticeId: string }>(c, PARAGRAPHS_INDEX, 'noticeId')).filter((d) => d.noticeId === id).length;
          return [n, s];
        }),
      );
    // The loader (records): its year changed.
    const [x, y] = ids2020 as [string, string];
    const record = partArchive.getNotice(x)!;
    const segments = (await where(x))[0]![1]!;
    expect(await where(x)).toEqual([
      [1, segments],
      [0, 0],
    ]);
    const moved: NoticeRecord = { ...record, year: 2024 };
    await waitAll(parted, (await enqueueReplace(parted, [moved])).tasks);
    expect(await where(x)).toEqual([
      [0, 0],
      [1, segments],
    ]);
    // The indexer (documents in bulk): the rules now end the early partition at 2019, and a
    // corrected version of a 2020 notice is indexed (the same notice, updated).
    const rules = YAML.parse(fs.readFileSync(partitionsFile, 'utf8'));
    rules.partitions[0].years = { to: 2019 };
    const file2019 = path.join(partDataDir, 'partitions-2019.yaml');
    fs.writeFileSync(file2019, YAML.stringify(rules));
    const reruled = PartitionedStore.fromFile(file2019, { TEST_LATE_MEILI_KEY: late.masterKey });
    try {
      const source = partArchive.getNotice(y)!.sources[0]!.path!;
      const before = (await where(y))[0]![1]!;
      expect(await where(y)).toEqual([
        [1, before],
        [0, 0],
      ]);
      fs.writeFileSync(source, fs.readFileSync(source, 'utf8').replace('党费共计2369元', '党费共计2396元'));
      const [r] = await Promise.all([
        ingestFiles([source], { archive: partArchive, client: reruled }),
        ingestFiles([source], { archive: oneArchive, client: oneAdmin }),
      ]);
      expect(r).toMatchObject({ updated: 1, added: 0, failed: 0 });
      expect(await where(y)).toEqual([
        [0, 0],
        [1, before],
      ]);
    } finally {
      reruled.close();
    }
    // The archive still holds x as of 2020 and the rules are the original ones: the rebuild below puts both back.
  });

  it('sync finds nothing to do, rebuild from the archive fills both partitions again', async () => {
    const sync = await syncIndex(partArchive, parted);
    expect(sync.resent).toEqual([]);
    expect(sync.deleted).toEqual([]);
    // Left by a rebuild interrupted on one partition only: deleted there, never swapped in.
    const latePart = parted.partition('late').client;
    await latePart.waitForTask(await latePart.request<Task>('POST', '/indexes', { uid: NEXT_INDEXES.paragraphs, primaryKey: 'id' }));
    await latePart.waitForTask(
      await latePart.request<Task>('POST', `/indexes/${NEXT_INDEXES.paragraphs}/documents`, [{ id: 'leftover1', noticeId: 'nLeftover' }]),
    );
    const t = Date.now();
    const before = await indexCounts(federated);
    const r = await rebuildIndex(partArchive, parted, 'none');
    timings.rebuild = Date.now() - t;
    expect(r.notices).toBe(before.notices);
    for (const p of parted.partitions) {
      const uids = (await p.client.request<{ results: { uid: string }[] }>('GET', '/indexes')).results.map((i) => i.uid).sort();
      expect(uids, p.name).toEqual(['notices', 'paragraphs', 'portal-meta']);
    }
    expect((await documents<{ id: string }>(latePart, PARAGRAPHS_INDEX, 'id')).map((d) => d.id)).not.toContain('leftover1');
    expect(await indexCounts(federated)).toEqual(before);
    expect(await indexCounts(federated)).toEqual(await indexCounts(single));
    const early2020 = (await documents<{ year?: number }>(parted.partition('early').client, NOTICES_INDEX, 'year')).filter(
      (d) => d.year === 2020,
    );
    expect(early2020.length).toBe(partArchive.noticeIds().filter((i) => partArchive.getNotice(i)!.year === 2020).length);
  });

  it('removal deletes from whichever partition holds the notice', async () => {
    const ids = partArchive.noticeIds();
    const victims = [ids.find((i) => partArchive.getNotice(i)!.year! <= 2021)!, ids.find((i) => partArchive.getNotice(i)!.year! >= 2022)!];
    const before = await indexCounts(fannedOut);
    // The same on the one instance, which the portal test below compares with.
    const [res] = await Promise.all([removeNotices(victims, partArchive, parted), removeNotices(victims, oneArchive, oneAdmin)]);
    expect(res.removed.sort()).toEqual([...victims].sort());
    const left = (await Promise.all(parted.partitions.map((p) => documents<{ id: string }>(p.client, NOTICES_INDEX, 'id'))))
      .flat()
      .map((d) => d.id);
    for (const id of victims) {
      expect(left).not.toContain(id);
      expect(partArchive.getNotice(id)).toBeUndefined();
    }
    expect((await indexCounts(fannedOut)).notices).toBe(before.notices - 2);
  });
});

describe('the portal', () => {
  it('runs on partitions (PARTITIONS_FILE) and on an external Meilisearch (MEILI_URL) with the same answers', async () => {
    const t = Date.now();
    const [onParts, onExternal] = await Promise.all([
      startPortal({
        dataDir: partDataDir,
        env: { PARTITIONS_FILE: partitionsFile, TEST_LATE_MEILI_KEY: late.masterKey, LOAD_SAMPLES: '0', RATE_LIMIT: '0' },
      }),
      startPortal({
        dataDir: dirOf(one),
        env: { MEILI_URL: one.url, MEILI_MASTER_KEY: one.masterKey, LOAD_SAMPLES: '0', RATE_LIMIT: '0' },
      }),
    ]);
    portals.push(onParts, onExternal);
    timings.portals = Date.now() - t;
    const [h1, h2] = await Promise.all([getJson(`${onParts.url}/api/health`), getJson(`${onExternal.url}/api/health`)]);
    expect(h1.body).toMatchObject({ status: 'ok', meilisearch: { mode: 'external', available: true, version: '1.21.0' } });
    expect(h2.body).toMatchObject({ status: 'ok', meilisearch: { mode: 'external' } });
    expect([h1.body.notices, h1.body.paragraphs]).toEqual([h2.body.notices, h2.body.paragraphs]);
    for (const qs of [
      'q=党费&unitFacetLimit=1000',
      'q=党费&view=notices&perPage=100&unitFacetLimit=1000',
      'q=整改&mode=exact&unit=凤城市教育局&unit=东港市教育局&unitFacetLimit=1000',
    ]) {
      const [a, b] = await Promise.all([getJson(`${onParts.url}/api/search?${qs}`), getJson(`${onExternal.url}/api/search?${qs}`)]);
      expect(a.status).toBe(200);
      expect(a.body.total).toBe(b.body.total);
      expect(sortFacets(a.body.facets)).toEqual(sortFacets(b.body.facets));
    }
    const stats = await Promise.all([getJson(`${onParts.url}/api/stats`), getJson(`${onExternal.url}/api/stats`)]);
    expect(stats[0].body.totalProblems).toBe(stats[1].body.totalProblems);
  });

  it('answers 503 rather than a partial result when a partition is down', async () => {
    await late.stop();
    const r = await getJson(`${portals[0]!.url}/api/search?q=党费`);
    expect(r.status).toBe(503);
    await expect(runSearch(federated, SearchParams.parse({ q: '党费' }))).rejects.toThrow(MeiliUnavailableError);
    await expect(listNotices(federated, FilterParams.parse({}), 1, 5)).rejects.toThrow(MeiliUnavailableError);
    expect((await getJson(`${portals[0]!.url}/api/health`)).status).toBe(503);
  });
});
