/**
 * Partitioned mode (PARTITIONS_FILE): the archive spread over several Meilisearch instances,
 * each holding whole notices — by province, by year range, or whatever else goes to the
 * default partition — and queried together as one (docs/scaling.md).
 *
 * `PartitionedStore` is the IndexStore (meili/index-store.ts) over them, each partition a
 * SingleIndexStore whose tasks carry its name:
 *   - documents of the routed indexes (paragraphs, notices) go to their notice's partition:
 *     indexer/load/loader.ts routes whole records (byPartition), and documents added as such
 *     (the indexer's bulk path) are routed one by one by the year and province they carry;
 *     either way a notice whose partition changed moves;
 *   - every other write (indexes, settings, deletions by filter, swaps, the schema marker
 *     index) goes to every partition, and its task waits for all of them;
 *   - reads are merged: counts summed, document listings concatenated in partition order, a
 *     document found wherever it is.
 * Searching goes through `PartitionedSearch` (meili/partitioned-search.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { MeiliClient, MeiliError, isNotFound, type Task, type TaskResult } from './client.ts';
import type { DocumentPage, Documents, FailedTasks, IndexStore, RouteKey, SearchStoreOptions } from './index-store.ts';
import { PartitionedSearch } from './partitioned-search.ts';
import { searchOnlyKey } from './search-key.ts';
import type { Admit, SearchQuery, SearchResult } from './search-types.ts';
import { SingleIndexStore } from './single-store.ts';
import { anyOf } from '../schema/filter.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../schema/indexes.ts';

/** Indexes whose documents belong to one notice each: stored in that notice's partition only. */
export const ROUTED_INDEXES: ReadonlySet<string> = new Set([PARAGRAPHS_INDEX, NOTICES_INDEX]);
/** The index with one document per notice (id = notice id), and the one whose documents name it in `noticeId`. */
const NOTICES = NOTICES_INDEX;
const PARAGRAPHS = PARAGRAPHS_INDEX;

const Name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, "-" and "_"');
const Url = z.string().regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL');

const PartitionEntry = z
  .object({
    name: Name,
    /** Where the portal and the indexer reach this Meilisearch. */
    url: Url,
    /** Where the other Meilisearch instances reach it, for federated search (default: url). */
    networkUrl: Url.optional(),
    /** Its master key (or Meilisearch Cloud's Default Admin API Key), inline or … */
    masterKey: z.string().min(16).optional(),
    /** … the name of the environment variable holding it (keeps keys out of the file). */
    masterKeyEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
    /** Notices of these provinces (region level 1, as in the region facet: 辽宁省). */
    provinces: z.array(z.string().min(1)).min(1).optional(),
    /** Notices of these years (inclusive; either bound may be left open). */
    years: z.object({ from: z.number().int().optional(), to: z.number().int().optional() }).strict().optional(),
    /** Notices no other partition's rule takes (exactly one partition). */
    default: z.boolean().optional(),
  })
  .strict();

export const PartitionsFile = z
  .object({
    /**
     * auto: search over Meilisearch's `network` feature (federated multi-search) where that is
     * exact, and by asking every partition directly otherwise; off: always directly.
     */
    federation: z.enum(['auto', 'off']).default('auto'),
    partitions: z.array(PartitionEntry).min(1),
  })
  .strict();
export type PartitionsFile = z.infer<typeof PartitionsFile>;

export class PartitionsConfigError extends Error {}

export type Partition = {
  name: string;
  url: string;
  networkUrl: string;
  masterKey: string;
  provinces?: string[];
  years?: { from?: number; to?: number };
  isDefault: boolean;
  /** Admin client of this partition (master key). */
  client: MeiliClient;
  /** The same, as a store whose tasks carry this partition's name. */
  store: SingleIndexStore;
};

/** A partition as the partitions file describes it. */
export type PartitionConfig = Omit<Partition, 'client' | 'store'>;

/** Segment and notice documents carry the same fields (indexer/load/documents.ts). */
export function routeKeyOfDoc(d: { region?: { lvl0?: string }; year?: number }): RouteKey {
  return { province: d.region?.lvl0, year: d.year };
}

function matches(p: Pick<Partition, 'provinces' | 'years'>, k: RouteKey): boolean {
  if (p.provinces && !(k.province !== undefined && p.provinces.includes(k.province))) return false;
  if (p.years) {
    if (k.year === undefined) return false;
    if (p.years.from !== undefined && k.year < p.years.from) return false;
    if (p.years.to !== undefined && k.year > p.years.to) return false;
  }
  return true;
}

