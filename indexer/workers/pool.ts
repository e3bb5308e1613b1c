/**
 * A small pool of worker threads that run prepareNotice (indexer/workers/prepare.ts), so
 * reading, parsing, classification and segmentation (jieba) of later files overlap with the
 * main thread's archive writes and Meilisearch loading of earlier ones.
 *
 * Each task goes to the worker with the fewest tasks in flight. A worker that dies rejects
 * its tasks and is not replaced: callers fall back to preparing in their own thread, so a
 * broken pool slows indexing down but never fails it.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PrepareInput, Prepared } from './prepare.ts';

type Pending = { resolve: (p: Prepared) => void; reject: (e: Error) => void };
type Slot = { worker: Worker; inFlight: Map<number, Pending>; alive: boolean };

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

/**
 * Default number of workers: the cores less one (the main thread and Meilisearch need CPU
 * too), at least 1, at most 4. INDEX_WORKERS overrides it (0 = no workers).
 */
export function defaultWorkerCount(env: NodeJS.ProcessEnv = process.env): number {
  const configured = env.INDEX_WORKERS;
  if (configured !== undefined && configured !== '' && Number.isInteger(Number(configured)) && Number(configured) >= 0)
    return Number(configured);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores - 1));
}

export class PreparePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL);
    const slot: Slot = { worker, inFlight: new Map(), alive: true };
    worker.on('message', (msg: { id?: number; result?: Prepared; error?: string }) => {
      if (msg.id === undefined) return;
      const p = slot.inFlight.get(msg.id);
      if (!p) return;
      slot.inFlight.delete(msg.id);
      if (msg.error !== undefined) p.reject(new Error(msg.error));
      else p.resolve(msg.result!);
    });
    const fail = (e: Error) => {
      slot.alive = false;
      for (const p of slot.inFlight.values()) p.reject(e);
      slot.inFlight.clear();
    };
    worker.on('error', (e) => fail(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => fail(new Error(`indexer worker exited with code ${code}`)));
    return slot;
  }

  /** True while at least one worker is alive. */
  get available(): boolean {
    return this.slots.some((s) => s.alive);
  }

  prepare(input: PrepareInput): Promise<Prepared> {
    const live = this.slots.filter((s) => s.alive);
    if (!live.length) return Promise.reject(new Error('no indexer worker is running'));
    const slot = live.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
    const id = this.nextId++;
    return new Promise<Prepared>((resolve, reject) => {
      slot.inFlight.set(id, { resolve, reject });
      slot.worker.postMessage({ id, input });
    });
  }

  /**
   * The share of its time each worker spends preparing notices; it sleeps the rest (1 = flat
   * out, the default). The indexer paces its workers while Meilisearch has work waiting
   * (indexer/ingest.ts): what they would prepare sooner is not needed sooner, and the CPU
   * they leave goes to Meilisearch on the same machine.
   */
  setDuty(duty: number): void {
    for (const s of this.slots) if (s.alive) s.worker.postMessage({ duty });
  }

  /** Lets the process exit while the workers wait for work (a pool kept for later runs). */
  unref(): void {
    for (const s of this.slots) s.worker.unref();
  }

  async close(): Promise<void> {
    await Promise.all(
      this.slots.map(async (s) => {
        s.alive = false;
        await s.worker.terminate();
      }),
    );
  }
}
