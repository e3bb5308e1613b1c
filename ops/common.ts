/**
 * Shared by the operations tools (backup, restore, verify, soak): which Meilisearch
 * processes serve a DATA_DIR, what the index holds, what the archive says it should hold.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isNotFound } from '../meili/client.ts';
import type { IndexStore } from '../meili/index-store.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../schema/indexes.ts';
import type { NoticeRecord } from '../contract/notice.ts';
import { paragraphDocs } from '../indexer/load/documents.ts';

/** Pids of Meilisearch processes whose database is DATA_DIR/meili (Linux /proc; [] elsewhere). */
export function meiliProcesses(dataDir: string): number[] {
  const db = path.join(path.resolve(dataDir), 'meili');
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return [];
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const args = fs.readFileSync(`/proc/${e}/cmdline`, 'utf8').split('\0');
      const i = args.indexOf('--db-path');
      if (i >= 0 && path.resolve(fs.readlinkSync(`/proc/${e}/cwd`), args[i + 1] ?? '') === db) pids.push(Number(e));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

/**
 * Resident memory of a process in bytes (Linux /proc), undefined when it is gone: all of it,
 * and its anonymous part (heap; what a leak grows). The rest is mapped files: Meilisearch's
 * database is memory-mapped, so its pages count as resident while the kernel caches them.
 */
export function memoryOf(pid: number): { rss: number; anon: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number((new RegExp(`${name}:\\s+(\\d+) kB`).exec(status) ?? [])[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), anon: kb('RssAnon') };
  } catch {
    return undefined;
  }
}

/** Every document id of an index with the given fields, in pages. */
export async function allDocuments<T>(store: IndexStore, index: string, fields: string[]): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += 10_000) {
    try {
      const page = await store.listDocuments<T>(index, { fields, limit: 10_000, offset });
      out.push(...page.results);
      if (page.results.length < 10_000) return out;
    } catch (e) {
      if (isNotFound(e)) return out;
      throw e;
    }
  }
}

/**
 * Waits until Meilisearch has processed every task enqueued so far. `onWait` is told, about
 * every 5 s, how many tasks are still waiting (a tool that waits says what for).
 */
export async function drainTasks(
  store: IndexStore,
  timeoutMs = 600_000,
  onWait?: (pending: number, waitedMs: number) => void,
): Promise<void> {
  const started = Date.now();
  let told = started;
  for (;;) {
    const pending = await store.pendingTasks();
    if (!pending) return;
    const now = Date.now();
    if (now - started > timeoutMs)
      throw new Error(
        `Meilisearch ${Math.round(timeoutMs / 1000)} 秒后仍有 ${pending} 个任务未完成 (Meilisearch still has ${pending} tasks after ${Math.round(timeoutMs / 1000)} s)`,
      );
    if (onWait && now - told >= 5_000) {
      told = now;
      onWait(pending, now - started);
    }
    await new Promise((res) => setTimeout(res, 100));
  }
}

export type IndexContent = { notices: string[]; paragraphs: string[]; paragraphNotice: Map<string, string> };

/** Notice and paragraph ids in Meilisearch, sorted. */
export async function indexContent(store: IndexStore): Promise<IndexContent> {
  const notices = (await allDocuments<{ id: string }>(store, NOTICES_INDEX, ['id'])).map((d) => d.id).sort();
  const paras = await allDocuments<{ id: string; noticeId: string }>(store, PARAGRAPHS_INDEX, ['id', 'noticeId']);
  return { notices, paragraphs: paras.map((d) => d.id).sort(), paragraphNotice: new Map(paras.map((d) => [d.id, d.noticeId])) };
}

/** The paragraph ids the index must hold for these records, sorted. */
export function expectedParagraphs(records: Iterable<NoticeRecord>): string[] {
  const ids: string[] = [];
  for (const r of records) for (const d of paragraphDocs(r)) ids.push(d.id);
  return ids.sort();
}

/** Temporary files (*.tmp) left anywhere under the archive. */
export function temporaryFiles(dataDir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.tmp')) out.push(p);
    }
  };
  walk(path.join(dataDir, 'archive'));
  return out;
}

export function humanBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
