/** Searches admitted to Meilisearch in turn: in order, never more than allowed, none for clients that left. */
import { describe, expect, it } from 'vitest';
import { SearchAbandonedError, SearchGate, SearchOverloadedError } from '../../../server/search/gate.ts';

/** A search that finishes when told to, recording when it ran. */
function pending(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((r) => {
    finish = r;
  });
  return {
    run: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
      return name;
    },
    finish,
  };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('search gate', () => {
  it('runs at most `concurrency` searches at once and the others in arrival order', async () => {
    const gate = new SearchGate({ concurrency: 2, maxWaitMs: 60_000 });
    const log: string[] = [];
    const s = ['a', 'b', 'c', 'd'].map((n) => pending(log, n));
    const results = s.map((x) => gate.run(x.run));
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    expect(gate.waiting).toBe(2);
    s[1]!.finish();
    await tick();
    expect(log).toEqual(['start a', 'start b', 'end b', 'start c']);
    s[0]!.finish();
    s[2]!.finish();
    s[3]!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(gate.active).toBe(0);
  });

  it('drops a waiting search whose client has gone, without running it', async () => {
    const gate = new SearchGate({ concurrency: 1, maxWaitMs: 60_000 });
    const log: string[] = [];
    const first = pending(log, 'first');
    const gone = pending(log, 'gone');
    const ctrl = new AbortController();
    const p1 = gate.run(first.run);
    const p2 = gate.run(gone.run, ctrl.signal);
    await tick();
    ctrl.abort();
    await expect(p2).rejects.toBeInstanceOf(SearchAbandonedError);
    expect(gate.waiting).toBe(0);
    first.finish();
    await p1;
    expect(log).toEqual(['start first', 'end first']);
  });

  it('refuses at once a search that would wait longer than allowed', async () => {
    // Searches taking 100 ms, one at a time: a second one waiting would wait 200 ms.
    const gate = new SearchGate({ concurrency: 1, maxWaitMs: 120, expectedSearchMs: 100 });
    const log: string[] = [];
    const a = pending(log, 'a');
    const running = gate.run(a.run);
    const queued = gate.run(async () => 'queued');
    await expect(gate.run(async () => 'third')).rejects.toBeInstanceOf(SearchOverloadedError);
    a.finish();
    await running;
    expect(await queued).toBe('queued');
  });

  it("lets a person's search go before an export's pages, until the export has given way long enough", async () => {
    const gate = new SearchGate({ concurrency: 1, maxWaitMs: 60_000, bulkAfterMs: 40 });
    const log: string[] = [];
    const [running, page1, search, page2, late] = ['running', 'page1', 'search', 'page2', 'late'].map((n) => pending(log, n));
    const all = [
      gate.run(running!.run),
      gate.run(page1!.run, undefined, 'bulk'),
      gate.run(search!.run),
      gate.run(page2!.run, undefined, 'bulk'),
    ];
    await tick();
    running!.finish();
    await tick();
    // The search came after the export's first page and runs before it.
    expect(log.at(-1)).toBe('start search');
    await new Promise((r) => setTimeout(r, 50));
    all.push(gate.run(late!.run));
    search!.finish();
    await tick();
    // The export's page has waited 40 ms: it goes before the search that came later.
    expect(log.at(-1)).toBe('start page1');
    for (const x of [page1, late, page2]) {
      x!.finish();
      await tick();
    }
    expect(log.filter((l) => l.startsWith('start'))).toEqual(['start running', 'start search', 'start page1', 'start page2', 'start late']);
    await Promise.all(all);
  });
});