/** Reads and checks a partitions file (YAML or JSON). Keys named by masterKeyEnv come from `env`. */
export function loadPartitionsFile(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): { federation: 'auto' | 'off'; partitions: PartitionConfig[] } {
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PartitionsConfigError(`PARTITIONS_FILE ${file}: cannot read it: ${(e as Error).message}`);
  }
  const parsed = PartitionsFile.safeParse(raw);
  if (!parsed.success) {
    throw new PartitionsConfigError(
      `PARTITIONS_FILE ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`,
    );
  }
  const cfg = parsed.data;
  const problems: string[] = [];
  const names = new Set<string>();
  for (const p of cfg.partitions) {
    if (names.has(p.name)) problems.push(`partition name "${p.name}" is used twice`);
    names.add(p.name);
    if (!p.default && !p.provinces && !p.years)
      problems.push(`partition "${p.name}" has no rule (provinces, years) and is not the default`);
    if (p.years?.from !== undefined && p.years.to !== undefined && p.years.from > p.years.to)
      problems.push(`partition "${p.name}": years.from is after years.to`);
    if (!!p.masterKey === !!p.masterKeyEnv) problems.push(`partition "${p.name}": give exactly one of masterKey and masterKeyEnv`);
    else if (p.masterKeyEnv && (env[p.masterKeyEnv] ?? '').length < 16)
      problems.push(`partition "${p.name}": the environment variable ${p.masterKeyEnv} must hold its master key (at least 16 bytes)`);
  }
  const defaults = cfg.partitions.filter((p) => p.default);
  if (defaults.length !== 1)
    problems.push(`exactly one partition must be the default (default: true), so that every notice has a place; found ${defaults.length}`);
  if (problems.length) throw new PartitionsConfigError(`PARTITIONS_FILE ${path.resolve(file)}: ${problems.join('; ')}`);
  return {
    federation: cfg.federation,
    partitions: cfg.partitions.map((p) => ({
      name: p.name,
      url: p.url.replace(/\/+$/, ''),
      networkUrl: (p.networkUrl ?? p.url).replace(/\/+$/, ''),
      masterKey: p.masterKey ?? env[p.masterKeyEnv!]!,
      provinces: p.provinces,
      years: p.years,
      isDefault: !!p.default,
    })),
  };
}

/** A task of one partition. */
export type PartTask = Task & { partition: string };
/** Tasks of several partitions that stand for one write: done when all of them are. */
export type CompositeTask = Task & { parts: PartTask[] };

function composite(parts: Task[]): CompositeTask {
  return { taskUid: -1, parts: parts as PartTask[] };
}

export class PartitionedStore implements IndexStore {
  readonly partitions: Partition[];
  readonly federation: 'auto' | 'off';
  private readonly byName: Map<string, Partition>;
  private readonly fallback: Partition;
  /** Searches with the master keys (tools, tests): every query fanned out. */
  private readonly search: PartitionedSearch;

  constructor(config: { federation?: 'auto' | 'off'; partitions: PartitionConfig[] }, timeoutMs?: number) {
    if (!config.partitions.length) throw new PartitionsConfigError('a partitioned Meilisearch needs at least one partition');
    this.federation = config.federation ?? 'auto';
    this.partitions = config.partitions.map((p) => {
      const client = new MeiliClient({ url: p.url, apiKey: p.masterKey, timeoutMs });
      return { ...p, client, store: new SingleIndexStore(client, p.name) };
    });
    this.byName = new Map(this.partitions.map((p) => [p.name, p]));
    const defaults = this.partitions.filter((p) => p.isDefault);
    if (defaults.length !== 1) throw new PartitionsConfigError('exactly one partition must be the default');
    this.fallback = defaults[0]!;
    this.search = new PartitionedSearch(this.partitions.map((p) => ({ name: p.name, client: p.client })));
  }

  static fromFile(file: string, env: NodeJS.ProcessEnv = process.env): PartitionedStore {
    return new PartitionedStore(loadPartitionsFile(file, env));
  }

  get description(): string {
    return `partitions ${this.partitions.map((p) => `${p.name} at ${p.url}`).join(', ')}`;
  }

  /** The partition of a notice: the first (in file order) whose rule it matches, else the default. */
  route(key: RouteKey): Partition {
    return this.partitions.find((p) => !p.isDefault && matches(p, key)) ?? this.fallback;
  }

  partition(name: string): Partition {
    const p = this.byName.get(name);
    if (!p) throw new Error(`no partition named "${name}"`);
    return p;
  }

