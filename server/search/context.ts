/**
 * What every search family (search.ts, facets.ts, stats.ts, notices.ts, export.ts, health.ts)
 * sends its queries through: the index store chosen at start-up, the gate that admits queries
 * to Meilisearch in turn, and the request whose abort takes them out of the queue.
 */
import type { SearchQuery, SearchResult, SearchStore } from '../../meili/search-types.ts';
import type { Lane, SearchGate } from './gate.ts';

export class SearchContext {
  /** `gate` (server/search/gate.ts) admits searches to Meilisearch in turn; without it, all at once. */
  constructor(
    private readonly store: SearchStore,
    private readonly gate?: SearchGate,
    private readonly signal?: AbortSignal,
    private readonly lane: Lane = 'interactive',
  ) {}

  /**
   * The context of one HTTP request: its searches leave the gate's queue when the request is
   * aborted. Passed along explicitly: an AsyncLocalStorage made every promise of the process
   * pay for async hooks (about 0.4 ms per search on Node 20). `bulk` for exports and feeds:
   * their searches give way to those of people waiting on a page (server/search/gate.ts).
   */
  forRequest(signal: AbortSignal, lane: Lane = 'interactive'): SearchContext {
    return new SearchContext(this.store, this.gate, signal, lane);
  }

  /**
   * Several queries at once, answered in order. `gated: false` for health checks, which must
   * not wait behind searches: a busy portal still reports itself alive.
   */
  multi<T>(queries: SearchQuery[], gated = true): Promise<SearchResult<T>[]> {
    if (!queries.length) return Promise.resolve([]);
    const gate = gated ? this.gate : undefined;
    const admit = <R>(send: () => Promise<R>) => (gate ? gate.run(send, this.signal, this.lane) : send());
    return this.store.multiSearch<T>(queries, admit);
  }
}
