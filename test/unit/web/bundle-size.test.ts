/**
 * The search page's initial JavaScript stays within 200 kB gzipped. Builds the production
 * bundle into a temporary folder (the build measured is the one of the sources under test, and
 * web/dist is left alone) and reads the entry script of index.html and every chunk it imports
 * statically, i.e. everything the browser loads before the first search.
 * ECharts (the 统计 view) and the notice page must stay out of it, loaded only on demand.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../support/web-build.ts';

const DIST = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-size-'));
const BUDGET_BYTES = 200_000;

/** Chunks loaded before the app runs: the entry module and its static imports, transitively. */
function initialChunks(): string[] {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const roots = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]!);
  const seen = new Set<string>();
  const visit = (url: string) => {
    const file = path.join(DIST, url.replace(/^\//, ''));
    if (seen.has(file)) return;
    seen.add(file);
    const code = fs.readFileSync(file, 'utf8');
    // Static imports only: `import{a}from"./x.js"`, `import"./x.js"`; not `import("./x.js")`.
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      visit(path.posix.join(path.posix.dirname(url), m[1]!));
    }
  };
  for (const r of roots) visit(r);
  return [...seen];
}

beforeAll(() => buildWeb(DIST));
afterAll(() => fs.rmSync(DIST, { recursive: true, force: true }));

describe('web bundle', () => {
  it('keeps the initial JavaScript of the search page under 200 kB gzipped', () => {
    const chunks = initialChunks();
    expect(chunks.length).toBeGreaterThan(0);
    const sizes = chunks.map((f) => ({
      file: path.relative(DIST, f),
      raw: fs.statSync(f).size,
      gzip: zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length,
    }));
    const total = sizes.reduce((s, c) => s + c.gzip, 0);
    console.log(
      `initial JS: ${sizes.map((s) => `${s.file} ${(s.raw / 1000).toFixed(1)} kB (gzip ${(s.gzip / 1000).toFixed(1)} kB)`).join(', ')}; total gzip ${(total / 1000).toFixed(1)} kB of ${BUDGET_BYTES / 1000} kB`,
    );
    expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('loads ECharts and the notice page only on demand', () => {
    const initial = initialChunks().map((f) => path.basename(f));
    const all = fs.readdirSync(path.join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    const lazy = all.filter((f) => !initial.includes(f));
    expect(lazy.some((f) => f.startsWith('StatsView-'))).toBe(true);
    expect(lazy.some((f) => f.startsWith('NoticePage-'))).toBe(true);
    expect(initial.some((f) => /StatsView|NoticePage|echarts/i.test(f))).toBe(false);
    // The ECharts code itself (its renderer registry) is not in any initial chunk.
    for (const f of initial) expect(fs.readFileSync(path.join(DIST, 'assets', f), 'utf8')).not.toMatch(/registerPainter|zrender/);
  });

  it("holds no zod: the web app takes the contract's values from contract/constants.ts", () => {
    // zod 4 names each of its classes ($ZodType, $ZodString…) in a string that minifying keeps.
    const all = fs.readdirSync(path.join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    expect(all.length).toBeGreaterThan(0);
    for (const f of all) expect(fs.readFileSync(path.join(DIST, 'assets', f), 'utf8'), f).not.toMatch(/\$Zod[A-Z]|ZodError/);
  });
});
