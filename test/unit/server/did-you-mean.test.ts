/**
 * Did-you-mean on the archive's own vocabulary, built from the two real sample notices: a
 * typo that sounds the same (党废 → 党费), pinyin typed without an input method, one
 * character away; and only suggestions that find something, counted as the search counts.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buildRecord } from '../../../indexer/build-record.ts';
import { parseNotice } from '../../../indexer/parse/notice.ts';
import type { SearchContext } from '../../../server/search/context.ts';
import { baseQuery, planSearch } from '../../../server/search/plan.ts';
import { ArchiveVocabulary, buildVocabulary, spansOf, suggest, type Vocabulary } from '../../../server/search/suggest.ts';
import { SEED_000, SEED_003 } from '../../support/corpus.ts';

let vocabulary: Vocabulary;
beforeAll(async () => {
  vocabulary = await buildVocabulary(
    [SEED_000, SEED_003].map((text) => buildRecord({ parsed: parseNotice(text), text, textHash: 'test', sources: [] })),
  );
});

const params = (...q: string[]) => ({ q, mode: [], scope: [], unit: [], region: [], category: [], year: [], level: [] });
/**
 * A stand-in for Meilisearch: the paragraphs each search finds, keyed by its clauses (its
 * query is recognised by what the real plan sends); any other search finds nothing.
 */
const counting = (found: [q: string[], count: number][]) => {
  const byQuery = new Map(found.map(([q, n]) => [baseQuery(planSearch(params(...q), 'paragraphs')).q, n]));
  const sent: string[] = [];
  const ctx = {
    multi: async (queries: { q?: string }[]) =>
      queries.map((query) => {
        sent.push(query.q ?? '');
        return { totalHits: byQuery.get(query.q) ?? 0 };
      }),
  } as unknown as SearchContext;
  return { ctx, sent };
};

describe('did you mean', () => {
  it("holds the archive's words, and finds where a typo came apart into characters", () => {
    expect(vocabulary.has('党费')).toBe(true);
    expect(vocabulary.size).toBeGreaterThan(300);
    expect(spansOf('党废', vocabulary)).toContain('党废');
    expect(spansOf('党费', vocabulary)).toEqual([]);
  });

  it('offers 党费 for 党废 first (the same pinyin), then words one character away', () => {
    const c = vocabulary.candidates('党废');
    expect(c[0]).toMatchObject({ word: '党费', via: 'pinyin' });
    expect(c.filter((x) => x.via === 'edit').map((x) => x.word)).toContain('党员');
  });

  it('reads pinyin typed as letters', () => {
    expect(vocabulary.candidates('dangfei')[0]?.word).toBe('党费');
    expect(vocabulary.candidates("dang'fei")[0]?.word).toBe('党费');
  });

  it('answers each suggestion with its count, leaving out those that find nothing, keeping the other clauses', async () => {
    const { ctx, sent } = counting([
      [['补缴', '党费'], 2],
      [['补缴', '党员'], 5],
    ]);
    const got = await suggest(ctx, params('补缴', '党废'), vocabulary);
    // The same pinyin first, whatever the counts; then edits; none that finds nothing.
    expect(got.map((s) => [s.clause, s.from, s.to, s.q, s.via, s.count])).toEqual([
      [1, '党废', '党费', '党费', 'pinyin', 2],
      [1, '党废', '党员', '党员', 'edit', 5],
    ]);
    expect(sent.length).toBeGreaterThan(2);
    expect(await suggest(ctx, params('党费'), vocabulary)).toEqual([]);
  });
});

describe('the archive vocabulary', () => {
  it('is built on first use and rebuilt, the old one answering meanwhile, once notices were added or corrected', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const [a, b] = [SEED_000, SEED_003].map((text) => buildRecord({ parsed: parseNotice(text), text, textHash: 'test', sources: [] }));
      let archived = [a!];
      let writes = 0;
      const source = new ArchiveVocabulary({ notices: () => [...archived], stamp: () => String(writes) });
      const first = await source.get();
      // A word of the second notice only.
      const word = '融合';
      expect(first.has(word)).toBe(false);
      archived.push(b!);
      writes++;
      expect(await source.get()).toBe(first);
      vi.setSystemTime(Date.now() + 61_000);
      expect(await source.get()).toBe(first);
      await expect.poll(async () => (await source.get()).has(word)).toBe(true);
      // The second notice corrected, the number of notices the same: its old words go.
      archived = [a!, { ...b!, paragraphs: b!.paragraphs.map((p) => ({ ...p, text: p.text.replaceAll(word, '合并') })) }];
      writes++;
      vi.setSystemTime(Date.now() + 61_000);
      await expect.poll(async () => (await source.get()).has(word)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
