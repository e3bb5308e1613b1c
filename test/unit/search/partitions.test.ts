/**
 * Partitioned mode without Meilisearch: the partitions file and its routing rule, and how
 * fanned-out answers are merged (sort order, missing sort values, ties, distinct values
 * that span partitions, deep pages, failures). test/integration/partitioned.test.ts checks
 * the same against real instances.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MeiliClient } from '../../../meili/client.ts';
import { PartitionedSearch } from '../../../meili/partitioned-search.ts';
import { PartitionedStore, PartitionsConfigError, loadPartitionsFile } from '../../../meili/partitions.ts';

const KEY = 'k'.repeat(16);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function file(content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partitions-'));
  dirs.push(dir);
  const f = path.join(dir, 'partitions.yaml');
  fs.writeFileSync(f, content);
  return f;
}

describe('partitions file and routing', () => {
  const config = loadPartitionsFile(
    file(`
partitions:
  - { name: liaoning-old, url: http://a:7700, masterKey: ${KEY}, provinces: [辽宁省], years: { to: 2019 } }
  - { name: liaoning, url: http://b:7700/, masterKey: ${KEY}, provinces: [辽宁省] }
  - { name: recent, url: http://c:7700, masterKeyEnv: C_KEY, years: { from: 2024 } }
  - { name: rest, url: https://d.example, masterKey: ${KEY}, default: true }
`),
    { C_KEY: KEY },
  );
  const client = new PartitionedStore(config);

  it('sends a notice to the first partition whose rule it matches, else to the default', () => {
    const route = (province: string | undefined, year: number | undefined) => client.route({ province, year }).name;
    expect(route('辽宁省', 2018)).toBe('liaoning-old');
    expect(route('辽宁省', 2024)).toBe('liaoning');
    expect(route('辽宁省', undefined)).toBe('liaoning');
    expect(route('吉林省', 2024)).toBe('recent');
    expect(route('吉林省', 2023)).toBe('rest');
    expect(route(undefined, undefined)).toBe('rest');
    expect(config.federation).toBe('auto');
    expect(config.partitions[1]!.url).toBe('http://b:7700');
    expect(config.partitions[2]!.masterKey).toBe(KEY);
  });

  it('refuses files that would lose notices or keys', () => {
    const bad = (yaml: string, message: RegExp) => expect(() => loadPartitionsFile(file(yaml), {})).toThrow(message);
    bad(`partitions:\n  - { name: a, url: http://a, masterKey: ${KEY}, years: { to: 2019 } }`, /exactly one partition must be the default/);
    bad(
      `partitions:\n  - { name: a, url: http://a, masterKey: ${KEY}, default: true }\n  - { name: a, url: http://b, masterKey: ${KEY}, provinces: [x] }`,
      /used twice/,
    );
    bad(
      `partitions:\n  - { name: a, url: http://a, masterKey: ${KEY}, default: true }\n  - { name: b, url: http://b, masterKey: ${KEY} }`,
      /has no rule/,
    );
    bad(`partitions:\n  - { name: a, url: http://a, masterKeyEnv: MISSING, default: true }`, /MISSING must hold/);
    bad(`partitions:\n  - { name: a, url: ftp://a, masterKey: ${KEY}, default: true }`, /url/);
    bad(`partitions:\n  - { name: a, url: http://a, masterKey: ${KEY}, default: true, shards: 2 }`, /shards/);
    expect(() => loadPartitionsFile('/nonexistent/partitions.yaml')).toThrow(PartitionsConfigError);
  });

  it('routes documents sent in bulk, and deletes a notice that moved from where it was', async () => {
    const parts = new PartitionedStore(
      loadPartitionsFile(
        file(`
partitions:
  - { name: old, url: http://a:7700, masterKey: ${KEY}, years: { to: 2019 } }
  - { name: new, url: http://b:7700, masterKey: ${KEY}, default: true }
`),
        {},
      ),
    );
    const calls: string[] = [];
    let uid = 0;
    for (const p of parts.partitions) {
      (p.client as { request: unknown }).request = async (method: string, urlPath: string, body: any) => {
        calls.push(`${p.name} ${method} ${urlPath} ${JSON.stringify(body)}`);
        // The old partition still holds n2 (its year was 2018 before a correction).
        if (urlPath.endsWith('/documents/fetch'))
          return { results: p.name === 'old' && body.filter.includes('"n2"') ? [{ id: 'n2' }] : [] };
        return { taskUid: ++uid };
      };
    }
    const docs = [{ id: 'n1', year: 2018 }, { id: 'n2', year: 2021 }, { id: 'n3' }];
    const task = (await parts.addDocuments('notices', JSON.stringify(docs))) as { parts?: { partition: string }[] };
    expect(calls.filter((c) => c.includes('POST /indexes/notices/documents ['))).toEqual([
      'old POST /indexes/notices/documents [{"id":"n1","year":2018}]',
      'new POST /indexes/notices/documents [{"id":"n2","year":2021},{"id":"n3"}]',
    ]);
    expect(calls).toContain('old POST /indexes/paragraphs/documents/delete {"filter":"noticeId IN [\\"n2\\"]"}');
    expect(calls).toContain('old POST /indexes/notices/documents/delete-batch ["n2"]');
    expect(task.parts!.map((t) => t.partition)).toEqual(['old', 'old', 'old', 'new']);
    // Deletions and settings go everywhere.
    calls.length = 0;
    await parts.deleteDocuments('paragraphs', 'noticeId IN ["n9"]');
    expect(calls.map((c) => c.split(' ')[0])).toEqual(['old', 'new']);
  });

  it('waits for the tasks of the partition that enqueued them', async () => {
    await expect(client.waitForTask({ taskUid: 3 })).rejects.toThrow(/which partition/);
  });

  it('hands each notice to the store of its partition, every partition listed', () => {
    const parts = client.byPartition(
      [
        { id: 'a', p: '辽宁省', y: 2018 },
        { id: 'b', p: '吉林省', y: 2024 },
        { id: 'c', p: undefined, y: undefined },
      ],
      (n) => ({ province: n.p, year: n.y }),
    );
    expect(parts.map((g) => g.items.map((n) => n.id))).toEqual([['a'], [], ['b'], ['c']]);
    parts.forEach((g, i) => expect(g.store).toBe(client.partitions[i]!.store));
  });
});

type Doc = { id: string; date?: number; unit?: string; _rankingScore: number };

/** A stand-in for a partition's search client: answers /multi-search from fixed, ranked hits. */
function fakePartition(name: string, docs: Doc[], calls: unknown[][] = []) {
  const client = {
    async request(_method: string, _path: string, body: { queries: Record<string, any>[] }) {
      calls.push(body.queries);
      return {
        results: body.queries.map((q) => {
          const ids = /id IN \[(.*)\]/
            .exec(String(q.filter ?? ''))?.[1]
            ?.split(', ')
            .map((s) => JSON.parse(s) as string);
          let hits = ids ? docs.filter((d) => ids.includes(d.id)) : docs;
          if (q.distinct) hits = hits.filter((d, i) => hits.findIndex((e) => (e as any)[q.distinct] === (d as any)[q.distinct]) === i);
          const n = q.hitsPerPage ?? q.limit ?? 20;
          return {
            hits: hits.slice(0, n).map((d) => ({ ...d })),
            totalHits: hits.length,
            estimatedTotalHits: hits.length,
            processingTimeMs: 1,
            facetDistribution: { unit: { [name]: hits.length } },
          };
        }),
      };
    },
  };
  return { name, client: client as unknown as MeiliClient };
}

