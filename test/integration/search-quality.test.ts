/**
 * Chinese search that finds every occurrence: the recall evaluation on the sample corpus and
 * the real notices of ../shared/corpus/real/ (exact mode must be 100% / 100% on every query
 * kind; words mode ≥ 99% recall and ≥ 97% precision on one-word queries), and the cases
 * users reported.
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
import { normalize } from '../../text/normalize.ts';
import { SearchContext } from '../../server/search/context.ts';
import { runSearch } from '../../server/search/search.ts';
import { allSegments, formatReport, loadBaseline, runEval, type EvalReport } from '../../eval/recall.ts';
import { generateQueries } from '../../eval/queries.ts';
import { ROOT, tempDataDir } from '../support/portal.ts';
import { writeCorpus } from '../support/corpus.ts';
import { searchInput } from '../support/search-input.ts';

let meili: EmbeddedMeili;
let client: SingleIndexStore;
let dataDir: string;
let search: SearchContext;
let segments: { id: string; paragraphId: string; text: string }[];
let report: EvalReport;

const params = (q: string, mode: 'words' | 'exact', perPage = 100) => searchInput({ q: [q], mode: [mode], perPage });
/** The paragraphs (one hit per paragraph) whose text contains q. */
const truth = (q: string) =>
  [...new Set(segments.filter((s) => normalize(s.text).includes(normalize(q))).map((s) => s.paragraphId))].sort();
const hitParagraphs = (r: { hits: { paragraphId: string }[] }) => r.hits.map((h) => h.paragraphId).sort();

beforeAll(async () => {
  dataDir = tempDataDir('quality-');
  meili = await startEmbeddedMeili({ dataDir });
  client = new SingleIndexStore(new MeiliClient({ url: meili.url, apiKey: meili.masterKey }));
  await ensureIndexes(client);
  const real = path.resolve(ROOT, '../shared/corpus/real');
  if (!fs.existsSync(real)) throw new Error(`the real notices are missing: ${real} (tests read them from ../shared)`);
  // Two more notices spell the allowance each way, for the synonym group 津补贴 / 津贴补贴.
  const notice = (unit: string, spelling: string) =>
    [
      `中共${unit}党组关于县委巡察整改进展情况的通报`,
      `根据县委统一部署，县委第一巡察组于2024年3月至4月对${unit}党组开展了常规巡察，并于2024年5月反馈了巡察意见。现将整改进展情况予以公布。`,
      '一、关于贯彻落实中央八项规定精神方面的问题',
      `1.违规发放${spelling}。`,
      `整改情况：已全部清退违规发放的${spelling}，建立发放审批台账，对相关责任人严肃问责。`,
      // 问 and 责 apart, in one paragraph: words mode must not take it for 问责.
      '2.问题整改职责不清，负责人履职不到位。',
      '整改情况：已明确整改责任分工。',
    ].join('\n');
  const variants = writeCorpus({ 'v1.txt': notice('东港市农业农村局', '津补贴'), 'v2.txt': notice('凤城市水利局', '津贴补贴') });
  await ingestFiles(expandInputs([path.join(ROOT, 'corpus/samples'), real, variants]).files, { archive: new Archive(dataDir), client });
  fs.rmSync(variants, { recursive: true, force: true });
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

describe('npm run eval on the samples and the real notices', () => {
  it('exact mode: 100% recall and 100% precision for every query kind', () => {
    for (const [kind, score] of Object.entries(report.exact)) {
      expect(score.failures, kind).toEqual([]);
      expect(score.recall, kind).toBe(1);
      expect(score.precision, kind).toBe(1);
    }
  });

  it('words mode: one-word queries find ≥ 99% of the paragraphs holding the word, and ≥ 97% of what they find holds it', () => {
    expect(report.words.word!.recall).toBeGreaterThanOrEqual(0.99);
    expect(report.words.word!.precision).toBeGreaterThanOrEqual(0.97);
    expect(report.words.word!.recall).toBeGreaterThan(report.baseline.word!.recall);
  });
});

describe('the reported cases', () => {
  it.each(['问责', '整改', '台账', '廉政', '党费'])(
    'words mode: %s finds exactly the paragraphs that contain it, inside longer words too',
    async (q) => {
      const expected = truth(q);
      expect(expected.length).toBeGreaterThan(0);
      const r = await runSearch(search, params(q, 'words', 100));
      expect(r.total).toBe(expected.length);
      const all: string[] = [];
      for (let page = 1; (page - 1) * 100 < r.total; page++)
        all.push(...hitParagraphs(await runSearch(search, { ...params(q, 'words', 100), page })));
      expect(all.sort()).toEqual(expected);
    },
  );

  it('words mode: a variant finds the paragraphs written with the other spelling', async () => {
    const either = [...new Set([...truth('津补贴'), ...truth('津贴补贴')])].sort();
    expect(truth('津补贴').length).toBeGreaterThan(0);
    expect(truth('津贴补贴').length).toBeGreaterThan(0);
    const r = await runSearch(search, params('津贴补贴', 'words', 100));
    expect(hitParagraphs(r)).toEqual(either);
    expect(r.clauses[0]!.analysis.terms[0]!.alternatives).toEqual(expect.arrayContaining(['津补贴', '津贴补贴']));
  });

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
