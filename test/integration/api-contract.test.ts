/**
 * The API contract against a real Meilisearch: filters, exact totals (above 1000), facet
 * counts checked against counts computed from the notices' own data, views, scopes, clauses,
 * and every other endpoint.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalize } from '../../text/normalize.ts';
import { ROOT, getJson, startPortal, type Portal } from '../support/portal.ts';
import { variantCorpus, writeCorpus } from '../support/corpus.ts';

const run = promisify(execFile);
let portal: Portal;
let corpusDir: string;

type Seg = {
  id: string;
  noticeId: string;
  paragraphId: string;
  text: string;
  part: string;
  role: string;
  unit?: string;
  year?: number;
  region: string[];
  level?: string;
  lvl1?: string;
  lvl2: string[];
};
const segments: Seg[] = [];
let noticeIds: string[] = [];

function segmentsOf(n: any): Seg[] {
  const out: Seg[] = [];
  const base = { noticeId: n.id, unit: n.unit, year: n.year, region: n.region, level: n.inspection.level };
  for (const p of n.paragraphs) {
    const lead = p.items.length ? (p.lead ?? '') : p.text;
    const cat = (c: any) => ({ lvl1: c?.lvl1?.code, lvl2: (c?.topics ?? []).map((t: any) => t.code) });
    if (lead.trim()) out.push({ ...base, id: p.id, paragraphId: p.id, text: lead, part: p.part, role: p.role, ...cat(p.classification) });
    for (const it of p.items)
      out.push({
        ...base,
        id: it.id,
        paragraphId: p.id,
        text: it.label + it.text,
        part: p.part,
        role: p.part === 'problems' ? 'measure' : 'text',
        ...cat(it.classification ?? p.classification),
      });
  }
  return out;
}

const api = (path: string) => getJson(`${portal.url}${path}`);
const qs = (o: Record<string, string | string[]>) => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) for (const x of [v].flat()) u.append(k, x);
  return u.toString();
};
const _count = <T>(items: T[], key: (t: T) => string | undefined) => {
  const m: Record<string, number> = {};
  for (const i of items) {
    const k = key(i);
    if (k !== undefined) m[k] = (m[k] ?? 0) + 1;
  }
  return m;
};
const facetMap = (values: { value: string; count: number }[]) => Object.fromEntries(values.map((v) => [v.value, v.count]));
/** Segments → one representative per paragraph (the paragraphs view counts paragraphs). */
const paragraphsOf = (segs: Seg[]) => [...new Map(segs.map((s) => [s.paragraphId, s])).values()];
/** Distinct values of `key` per counted unit (a paragraph or notice counts once per value). */
const countBy = (segs: Seg[], unit: (s: Seg) => string, key: (s: Seg) => (string | undefined)[]) => {
  const m: Record<string, Set<string>> = {};
  for (const s of segs) for (const v of key(s)) if (v !== undefined) (m[v] ??= new Set()).add(unit(s));
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.size]));
};
/** Categories of a whole paragraph / notice: the union over all its segments. */
const unionOf = (of: (s: Seg) => string) => {
  const m = new Map<string, Set<string>>();
  for (const s of segments) for (const c of [s.lvl1, ...s.lvl2]) if (c) (m.get(of(s)) ?? m.set(of(s), new Set()).get(of(s))!).add(c);
  return (s: Seg) => [...(m.get(of(s)) ?? [])];
};

beforeAll(async () => {
  portal = await startPortal({ env: { RATE_LIMIT: '0', ADMIN_TOKEN: 'test-admin-token-123' } });
  corpusDir = writeCorpus(variantCorpus(85));
  await run(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', corpusDir], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: portal.dataDir, MEILI_URL: '' },
  });
  const list = await api('/api/notices?perPage=100');
  noticeIds = list.body.notices.map((n: any) => n.id);
  for (const id of noticeIds) segments.push(...segmentsOf((await api(`/api/notices/${id}`)).body));
}, 180_000);
afterAll(async () => {
  await portal?.stop();
  fs.rmSync(portal.dataDir, { recursive: true, force: true });
  fs.rmSync(corpusDir, { recursive: true, force: true });
});