  /** `run` on every partition at once; a failure names its partition. */
  private each<T>(run: (p: Partition) => Promise<T>): Promise<T[]> {
    return Promise.all(
      this.partitions.map((p) =>
        run(p).catch((e: Error) => {
          e.message = `partition ${p.name} (${p.url}): ${e.message}`;
          throw e;
        }),
      ),
    );
  }

  async version(): Promise<string> {
    return (await this.each((p) => p.store.version()))[0]!;
  }

  async ensureIndex(uid: string): Promise<void> {
    await this.each((p) => p.store.ensureIndex(uid));
  }

  async updateSettings(uid: string, settings: Record<string, unknown>): Promise<Task> {
    return composite(await this.each((p) => p.store.updateSettings(uid, settings)));
  }

  /** Partitions one by one: one that lacks the index must not stop the others'. */
  async deleteIndex(uid: string): Promise<void> {
    for (const p of this.partitions) await p.store.deleteIndex(uid);
  }

  async swapIndexes(pairs: [string, string][]): Promise<Task> {
    return composite(await this.each((p) => p.store.swapIndexes(pairs)));
  }

  async addDocuments(uid: string, documents: Documents): Promise<Task> {
    if (ROUTED_INDEXES.has(uid)) return this.routeDocuments(uid, documents);
    return composite(await this.each((p) => p.store.addDocuments(uid, documents)));
  }

  async deleteDocuments(uid: string, filter: string): Promise<Task> {
    return composite(await this.each((p) => p.store.deleteDocuments(uid, filter)));
  }

  /** A routed index's document is wherever it is; another index's must be in every partition. */
  async getDocument<T>(uid: string, id: string): Promise<T> {
    const got = await this.each((p) =>
      p.store.getDocument<T>(uid, id).then(
        (d) => ({ d }),
        (e: unknown) => {
          if (isNotFound(e)) return undefined;
          throw e;
        },
      ),
    );
    const found = got.filter((g) => g !== undefined);
    if (!found.length || (!ROUTED_INDEXES.has(uid) && found.length < got.length)) {
      throw new MeiliError(
        `Document ${id} of ${uid} not found in ${ROUTED_INDEXES.has(uid) ? 'any' : 'every'} partition`,
        404,
        'document_not_found',
      );
    }
    return found[0]!.d;
  }

  /** The partitions' documents one after the other. */
  async listDocuments<T>(uid: string, page: { offset?: number; limit?: number; fields?: string[] }): Promise<DocumentPage<T>> {
    const offset = page.offset ?? 0;
    const limit = page.limit ?? 20;
    const totals = (await this.each((p) => p.store.listDocuments(uid, { offset: 0, limit: 0, fields: page.fields }))).map((r) => r.total);
    const results: T[] = [];
    let start = 0;
    for (const [i, p] of this.partitions.entries()) {
      const total = totals[i]!;
      const from = Math.max(offset - start, 0);
      const want = offset + limit - start - from;
      if (from < total && want > 0 && results.length < limit) {
        results.push(
          ...(await p.store.listDocuments<T>(uid, { offset: from, limit: Math.min(want, limit - results.length), fields: page.fields }))
            .results,
        );
      }
      start += total;
    }
    return { results, total: totals.reduce((a, b) => a + b, 0) };
  }

  async documentCount(uid: string): Promise<number> {
    return (await this.each((p) => p.store.documentCount(uid))).reduce((a, b) => a + b, 0);
  }

  byPartition<T>(items: readonly T[], keyOf: (item: T) => RouteKey): { store: IndexStore; items: T[] }[] {
    const groups = new Map<Partition, T[]>(this.partitions.map((p) => [p, []]));
    for (const item of items) groups.get(this.route(keyOf(item)))!.push(item);
    return this.partitions.map((p) => ({ store: p.store, items: groups.get(p)! }));
  }

  /** Waits for a partition's task, or for every part of a composite one. */
  async waitForTask(task: Task, timeoutMs?: number): Promise<TaskResult> {
    const t = task as Partial<CompositeTask & PartTask>;
    if (t.parts) {
      const results: TaskResult[] = [];
      for (const part of t.parts) results.push(await this.waitForTask(part, timeoutMs));
      return results[0] ?? { uid: -1, status: 'succeeded', type: 'composite' };
    }
    if (t.partition) return this.partition(t.partition).store.waitForTask(task, timeoutMs);
    throw new Error(`task ${task.taskUid} does not say which partition it belongs to`);
  }

  async isEnqueued(task: Task): Promise<boolean> {
    const t = task as Partial<CompositeTask & PartTask>;
    if (t.parts) return (await Promise.all(t.parts.map((part) => this.isEnqueued(part)))).some(Boolean);
    return t.partition ? this.partition(t.partition).store.isEnqueued(task) : false;
  }

