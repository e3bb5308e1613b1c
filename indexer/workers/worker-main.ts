/**
 * Inside a worker thread: answers { id, input } with { id, result } (or { id, error }),
 * running prepareNotice with the default classifier (lexicon/taxonomy.yaml).
 */
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { defaultClassifier } from '../classify/segment-classifier.ts';
import { prepareNotice, type PrepareInput } from './prepare.ts';

const port = parentPort;
if (!port) throw new Error('indexer/workers/worker-main.ts must run in a worker thread');
const classify = defaultClassifier();

// INDEX_WORKER_NICE=1…19 lowers this thread's CPU priority (Linux nice is per thread), so that
// Meilisearch and the portal's searches get the CPU first on a machine that does nothing else.
// Off by default: on a busy machine a low-priority worker is starved by everything else, the
// pipeline falls behind Meilisearch, Meilisearch gets many small batches, and indexing as a
// whole is slower (measured: docs/benchmarks.md). Not permitted everywhere: then it stays.
const nice = Number(process.env.INDEX_WORKER_NICE ?? 0);
if (Number.isInteger(nice) && nice > 0 && nice <= 19) {
  try { os.setPriority(nice); } catch { /* keep the default priority */ }
}

port.on('message', (msg: { id: number; input: PrepareInput }) => {
  prepareNotice(msg.input, classify).then(
    (result) => port.postMessage({ id: msg.id, result }),
    (e: unknown) => port.postMessage({ id: msg.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
port.postMessage({ ready: true });
