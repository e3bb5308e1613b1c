/**
 * Partitioned mode (PARTITIONS_FILE): the archive spread over several Meilisearch instances,
 * each holding whole notices — by province, by year range, or whatever else goes to the
 * default partition — and queried together as one (docs/scaling.md).
 *
 * `PartitionedClient` stands where a single admin `MeiliClient` stands (indexer, portal,
 * rebuild, schema markers), so code written for one Meilisearch works on partitions:
 *   - documents of the routed indexes (paragraphs, notices) go to their notice's partition:
 *     indexer/load/loader.ts routes whole records (enqueueRouted), and documents sent as
 *     such (the indexer's bulk path) are routed one by one by the year and province they
 *     carry; either way a notice whose partition changed moves;
 *   - every other write (indexes, settings, deletions by filter, the schema marker index,
 *     dumps) goes to every partition, and its task waits for all of them;
 *   - reads are merged: stats summed, document listings concatenated in partition order, a
 *     document found wherever it is; any other read must be answered by every partition.
 * Searching goes through `PartitionedSearch` (meili/partitioned-search.ts) with search keys.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { MeiliClient, MeiliError, isNotFound, type Task, type TaskResult } from './client.ts';
import { quoteFilterValue } from '../schema/filter.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../schema/indexes.ts';

/** Indexes whose documents belong to one notice each: stored in that notice's partition only. */
export const ROUTED_INDEXES: ReadonlySet<string> = new Set([PARAGRAPHS_INDEX, NOTICES_INDEX]);
/** The index with one document per notice (id = notice id), and the one whose documents name it in `noticeId`. */
const NOTICES = NOTICES_INDEX;
const PARAGRAPHS = PARAGRAPHS_INDEX;

const Name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, "-" and "_"');
const Url = z.string().regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL');

const PartitionEntry = z.object({
  name: Name,
  /** Where the portal and the indexer reach this Meilisearch. */
  url: Url,
  /** Where the other Meilisearch instances reach it, for federated search (default: url). */
  networkUrl: Url.optional(),
  /** Its master key (or Meilisearch Cloud's Default Admin API Key), inline or … */
  masterKey: z.string().min(16).optional(),
  /** … the name of the environment variable holding it (keeps keys out of the file). */
  masterKeyEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
  /** Notices of these provinces (region level 1, as in the region facet: 辽宁省). */
  provinces: z.array(z.string().min(1)).min(1).optional(),
  /** Notices of these years (inclusive; either bound may be left open). */
  years: z.object({ from: z.number().int().optional(), to: z.number().int().optional() }).strict().optional(),
  /** Notices no other partition's rule takes (exactly one partition). */
  default: z.boolean().optional(),
}).strict();

export const PartitionsFile = z.object({
  /**
   * auto: search over Meilisearch's `network` feature (federated multi-search) where that is
   * exact, and by asking every partition directly otherwise; off: always directly.
   */
  federation: z.enum(['auto', 'off']).default('auto'),
  partitions: z.array(PartitionEntry).min(1),
}).strict();
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
};

/** What decides a notice's partition: its province (region level 1) and its year. */
export type RouteKey = { province?: string; year?: number };