describe('totals and facets', () => {
  it('holds 87 notices and counts every paragraph exactly, above 1000', async () => {
    expect(noticeIds.length).toBe(87);
    const paragraphs = paragraphsOf(segments).length;
    expect(paragraphs).toBeGreaterThan(1000);
    const all = await api('/api/search?perPage=1');
    expect(all.body.total).toBe(paragraphs);
    expect((await api('/api/health')).body.paragraphs).toBe(paragraphs);
  });

  it('exact mode: total and every facet equal the counts computed from the notices', async () => {
    const q = '党费';
    const truth = segments.filter((s) => normalize(s.text).includes(q));
    const para = (s: Seg) => s.paragraphId;
    const { body } = await api(`/api/search?${qs({ q, mode: 'exact', perPage: '100', unitFacetLimit: '1000' })}`);
    expect(body.total).toBe(paragraphsOf(truth).length);
    expect(facetMap(body.facets.unit)).toEqual(countBy(truth, para, (s) => [s.unit]));
    expect(facetMap(body.facets.year)).toEqual(countBy(truth, para, (s) => [String(s.year)]));
    expect(facetMap(body.facets.level)).toEqual(countBy(truth, para, (s) => [s.level]));
    expect(facetMap(body.facets.category)).toEqual(countBy(truth, para, unionOf(para)));
    // A search lists provinces; a region's cities and counties are asked for when it is opened.
    expect(body.facets.region.every((v: { level: number }) => v.level === 1)).toBe(true);
    expect(facetMap(body.facets.region)).toEqual(countBy(truth, para, (s) => s.region.slice(0, 1)));
    const cities = await api(`/api/facets/region?${qs({ q, mode: 'exact', parent: '辽宁省' })}`);
    expect(facetMap(cities.body.values)).toEqual(
      countBy(
        truth.filter((s) => s.region[0] === '辽宁省' && s.region[1]),
        para,
        (s) => [s.region.slice(0, 2).join(' > ')],
      ),
    );
    expect(cities.body.values.every((v: { level: number; parent: string }) => v.level === 2 && v.parent === '辽宁省')).toBe(true);
    const counties = await api(`/api/facets/region?${qs({ q, mode: 'exact', parent: '辽宁省>丹东市' })}`);
    expect(facetMap(counties.body.values)['辽宁省 > 丹东市 > 凤城市']).toBe(
      paragraphsOf(truth.filter((s) => s.region[2] === '凤城市')).length,
    );
    expect(facetMap(counties.body.values)).toEqual(
      countBy(
        truth.filter((s) => s.region[1] === '丹东市' && s.region[2]),
        para,
        (s) => [s.region.slice(0, 3).join(' > ')],
      ),
    );
    // A county has no children.
    expect((await api(`/api/facets/region?${qs({ q, mode: 'exact', parent: '辽宁省 > 丹东市 > 凤城市' })}`)).body.values).toEqual([]);
  });

  it('counts units only when asked: in the search with unitFacetLimit, or through GET /api/facets/unit', async () => {
    const q = '党费';
    const truth = segments.filter((s) => normalize(s.text).includes(q));
    const counts = countBy(
      truth,
      (s: Seg) => s.paragraphId,
      (s) => [s.unit],
    );
    const top = Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3);
    expect((await api(`/api/search?${qs({ q, mode: 'exact' })}`)).body.facets.unit).toEqual([]);
    const { body } = await api(`/api/facets/unit?${qs({ q, mode: 'exact', limit: '3' })}`);
    expect(body.values.map((v: { value: string; count: number }) => [v.value, v.count])).toEqual(top);
  });

  it('lists the most frequent units only when asked for fewer, with the same exact counts', async () => {
    const q = '党费';
    const truth = segments.filter((s) => normalize(s.text).includes(q));
    const counts = countBy(
      truth,
      (s: Seg) => s.paragraphId,
      (s) => [s.unit],
    );
    expect(Object.keys(counts).length).toBeGreaterThan(3);
    const top = Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 3);
    const { body } = await api(`/api/search?${qs({ q, mode: 'exact', unitFacetLimit: '3' })}`);
    expect(body.facets.unit.map((v: { value: string; count: number }) => [v.value, v.count])).toEqual(top);
    // The other facets are not cut.
    expect(facetMap(body.facets.year)).toEqual(
      countBy(
        truth,
        (s: Seg) => s.paragraphId,
        (s) => [String(s.year)],
      ),
    );
  });

  it('filters OR within a field and AND across fields; each facet ignores its own filter', async () => {
    const q = '党费';
    const units = ['凤城市教育局', '东港市融媒体中心'];
    const truthQ = segments.filter((s) => normalize(s.text).includes(q));
    const truth = truthQ.filter((s) => units.includes(s.unit!) && s.year! >= 2020);
    const para = (s: Seg) => s.paragraphId;
    const { body } = await api(
      `/api/search?${qs({ q, mode: 'exact', unit: units, yearFrom: '2020', perPage: '100', unitFacetLimit: '1000' })}`,
    );
    expect(body.total).toBe(paragraphsOf(truth).length);
    expect(body.hits.every((h: any) => units.includes(h.unit) && h.year >= 2020)).toBe(true);
    // unit facet: counted without the unit filter (so a user can widen), with the year filter.
    expect(facetMap(body.facets.unit)).toEqual(
      countBy(
        truthQ.filter((s) => s.year! >= 2020),
        para,
        (s) => [s.unit],
      ),
    );
    // year facet: counted without the year filter, with the unit filter.
    expect(facetMap(body.facets.year)).toEqual(
      countBy(
        truthQ.filter((s) => units.includes(s.unit!)),
        para,
        (s) => [String(s.year)],
      ),
    );
  });

  it('category filter by level-1 or level-2 code returns exactly the paragraphs classified so', async () => {
    const truth = paragraphsOf(segments.filter((s) => s.lvl2.includes('T.party-dues')));
    expect(truth.length).toBeGreaterThan(0);
    const { body } = await api(`/api/search?${qs({ category: 'T.party-dues', perPage: '100' })}`);
    expect(body.total).toBe(truth.length);
    expect(body.hits.map((h: any) => h.paragraphId).sort()).toEqual(truth.map((s) => s.paragraphId).sort());
    for (const h of body.hits) expect(h.category.lvl2.map((c: any) => c.code)).toContain('T.party-dues');
    const l1 = paragraphsOf(segments.filter((s) => s.lvl1 === 'L1.organization'));
    expect((await api(`/api/search?${qs({ category: 'L1.organization', perPage: '1' })}`)).body.total).toBe(l1.length);
  });

  it('region filter works at every depth', async () => {
    const { body } = await api(`/api/search?${qs({ region: '辽宁省 > 丹东市 > 东港市', perPage: '1' })}`);
    expect(body.total).toBe(paragraphsOf(segments.filter((s) => s.region[2] === '东港市')).length);
    const city = await api(`/api/search?${qs({ region: '辽宁省 > 丹东市', perPage: '1' })}`);
    expect(city.body.total).toBe(paragraphsOf(segments.filter((s) => s.region[1] === '丹东市')).length);
  });

  it('notices view counts notices, in the total and in every facet', async () => {
    const q = '党费';
    const truth = segments.filter((s) => normalize(s.text).includes(q));
    const notices = new Set(truth.map((s) => s.noticeId));
    const { body } = await api(`/api/search?${qs({ q, mode: 'exact', view: 'notices', perPage: '100', unitFacetLimit: '1000' })}`);
    expect(body.total).toBe(notices.size);
    expect(body.noticeHits).toHaveLength(notices.size);
    // Pages of five are the same ranking cut in pieces.
    const pages = await Promise.all(
      ['1', '2'].map((page) => api(`/api/search?${qs({ q, mode: 'exact', view: 'notices', perPage: '5', page })}`)),
    );
    expect(pages.map((r) => [r.body.page, r.body.total, r.body.totalPages])).toEqual([
      [1, notices.size, Math.ceil(notices.size / 5)],
      [2, notices.size, Math.ceil(notices.size / 5)],
    ]);
    expect(pages.flatMap((r) => r.body.noticeHits.map((n: any) => n.noticeId))).toEqual(
      body.noticeHits.slice(0, 10).map((n: any) => n.noticeId),
    );
    for (const n of body.noticeHits) {
      expect(n.matches).toBe(paragraphsOf(truth.filter((s) => s.noticeId === n.noticeId)).length);
      // Up to three of its paragraphs, each with a match; the notice page finds every matching one.
      const own = await api(`/api/search?${qs({ q, mode: 'exact', notice: n.noticeId, perPage: '100' })}`);
      expect(n.paragraphs.length).toBe(Math.min(3, n.matches));
      expect(n.paragraphs.every((h: any) => h.noticeId === n.noticeId && h.highlighted.includes('<mark>'))).toBe(true);
      expect(new Set(own.body.hits.map((h: any) => h.paragraphId))).toEqual(
        new Set(truth.filter((s) => s.noticeId === n.noticeId).map((s) => s.paragraphId)),
      );
    }
    const byNotice = (pick: (s: Seg) => string[]) => {
      const m: Record<string, Set<string>> = {};
      for (const s of truth) for (const v of pick(s)) (m[v] ??= new Set()).add(s.noticeId);
      return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.size]));
    };
    expect(facetMap(body.facets.unit)).toEqual(byNotice((s) => [s.unit!]));
    expect(facetMap(body.facets.year)).toEqual(byNotice((s) => [String(s.year)]));
    // A notice counts under a category when one of its matching paragraphs has it.
    expect(facetMap(body.facets.category)).toEqual(byNotice(unionOf((s) => s.paragraphId)));
  });

  it('sorts by date both ways', async () => {
    const asc = (await api(`/api/search?${qs({ q: '党费', sort: 'date', perPage: '100' })}`)).body.hits.map((h: any) => h.year);
    const desc = (await api(`/api/search?${qs({ q: '党费', sort: '-date', perPage: '100' })}`)).body.hits.map((h: any) => h.year);
    expect(asc).toEqual([...asc].sort());
    expect(desc).toEqual([...desc].sort().reverse());
  });

  it('a facet value that looks like filter syntax is a literal', async () => {
    const { status, body } = await api(`/api/search?${qs({ unit: 'x" OR year = 2020 OR unit = "y' })}`);
    expect(status).toBe(200);
    expect(body.total).toBe(0);
  });
});

