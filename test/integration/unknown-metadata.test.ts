/**
 * Notices whose text gives no year or no unit stay findable: the year facet counts them as
 * 年份不详 and the unit facet as 单位不详, each a filter of its own, and the statistics by
 * year show them in a column of their own. Real Meilisearch.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNKNOWN_UNIT, UNKNOWN_YEAR } from '../../contract/constants.ts';
import { Archive } from '../../indexer/archive/store.ts';
import { expandInputs, ingestFiles } from '../../indexer/ingest.ts';
import { MeiliClient } from '../../meili/client.ts';
import { type EmbeddedMeili, startEmbeddedMeili } from '../../meili/embedded.ts';
import { ensureIndexes } from '../../meili/indexes.ts';
import { SingleIndexStore } from '../../meili/single-store.ts';
import { SearchContext } from '../../server/search/context.ts';
import { planSearch, type SearchInput } from '../../server/search/plan.ts';
import { runSearch } from '../../server/search/search.ts';
import { stats } from '../../server/search/stats.ts';
import { writeCorpus } from '../support/corpus.ts';
import { tempDataDir } from '../support/portal.ts';
import { searchInput } from '../support/search-input.ts';

const body = [
  '一、关于贯彻落实中央八项规定精神方面的问题',
  '1.违规发放津补贴。',
  '整改情况：已全部清退违规发放的津补贴，建立发放审批台账。',
];
const NOTICES = {
  // Unit and year known.
  'known.txt': [
    '中共东港市农业农村局党组关于县委巡察整改进展情况的通报',
    '县委第一巡察组于2024年3月至4月对东港市农业农村局党组开展了常规巡察，并于2024年5月10日反馈了巡察意见。现将整改进展情况予以公布。',
    ...body,
  ],
  // No date anywhere: no year.
  'no-year.txt': [
    '中共凤城市水利局党组关于县委巡察整改进展情况的通报',
    '县委第二巡察组对凤城市水利局党组开展了常规巡察，并反馈了巡察意见。现将整改进展情况予以公布。',
    ...body,
  ],
  // No unit named.
  'no-unit.txt': [
    '关于县委巡察整改进展情况的通报',
    '县委第三巡察组对我单位开展了常规巡察，并于2024年6月3日反馈了巡察意见。现将整改进展情况予以公布。',
    ...body,
  ],
};

let meili: EmbeddedMeili;
let client: SingleIndexStore;
let dataDir: string;
let ctx: SearchContext;

const params = (filters: Partial<SearchInput> = {}) => searchInput({ unitFacetLimit: 100, ...filters });

beforeAll(async () => {
  dataDir = tempDataDir('unknown-');
  meili = await startEmbeddedMeili({ dataDir });
  client = new SingleIndexStore(new MeiliClient({ url: meili.url, apiKey: meili.masterKey }));
  await ensureIndexes(client);
  const dir = writeCorpus(Object.fromEntries(Object.entries(NOTICES).map(([f, lines]) => [f, lines.join('\n')])));
  await ingestFiles(expandInputs([dir]).files, { archive: new Archive(dataDir), client });
  fs.rmSync(dir, { recursive: true, force: true });
  ctx = new SearchContext(client);
}, 120_000);
afterAll(async () => {
  client?.close();
  await meili?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('unknown year and unit', () => {
  it('counts 年份不详 and 单位不详 in the facets, in both views', async () => {
    for (const view of ['paragraphs', 'notices'] as const) {
      const r = await runSearch(ctx, params({ view }));
      const perNotice = view === 'notices' ? 1 : r.total / 3;
      expect(r.facets.year.find((v) => v.value === String(UNKNOWN_YEAR))).toMatchObject({ label: '年份不详', count: perNotice });
      expect(r.facets.year.find((v) => v.value === '2024')?.count).toBe(2 * perNotice);
      expect(r.facets.unit.find((v) => v.value === UNKNOWN_UNIT)?.count).toBe(perNotice);
    }
  });

  it('filters on them', async () => {
    const noYear = await runSearch(ctx, params({ year: [UNKNOWN_YEAR] }));
    expect(noYear.total).toBeGreaterThan(0);
    expect(new Set(noYear.hits.map((h) => h.title))).toEqual(new Set(['中共凤城市水利局党组关于县委巡察整改进展情况的通报']));
    const noYearOr2024 = await runSearch(ctx, params({ year: [UNKNOWN_YEAR, 2024] }));
    expect(noYearOr2024.total).toBe(3 * noYear.total);
    const noUnit = await runSearch(ctx, params({ unit: [UNKNOWN_UNIT] }));
    expect(new Set(noUnit.hits.map((h) => h.unit))).toEqual(new Set([UNKNOWN_UNIT]));
    expect(noUnit.total).toBe(noYear.total);
  });

  it('gives 年份不详 a column of the statistics by year', async () => {
    const s = await stats(ctx, planSearch(params()));
    const years = new Set(s.byCategoryYear.map((r) => r.year));
    expect(years).toEqual(new Set([2024, UNKNOWN_YEAR]));
    expect(s.byUnit.map((u) => u.unit)).toContain(UNKNOWN_UNIT);
  });
});
