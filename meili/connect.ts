/**
 * One way for every program (server, indexer, tests, bench) to get a Meilisearch:
 * the external one of MEILI_URL, the partitions of PARTITIONS_FILE, or the embedded one for
 * DATA_DIR.
 */
import type { AppConfig } from './config.ts';
import { MeiliClient } from './client.ts';
import { startEmbeddedMeili, type SupervisorStatus } from './embedded.ts';
import { PartitionedClient } from './partitions.ts';
import { PartitionedSearch } from './partitioned-search.ts';

export type MeiliConnection = {
  /** Client holding the master key: settings, documents, keys. Never exposed to users. */
  admin: MeiliClient;
  url: string;
  /** external: MEILI_URL, or the partitions of PARTITIONS_FILE (`admin` is then a PartitionedClient). */
  mode: 'embedded' | 'external';
  /** Stops the embedded Meilisearch if this process started it. */
  close(): Promise<void>;
  /** pid of the embedded Meilisearch this process started (changes after a restart). */
  pid(): number | undefined;
  /** Supervision of the embedded Meilisearch; undefined for an external one. */
  supervisor?: () => SupervisorStatus;
};

export async function connectMeili(config: AppConfig, log: (m: string) => void = () => {}, supervise = false): Promise<MeiliConnection> {
  if (config.partitionsFile) {
    const admin = PartitionedClient.fromFile(config.partitionsFile);
    log(`partitioned Meilisearch (${config.partitionsFile}): ${admin.partitions.map((p) => `${p.name} at ${p.url}`).join(', ')}`);
    return { admin, url: admin.partitions[0]!.url, mode: 'external', pid: () => undefined, async close() { admin.close(); } };
  }
  if (config.meiliUrl) {
    const admin = new MeiliClient({ url: config.meiliUrl, apiKey: config.meiliMasterKey });
    return { admin, url: config.meiliUrl, mode: 'external', pid: () => undefined, async close() { admin.close(); } };
  }
  const embedded = await startEmbeddedMeili({ dataDir: config.dataDir, binary: config.meiliBinary, log, supervise });
  const admin = new MeiliClient({ url: embedded.url, apiKey: embedded.masterKey });
  return {
    admin, url: embedded.url, mode: 'embedded', pid: () => embedded.child?.pid, supervisor: embedded.reused ? undefined : embedded.status,
    async close() { admin.close(); await embedded.stop(); },
  };
}

type Key = { uid: string; key: string; name: string | null; actions: string[]; indexes: string[] };

/** A key that can only search, created once and found again by name: what the API searches with. */
export async function searchOnlyKey(admin: MeiliClient, indexes: string[]): Promise<string> {
  const name = 'portal-search';
  const list = await admin.request<{ results: Key[] }>('GET', '/keys?limit=1000');
  const found = list.results.find((k) => k.name === name && k.actions.length === 1 && k.actions[0] === 'search' && indexes.every((i) => k.indexes.includes(i)));
  if (found) return found.key;
  const created = await admin.request<Key>('POST', '/keys', { name, description: 'Search-only key used by the portal API', actions: ['search'], indexes, expiresAt: null });
  return created.key;
}

/**
 * What the API searches with: a search-only client of the one Meilisearch, or for partitions
 * a PartitionedSearch over a search-only key per partition. With `federation: auto` the
 * `network` feature is enabled on every partition and each is told about all the others
 * (self + remotes with their search keys), so the first partition coordinates federated
 * searches; when that is refused or a probe fails, every query is fanned out instead.
 */
export async function searchBackend(conn: Pick<MeiliConnection, 'admin' | 'url'>, indexes: string[], timeoutMs = 5_000, log: (m: string) => void = () => {}): Promise<MeiliClient | PartitionedSearch> {
  const admin = conn.admin;
  if (!(admin instanceof PartitionedClient)) return new MeiliClient({ url: conn.url, apiKey: await searchOnlyKey(admin, indexes), timeoutMs });
  const keys = await Promise.all(admin.partitions.map((p) => searchOnlyKey(p.client, indexes)));
  const partitions = admin.partitions.map((p, i) => ({ name: p.name, client: new MeiliClient({ url: p.url, apiKey: keys[i], timeoutMs }) }));
  const direct = new PartitionedSearch(partitions);
  if (admin.federation === 'off') return direct;
  try {
    await setUpNetwork(admin, keys);
    const federated = new PartitionedSearch(partitions, partitions[0]!.client);
    // Probe: every partition must answer a federated search through the coordinator.
    await federated.multi([{ indexUid: indexes[0]!, q: '', limit: 0 }]);
    return federated;
  } catch (e) {
    log(`federated search over the partitions is not available (${(e as Error).message}); every partition is searched directly`);
    return direct;
  }
}

/** Enables `network` on every partition and registers all partitions as its remotes (stale remotes removed). */
export async function setUpNetwork(admin: PartitionedClient, searchKeys: string[]): Promise<void> {
  const remotes = Object.fromEntries(admin.partitions.map((p, i) => [p.name, { url: p.networkUrl, searchApiKey: searchKeys[i]! }]));
  for (const p of admin.partitions) {
    await p.client.request('PATCH', '/experimental-features', { network: true });
    const current = await p.client.request<{ remotes?: Record<string, unknown> }>('GET', '/network');
    const stale = Object.keys(current.remotes ?? {}).filter((name) => !(name in remotes));
    await p.client.request('PATCH', '/network', { self: p.name, remotes: { ...remotes, ...Object.fromEntries(stale.map((name) => [name, null])) } });
  }
}