export function routeKeyOfRecord(r: { region: string[]; year?: number }): RouteKey {
  return { province: r.region[0], year: r.year };
}

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
export function loadPartitionsFile(file: string, env: NodeJS.ProcessEnv = process.env): { federation: 'auto' | 'off'; partitions: Omit<Partition, 'client'>[] } {
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PartitionsConfigError(`PARTITIONS_FILE ${file}: cannot read it: ${(e as Error).message}`);
  }
  const parsed = PartitionsFile.safeParse(raw);
  if (!parsed.success) {
    throw new PartitionsConfigError(`PARTITIONS_FILE ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  }
  const cfg = parsed.data;
  const problems: string[] = [];
  const names = new Set<string>();
  for (const p of cfg.partitions) {
    if (names.has(p.name)) problems.push(`partition name "${p.name}" is used twice`);
    names.add(p.name);
    if (!p.default && !p.provinces && !p.years) problems.push(`partition "${p.name}" has no rule (provinces, years) and is not the default`);
    if (p.years?.from !== undefined && p.years.to !== undefined && p.years.from > p.years.to) problems.push(`partition "${p.name}": years.from is after years.to`);
    if (!!p.masterKey === !!p.masterKeyEnv) problems.push(`partition "${p.name}": give exactly one of masterKey and masterKeyEnv`);
    else if (p.masterKeyEnv && (env[p.masterKeyEnv] ?? '').length < 16) problems.push(`partition "${p.name}": the environment variable ${p.masterKeyEnv} must hold its master key (at least 16 bytes)`);
  }
  const defaults = cfg.partitions.filter((p) => p.default);
  if (defaults.length !== 1) problems.push(`exactly one partition must be the default (default: true), so that every notice has a place; found ${defaults.length}`);
  if (problems.length) throw new PartitionsConfigError(`PARTITIONS_FILE ${path.resolve(file)}: ${problems.join('; ')}`);
  return {
    federation: cfg.federation,
    partitions: cfg.partitions.map((p) => ({
      name: p.name, url: p.url.replace(/\/+$/, ''), networkUrl: (p.networkUrl ?? p.url).replace(/\/+$/, ''),
      masterKey: p.masterKey ?? env[p.masterKeyEnv!]!,
      provinces: p.provinces, years: p.years, isDefault: !!p.default,
    })),
  };
}

/** A task of one partition. */
export type PartTask = Task & { partition: string };
/** Tasks of several partitions that stand for one write (a broadcast, or one indexer batch). */
export type CompositeTask = Task & { parts: PartTask[] };

export function partTasks(partition: string, tasks: Task[]): PartTask[] {
  return tasks.map((t) => ({ ...t, partition }));
}

/** One task that is done when the last task of every partition in `tasks` is. */
export function lastOfEach(tasks: PartTask[]): CompositeTask {
  const last = new Map<string, PartTask>();
  for (const t of tasks) last.set(t.partition, t);
  return { taskUid: -1, parts: [...last.values()] };
}

type IndexStats = { numberOfDocuments: number; isIndexing?: boolean; fieldDistribution?: Record<string, number>; [k: string]: unknown };

function sumStats(all: IndexStats[]): IndexStats {
  const fieldDistribution: Record<string, number> = {};
  for (const s of all) for (const [k, v] of Object.entries(s.fieldDistribution ?? {})) fieldDistribution[k] = (fieldDistribution[k] ?? 0) + v;
  const out: IndexStats = { ...all[0]!, isIndexing: all.some((s) => s.isIndexing), fieldDistribution };
  // Numbers are sums over the partitions: documents, embeddings, sizes.
  for (const [k, v] of Object.entries(all[0]!)) if (typeof v === 'number') out[k] = all.reduce((n, s) => n + (typeof s[k] === 'number' ? (s[k] as number) : 0), 0);
  return out;
}

export class PartitionedClient extends MeiliClient {
  readonly partitions: Partition[];
  readonly federation: 'auto' | 'off';
  private readonly byName: Map<string, Partition>;
  private readonly fallback: Partition;

  constructor(config: { federation?: 'auto' | 'off'; partitions: Omit<Partition, 'client'>[] }, timeoutMs?: number) {
    const first = config.partitions[0];
    if (!first) throw new PartitionsConfigError('a partitioned Meilisearch needs at least one partition');
    super({ url: first.url, apiKey: first.masterKey, timeoutMs });
    this.federation = config.federation ?? 'auto';
    this.partitions = config.partitions.map((p) => ({ ...p, client: new MeiliClient({ url: p.url, apiKey: p.masterKey, timeoutMs }) }));
    this.byName = new Map(this.partitions.map((p) => [p.name, p]));
    const defaults = this.partitions.filter((p) => p.isDefault);
    if (defaults.length !== 1) throw new PartitionsConfigError('exactly one partition must be the default');
    this.fallback = defaults[0]!;
  }

  static fromFile(file: string, env: NodeJS.ProcessEnv = process.env): PartitionedClient {
    return new PartitionedClient(loadPartitionsFile(file, env));
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

  override async request<T = unknown>(method: string, urlPath: string, body?: unknown, apiKey?: string): Promise<T> {
    if (apiKey !== undefined) throw new Error('a partitioned Meilisearch has one key per partition: send the request to a partition');
    const m = method.toUpperCase();
    const url = new URL(urlPath, 'http://partitions');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const [root, uid, sub, docId] = parts;
    if (root === 'tasks') throw new Error('tasks of a partitioned Meilisearch are waited for with waitForTask');
    if (root === 'multi-search' || sub === 'search' || sub === 'facet-search') throw new Error('search a partitioned Meilisearch through PartitionedSearch (meili/partitioned-search.ts)');
    if (root === 'keys' && m !== 'GET') throw new Error('API keys differ per partition: create them on each partition');
    if (sub === 'documents' && docId === 'fetch') throw new Error('list the documents of partitions with GET /indexes/:uid/documents');
    if (m === 'GET') {
      if (root === 'indexes' && uid && sub === 'documents' && docId !== undefined) return this.getDocument<T>(uid, urlPath);
      if (root === 'indexes' && uid && sub === 'documents' && parts.length === 3) return this.listDocuments<T>(url);
      if (root === 'indexes' && uid && sub === 'stats') return sumStats(await this.all<IndexStats>('GET', urlPath)) as T;
      if (root === 'stats' && parts.length === 1) return this.globalStats<T>();
      // Anything else (version, health, an index, its settings, the network…): every partition must answer.
      return (await this.all<T>('GET', urlPath))[0]!;
    }
    if (root === 'indexes' && uid && ROUTED_INDEXES.has(uid) && sub === 'documents' && parts.length === 3 && (m === 'POST' || m === 'PUT')) {
      // A partial update (PUT) need not carry the year and province that say where the document is.
      if (m !== 'POST') throw new Error(`${m} ${urlPath}: only whole documents (POST) can be routed to their partition`);
      return this.routeDocuments<T>(m, urlPath, uid, body);
    }
    // Other writes go to every partition: indexes, settings, deletions by id or filter, other indexes' documents, dumps.
    const results = await this.all<unknown>(m, urlPath, body);
    if (results.every((r) => typeof (r as Task | undefined)?.taskUid === 'number')) {
      return { taskUid: -1, parts: results.map((r, i) => ({ ...(r as Task), partition: this.partitions[i]!.name })) } satisfies CompositeTask as T;
    }
    return results[0] as T;
  }

  /** Waits for a partition's task, or for every part of a composite one. */
  override async waitForTask(task: Task, timeoutMs?: number): Promise<TaskResult> {
    const t = task as Partial<CompositeTask & PartTask>;
    if (t.parts) {
      const results: TaskResult[] = [];
      for (const part of t.parts) {
        try {
          results.push(await this.waitForTask(part, timeoutMs));
        } catch (e) {
          // Creating an index everywhere when some partitions already had it: it exists, as asked.
          if (e instanceof MeiliError && e.code === 'index_already_exists') continue;
          throw e;
        }
      }
      return results[0] ?? { uid: -1, status: 'succeeded', type: 'composite' };
    }
    if (t.partition) return this.partition(t.partition).client.waitForTask(task, timeoutMs);
    throw new Error(`task ${task.taskUid} does not say which partition it belongs to`);
  }

  override close(): void {
    for (const p of this.partitions) p.client.close();
    super.close();
  }

  private all<T>(method: string, urlPath: string, body?: unknown): Promise<T[]> {
    return Promise.all(this.partitions.map((p) => p.client.request<T>(method, urlPath, body).catch((e: Error) => {
      e.message = `partition ${p.name} (${p.url}): ${e.message}`;
      throw e;
    })));
  }

  /** A routed index's document is wherever it is; another index's must be in every partition. */
  private async getDocument<T>(uid: string, urlPath: string): Promise<T> {
    const got = await Promise.all(this.partitions.map((p) => p.client.request<T>('GET', urlPath).then((d) => ({ d }), (e: unknown) => {
      if (isNotFound(e)) return undefined;
      throw e;
    })));
    const found = got.filter((g): g is { d: Awaited<T> } => !!g);
    if (!found.length || (!ROUTED_INDEXES.has(uid) && found.length < got.length)) {
      throw new MeiliError(`Document not found in ${ROUTED_INDEXES.has(uid) ? 'any' : 'every'} partition: ${urlPath}`, 404, 'document_not_found');
    }
    return found[0]!.d;
  }

  /** GET …/documents?offset&limit over the partitions one after the other. */
  private async listDocuments<T>(url: URL): Promise<T> {
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const at = (o: number, l: number) => {
      const u = new URL(url);
      u.searchParams.set('offset', String(o));
      u.searchParams.set('limit', String(l));
      return u.pathname + u.search;
    };
    type Page = { results: unknown[]; total: number };
    const totals = (await this.all<Page>('GET', at(0, 0))).map((p) => p.total);
    const results: unknown[] = [];
    let start = 0;
    for (const [i, p] of this.partitions.entries()) {
      const total = totals[i]!;
      const from = Math.max(offset - start, 0);
      const want = offset + limit - start - from;
      if (from < total && want > 0 && results.length < limit) {
        results.push(...(await p.client.request<Page>('GET', at(from, Math.min(want, limit - results.length)))).results);
      }
      start += total;
    }
    return { results, offset, limit, total: totals.reduce((a, b) => a + b, 0) } as T;
  }

  private async globalStats<T>(): Promise<T> {
    type Stats = { databaseSize: number; usedDatabaseSize?: number; lastUpdate: string | null; indexes: Record<string, IndexStats> };
    const all = await this.all<Stats>('GET', '/stats');
    const uids = new Set(all.flatMap((s) => Object.keys(s.indexes)));
    return {
      ...all[0]!,
      databaseSize: all.reduce((n, s) => n + s.databaseSize, 0),
      usedDatabaseSize: all.reduce((n, s) => n + (s.usedDatabaseSize ?? 0), 0),
      lastUpdate: all.map((s) => s.lastUpdate).filter(Boolean).sort().pop() ?? null,
      indexes: Object.fromEntries([...uids].map((u) => [u, sumStats(all.map((s) => s.indexes[u]).filter((s): s is IndexStats => !!s))])),
    } as T;
  }

  /**
   * Documents of a routed index sent as such (the indexer's bulk path): each to its notice's
   * partition. Notice documents are also looked up in the other partitions: a notice found
   * elsewhere has moved (its year or province changed), and is deleted there with its
   * paragraphs. The look-up is a read, so additions stay batched; deletions happen on moves only.
   */
  private async routeDocuments<T>(method: string, urlPath: string, uid: string, body: unknown): Promise<T> {
    const docs = (typeof body === 'string' ? JSON.parse(body) : body) as { id?: unknown; region?: { lvl0?: string }; year?: number }[];
    if (!Array.isArray(docs)) throw new Error('documents must be an array to be routed to their partitions');
    const groups = new Map<Partition, typeof docs>();
    for (const d of docs) {
      const p = this.route(routeKeyOfDoc(d));
      if (!groups.has(p)) groups.set(p, []);
      groups.get(p)!.push(d);
    }
    const parts: PartTask[] = [];
    if (uid === NOTICES) {
      for (const q of this.partitions) {
        const here = new Set(groups.get(q) ?? []);
        const elsewhere = docs.filter((d) => !here.has(d)).map((d) => String(d.id));
        for (let i = 0; i < elsewhere.length; i += 1000) {
          const ids = elsewhere.slice(i, i + 1000);
          const found = await q.client.request<{ results: { id: string }[] }>('POST', `/indexes/${NOTICES}/documents/fetch`, { filter: `id IN [${ids.map(quoteFilterValue).join(', ')}]`, fields: ['id'], limit: ids.length });
          const moved = found.results.map((r) => r.id);
          if (!moved.length) continue;
          parts.push({ ...(await q.client.request<Task>('POST', `/indexes/${PARAGRAPHS}/documents/delete`, { filter: `noticeId IN [${moved.map(quoteFilterValue).join(', ')}]` })), partition: q.name });
          parts.push({ ...(await q.client.request<Task>('POST', `/indexes/${NOTICES}/documents/delete-batch`, moved)), partition: q.name });
        }
      }
    }
    for (const [p, group] of groups) parts.push({ ...(await p.client.request<Task>(method, urlPath, group)), partition: p.name });
    return { taskUid: -1, parts } satisfies CompositeTask as T;
  }
}