describe('merging fanned-out answers', () => {
  const a: Doc[] = [
    { id: 'a1', date: 20240101, _rankingScore: 0.9 },
    { id: 'a2', date: 20220101, _rankingScore: 0.9 },
    { id: 'a3', _rankingScore: 0.5 },
  ];
  const b: Doc[] = [
    { id: 'b1', date: 20230101, _rankingScore: 0.95 },
    { id: 'b2', date: 20210101, _rankingScore: 0.9 },
    { id: 'b3', date: 20200101, _rankingScore: 0.1 },
  ];

  it('sums totals and facet counts, orders by ranking score, ties in partition order', async () => {
    const search = new PartitionedSearch([fakePartition('a', a), fakePartition('b', b)]);
    const [r] = (await search.multiSearch<any>([
      { indexUid: 'paragraphs', q: 'x', distinct: 'id', page: 1, hitsPerPage: 4, facets: ['unit'] },
    ])) as any[];
    expect(r.hits.map((h: Doc) => h.id)).toEqual(['b1', 'a1', 'a2', 'b2']);
    expect(r.hits[0]._rankingScore).toBeUndefined();
    expect(r).toMatchObject({ totalHits: 6, totalPages: 2, page: 1, hitsPerPage: 4, facetDistribution: { unit: { a: 3, b: 3 } } });
  });

  it('orders by the sort fields, documents without them last in either direction', async () => {
    const search = new PartitionedSearch([
      fakePartition(
        'a',
        [...a].sort((x, y) => (y.date ?? -1) - (x.date ?? -1)),
      ),
      fakePartition('b', b),
    ]);
    const [desc] = (await search.multiSearch<any>([{ indexUid: 'paragraphs', q: '', sort: ['date:desc'], limit: 10 }])) as any[];
    expect(desc.hits.map((h: Doc) => h.id)).toEqual(['a1', 'b1', 'a2', 'b2', 'b3', 'a3']);
    const asc = new PartitionedSearch([fakePartition('a', [a[1]!, a[0]!, a[2]!]), fakePartition('b', [...b].reverse())]);
    const [r] = (await asc.multiSearch<any>([{ indexUid: 'paragraphs', q: '', sort: ['date:asc'], limit: 10 }])) as any[];
    expect(r.hits.map((h: Doc) => h.id)).toEqual(['b3', 'b2', 'a2', 'b1', 'a1', 'a3']);
  });

  it('a later page ranks on keys, then fetches only its documents from their partitions', async () => {
    const calls: unknown[][] = [];
    const search = new PartitionedSearch([fakePartition('a', a, calls), fakePartition('b', b)]);
    const [r] = (await search.multiSearch<any>([
      { indexUid: 'paragraphs', q: 'x', page: 2, hitsPerPage: 2, attributesToRetrieve: ['id', 'text'] },
    ])) as any[];
    expect(r.hits.map((h: Doc) => h.id)).toEqual(['a2', 'b2']);
    expect(r).toMatchObject({ totalHits: 6, totalPages: 3, page: 2 });
    const [first, second] = calls as Record<string, any>[][];
    expect(first![0]).toMatchObject({ page: 1, hitsPerPage: 4, attributesToRetrieve: ['id'], showRankingScore: true });
    expect(second![0]).toMatchObject({ filter: 'id IN ["a2"]', attributesToRetrieve: ['id', 'text'] });
  });

  it('keeps one hit per value of a distinct field whose values span partitions', async () => {
    const units = (name: string, list: string[]) =>
      fakePartition(
        name,
        list.map((u, i) => ({ id: `${name}${i}`, unit: u, _rankingScore: 1 - i / 10 })),
      );
    const search = new PartitionedSearch([units('a', ['甲', '乙']), units('b', ['乙', '丙'])]);
    const [r] = (await search.multiSearch<any>([
      { indexUid: 'notices', q: '', distinct: 'unit', limit: 10, attributesToRetrieve: ['unit'] },
    ])) as any[];
    expect(r.hits.map((h: Doc) => h.unit)).toEqual(['甲', '乙', '丙']);
    await expect(search.multiSearch([{ indexUid: 'notices', q: '', distinct: 'unit', page: 1, hitsPerPage: 10 }])).rejects.toThrow(
      /cannot count distinct "unit"/,
    );
  });

  it('fails when a partition fails, rather than answering with part of the archive', async () => {
    const down = {
      name: 'down',
      client: {
        request: async () => {
          throw new Error('connection refused');
        },
      } as unknown as MeiliClient,
    };
    const search = new PartitionedSearch([fakePartition('a', a), down]);
    await expect(search.multiSearch([{ indexUid: 'paragraphs', q: 'x', page: 1, hitsPerPage: 2 }])).rejects.toThrow(
      /partition down: connection refused/,
    );
  });
});
