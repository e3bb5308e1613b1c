/**
 * npm start: Meilisearch (embedded unless MEILI_URL is set), the sample corpus when the
 * archive is empty, and the portal on PORT. Ctrl-C stops everything it started.
 *
 * At startup the index is checked against the archive: when it was written with another
 * schema version (or is empty, or an earlier rebuild did not finish) it is rebuilt from the
 * archive while the portal already listens and answers the API with 503 `reindexing` (and
 * Retry-After); otherwise what a crashed indexer left unsent is replayed before serving.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { ConfigError, readConfig, type AppConfig } from '../meili/config.ts';
import { connectMeili, searchBackend, type MeiliConnection } from '../meili/connect.ts';
import type { Health } from '../contract/api.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../schema/indexes.ts';
import { ensureIndexes } from '../meili/indexes.ts';
import { checkIndexSchema } from '../meili/schema-version.ts';
import { Archive } from '../indexer/archive/store.ts';
import { expandInputs, ingestFiles } from '../indexer/ingest.ts';
import { rebuildIndex, syncIndex } from '../indexer/rebuild.ts';
import { RETRY_AFTER_SECONDS } from './api/errors.ts';
import { meiliLexicon } from '../schema/lexicon-settings.ts';
import { createApp } from './app.ts';
import { SearchGate } from './search/gate.ts';
import { SearchService } from './search/service.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLES_DIR = path.join(ROOT, 'corpus', 'samples');

/** Longest a search waits for its turn at Meilisearch before the API answers 503 (server/search/gate.ts). */
const SEARCH_MAX_WAIT_MS = 15_000;
const log = (msg: string, extra: Record<string, unknown> = {}) => console.log(JSON.stringify({ level: 'info', msg, ...extra }));

