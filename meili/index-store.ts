/**
 * What the indexer, the rebuild, the operations tools and the server's start-up ask of
 * Meilisearch, as typed operations on indexes, documents and tasks. Two implementations:
 * one Meilisearch (meili/single-store.ts) and partitions holding whole notices
 * (meili/partitions.ts). meili/connect.ts picks one from the configuration at start-up;
 * callers never ask which they have.
 */
import type { Task, TaskResult } from './client.ts';
import type { SearchStore } from './search-types.ts';

/** Documents to add: objects, or a JSON array already serialised (the indexer's request bodies). */
export type Documents = readonly object[] | string;

export type DocumentPage<T> = { results: T[]; total: number };

export type FailedTasks = { count: number; last?: string };

/** What decides a notice's partition: its province (region level 1) and its year. */
export type RouteKey = { province?: string; year?: number };

export function routeKeyOfRecord(r: { region: string[]; year?: number }): RouteKey {
  return { province: r.region[0], year: r.year };
}

export type SearchStoreOptions = { timeoutMs?: number; log?: (m: string) => void };

export interface IndexStore extends SearchStore {
  /** Where the documents are, for logs. */
  readonly description: string;

  /** Meilisearch's version (`pkgVersion`); fails when it, or any partition, cannot be reached. */
  version(): Promise<string>;

  /** Creates the index (primary key `id`) where it does not exist yet, and waits for that. */
  ensureIndex(uid: string): Promise<void>;
  updateSettings(uid: string, settings: Record<string, unknown>): Promise<Task>;
  /** Deletes the index wherever it exists, and waits until it is gone. */
  deleteIndex(uid: string): Promise<void>;
  /** Swaps the documents and settings of each pair of indexes, all in one task. */
  swapIndexes(pairs: [string, string][]): Promise<Task>;

  /**
   * Adds or replaces documents by id. Documents of the indexes that hold one notice's
   * documents (schema/indexes.ts) go where that notice belongs, by the year and province they
   * carry; others go everywhere.
   */
  addDocuments(uid: string, documents: Documents): Promise<Task>;
  deleteDocuments(uid: string, filter: string): Promise<Task>;
  /** One document; fails with a not-found MeiliError (isNotFound) when it is not there. */
  getDocument<T>(uid: string, id: string): Promise<T>;
  /** A page of an index's documents; the pages of all partitions follow each other. */
  listDocuments<T>(uid: string, page: { offset?: number; limit?: number; fields?: string[] }): Promise<DocumentPage<T>>;
  /** Documents in an index; 0 when it does not exist. */
  documentCount(uid: string): Promise<number>;

  /**
   * The stores notices go to, each with the items routed to it by `keyOf`: every part of the
   * store is listed, with no items where none goes. One Meilisearch is one part with all of them.
   */
  byPartition<T>(items: readonly T[], keyOf: (item: T) => RouteKey): { store: IndexStore; items: T[] }[];

  /** Waits for a task this store returned (of any of its parts). */
  waitForTask(task: Task, timeoutMs?: number): Promise<TaskResult>;
  /** True while Meilisearch has not started on the task (an unknown answer counts as started). */
  isEnqueued(task: Task): Promise<boolean>;
  /** Tasks enqueued or processing, of any index. */
  pendingTasks(): Promise<number>;
  /**
   * Tasks that wrote documents, settings or swapped indexes and failed after `since`: how many,
   * and the newest one's error (a full disk shows here first). Index creation and deletion are
   * left out: deleting an index that is not there fails harmlessly.
   */
  failedTasks(since: Date): Promise<FailedTasks>;

  /**
   * What the API searches with: the same Meilisearch, or partitions, through search-only keys
   * (created once and found again by name) limited to `indexes`.
   */
  searchStore(indexes: string[], options?: SearchStoreOptions): Promise<SearchStore>;

  /** Closes the connections at once; requests still running fail. */
  close(): void;
}
