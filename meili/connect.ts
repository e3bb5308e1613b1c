/**
 * One way for every program (server, indexer, tests, bench) to get a Meilisearch:
 * the external one of MEILI_URL, or the embedded one for DATA_DIR.
 */
import type { AppConfig } from './config.ts';
import { MeiliClient } from './client.ts';
import { startEmbeddedMeili, type SupervisorStatus } from './embedded.ts';

export type MeiliConnection = {
  /** Client holding the master key: settings, documents, keys. Never exposed to users. */
  admin: MeiliClient;
  url: string;
  mode: 'embedded' | 'external';
  /** Stops the embedded Meilisearch if this process started it. */
  close(): Promise<void>;
  /** pid of the embedded Meilisearch this process started (changes after a restart). */
  pid(): number | undefined;
  /** Supervision of the embedded Meilisearch; undefined for an external one. */
  supervisor?: () => SupervisorStatus;
};

export async function connectMeili(config: AppConfig, log: (m: string) => void = () => {}, supervise = false): Promise<MeiliConnection> {
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
