/**
 * One Meilisearch as an IndexStore (meili/index-store.ts): the embedded one, MEILI_URL's, or
 * one partition of PARTITIONS_FILE (meili/partitions.ts), whose tasks then carry its name.
 */
import { isNotFound, MeiliClient, MeiliError, type Task, type TaskResult } from './client.ts';
import type { DocumentPage, Documents, FailedTasks, IndexStore, RouteKey, SearchStoreOptions } from './index-store.ts';
import { searchOnlyKey } from './search-key.ts';
import type { Admit, SearchQuery, SearchResult, SearchStore } from './search-types.ts';

/** Searches one Meilisearch: each query a request of its own, all sent at once. */
export class SingleSearch implements SearchStore {
  constructor(readonly client: MeiliClient) {}

  multiSearch<H>(queries: SearchQuery[], admit: Admit = (send) => send()): Promise<SearchResult<H>[]> {
    return Promise.all(
      queries.map((query) =>
        admit(() =>
          this.client.request<{ results: SearchResult<H>[] }>('POST', '/multi-search', { queries: [query] }).then((r) => r.results[0]!),
        ),
      ),
    );
  }
}

export class SingleIndexStore implements IndexStore {
  private readonly search: SingleSearch;

  /** `partition`: the name of the partition this Meilisearch is, which its tasks then carry. */
  constructor(
    readonly client: MeiliClient,
    private readonly partition?: string,
  ) {
    this.search = new SingleSearch(client);
  }

  get description(): string {
    return this.client.options.url;
  }

  private async task(method: string, path: string, body?: unknown): Promise<Task> {
    const t = await this.client.request<Task>(method, path, body);
    return this.partition === undefined ? t : ({ ...t, partition: this.partition } as Task);
  }

  async version(): Promise<string> {
    return (await this.client.request<{ pkgVersion: string }>('GET', '/version')).pkgVersion;
  }

  async ensureIndex(uid: string): Promise<void> {
    try {
      await this.client.request('GET', `/indexes/${uid}`);
      return;
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    try {
      await this.client.waitForTask(await this.client.request<Task>('POST', '/indexes', { uid, primaryKey: 'id' }));
    } catch (e) {
      // Created meanwhile by another writer: it exists, as asked.
      if (!(e instanceof MeiliError && e.code === 'index_already_exists')) throw e;
    }
  }

  updateSettings(uid: string, settings: Record<string, unknown>): Promise<Task> {
    return this.task('PATCH', `/indexes/${uid}/settings`, settings);
  }

  async deleteIndex(uid: string): Promise<void> {
    try {
      await this.client.waitForTask(await this.client.request<Task>('DELETE', `/indexes/${uid}`));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  swapIndexes(pairs: [string, string][]): Promise<Task> {
    return this.task(
      'POST',
      '/swap-indexes',
      pairs.map((indexes) => ({ indexes })),
    );
  }

  addDocuments(uid: string, documents: Documents): Promise<Task> {
    return this.task('POST', `/indexes/${uid}/documents`, documents);
  }

  deleteDocuments(uid: string, filter: string): Promise<Task> {
    return this.task('POST', `/indexes/${uid}/documents/delete`, { filter });
  }

  /** Deletes these documents by id. */
  deleteDocumentIds(uid: string, ids: string[]): Promise<Task> {
    return this.task('POST', `/indexes/${uid}/documents/delete-batch`, ids);
  }

  getDocument<T>(uid: string, id: string): Promise<T> {
    return this.client.request<T>('GET', `/indexes/${uid}/documents/${encodeURIComponent(id)}`);
  }

  async listDocuments<T>(uid: string, page: { offset?: number; limit?: number; fields?: string[] }): Promise<DocumentPage<T>> {
    const fields = page.fields ? `&fields=${page.fields.map(encodeURIComponent).join(',')}` : '';
    const r = await this.client.request<DocumentPage<T>>(
      'GET',
      `/indexes/${uid}/documents?offset=${page.offset ?? 0}&limit=${page.limit ?? 20}${fields}`,
    );
    return { results: r.results, total: r.total };
  }

  /** The documents `filter` selects, at most `limit`, with only `fields`. */
  async fetchDocuments<T>(uid: string, filter: string, fields: string[], limit: number): Promise<T[]> {
    return (await this.client.request<{ results: T[] }>('POST', `/indexes/${uid}/documents/fetch`, { filter, fields, limit })).results;
  }

  async documentCount(uid: string): Promise<number> {
    try {
      return (await this.client.request<{ numberOfDocuments: number }>('GET', `/indexes/${uid}/stats`)).numberOfDocuments;
    } catch (e) {
      if (isNotFound(e)) return 0;
      throw e;
    }
  }

  byPartition<T>(items: readonly T[], _keyOf: (item: T) => RouteKey): { store: IndexStore; items: T[] }[] {
    return [{ store: this, items: [...items] }];
  }

  waitForTask(task: Task, timeoutMs?: number): Promise<TaskResult> {
    return this.client.waitForTask(task, timeoutMs);
  }

  async isEnqueued(task: Task): Promise<boolean> {
    try {
      return (await this.client.request<TaskResult>('GET', `/tasks/${task.taskUid}`)).status === 'enqueued';
    } catch {
      return false;
    }
  }

  async pendingTasks(): Promise<number> {
    return (await this.client.request<{ total: number }>('GET', '/tasks?statuses=enqueued,processing&limit=1')).total;
  }

  async failedTasks(since: Date): Promise<FailedTasks> {
    const types = 'documentAdditionOrUpdate,documentEdition,documentDeletion,settingsUpdate,indexSwap';
    const r = await this.client.request<{ total: number; results: { type: string; error?: { message?: string } }[] }>(
      'GET',
      `/tasks?statuses=failed&types=${types}&afterFinishedAt=${encodeURIComponent(since.toISOString())}&limit=1`,
    );
    const newest = r.results[0];
    return { count: r.total, ...(newest ? { last: `${newest.type}: ${newest.error?.message ?? ''}` } : {}) };
  }

  /** Writes a dump (in the dumps folder of this Meilisearch's server) and returns its uid. */
  async dump(timeoutMs?: number): Promise<string> {
    const done = (await this.client.waitForTask(await this.client.request<Task>('POST', '/dumps'), timeoutMs)) as TaskResult & {
      details?: { dumpUid?: string };
    };
    if (!done.details?.dumpUid) throw new Error('Meilisearch did not say which dump it wrote');
    return done.details.dumpUid;
  }

  async searchStore(indexes: string[], options: SearchStoreOptions = {}): Promise<SearchStore> {
    const key = await searchOnlyKey(this.client, indexes);
    return new SingleSearch(new MeiliClient({ url: this.client.options.url, apiKey: key, timeoutMs: options.timeoutMs ?? 5_000 }));
  }

  multiSearch<H>(queries: SearchQuery[], admit?: Admit): Promise<SearchResult<H>[]> {
    return this.search.multiSearch(queries, admit);
  }

  close(): void {
    this.client.close();
  }
}
