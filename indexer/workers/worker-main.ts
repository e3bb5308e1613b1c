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
// What leaves Meilisearch the CPU by default is pacing, below.
const nice = Number(process.env.INDEX_WORKER_NICE ?? 0);
if (Number.isInteger(nice) && nice > 0 && nice <= 19) {
  try {
    os.setPriority(nice);
  } catch {
    /* keep the default priority */
  }
}

// Pacing (PreparePool.setDuty): after each notice the worker sleeps so that preparing takes
// only `duty` of its time. Notices are prepared one after the other, as they would be anyway:
// preparing is CPU-bound.
let duty = 1;
let chain: Promise<void> = Promise.resolve();
port.on('message', (msg: { duty: number } | { id: number; input: PrepareInput }) => {
  if ('duty' in msg) {
    duty = Math.min(1, Math.max(0.1, msg.duty));
    return;
  }
  chain = chain.then(() => answer(msg.id, msg.input));
});

async function answer(id: number, input: PrepareInput): Promise<void> {
  const started = performance.now();
  try {
    port!.postMessage({ id, result: await prepareNotice(input, classify) });
  } catch (e) {
    port!.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
  if (duty < 1) await new Promise((r) => setTimeout(r, (performance.now() - started) * (1 / duty - 1)));
}
port.postMessage({ ready: true });
