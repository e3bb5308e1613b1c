/**
 * Chinese search that finds every occurrence: the recall evaluation on the sample corpus
 * (exact mode must be 100% / 100% on every query kind; words mode ≥ 99% recall on jieba
 * words), and the cases users reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeiliClient } from '../../meili/client.ts';
import { SingleIndexStore } from '../../meili/single-store.ts';
import { startEmbeddedMeili, type EmbeddedMeili } from '../../meili/embedded.ts';
import { ensureIndexes } from '../../meili/indexes.ts';
import { Archive } from '../../indexer/archive/store.ts';
import { expandInputs, ingestFiles } from '../../indexer/ingest.ts';
import { meiliLexicon } from '../../schema/lexicon-settings.ts';
import { normalize } from '../../text/normalize.ts';
import { SearchContext } from '../../server/search/context.ts';
import type { SearchInput } from '../../server/search/plan.ts';
import { runSearch } from '../../server/search/search.ts';
import { allSegments, formatReport, loadBaseline, runEval, type EvalReport } from '../../eval/recall.ts';
import { generateQueries } from '../../eval/queries.ts';
import { ROOT, tempDataDir } from '../support/portal.ts';

let meili: EmbeddedMeili;
let client: SingleIndexStore;
let dataDir: string;
let search: SearchContext;
let segments: { id: string; paragraphId: string; text: string }[];
let report: EvalReport;

const params = (q: string, mode: 'words' | 'exact', perPage = 100): SearchInput => ({
  q: [q],
  mode: [mode],
  scope: [],
  unit: [],
  region: [],
  category: [],
  year: [],
  level: [],
  view: 'paragraphs',
  sort: 'relevance',
  page: 1,
  perPage,
});
/** The paragraphs (one hit per paragraph) whose text contains q. */
const truth = (q: string) =>
  [...new Set(segments.filter((s) => normalize(s.text).includes(normalize(q))).map((s) => s.paragraphId))].sort();
const hitParagraphs = (r: { hits: { paragraphId: string }[] }) => r.hits.map((h) => h.paragraphId).sort();

beforeAll(async () => {
  dataDir = tempDataDir('quality-');
  meili = await startEmbeddedMeili({ dataDir });
  client = new SingleIndexStore(new MeiliClient({ url: meili.url, apiKey: meili.masterKey }));
  await ensureIndexes(client, meiliLexicon());
  await ingestFiles(expandInputs([path.join(ROOT, 'corpus/samples')]).files, { archive: new Archive(dataDir), client });
  search = new SearchContext(client);
  segments = await allSegments(client);
  await loadBaseline(client, segments);
  report = await runEval(client, generateQueries(segments.map((s) => s.text)), segments);
  console.log(formatReport(report));
}, 300_000);
afterAll(async () => {
  client?.close();
  await meili?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run eval on the sample corpus', () => {
  it('exact mode: 100% recall and 100% precision for every query kind', () => {
    for (const [kind, score] of Object.entries(report.exact)) {
      expect(score.failures, kind).toEqual([]);
      expect(score.recall, kind).toBe(1);
      expect(score.precision, kind).toBe(1);
    }
  });

  it('words mode: at least 99% recall on jieba words, above the default Meilisearch baseline', () => {
    expect(report.words.word!.recall).toBeGreaterThanOrEqual(0.99);
    expect(report.words.word!.recall).toBeGreaterThan(report.baseline.word!.recall);
  });
});

describe('the reported cases', () => {
  it('体中心 (exact) finds exactly the 14 paragraphs, with an exact total', async () => {
    const r = await runSearch(search, params('体中心', 'exact'));
    expect(truth('体中心')).toHaveLength(14);
    expect(r.total).toBe(14);
    expect(hitParagraphs(r)).toEqual(truth('体中心'));
    for (const h of r.hits) expect(h.highlighted).toContain('<mark>体中心</mark>');
  });

  it('"媒体中心" in exact mode returns exactly the 14', async () => {
    const r = await runSearch(search, params('媒体中心', 'exact'));
    expect(r.total).toBe(14);
    expect(hitParagraphs(r)).toEqual(truth('媒体中心'));
  });

  it.each(['2369', '2369元', '0415-2195262', '443,814.00元'])('%s finds its paragraph in both modes', async (q) => {
    const expected = truth(q);
    expect(expected.length).toBeGreaterThan(0);
    for (const mode of ['exact', 'words'] as const) {
      const r = await runSearch(search, params(q, mode));
      expect(hitParagraphs(r), mode).toEqual(expected);
    }
  });

  it.each(['甸满族', '族自治', '改进', '体中'])('the sub-word fragment %s is found in exact mode', async (q) => {
    const r = await runSearch(search, params(q, 'exact'));
    expect(hitParagraphs(r)).toEqual(truth(q));
    expect(r.total).toBeGreaterThan(0);
  });

  it('traditional characters and full-width digits find the simplified text', async () => {
    const r = await runSearch(search, params('黨費共計２３６９元', 'exact'));
    expect(r.total).toBe(1);
    expect(r.hits[0]!.highlighted).toContain('<mark>党费共计2369元</mark>');
  });

  it('quoted parts of a words query are exact', async () => {
    const r = await runSearch(search, params('"三重一大" 决策', 'words'));
    expect(r.clauses[0]!.analysis.terms).toEqual([
      { text: '三重一大', kind: 'exact' },
      { text: '决策', kind: 'word' },
    ]);
    expect(r.total).toBeGreaterThan(0);
    for (const h of r.hits) expect(normalize(h.text)).toContain('三重一大');
  });

  it('says which terms beyond the tenth Meilisearch ignores', async () => {
    const r = await runSearch(
      search,
      params('党费 公务用车 三重一大 意识形态 保密 安全播出 广告 债务 消防 选人用人 民主生活会 发展党员', 'words'),
    );
    expect(r.clauses[0]!.analysis.terms).toHaveLength(10);
    expect(r.clauses[0]!.analysis.ignored).toEqual(['民主生活会', '发展党员']);
  });
});
