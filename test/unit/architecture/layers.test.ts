/**
 * The layer order of the README ("Layers"), checked on every import: a module imports only
 * from its own layer or the layers below it, so the data's way through the code reads one
 * direction. The order is read from the README itself, so the document and the check cannot
 * drift apart. The web app is apart: it may import only zod-free modules of contract/ (and
 * types of any of them, which the bundler erases), so zod stays out of the browser bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The README's numbered list under its "Layers" heading: each line names one or more `folder/`. */
function readmeLayers(readme: string): string[][] {
  const section = readme.split(/^#{2,3} Layers\s*$/m)[1]?.split(/^#{2,3} /m)[0] ?? '';
  return section
    .split('\n')
    .filter((l) => /^\d+\.\s/.test(l))
    .map((l) => [...l.split(/ — | - /)[0]!.matchAll(/`([a-z]+)\/`/g)].map((m) => m[1]!));
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

type Edge = { from: string; to: string; typeOnly: boolean };

function importsOf(file: string): Edge[] {
  const src = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const edges: Edge[] = [];
  for (const m of src.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4]!;
    if (!spec.startsWith('.')) continue;
    const to = path
      .relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), spec))
      .split(path.sep)
      .join('/');
    edges.push({ from: file, to, typeOnly: Boolean(m[2]) });
  }
  return edges;
}

const top = (file: string) => file.split('/')[0]!;

describe('layers', () => {
  const layers = readmeLayers(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  const rank = new Map(layers.flatMap((folders, i) => folders.map((f) => [f, i] as const)));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f && fs.existsSync(path.join(ROOT, f)) && !f.startsWith('test/') && !/\.test\.tsx?$/.test(f) && f.includes('/'));

  it('the README names every code folder in one layer', () => {
    expect(layers.length).toBeGreaterThanOrEqual(5);
    const folders = new Set(files.map(top).filter((f) => f !== 'web'));
    expect([...folders].filter((f) => !rank.has(f)).sort()).toEqual([]);
  });

  it('no import runs from a lower layer to a higher one', () => {
    const upward = files
      .filter((f) => top(f) !== 'web')
      .flatMap(importsOf)
      .filter((e) => (rank.get(top(e.to)) ?? -1) > rank.get(top(e.from))!)
      .map((e) => `${e.from} → ${e.to}`);
    expect(upward).toEqual([]);
  });

  it('the web app imports only itself and zod-free modules of contract/', () => {
    const zodFree = (file: string) => !/from ['"]zod['"]/.test(fs.readFileSync(path.join(ROOT, file), 'utf8'));
    const bad = files
      .filter((f) => top(f) === 'web')
      .flatMap(importsOf)
      .filter((e) => top(e.to) !== 'web' && !(top(e.to) === 'contract' && (e.typeOnly || zodFree(e.to))))
      .map((e) => `${e.from} → ${e.to}`);
    expect(bad).toEqual([]);
  });

  it('the check sees an upward import when there is one', () => {
    // Guards the parser itself: a check that finds no imports would pass on anything.
    const edges = importsOf('server/portal.ts');
    expect(edges.length).toBeGreaterThan(3);
    expect(edges.some((e) => top(e.to) === 'meili')).toBe(true);
  });
});
