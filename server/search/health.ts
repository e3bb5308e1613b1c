/**
 * What GET /api/health reports. ok: serving; degraded: serving, but something a user would
 * notice is wrong — archived notices that cannot be found (the archive and the index disagree
 * with nothing left to index: a full disk, a notice Meilisearch refused), Meilisearch tasks that
 * failed, or Meilisearch restarts, all within the last hour; down: not serving.
 */
import type { Health } from '../../contract/api.ts';
import type { SupervisorStatus } from '../../meili/embedded.ts';
import type { FailedTasks, IndexStore } from '../../meili/index-store.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import type { SearchContext } from './context.ts';

/** Failed tasks and restarts older than this no longer make the portal degraded. */
export const HEALTH_WINDOW_MS = 3_600_000;
/** The archive is counted (a directory listing) at most this often. */
const ARCHIVE_COUNT_MS = 10_000;

/** Not queued behind searches, so a busy portal still reports itself alive. */
export async function indexCounts(ctx: SearchContext): Promise<{ notices: number; paragraphs: number }> {
  const [n, s] = await ctx.multi(
    [NOTICES_INDEX, PARAGRAPHS_INDEX].map((indexUid) => ({ indexUid, q: '', hitsPerPage: 0, page: 1 })),
    false,
  );
  return { notices: n!.totalHits, paragraphs: s!.totalHits };
}

export type HealthSignals = {
  archived: number;
  indexed: number;
  /** Tasks Meilisearch has still to do: while there are some, the index may trail the archive. */
  pendingTasks: number;
  failed: FailedTasks;
  restartsLastHour: number;
  lastExit?: string;
};

/** Why the portal serves worse than it should, in the words the operator reads; empty: nothing. */
export function degradedReasons(s: HealthSignals): string[] {
  const reasons: string[] = [];
  if (s.archived > s.indexed && s.pendingTasks === 0)
    reasons.push(
      `档案中有 ${s.archived - s.indexed} 份通报无法检索 (${s.archived} notices archived, ${s.indexed} searchable; run npm run reindex once the cause is fixed)`,
    );
  else if (s.indexed > s.archived && s.pendingTasks === 0)
    reasons.push(`索引中有 ${s.indexed - s.archived} 份通报不在档案中 (${s.indexed} notices searchable, ${s.archived} archived)`);
  if (s.failed.count > 0) {
    // Public: the error's first line, cut short (the task list in Meilisearch has the rest).
    const last = (s.failed.last ?? '').split('\n')[0]!.slice(0, 200);
    reasons.push(
      `检索引擎最近一小时有 ${s.failed.count} 个任务失败 (Meilisearch: ${s.failed.count} failed task(s) in the last hour; last: ${last})`,
    );
  }
  if (s.restartsLastHour > 0)
    reasons.push(`Meilisearch restarted ${s.restartsLastHour} time(s) in the last hour; last: ${s.lastExit ?? ''}`);
  return reasons;
}

export type HealthSources = {
  mode: Health['meilisearch']['mode'];
  admin: Pick<IndexStore, 'version' | 'pendingTasks' | 'failedTasks'>;
  search: SearchContext;
  /** Notices in the archive (DATA_DIR), the source of truth. */
  archived: () => number;
  /** The embedded Meilisearch's supervisor; none for an external one. */
  supervisor?: () => SupervisorStatus;
  now?: () => number;
};

/** GET /api/health's probe. */
export function healthProbe(src: HealthSources): () => Promise<Health> {
  const now = src.now ?? Date.now;
  let archive: { count: number; at: number } | undefined;
  const archived = () => {
    if (!archive || now() - archive.at > ARCHIVE_COUNT_MS) archive = { count: src.archived(), at: now() };
    return archive.count;
  };
  return async () => {
    const sup = src.supervisor?.();
    try {
      const [version, counts, pendingTasks, failed] = await Promise.all([
        src.admin.version(),
        indexCounts(src.search),
        src.admin.pendingTasks(),
        src.admin.failedTasks(new Date(now() - HEALTH_WINDOW_MS)),
      ]);
      const count = archived();
      const reasons = degradedReasons({
        archived: count,
        indexed: counts.notices,
        pendingTasks,
        failed,
        restartsLastHour: sup?.restartsLastHour ?? 0,
        lastExit: sup?.lastExit,
      });
      return {
        status: reasons.length ? 'degraded' : 'ok',
        ...(reasons.length ? { reason: reasons.join('; ') } : {}),
        meilisearch: { mode: src.mode, available: true, version, restarts: sup?.restarts },
        ...counts,
        archived: count,
      };
    } catch (e) {
      // Public: the first line only; a failed start's error carries Meilisearch's log lines (paths, versions), which stay in the server log.
      const reason = (sup?.lastError ?? sup?.lastExit ?? (e as Error).message).split('\n')[0]!;
      return {
        status: 'down',
        reason,
        meilisearch: { mode: src.mode, available: false, reason: (e as Error).message, restarts: sup?.restarts },
      };
    }
  };
}
