/**
 * npm run generate -- --notices N --seed S --out DIR
 * Writes N synthetic notices (same seed → same bytes) with their ground truth (truth.json).
 */
import { generateCorpus } from './generator/corpus.ts';
import { parseBenchArgs } from './lib/args.ts';

const USAGE = 'usage: npm run generate -- --notices N [--seed S] --out DIR';

function main(): number {
  let args: ReturnType<typeof parseBenchArgs>;
  try {
    args = parseBenchArgs(process.argv.slice(2), { notices: 'number', seed: 'string', out: 'string', help: 'boolean' });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help || args.notices === undefined || !args.out) {
    console.error(USAGE);
    return args.help ? 0 : 2;
  }
  const seed = String(args.seed ?? '1');
  const started = Date.now();
  const truth = generateCorpus({
    notices: Number(args.notices),
    seed,
    out: String(args.out),
    onProgress: (d, n) => process.stderr.write(`\r${d}/${n}`),
  });
  process.stderr.write('\n');
  const replaced = truth.replaced ? ` (${truth.replaced} of the ${args.notices} files a new version of an earlier notice)` : '';
  console.log(
    `${truth.all.notices.total} notices${replaced}, ${truth.all.paragraphs.total} paragraphs, ${truth.all.segments.total} segments (${truth.items} 一是-items), ${truth.units} units, ${(truth.bytes / 1e6).toFixed(1)} MB in ${args.out}; seed ${seed}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
}