async function main() {
  let config: AppConfig;
  try {
    config = readConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`配置错误，未启动 (configuration error, not started): ${e.message}`);
    process.exit(1);
  }
  const conn = await connectMeili(config, (m) => log(m), true);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`received ${signal}, stopping`);
    server?.close();
    await conn.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  let server: ReturnType<typeof serve> | undefined;

  try {
    await ensureIndexes(conn.admin, meiliLexicon());
    const archive = new Archive(config.dataDir);
    const schema = await checkIndexSchema(conn.admin, config.dataDir, archive.noticeIds().length);
    // While the index is rebuilt the API answers 503 with this reason; the web app is served.
    let reindexing: string | undefined;
    const loadSamples = async () => {
      if (!archive.isEmpty() || process.env.LOAD_SAMPLES === '0') return;
      const { files } = expandInputs([SAMPLES_DIR]);
      const s = await ingestFiles(files, { archive, client: conn.admin });
      log('loaded the sample corpus', { notices: s.added, segments: s.segments, failed: s.failed });
    };
    if (schema.rebuild) {
      reindexing = `正在从档案重建索引 (reindexing from the archive): ${schema.reason}`;
      log('the index must be rebuilt from the archive before it is served', { reason: schema.reason, found: schema.found, indexed: schema.indexed });
    } else {
      const sync = await syncIndex(archive, conn.admin);
      if (sync.replayed || sync.resent.length || sync.deleted.length) log('brought the index in line with the archive', { replayed: sync.replayed, resent: sync.resent.length, deleted: sync.deleted.length });
      for (const r of sync.refused) log(`通报 ${r.id} 未能载入检索引擎，仍保存在档案中；可重新索引其文件，或用 npm run index -- --remove ${r.id} 删除 (Meilisearch refused notice ${r.id}: left out of the index, kept in the archive)`, { level: 'warn', notice: r.id, error: r.message });
      if (sync.skippedDeletes) log(`the archive is empty but the index holds ${sync.skippedDeletes} notices: left as they are (is DATA_DIR right?)`);
      await loadSamples();
    }
    // Searches fail fast (503) rather than hang when Meilisearch stalls. Partitions: one search
    // key each, federated search set up where possible (meili/connect.ts, docs/scaling.md).
    const search = new SearchService(await searchBackend(conn, [PARAGRAPHS_INDEX, NOTICES_INDEX], 5_000, (m) => log(m)), new SearchGate({ concurrency: config.searchConcurrency, maxWaitMs: SEARCH_MAX_WAIT_MS }));
    const app = createApp({
      search, admin: conn.admin, archive, adminToken: config.adminToken, publicUrl: config.publicUrl,
      health: () => healthOf(conn, search),
      rateLimit: { perMinute: config.rateLimitPerMinute, burst: Math.max(20, Math.ceil(config.rateLimitPerMinute / 10)), trustProxy: config.trustProxy },
      webDist: path.join(ROOT, 'web', 'dist'),
    });
    const fetch: typeof app.fetch = (req, ...rest) => {
      if (reindexing && new URL(req.url).pathname.startsWith('/api/')) return reindexingResponse(req, reindexing, conn.mode);
      return app.fetch(req, ...rest);
    };
    server = serve({ fetch, port: config.port, hostname: config.host }, (info) => {
      log(`portal listening on http://localhost:${info.port}`, { port: info.port, meilisearch: conn.mode, ...(reindexing ? { reindexing: true } : {}) });
    });
    server.on('error', (e) => { console.error(`cannot listen on port ${config.port}: ${e.message}`); void shutdown('error'); });
    if (schema.rebuild) {
      const reason = reindexing!;
      for (let attempt = 1; ; attempt++) {
        const t = Date.now();
        let last = 0;
        try {
          const r = await rebuildIndex(archive, conn.admin, 'reparse', (done, total) => {
            reindexing = `${reason} (${done}/${total})`;
            if (done === total || Date.now() - last >= 2000) { last = Date.now(); log('reindexing', { done, total }); }
          });
          log('reindexed from the archive', { notices: r.notices, paragraphs: r.paragraphs, seconds: Math.round((Date.now() - t) / 100) / 10 });
          break;
        } catch (e) {
          if (stopping) return;
          const wait = Math.min(60, 2 ** attempt);
          reindexing = `${reason}; attempt ${attempt} failed, retrying in ${wait} s`;
          console.error(JSON.stringify({ level: 'error', msg: 'reindexing failed', attempt, error: (e as Error).message, retryInSeconds: wait }));
          await new Promise((r) => setTimeout(r, wait * 1000));
        }
      }
      await loadSamples();
      reindexing = undefined;
      log('serving');
    }
  } catch (e) {
    console.error(`启动失败 (startup failed): ${(e as Error).message}`);
    await conn.close();
    process.exit(1);
  }
}

function reindexingResponse(req: Request, reason: string, mode: MeiliConnection['mode']): Response {
  const headers = { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(RETRY_AFTER_SECONDS), 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  const body = new URL(req.url).pathname === '/api/health'
    ? { status: 'down', reason, meilisearch: { mode, available: true } } satisfies Health
    : { error: { code: 'reindexing', message: reason } };
  return new Response(JSON.stringify(body), { status: 503, headers });
}

/** ok: serving; degraded: serving but Meilisearch had to be restarted in the last hour; down: not serving. */
async function healthOf(conn: MeiliConnection, search: SearchService): Promise<Health> {
  const sup = conn.supervisor?.();
  try {
    const version = (await conn.admin.request<{ pkgVersion: string }>('GET', '/version')).pkgVersion;
    const counts = await search.counts();
    const degraded = !!sup && sup.restartsLastHour > 0;
    return {
      status: degraded ? 'degraded' : 'ok',
      ...(degraded ? { reason: `Meilisearch restarted ${sup!.restartsLastHour} time(s) in the last hour; last: ${sup!.lastExit ?? ''}` } : {}),
      meilisearch: { mode: conn.mode, available: true, version, restarts: sup?.restarts },
      ...counts,
    };
  } catch (e) {
    // Public: the first line only; a failed start's error carries Meilisearch's log lines (paths, versions), which stay in the server log.
    const reason = (sup?.lastError ?? sup?.lastExit ?? (e as Error).message).split('\n')[0]!;
    return { status: 'down', reason, meilisearch: { mode: conn.mode, available: false, reason: (e as Error).message, restarts: sup?.restarts } };
  }
}

void main();
