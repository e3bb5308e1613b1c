/**
 * The portal: Meilisearch (embedded unless MEILI_URL is set), the sample corpus when the
 * archive is empty, and the app listening on config.port. `startPortal` resolves once it
 * listens; `close()` stops what it started. server/main.ts is the command line around it.
 *
 * At startup the index is checked against the archive: when it was written with another
 * schema version (or is empty, or an earlier rebuild did not finish) it is rebuilt from the
 * archive while the portal already listens and answers the API with 503 `reindexing` (and
 * Retry-After); otherwise what a crashed indexer left unsent is replayed before serving.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { AppConfig } from '../meili/config.ts';
import { connectMeili, type MeiliConnection } from '../meili/connect.ts';
import type { Health } from '../contract/api.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../schema/indexes.ts';
import { ensureIndexes } from '../meili/indexes.ts';
import { checkIndexSchema } from '../meili/schema-version.ts';
import { Archive } from '../indexer/archive/store.ts';
import { expandInputs, ingestFiles } from '../indexer/ingest.ts';
import { rebuildIndex, syncIndex } from '../indexer/rebuild.ts';
import {
  DEFAULT_CONNECTION_LIMITS,
  limitConnections,
  openFileLimit,
  openFileWarning,
  serverOptions,
  type ConnectionLimits,
} from './http/connections.ts';
import { answerClientError, RETRY_AFTER_SECONDS } from './http/errors.ts';
import { acceptRawUtf8Urls } from './http/raw-url.ts';
import { heavyRoutes } from './http/rate-limit.ts';
import type { LogLine } from './http/request-log.ts';
import { createApp } from './app.ts';
import { SearchGate } from './search/gate.ts';
import { SearchContext } from './search/context.ts';
import { healthProbe } from './search/health.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLES_DIR = path.join(ROOT, 'corpus', 'samples');
export const WEB_DIST = path.join(ROOT, 'web', 'dist');

/** Longest a search waits for its turn at Meilisearch before the API answers 503 (server/search/gate.ts). */
const SEARCH_MAX_WAIT_MS = 15_000;

export type PortalConfig = AppConfig & {
  /** Load corpus/samples into an empty archive (LOAD_SAMPLES, default on). */
  loadSamples?: boolean;
  /** The built web app (default web/dist); none: the API alone. */
  webDist?: string;
  /** Startup and operation messages; default: JSON lines on stdout and stderr. */
  log?: (msg: string, extra?: Record<string, unknown>) => void;
  /** Request log lines; default: JSON lines on stdout. */
  requestLog?: LogLine;
  /** Timeouts and connection caps (server/http/connections.ts); unset ones keep their defaults. */
  connections?: Partial<ConnectionLimits>;
  /** Stops a start under way (Ctrl-C while the samples load): what was started is stopped, and startPortal rejects. */
  signal?: AbortSignal;
};

export type Portal = {
  /** http://localhost:<port> */
  url: string;
  port: number;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
};

const jsonLog = (msg: string, extra: Record<string, unknown> = {}) => {
  const line = JSON.stringify({ level: 'info', msg, ...extra });
  if (extra.level === 'error') console.error(line);
  else console.log(line);
};

