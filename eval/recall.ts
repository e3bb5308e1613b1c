/**
 * Recall and precision of search against the truth of substring matching on normalised
 * text, per mode and per query kind, beside Meilisearch with default settings on the same
 * segments (the baseline). Scored in paragraphs, the unit the portal finds. Exact mode (and
 * the baseline) is right when one of the paragraph's segments (lead or item) contains the
 * query; words mode when each word of the query as planned (server/search/query-plan.ts) is
 * contained in one of its segments, or one of the word's listed synonyms is — what the
 * portal promises its users. Used by `npm run eval` and by the test suite.
 */
import type { IndexStore } from '../meili/index-store.ts';
import type { SearchQuery } from '../meili/search-types.ts';
import { PARAGRAPHS_INDEX } from '../schema/indexes.ts';
import type { ParagraphDoc } from '../schema/documents.ts';
import { normalize } from '../text/normalize.ts';
import { planQuery } from '../server/search/query-plan.ts';
import type { SearchMode } from '../contract/api.ts';
import type { EvalQuery, QueryKind } from './queries.ts';

export const BASELINE_INDEX = 'eval-baseline';

export type Score = {
  queries: number;
  recall: number;
  precision: number;
  perfect: number;
  failures: { q: string; missing: number; extra: number }[];
};
export type EvalReport = Record<'exact' | 'words' | 'baseline', Partial<Record<QueryKind, Score>>>;

export type EvalSegment = { id: string; paragraphId: string; text: string };

export async function allSegments(store: IndexStore): Promise<EvalSegment[]> {
  const out: EvalSegment[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await store.listDocuments<Pick<ParagraphDoc, 'id' | 'segments'>>(PARAGRAPHS_INDEX, {
      limit: 1000,
      offset,
      fields: ['id', 'segments'],
    });
    for (const p of page.results) for (const s of p.segments) out.push({ id: s.id, paragraphId: p.id, text: s.text });
    if (offset + 1000 >= page.total) return out;
  }
}

async function ids(store: IndexStore, index: string, body: Omit<SearchQuery, 'indexUid'>): Promise<Set<string>> {
  const found = new Set<string>();
  for (let page = 1; ; page++) {
    const r = (
      await store.multiSearch<{ id: string }>([{ ...body, indexUid: index, page, hitsPerPage: 1000, attributesToRetrieve: ['id'] }])
    )[0]!;
    for (const h of r.hits) found.add(h.id);
    if (page >= r.totalPages) return found;
  }
}

export async function modeIds(store: IndexStore, q: string, mode: SearchMode): Promise<Set<string>> {
  const plan = planQuery([{ q, mode, scope: 'all' }]);
  return ids(store, PARAGRAPHS_INDEX, { q: plan.q, attributesToSearchOn: plan.attributesToSearchOn, matchingStrategy: 'all' });
}

export async function loadBaseline(store: IndexStore, segments: { id: string; text: string }[]): Promise<void> {
  await store.deleteIndex(BASELINE_INDEX).catch(() => undefined);
  await store.ensureIndex(BASELINE_INDEX);
  await store.waitForTask(
    await store.updateSettings(BASELINE_INDEX, { searchableAttributes: ['text'], pagination: { maxTotalHits: 10_000_000 } }),
  );
  await store.waitForTask(
    await store.addDocuments(
      BASELINE_INDEX,
      segments.map(({ id, text }) => ({ id, text })),
    ),
  );
}

function score(rows: { q: string; truth: Set<string>; got: Set<string> }[]): Score {
  let tp = 0,
    truthN = 0,
    gotN = 0,
    perfect = 0;
  const failures: Score['failures'] = [];
  for (const { q, truth, got } of rows) {
    let hit = 0;
    for (const id of got) if (truth.has(id)) hit++;
    tp += hit;
    truthN += truth.size;
    gotN += got.size;
    if (hit === truth.size && hit === got.size) perfect++;
    else failures.push({ q, missing: truth.size - hit, extra: got.size - hit });
  }
  return { queries: rows.length, recall: truthN ? tp / truthN : 1, precision: gotN ? tp / gotN : 1, perfect, failures };
}

export async function runEval(store: IndexStore, queries: EvalQuery[], segments: EvalSegment[]): Promise<EvalReport> {
  const normalized = segments.map((s) => ({ paragraphId: s.paragraphId, n: normalize(s.text) }));
  const containing = (needle: string) => new Set(normalized.filter((s) => s.n.includes(needle)).map((s) => s.paragraphId));
  const truthOf = (q: string) => containing(normalize(q));
  const wordsTruthOf = (q: string) => {
    const terms = planQuery([{ q, mode: 'words', scope: 'all' }]).clauses[0]?.analysis.terms ?? [];
    const sets = terms.map((t) => new Set((t.alternatives ?? [t.text]).flatMap((a) => [...containing(a)])));
    return sets.length ? new Set([...sets[0]!].filter((id) => sets.every((x) => x.has(id)))) : new Set<string>();
  };
  const paragraphOf = new Map(segments.map((s) => [s.id, s.paragraphId]));
  const baselineIds = async (q: string) =>
    new Set([...(await ids(store, BASELINE_INDEX, { q, matchingStrategy: 'all' }))].map((id) => paragraphOf.get(id)!));
  const report: EvalReport = { exact: {}, words: {}, baseline: {} };
  const kinds = [...new Set(queries.map((q) => q.kind))];
  for (const kind of kinds) {
    const qs = queries.filter((q) => q.kind === kind);
    const rows: Record<keyof EvalReport, { q: string; truth: Set<string>; got: Set<string> }[]> = { exact: [], words: [], baseline: [] };
    for (const { q } of qs) {
      const truth = truthOf(q);
      rows.exact.push({ q, truth, got: await modeIds(store, q, 'exact') });
      rows.words.push({ q, truth: wordsTruthOf(q), got: await modeIds(store, q, 'words') });
      rows.baseline.push({ q, truth, got: await baselineIds(q) });
    }
    for (const m of ['exact', 'words', 'baseline'] as const) report[m][kind] = score(rows[m]);
  }
  return report;
}

export function formatReport(report: EvalReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = ['kind          queries | exact recall  precision | words recall  precision | baseline recall  precision'];
  const kinds = Object.keys(report.exact) as QueryKind[];
  for (const k of kinds) {
    const e = report.exact[k]!,
      w = report.words[k]!,
      b = report.baseline[k]!;
    lines.push(
      `${k.padEnd(13)} ${String(e.queries).padStart(7)} | ${pct(e.recall).padStart(12)} ${pct(e.precision).padStart(10)} | ${pct(w.recall).padStart(12)} ${pct(w.precision).padStart(10)} | ${pct(b.recall).padStart(15)} ${pct(b.precision).padStart(10)}`,
    );
  }
  return lines.join('\n');
}
