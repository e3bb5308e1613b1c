/**
 * The indexer as the benchmark runs it: its own process (so its peak RSS is its own), the
 * real ingestFiles on a corpus folder, against a given Meilisearch. Prints one JSON line.
 *   node --import tsx bench/lib/index-child.ts --data DIR --corpus DIR --url URL --key KEY [--batch N]
 */
import { MeiliClient } from '../../meili/client.ts';
import { SingleIndexStore } from '../../meili/single-store.ts';
import { ensureIndexes } from '../../meili/indexes.ts';
import { Archive } from '../../indexer/archive/store.ts';
import { expandInputs, ingestFiles } from '../../indexer/ingest.ts';
import { parseBenchArgs } from './args.ts';

const args = parseBenchArgs(process.argv.slice(2), { data: 'string', corpus: 'string', url: 'string', key: 'string', batch: 'number' });
const client = new SingleIndexStore(new MeiliClient({ url: String(args.url), apiKey: String(args.key), timeoutMs: 600_000 }));
await ensureIndexes(client);
const archive = new Archive(String(args.data));
const listed = Date.now();
const { files } = expandInputs([String(args.corpus)]);
const cpu0 = process.cpuUsage();
const started = Date.now();
const s = await ingestFiles(files, { archive, client, ...(args.batch ? { batchSize: Number(args.batch) } : {}) });
const ms = Date.now() - started;
const cpu = process.cpuUsage(cpu0);
const failures = s.outcomes.filter((o) => o.status === 'failed').slice(0, 5);
console.log(
  JSON.stringify({
    ms,
    listMs: started - listed,
    files: files.length,
    added: s.added,
    updated: s.updated,
    unchanged: s.unchanged,
    duplicate: s.duplicate,
    failed: s.failed,
    failures,
    segments: s.segments,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
client.close();
