/**
 * The gate listens once to a request's abort signal, however many of that request's searches
 * wait (issue 25: a search page's dozen queries each added a listener, and the log filled with
 * MaxListenersExceededWarning under load). An abort still takes every one of them out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SearchAbandonedError, SearchGate } from '../../../server/search/gate.ts';

const warnings: Error[] = [];
const onWarning = (w: Error) => warnings.push(w);
process.on('warning', onWarning);
afterEach(() => {
  warnings.length = 0;
});

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('search gate and abort listeners', () => {
  it('queues a request of 20 searches without a MaxListenersExceededWarning, and an abort drops them all', async () => {
    const gate = new SearchGate({ concurrency: 1, maxWaitMs: 60_000 });
    let finish!: () => void;
    const busy = gate.run(() => new Promise<void>((r) => (finish = r)));
    const request = new AbortController();
    let ran = 0;
    const searches = Array.from({ length: 20 }, () => gate.run(async () => void ran++, request.signal));
    await tick();
    expect(gate.waiting).toBe(20);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    request.abort();
    const results = await Promise.allSettled(searches);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof SearchAbandonedError)).toBe(true);
    expect(gate.waiting).toBe(0);
    finish();
    await busy;
    expect(ran).toBe(0);
  });

  it('runs a request’s searches in turn, in order, without the warning', async () => {
    const gate = new SearchGate({ concurrency: 1, maxWaitMs: 60_000 });
    const request = new AbortController();
    const order: number[] = [];
    await Promise.all(Array.from({ length: 15 }, (_, i) => gate.run(async () => void order.push(i), request.signal)));
    expect(order).toEqual([...Array(15).keys()]);
    await tick();
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });
});