describe('scopes and clauses', () => {
  it('scope=problems finds only problem headings and statements, scope=measures only measures', async () => {
    for (const [scope, role] of [
      ['problems', 'problem'],
      ['measures', 'measure'],
    ] as const) {
      const truth = segments.filter((s) => s.role === role && normalize(s.text).includes('党费'));
      const { body } = await api(`/api/search?${qs({ q: '党费', mode: 'exact', scope, perPage: '100', unitFacetLimit: '1000' })}`);
      expect(body.total).toBe(paragraphsOf(truth).length);
      expect(body.hits.every((h: any) => h.role === role && normalize(h.text).includes('党费'))).toBe(true);
      expect(facetMap(body.facets.unit)).toEqual(
        countBy(
          truth,
          (s) => s.paragraphId,
          (s) => [s.unit],
        ),
      );
    }
  });

  it('scope=meta matches title, unit and inspection fields', async () => {
    const { body } = await api(`/api/search?${qs({ q: '凤城市教育局', scope: 'meta', perPage: '1' })}`);
    expect(body.total).toBe(paragraphsOf(segments.filter((s) => s.unit === '凤城市教育局')).length);
  });

  it('several q clauses are ANDed, each with its own mode, within one paragraph', async () => {
    const has = (q: string) => new Set(segments.filter((s) => normalize(s.text).includes(q)).map((s) => s.paragraphId));
    const [dues, amount] = [has('党费'), has('2369')];
    const { body } = await api(`/api/search?${qs({ q: ['党费', '2369'], mode: ['words', 'exact'], perPage: '100' })}`);
    expect(body.total).toBe([...dues].filter((p) => amount.has(p)).length);
    expect(body.total).toBeGreaterThan(0);
    expect(body.clauses).toHaveLength(2);
  });

  it('an exact phrase never runs from one item into the next, while clauses may match different items of a paragraph', async () => {
    const byParagraph = new Map<string, Seg[]>();
    for (const s of segments) (byParagraph.get(s.paragraphId) ?? byParagraph.set(s.paragraphId, []).get(s.paragraphId)!).push(s);
    // The end of one item and the start of the next, found in no single lead or item.
    let found: { spanning: string; first: string; second: string; paragraph: Seg } | undefined;
    for (const segs of byParagraph.values()) {
      for (let i = 0; i + 1 < segs.length && !found; i++) {
        const [a, b] = [normalize(segs[i]!.text), normalize(segs[i + 1]!.text)];
        const spanning = a.slice(-3) + b.slice(0, 3);
        if (a.length > 8 && b.length > 8 && !segments.some((s) => normalize(s.text).includes(spanning)))
          found = { spanning, first: a.slice(0, 6), second: b.slice(-6), paragraph: segs[i]! };
      }
      if (found) break;
    }
    expect(found).toBeDefined();
    const { spanning, first, second, paragraph } = found!;
    expect((await api(`/api/search?${qs({ q: spanning, mode: 'exact' })}`)).body.total).toBe(0);
    const { body } = await api(`/api/search?${qs({ q: [first, second], mode: 'exact', notice: paragraph.noticeId, perPage: '100' })}`);
    const marked = body.hits.filter((h: any) => h.paragraphId === paragraph.paragraphId);
    // The notice page marks both items of the paragraph, each holding one clause.
    expect(marked.length).toBeGreaterThanOrEqual(2);
  });
});