export async function startPortal(config: PortalConfig): Promise<Portal> {
  const log = config.log ?? jsonLog;
  const conn = await connectMeili(config, (m) => log(m), true);
  let server: ReturnType<typeof serve> | undefined;
  let stopping = false;
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      stopping = true;
      config.signal?.removeEventListener('abort', onAbort);
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      await conn.close();
    })());
  const onAbort = () => void close();
  config.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    config.signal?.throwIfAborted();
    await ensureIndexes(conn.admin);
    const archive = new Archive(config.dataDir);
    const schema = await checkIndexSchema(conn.admin, config.dataDir, archive.noticeIds().length);
    // While the index is rebuilt the API answers 503 with this reason; the web app is served.
    let reindexing: string | undefined;
    const loadSamples = async () => {
      if (!archive.isEmpty() || config.loadSamples === false) return;
      const { files } = expandInputs([SAMPLES_DIR]);
      const s = await ingestFiles(files, { archive, client: conn.admin });
      log('loaded the sample corpus', { notices: s.added, segments: s.segments, failed: s.failed });
    };
    if (schema.rebuild) {
      reindexing = `正在从档案重建索引 (reindexing from the archive): ${schema.reason}`;
      log('the index must be rebuilt from the archive before it is served', {
        reason: schema.reason,
        found: schema.found,
        indexed: schema.indexed,
      });
    } else {
      const sync = await syncIndex(archive, conn.admin);
      if (sync.replayed || sync.resent.length || sync.deleted.length)
        log('brought the index in line with the archive', {
          replayed: sync.replayed,
          resent: sync.resent.length,
          deleted: sync.deleted.length,
        });
      for (const r of sync.refused)
        log(
          `通报 ${r.id} 未能载入检索引擎，仍保存在档案中；可重新索引其文件，或用 npm run index -- --remove ${r.id} 删除 (Meilisearch refused notice ${r.id}: left out of the index, kept in the archive)`,
          { level: 'warn', notice: r.id, error: r.message },
        );
      if (sync.skippedDeletes)
        log(`the archive is empty but the index holds ${sync.skippedDeletes} notices: left as they are (is DATA_DIR right?)`);
      await loadSamples();
    }
    // Searches fail fast (503) rather than hang when Meilisearch stalls. Partitions: one search
    // key each, federated search set up where possible (meili/partitions.ts, docs/scaling.md).
    const search = new SearchContext(
      await conn.admin.searchStore([PARAGRAPHS_INDEX, NOTICES_INDEX], { timeoutMs: 5_000, log: (m) => log(m) }),
      new SearchGate({ concurrency: config.searchConcurrency, maxWaitMs: SEARCH_MAX_WAIT_MS }),
    );
    const app = createApp({
      search,
      admin: conn.admin,
      archive,
      adminToken: config.adminToken,
      publicUrl: config.publicUrl,
      health: healthProbe({
        mode: conn.mode,
        admin: conn.admin,
        search,
        archived: () => archive.noticeIds().length,
        supervisor: conn.supervisor,
      }),
      rateLimit: {
        perMinute: config.rateLimitPerMinute,
        burst: Math.max(20, Math.ceil(config.rateLimitPerMinute / 10)),
        trustProxy: config.trustProxy,
        heavy: heavyRoutes(config.searchConcurrency),
      },
      webDist: config.webDist ?? WEB_DIST,
      log: config.requestLog,
    });
    const fetch: typeof app.fetch = (req, ...rest) => {
      if (reindexing && new URL(req.url).pathname.startsWith('/api/')) return reindexingResponse(req, reindexing, conn.mode);
      return app.fetch(req, ...rest);
    };
    const limits: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...config.connections };
    const fileWarning = openFileWarning(limits, openFileLimit());
    if (fileWarning) log(fileWarning, { level: 'warn' });
    const port = await new Promise<number>((resolve, reject) => {
      server = serve({ fetch, port: config.port, hostname: config.host, serverOptions: serverOptions(limits) }, (info: AddressInfo) =>
        resolve(info.port),
      );
      // Raw UTF-8 in a request line (curl 'http://host/?q=党费'), and a body on what the HTTP parser refuses (server/http/).
      acceptRawUtf8Urls(server as Server);
      server.on('clientError', answerClientError);
      server.once('error', (e) => reject(new Error(`cannot listen on port ${config.port}: ${e.message}`)));
      limitConnections(server as Server, limits, !config.trustProxy, log);
    });
    log(`portal listening on http://localhost:${port}`, { port, meilisearch: conn.mode, ...(reindexing ? { reindexing: true } : {}) });

    if (schema.rebuild) {
      const reason = reindexing!;
      void (async () => {
        for (let attempt = 1; !stopping; attempt++) {
          const t = Date.now();
          let last = 0;
          try {
            const r = await rebuildIndex(archive, conn.admin, 'reparse', (done, total) => {
              reindexing = `${reason} (${done}/${total})`;
              if (done === total || Date.now() - last >= 2000) {
                last = Date.now();
                log('reindexing', { done, total });
              }
            });
            log('reindexed from the archive', {
              notices: r.notices,
              paragraphs: r.paragraphs,
              seconds: Math.round((Date.now() - t) / 100) / 10,
            });
            await loadSamples();
            reindexing = undefined;
            log('serving');
            return;
          } catch (e) {
            if (stopping) return;
            const wait = Math.min(60, 2 ** attempt);
            reindexing = `${reason}; attempt ${attempt} failed, retrying in ${wait} s`;
            log('reindexing failed', { level: 'error', attempt, error: (e as Error).message, retryInSeconds: wait });
            await new Promise((r) => setTimeout(r, wait * 1000));
          }
        }
      })().catch((e) => log('reindexing stopped', { level: 'error', error: (e as Error).message }));
    }
    config.signal?.throwIfAborted();
    return { url: `http://localhost:${port}`, port, app, close };
  } catch (e) {
    await close();
    throw e;
  }
}

function reindexingResponse(req: Request, reason: string, mode: MeiliConnection['mode']): Response {
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'retry-after': String(RETRY_AFTER_SECONDS),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  };
  const body =
    new URL(req.url).pathname === '/api/health'
      ? ({ status: 'down', reason, meilisearch: { mode, available: true } } satisfies Health)
      : { error: { code: 'reindexing', message: reason } };
  return new Response(JSON.stringify(body), { status: 503, headers });
}
