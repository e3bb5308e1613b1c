/**
 * Thousands of random and hostile parameter combinations against the real API: injection
 * attempts, huge numbers, unicode edge cases, arrays where scalars are expected. No answer
 * may be a 5xx, and the portal must still answer afterwards.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rng } from '../../eval/queries.ts';
import { startPortal, type Portal } from '../support/portal.ts';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal({ env: { RATE_LIMIT: '0' } });
});
afterAll(async () => {
  await portal?.stop();
  fs.rmSync(portal.dataDir, { recursive: true, force: true });
});

const HOSTILE = [
  '',
  ' ',
  '党费',
  '"',
  '""',
  '"三重一大',
  '\\',
  '\\"',
  "' OR 1=1 --",
  'x" OR year = 2020 OR unit = "y',
  'unit = "a"',
  '(',
  ')',
  '[',
  ']',
  'IN [1,2]',
  '<script>alert(1)</script>',
  '<mark>',
  '&amp;',
  '%00',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '😀'.repeat(30),
  'ｔｅｓｔ２３６９',
  '黨費',
  '\u200B\u200D',
  'a'.repeat(199),
  '党'.repeat(201),
  '9'.repeat(400),
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '1.5',
  '99999999999999999999',
  'L1.decisions',
  'T.party-dues',
  '../../etc/passwd',
  '%2e%2e%2f',
  'null',
  'undefined',
  '[object Object]',
  '__proto__',
  'constructor',
  '县',
  '中央',
  '2025',
  '辽宁省 > 丹东市',
  '>>>',
];
const PARAMS = [
  'q',
  'mode',
  'scope',
  'view',
  'sort',
  'page',
  'perPage',
  'unit',
  'region',
  'category',
  'year',
  'yearFrom',
  'yearTo',
  'level',
  'notice',
  'facetQuery',
  'format',
  '__proto__',
  'constructor',
  'x',
];
const PATHS = [
  '/api/search',
  '/api/search',
  '/api/search',
  '/api/analyze',
  '/api/facets/unit',
  '/api/facets/category',
  '/api/notices',
  '/api/stats',
  '/api/export',
  '/api/feed.atom',
  '/api/paragraphs/',
  '/api/notices/',
];

it('answers 3000 hostile requests without a 5xx', async () => {
  const random = rng(20261123);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const statuses: Record<number, number> = {};
  const failures: string[] = [];
  const requests: string[] = [];
  for (let i = 0; i < 3000; i++) {
    let path = pick(PATHS);
    // A lone surrogate cannot be percent-encoded: send the invalid UTF-8 bytes themselves.
    if (path.endsWith('/')) {
      const v = pick(HOSTILE);
      try {
        path += encodeURIComponent(v) || 'x';
      } catch {
        path += '%ED%A0%80';
      }
    }
    const u = new URLSearchParams();
    const n = Math.floor(random() * 6);
    for (let k = 0; k < n; k++) {
      const name = pick(PARAMS);
      const repeat = random() < 0.2 ? 3 : 1;
      for (let r = 0; r < repeat; r++) u.append(name, pick(HOSTILE));
    }
    requests.push(`${path}?${u}`);
  }
  // Eight in flight at a time, like a small crowd.
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < requests.length) {
        const url = requests[next++]!;
        const res = await fetch(portal.url + url);
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 500) failures.push(`${res.status} ${url}`);
      }
    }),
  );
  console.log('[fuzz] statuses', statuses);
  expect(failures).toEqual([]);
  expect(statuses[200]).toBeGreaterThan(100);
  expect(statuses[400]).toBeGreaterThan(100);
  const health = await fetch(`${portal.url}/api/health`);
  expect(health.status).toBe(200);
}, 300_000);
