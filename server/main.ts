/**
 * npm start: Meilisearch (embedded unless MEILI_URL is set), the sample corpus when the
 * archive is empty, and the portal on PORT. Ctrl-C stops everything it started.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { readConfig } from '../meili/config.ts';
import { connectMeili, searchOnlyKey, type MeiliConnection } from '../meili/connect.ts';
import type { Health } from '../contract/api.ts';
import { MeiliClient } from '../meili/client.ts';
import { NOTICES_INDEX, SEGMENTS_INDEX, ensureIndexes } from '../meili/indexes.ts';
import { Archive } from '../indexer/archive/store.ts';
import { expandInputs, ingestFiles } from '../indexer/ingest.ts';
import { meiliLexicon } from '../indexer/segment/meili-lexicon.ts';
import { createApp } from './app.ts';
import { SearchService } from './search/service.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLES_DIR = path.join(ROOT, 'corpus', 'samples');

const log = (msg: string, extra: Record<string, unknown> = {}) => console.log(JSON.stringify({ level: 'info', msg, ...extra }));

async function main() {
  const config = readConfig();
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
    if (archive.isEmpty() && process.env.LOAD_SAMPLES !== '0') {
      const { files } = expandInputs([SAMPLES_DIR]);
      const s = await ingestFiles(files, { archive, client: conn.admin });
      log('loaded the sample corpus', { notices: s.added, segments: s.segments, failed: s.failed });
    }
    const key = await searchOnlyKey(conn.admin, [SEGMENTS_INDEX, NOTICES_INDEX]);
    // Searches fail fast (503) rather than hang when Meilisearch stalls.
    const searchClient = new MeiliClient({ url: conn.url, apiKey: key, timeoutMs: 5_000 });
    const search = new SearchService(searchClient);
    const app = createApp({
      search, admin: conn.admin, archive, adminToken: config.adminToken,
      health: () => healthOf(conn, search),
      rateLimit: { perMinute: config.rateLimitPerMinute, burst: Math.max(20, Math.ceil(config.rateLimitPerMinute / 10)), trustProxy: config.trustProxy },
      webDist: path.join(ROOT, 'web', 'dist'),
    });
    server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
      log(`portal listening on http://localhost:${info.port}`, { port: info.port, meilisearch: conn.mode });
    });
    server.on('error', (e) => { console.error(`cannot listen on port ${config.port}: ${e.message}`); void shutdown('error'); });
  } catch (e) {
    console.error(`启动失败 (startup failed): ${(e as Error).message}`);
    await conn.close();
    process.exit(1);
  }
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
    const reason = sup?.lastError ?? sup?.lastExit ?? (e as Error).message;
    return { status: 'down', reason, meilisearch: { mode: conn.mode, available: false, reason: (e as Error).message, restarts: sup?.restarts } };
  }
}

void main();
