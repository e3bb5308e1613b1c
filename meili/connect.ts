/**
 * One way for every program (server, indexer, tests, bench) to get a Meilisearch:
 * the external one of MEILI_URL, the partitions of PARTITIONS_FILE, or the embedded one for
 * DATA_DIR — as an IndexStore (meili/index-store.ts), the one choice of which it is.
 */
import type { AppConfig } from './config.ts';
import { MeiliClient } from './client.ts';
import { startEmbeddedMeili, type SupervisorStatus } from './embedded.ts';
import type { IndexStore } from './index-store.ts';
import { PartitionedStore } from './partitions.ts';
import { SingleIndexStore } from './single-store.ts';

export type MeiliConnection = {
  /** The store with the master key: settings, documents, keys. Never exposed to users. */
  admin: IndexStore;
  /** external: MEILI_URL, or the partitions of PARTITIONS_FILE. */
  mode: 'embedded' | 'external';
  /** Stops the embedded Meilisearch if this process started it. */
  close(): Promise<void>;
  /** pid of the embedded Meilisearch this process started (changes after a restart). */
  pid(): number | undefined;
  /** Supervision of the embedded Meilisearch; undefined for an external one. */
  supervisor?: () => SupervisorStatus;
  /**
   * Writes a Meilisearch dump and returns its uid: only for the embedded Meilisearch, whose
   * dumps folder is DATA_DIR/dumps; an external one writes dumps on its own server.
   */
  dump?: (timeoutMs?: number) => Promise<string>;
};

/** The connection to the embedded Meilisearch `embedded` (started by the caller). */
export function embeddedConnection(embedded: Awaited<ReturnType<typeof startEmbeddedMeili>>): MeiliConnection {
  const admin = new SingleIndexStore(new MeiliClient({ url: embedded.url, apiKey: embedded.masterKey }));
  return {
    admin,
    mode: 'embedded',
    pid: () => embedded.child?.pid,
    supervisor: embedded.reused ? undefined : embedded.status,
    dump: (timeoutMs) => admin.dump(timeoutMs),
    async close() {
      admin.close();
      await embedded.stop();
    },
  };
}

export async function connectMeili(config: AppConfig, log: (m: string) => void = () => {}, supervise = false): Promise<MeiliConnection> {
  if (config.partitionsFile) {
    const admin = PartitionedStore.fromFile(config.partitionsFile);
    log(`partitioned Meilisearch (${config.partitionsFile}): ${admin.description}`);
    return {
      admin,
      mode: 'external',
      pid: () => undefined,
      async close() {
        admin.close();
      },
    };
  }
  if (config.meiliUrl) {
    const admin = new SingleIndexStore(new MeiliClient({ url: config.meiliUrl, apiKey: config.meiliMasterKey }));
    return {
      admin,
      mode: 'external',
      pid: () => undefined,
      async close() {
        admin.close();
      },
    };
  }
  return embeddedConnection(await startEmbeddedMeili({ dataDir: config.dataDir, binary: config.meiliBinary, log, supervise }));
}