describe('other endpoints', () => {
  it('facet search finds a unit among the values', async () => {
    const { body } = await api(`/api/facets/unit?${qs({ facetQuery: '教育' })}`);
    expect(body.values.map((v: any) => v.value).sort()).toEqual(['东港市教育局', '宽甸满族自治县教育局', '凤城市教育局'].sort());
  });

  it('lists notices newest first with paging', async () => {
    const { body } = await api('/api/notices?perPage=5&page=2');
    expect(body.total).toBe(87);
    expect(body.notices).toHaveLength(5);
    const all = (await api('/api/notices?perPage=100')).body.notices.map((n: any) => n.publishedDate ?? '');
    expect(all).toEqual([...all].sort().reverse());
  });

  it('links notices of the same unit both ways and flags repeated categories', async () => {
    const mine = (await api(`/api/notices?${qs({ unit: '凤城市教育局', perPage: '10' })}`)).body.notices;
    expect(mine.length).toBeGreaterThanOrEqual(2);
    const [newer, older] = mine;
    const r1 = (await api(`/api/notices/${newer.id}/related`)).body;
    const r2 = (await api(`/api/notices/${older.id}/related`)).body;
    expect(r1.sameUnit.map((n: any) => n.id)).toContain(older.id);
    expect(r1.sameUnit.find((n: any) => n.id === older.id).relation).toBe('earlier');
    expect(r2.sameUnit.find((n: any) => n.id === newer.id).relation).toBe('later');
    expect(r1.repeatedCategories.map((c: any) => c.code)).toContain('T.party-dues');
  });

  it('stats count matching paragraphs of the problems part by category and year, and by unit', async () => {
    const { body } = await api(`/api/stats?${qs({ q: '党费', mode: 'exact' })}`);
    const inProblems = segments.filter((s) => s.part === 'problems' && normalize(s.text).includes('党费'));
    const para = (s: Seg) => s.paragraphId;
    expect(body.totalProblems).toBe(paragraphsOf(inProblems).length);
    expect(body.totalProblems).toBeGreaterThan(0);
    const cats = unionOf(para);
    const y2020 = body.byCategoryYear.filter((r: any) => r.year === 2020 && r.category === 'T.party-dues').map((r: any) => r.count)[0] ?? 0;
    expect(y2020).toBe(
      countBy(
        inProblems.filter((s) => s.year === 2020),
        para,
        cats,
      )['T.party-dues'] ?? 0,
    );
    expect(Object.fromEntries(body.byUnit.map((u: any) => [u.unit, u.count]))).toEqual(countBy(inProblems, para, (s) => [s.unit]));
  });

  it('exports every hit as CSV with a BOM, and as JSON', async () => {
    const truth = paragraphsOf(segments.filter((s) => normalize(s.text).includes('党费')));
    const res = await fetch(`${portal.url}/api/export?${qs({ q: '党费', mode: 'exact', format: 'csv' })}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.trim().split('\r\n')).toHaveLength(truth.length + 1);
    const json = await (await fetch(`${portal.url}/api/export?${qs({ q: '党费', mode: 'exact', format: 'json' })}`)).json();
    expect(json).toHaveLength(truth.length);
    expect(json[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/notices\//);
  });

  it('serves an Atom feed of the newest matching notices', async () => {
    const res = await fetch(`${portal.url}/api/feed.atom?${qs({ q: '党费', region: '辽宁省' })}`);
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await res.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    // The newest 50 of the matching notices.
    const matching = new Set(segments.filter((s) => normalize(s.text).includes('党费')).map((s) => s.noticeId)).size;
    expect((xml.match(/<entry>/g) ?? []).length).toBe(Math.min(50, matching));
  });

  it('describes itself in OpenAPI generated from the route definitions', async () => {
    const { body } = await api('/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    const search = body.paths['/api/search'].get.parameters.map((p: any) => p.name);
    expect(search).toEqual(
      expect.arrayContaining([
        'q',
        'mode',
        'scope',
        'view',
        'unit',
        'region',
        'category',
        'year',
        'yearFrom',
        'yearTo',
        'level',
        'sort',
        'page',
        'perPage',
      ]),
    );
    const page = await fetch(`${portal.url}/api/docs`);
    expect(await page.text()).toContain('GET /api/search');
  });

  it('rejects bad parameters with 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/search?perPage=0', 'perPage'],
      ['/api/search?perPage=101', 'perPage'],
      ['/api/search?page=abc', 'page'],
      ['/api/search?view=cards', 'view'],
      ['/api/search?sort=random', 'sort'],
      ['/api/search?level=村', 'level'],
      ['/api/search?category=DROP', 'category'],
      ['/api/search?year=99999', 'year'],
      ['/api/search?scope=everything', 'scope'],
      ['/api/search?view=notices&view=paragraphs', 'view'],
      ['/api/search?bogus=1', 'bogus'],
      ['/api/search?page=10000&perPage=100', 'page'],
      ['/api/facets/color', 'field'],
      ['/api/search?unitFacetLimit=-1', 'unitFacetLimit'],
      ['/api/export?unitFacetLimit=5', 'unitFacetLimit'],
      ['/api/facets/unit?parent=辽宁省', 'parent'],
      ['/api/facets/unit?limit=0', 'limit'],
    ];
    for (const [path, param] of cases) {
      const { status, body } = await api(path);
      expect(status, path).toBe(400);
      expect(body.error.param, path).toBe(param);
    }
  });

  it('admin upload, then delete, behind the token', async () => {
    expect((await fetch(`${portal.url}/api/admin/notices`, { method: 'POST' })).status).toBe(401);
    const form = new FormData();
    form.append('files', new Blob([SEED_VARIANT]), '上传.txt');
    form.append('files', new Blob([new Uint8Array([0, 1, 2, 3, 0, 0, 255])]), 'bad.txt');
    const res = await fetch(`${portal.url}/api/admin/notices`, {
      method: 'POST',
      body: form,
      headers: { authorization: 'Bearer test-admin-token-123' },
    });
    const summary = await res.json();
    expect(summary.added).toBe(1);
    expect(summary.failed).toBe(1);
    const added = summary.outcomes.find((o: any) => o.status === 'added');
    expect((await api(`/api/notices/${added.noticeId}`)).status).toBe(200);
    const del = await fetch(`${portal.url}/api/admin/notices/${added.noticeId}`, {
      method: 'DELETE',
      headers: { authorization: 'Bearer test-admin-token-123' },
    });
    expect(del.status).toBe(200);
    expect((await api(`/api/notices/${added.noticeId}`)).status).toBe(404);
  });
});

const SEED_VARIANT = variantCorpus(90)['v089.txt']!;
