/**
 * npm run eval [-- <files or folders>]: indexes the notices (default: corpus/samples) into a
 * fresh embedded Meilisearch and prints recall and precision per mode and query kind, next to
 * Meilisearch with default settings. Exits 1 when exact mode is below 100% / 100%.
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
import { meiliLexicon } from '../schema/lexicon-settings.ts';
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
const inputs = positionals.length ? positionals : [path.resolve(import.meta.dirname, '../corpus/samples')];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-'));
const meili = await startEmbeddedMeili({ dataDir });
const client = new SingleIndexStore(new MeiliClient({ url: meili.url, apiKey: meili.masterKey }));
try {
  await ensureIndexes(client, meiliLexicon());
  const { files } = expandInputs(inputs);
  const s = await ingestFiles(files, { archive: new Archive(dataDir), client });
  const segments = await allSegments(client);
  await loadBaseline(client, segments);
  const queries = generateQueries(segments.map((x) => x.text));
  console.log(`${s.added} notices, ${segments.length} segments, ${queries.length} queries`);
  const report = await runEval(client, queries, segments);
  console.log(formatReport(report));
  const exactOk = Object.values(report.exact).every((x) => x.recall === 1 && x.precision === 1);
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
  process.exitCode = exactOk ? 0 : 1;
} finally {
  client.close();
  await meili.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
