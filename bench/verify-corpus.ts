/**
 * npx tsx bench/verify-corpus.ts --notices N [--seed S] [--from I]
 * Generates notices in memory and checks that the real reader and parser get back what the
 * generator wrote (see bench/generator/verify.ts). Prints each disagreement.
 */
import { generateNotice } from './generator/notice.ts';
import { compareWithTruth } from './generator/verify.ts';
import { parseBenchArgs } from './lib/args.ts';
import { readNotice } from '../indexer/read/read-file.ts';
import { parseNotice } from '../indexer/parse/notice.ts';

const USAGE = 'usage: npx tsx bench/verify-corpus.ts [--notices N] [--seed S] [--from I] [--quiet]';
let args: ReturnType<typeof parseBenchArgs>;
try {
  args = parseBenchArgs(process.argv.slice(2), { notices: 'number', seed: 'string', from: 'number', quiet: 'boolean' });
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
const seed = String(args.seed ?? '1');
const from = Number(args.from ?? 0);
const n = Number(args.notices ?? 500);
let bad = 0;
const kinds = new Map<string, number>();
for (let i = from; i < from + n; i++) {
  const g = generateNotice(seed, i);
  const read = await readNotice(g.bytes, g.fileName);
  if (!read.ok) {
    bad++;
    console.log(`${g.fileName}: unreadable ${read.reason}`);
    continue;
  }
  const diffs = compareWithTruth(g.truth, parseNotice(read.text));
  if (diffs.length) {
    bad++;
    for (const d of diffs) kinds.set(d.split(':')[0]!, (kinds.get(d.split(':')[0]!) ?? 0) + 1);
    if (!args.quiet) console.log(`${g.fileName}: ${diffs.join('\n    ')}`);
  }
}
console.log(`${n - bad}/${n} notices read back as generated`, Object.fromEntries(kinds));
process.exitCode = bad ? 1 : 0;
