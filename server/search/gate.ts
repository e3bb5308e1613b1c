/**
 * Admission to Meilisearch: at most `concurrency` searches run in it at once, the others
 * wait here, first come first served.
 *
 * Why: Meilisearch works on every search it is sent at once. Under a burst (50 clients on
 * 2 cores) each search then takes as long as all of them together, the slow ones (browsing
 * a whole category) pass the request timeout, and users get 503s for searches that would
 * have been answered in a few seconds in turn. Waiting in order here keeps every search's
 * time in Meilisearch short and its wait proportional to the queue in front of it. A search
 * whose client has gone (search-as-you-type drops superseded requests) leaves the queue
 * without costing Meilisearch anything. A queue that would make a search wait longer than
 * `maxWaitMs` is refused at once with 503 + Retry-After instead of growing without bound.
 *
 * Two lanes: a person waiting on a page (`interactive`, the default) goes before the pages of
 * an export or a feed (`bulk`), which nobody watches row by row; a bulk search that has waited
 * `bulkAfterMs` goes next all the same, so an export under steady searching still moves.
 */
/** Too many searches waiting: the API answers 503 with Retry-After. */
export class SearchOverloadedError extends Error {}
/** The client went away while its search waited; nothing is answered. */
export class SearchAbandonedError extends Error {}

/**
 * `expectedSearchMs`: the time of one search assumed until some have been measured (default 50);
 * `bulkAfterMs`: how long a bulk search gives way to interactive ones (default maxWaitMs / 4).
 */
export type GateOptions = { concurrency: number; maxWaitMs: number; expectedSearchMs?: number; bulkAfterMs?: number };

export type Lane = 'interactive' | 'bulk';

type Waiter = { start: () => void; fail: (e: Error) => void; enqueuedAt: number };

export class SearchGate {
  private running = 0;
  private readonly queues: Record<Lane, Waiter[]> = { interactive: [], bulk: [] };
  /**
   * One 'abort' listener per request signal, however many of its searches wait: a search
   * page sends a dozen queries at once, and a listener each made Node warn of a leak
   * (MaxListenersExceededWarning, 132 lines in the log under load; issue 25).
   */
  private readonly aborts = new WeakMap<AbortSignal, { waiting: Set<() => void>; listener: () => void }>();
  /** Exponentially weighted mean time of one search in Meilisearch, to estimate waits. */
  private meanMs: number;

  constructor(readonly options: GateOptions) {
    if (!(options.concurrency >= 1)) throw new Error('search concurrency must be at least 1');
    this.meanMs = options.expectedSearchMs ?? 50;
  }

  get waiting(): number {
    return this.queues.interactive.length + this.queues.bulk.length;
  }
  get active(): number {
    return this.running;
  }

  /** `signal`: the HTTP request's; the search leaves the queue when it aborts. */
  async run<T>(search: () => Promise<T>, signal?: AbortSignal, lane: Lane = 'interactive'): Promise<T> {
    await this.admit(signal, lane);
    const started = performance.now();
    try {
      return await search();
    } finally {
      this.meanMs = 0.9 * this.meanMs + 0.1 * (performance.now() - started);
      this.running--;
      this.next();
    }
  }

  private admit(signal: AbortSignal | undefined, lane: Lane): Promise<void> {
    if (signal?.aborted) return Promise.reject(new SearchAbandonedError('client gone'));
    if (this.running < this.options.concurrency && !this.waiting) {
      this.running++;
      return Promise.resolve();
    }
    // An interactive search waits for the interactive ones ahead of it; a bulk one for all.
    const ahead = lane === 'interactive' ? this.queues.interactive.length : this.waiting;
    const expectedWaitMs = ((ahead + 1) / this.options.concurrency) * this.meanMs;
    if (expectedWaitMs > this.options.maxWaitMs) return Promise.reject(new SearchOverloadedError(`${this.waiting} searches waiting`));
    const queue = this.queues[lane];
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = queue.indexOf(waiter);
        if (i >= 0) queue.splice(i, 1);
        reject(new SearchAbandonedError('client gone'));
      };
      const release = signal ? this.onAbort(signal, onAbort) : () => {};
      const waiter: Waiter = {
        enqueuedAt: performance.now(),
        start: () => {
          release();
          resolve();
        },
        fail: (e) => {
          release();
          reject(e);
        },
      };
      queue.push(waiter);
    });
  }

  /** Calls `f` when `signal` aborts, through the signal's one listener; returns what unregisters it. */
  private onAbort(signal: AbortSignal, f: () => void): () => void {
    let entry = this.aborts.get(signal);
    if (!entry) {
      const waiting = new Set<() => void>();
      const listener = () => {
        this.aborts.delete(signal);
        for (const w of [...waiting]) w();
      };
      entry = { waiting, listener };
      this.aborts.set(signal, entry);
      signal.addEventListener('abort', listener, { once: true });
    }
    const { waiting, listener } = entry;
    waiting.add(f);
    return () => {
      waiting.delete(f);
      if (!waiting.size && this.aborts.get(signal)?.waiting === waiting) {
        this.aborts.delete(signal);
        signal.removeEventListener('abort', listener);
      }
    };
  }

  /** The bulk lane's first search once it has given way long enough, else the interactive lane's first. */
  private nextWaiter(): Waiter | undefined {
    const { interactive, bulk } = this.queues;
    const bulkAfterMs = this.options.bulkAfterMs ?? this.options.maxWaitMs / 4;
    if (bulk.length && (!interactive.length || performance.now() - bulk[0]!.enqueuedAt >= bulkAfterMs)) return bulk.shift();
    return interactive.shift();
  }

  private next(): void {
    while (this.running < this.options.concurrency) {
      const waiter = this.nextWaiter();
      if (!waiter) return;
      // Waited past the bound (the estimate was wrong): refused rather than served late.
      if (performance.now() - waiter.enqueuedAt > this.options.maxWaitMs) {
        waiter.fail(new SearchOverloadedError('waited too long'));
        continue;
      }
      this.running++;
      waiter.start();
    }
  }
}