  async pendingTasks(): Promise<number> {
    return (await this.each((p) => p.store.pendingTasks())).reduce((a, b) => a + b, 0);
  }

  async failedTasks(since: Date): Promise<FailedTasks> {
    const each = await this.each((p) => p.store.failedTasks(since));
    return { count: each.reduce((a, f) => a + f.count, 0), last: each.find((f) => f.last)?.last };
  }

  /**
   * A PartitionedSearch over a search-only key per partition. With `federation: auto` the
   * `network` feature is enabled on every partition and each is told about all the others
   * (self + remotes with their search keys), so the first partition coordinates federated
   * searches; when that is refused or a probe fails, every query is fanned out instead.
   */
  async searchStore(indexes: string[], options: SearchStoreOptions = {}): Promise<PartitionedSearch> {
    const keys = await Promise.all(this.partitions.map((p) => searchOnlyKey(p.client, indexes)));
    const partitions = this.partitions.map((p, i) => ({
      name: p.name,
      client: new MeiliClient({ url: p.url, apiKey: keys[i], timeoutMs: options.timeoutMs ?? 5_000 }),
    }));
    const direct = new PartitionedSearch(partitions);
    if (this.federation === 'off') return direct;
    try {
      await this.setUpNetwork(keys);
      const federated = new PartitionedSearch(partitions, partitions[0]!.client);
      // Probe: every partition must answer a federated search through the coordinator.
      await federated.multiSearch([{ indexUid: indexes[0]!, q: '', limit: 0 }]);
      return federated;
    } catch (e) {
      options.log?.(
        `federated search over the partitions is not available (${(e as Error).message}); every partition is searched directly`,
      );
      return direct;
    }
  }

  /** Enables `network` on every partition and registers all partitions as its remotes (stale remotes removed). */
  private async setUpNetwork(searchKeys: string[]): Promise<void> {
    const remotes = Object.fromEntries(this.partitions.map((p, i) => [p.name, { url: p.networkUrl, searchApiKey: searchKeys[i]! }]));
    for (const p of this.partitions) {
      await p.client.request('PATCH', '/experimental-features', { network: true });
      const current = await p.client.request<{ remotes?: Record<string, unknown> }>('GET', '/network');
      const stale = Object.keys(current.remotes ?? {}).filter((name) => !(name in remotes));
      await p.client.request('PATCH', '/network', {
        self: p.name,
        remotes: { ...remotes, ...Object.fromEntries(stale.map((name) => [name, null])) },
      });
    }
  }

  multiSearch<H>(queries: SearchQuery[], admit?: Admit): Promise<SearchResult<H>[]> {
    return this.search.multiSearch(queries, admit);
  }

  close(): void {
    for (const p of this.partitions) p.client.close();
  }

  /**
   * Documents of a routed index added as such (the indexer's bulk path): each to its notice's
   * partition. Notice documents are also looked up in the other partitions: a notice found
   * elsewhere has moved (its year or province changed), and is deleted there with its
   * paragraphs. The look-up is a read, so additions stay batched; deletions happen on moves only.
   */
  private async routeDocuments(uid: string, documents: Documents): Promise<CompositeTask> {
    const docs = (typeof documents === 'string' ? JSON.parse(documents) : documents) as {
      id?: unknown;
      region?: { lvl0?: string };
      year?: number;
    }[];
    if (!Array.isArray(docs)) throw new Error('documents must be an array to be routed to their partitions');
    const groups = new Map<Partition, typeof docs>();
    for (const d of docs) {
      const p = this.route(routeKeyOfDoc(d));
      if (!groups.has(p)) groups.set(p, []);
      groups.get(p)!.push(d);
    }
    const parts: Task[] = [];
    if (uid === NOTICES) {
      for (const q of this.partitions) {
        const here = new Set(groups.get(q) ?? []);
        const elsewhere = docs.filter((d) => !here.has(d)).map((d) => String(d.id));
        for (let i = 0; i < elsewhere.length; i += 1000) {
          const ids = elsewhere.slice(i, i + 1000);
          const found = await q.store.fetchDocuments<{ id: string }>(NOTICES, anyOf('id', ids), ['id'], ids.length);
          const moved = found.map((r) => r.id);
          if (!moved.length) continue;
          parts.push(await q.store.deleteDocuments(PARAGRAPHS, anyOf('noticeId', moved)));
          parts.push(await q.store.deleteDocumentIds(NOTICES, moved));
        }
      }
    }
    for (const [p, group] of groups) parts.push(await p.store.addDocuments(uid, group));
    return composite(parts);
  }
}
