/**
 * npm run eval [-- <files or folders>]: indexes the notices (default: corpus/samples and
 * ../shared/corpus/real) into a
 * fresh embedded Meilisearch and prints recall and precision per mode and query kind, next to
 * Meilisearch with default settings. Exits 1 when exact mode is below 100% / 100%, or words mode on one-word queries
 * below 99% recall or 97% precision.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedMeili } from '../meili/embedded.ts';
import { MeiliClient } from '../meili/client.ts';
import { SingleIndexStore } from '../meili/single-store.ts';
import { ensureIndexes } from '../meili/indexes.ts';
import { Archive } from '../indexer/archive/store.ts';
import { expandInputs, ingestFiles } from '../indexer/ingest.ts';
import { allSegments, formatReport, loadBaseline, runEval } from './recall.ts';
import { generateQueries } from './queries.ts';

const positionals = (() => {
  try {
    return parseArgs({ allowPositionals: true }).positionals;
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: npm run eval [-- <files or folders>]`);
    process.exit(2);
  }
})();
// By default the samples and the real notices kept beside the repository (../shared/corpus/real).
const REAL = path.resolve(import.meta.dirname, '../../shared/corpus/real');
const inputs = positionals.length
  ? positionals
  : [path.resolve(import.meta.dirname, '../corpus/samples'), ...(fs.existsSync(REAL) ? [REAL] : [])];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-'));
const meili = await startEmbeddedMeili({ dataDir });
const client = new SingleIndexStore(new MeiliClient({ url: meili.url, apiKey: meili.masterKey }));
try {
  await ensureIndexes(client);
  const { files } = expandInputs(inputs);
  const s = await ingestFiles(files, { archive: new Archive(dataDir), client });
  const segments = await allSegments(client);
  await loadBaseline(client, segments);
  const queries = generateQueries(segments.map((x) => x.text));
  console.log(`${s.added} notices, ${segments.length} segments, ${queries.length} queries`);
  const report = await runEval(client, queries, segments);
  console.log(formatReport(report));
  const exactOk = Object.values(report.exact).every((x) => x.recall === 1 && x.precision === 1);
  const words = report.words.word;
  const wordsOk = !words || (words.recall >= 0.99 && words.precision >= 0.97);
  for (const [mode, kinds] of Object.entries(report))
    for (const [kind, sc] of Object.entries(kinds)) {
      if (mode !== 'baseline' && sc.failures.length)
        console.log(
          `${mode}/${kind} imperfect: ${sc.failures
            .slice(0, 8)
            .map((f) => `${f.q}(-${f.missing}/+${f.extra})`)
            .join(' ')}`,
        );
    }
  process.exitCode = exactOk && wordsOk ? 0 : 1;
} finally {
  client.close();
  await meili.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
