/**
 * npx tsx ops/verify.ts [--fix] [--timeout <seconds>]
 *
 * Compares the index with the archive (the source of truth) for DATA_DIR: notices and
 * paragraph ids missing from Meilisearch or left over in it, notices a crashed indexer left
 * unsettled, temporary files, the schema version. Exit 0 when they agree. With --fix, the
 * differing notices are sent again (or deleted from the index) and the check is repeated.
 * Uses the portal's Meilisearch when it runs, else starts one for the check.
 *
 * It never hangs: each step it waits on is named on stderr as it starts, the wait for
 * Meilisearch's queue says every 5 s how many tasks are left, and after --timeout seconds
 * (default 300) it stops with exit 1 and the step it was waiting for (issue 25: on a full
 * disk it used to wait for minutes without a word).
 */
import { parseCommandLine, USAGE_ERROR } from '../indexer/command-line.ts';
import path from 'node:path';
import type { IndexStore } from '../meili/index-store.ts';
import { readConfig } from '../meili/config.ts';
import { connectMeili } from '../meili/connect.ts';
import { SCHEMA_VERSION, readArchiveMarker, readMeiliMarker, type SchemaMarker } from '../meili/schema-version.ts';
import { Archive } from '../indexer/archive/store.ts';
import { enqueueDelete, enqueueReplace, waitAll } from '../indexer/load/loader.ts';
import { syncIndex } from '../indexer/rebuild.ts';
import { paragraphDocs } from '../indexer/load/documents.ts';
import { drainTasks, indexContent, temporaryFiles } from './common.ts';
import { freeBytes, MIN_FREE_BYTES } from '../indexer/no-space.ts';

export type VerifyReport = {
  ok: boolean;
  archiveNotices: number;
  indexedNotices: number;
  expectedParagraphs: number;
  indexedParagraphs: number;
  missingNotices: string[];
  extraNotices: string[];
  missingParagraphs: string[];
  extraParagraphs: string[];
  /** Notices whose paragraphs differ from their record's. */
  differingNotices: string[];
  unsettled: string[];
  temporaryFiles: string[];
  schema: { current: number; meilisearch?: SchemaMarker; archive?: SchemaMarker };
};

export type VerifyOptions = {
  /** Longest wait for Meilisearch's queue to empty. */
  drainTimeoutMs?: number;
  /** Told each step as it starts, and the queue while it is waited for. */
  say?: (message: string) => void;
};

export async function verifyDataDir(archive: Archive, store: IndexStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const dataDir = path.dirname(archive.root);
  const say = options.say ?? (() => {});
  say('等待 Meilisearch 处理完已排队的任务 (waiting for Meilisearch to finish its queued tasks)');
  await drainTasks(store, options.drainTimeoutMs, (pending, waited) =>
    say(`  仍有 ${pending} 个任务，已等 ${Math.round(waited / 1000)} 秒 (${pending} tasks left after ${Math.round(waited / 1000)} s)`),
  );
  say('读取索引中的文档编号 (reading the document ids in the index)');
  const index = await indexContent(store);
  const archived = archive.noticeIds().sort();
  const expected = new Map<string, string>();
  for (const r of archive.notices()) for (const d of paragraphDocs(r)) expected.set(d.id, r.id);
  const indexedNotices = new Set(index.notices);
  const archivedSet = new Set(archived);
  const indexedParagraphs = new Set(index.paragraphs);
  const missingParagraphs = [...expected.keys()].filter((id) => !indexedParagraphs.has(id)).sort();
  const extraParagraphs = index.paragraphs.filter((id) => !expected.has(id));
  const differing = new Set<string>();
  for (const id of missingParagraphs) differing.add(expected.get(id)!);
  for (const id of extraParagraphs) differing.add(index.paragraphNotice.get(id) ?? '');
  // A paragraph filed under another notice than its record's.
  for (const [id, noticeId] of index.paragraphNotice)
    if (expected.has(id) && expected.get(id) !== noticeId) differing.add(expected.get(id)!);
  differing.delete('');
  const report: VerifyReport = {
    ok: false,
    archiveNotices: archived.length,
    indexedNotices: index.notices.length,
    expectedParagraphs: expected.size,
    indexedParagraphs: index.paragraphs.length,
    missingNotices: archived.filter((id) => !indexedNotices.has(id)),
    extraNotices: index.notices.filter((id) => !archivedSet.has(id)),
    missingParagraphs,
    extraParagraphs,
    differingNotices: [...differing].sort(),
    unsettled: archive.unsettledIds().sort(),
    temporaryFiles: temporaryFiles(dataDir),
    schema: { current: SCHEMA_VERSION, meilisearch: await readMeiliMarker(store), archive: readArchiveMarker(dataDir) },
  };
  report.ok =
    !report.missingNotices.length &&
    !report.extraNotices.length &&
    !report.missingParagraphs.length &&
    !report.extraParagraphs.length &&
    !report.differingNotices.length &&
    !report.unsettled.length &&
    !report.temporaryFiles.length &&
    report.schema.meilisearch?.schemaVersion === SCHEMA_VERSION;
  return report;
}

/** Re-sends every notice whose documents differ, deletes what the archive does not hold. */
export async function repair(archive: Archive, store: IndexStore, report: VerifyReport): Promise<void> {
  await syncIndex(archive, store);
  const records = report.differingNotices.map((id) => archive.getNotice(id)).filter((r) => r !== undefined);
  const gone = report.differingNotices.filter((id) => !archive.getNotice(id));
  const tasks = [...(await enqueueReplace(store, records)).tasks, ...(await enqueueDelete(store, gone))];
  await waitAll(store, tasks);
}

function print(r: VerifyReport): void {
  const list = (xs: string[]) => (xs.length ? `${xs.length} (${xs.slice(0, 5).join(', ')}${xs.length > 5 ? ', …' : ''})` : '0');
  console.log(`档案 archive: ${r.archiveNotices} notices, ${r.expectedParagraphs} paragraphs`);
  console.log(`索引 index:   ${r.indexedNotices} notices, ${r.indexedParagraphs} paragraphs`);
  console.log(`missing notices ${list(r.missingNotices)}; extra notices ${list(r.extraNotices)}`);
  console.log(
    `missing paragraphs ${list(r.missingParagraphs)}; extra paragraphs ${list(r.extraParagraphs)}; notices differing ${list(r.differingNotices)}`,
  );
  console.log(`unsettled after a crash ${list(r.unsettled)}; temporary files ${list(r.temporaryFiles)}`);
  console.log(
    `schema: this version ${r.schema.current}, index ${r.schema.meilisearch?.schemaVersion ?? 'none'}, archive ${r.schema.archive?.schemaVersion ?? 'none'}`,
  );
  console.log(r.ok ? '一致 (consistent)' : '不一致 (inconsistent)');
}

const USAGE = '用法 (usage): npx tsx ops/verify.ts [--fix] [--timeout <秒 seconds, default 300>]';

/** What verify is waiting for now: named when the time limit ends it. */
let step = '启动 (starting)';
const say = (message: string) => {
  if (!message.startsWith(' ')) step = message;
  console.error(message);
};

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, { fix: { type: 'boolean' }, timeout: { type: 'string' } }, USAGE);
  if (!parsed) return USAGE_ERROR;
  const timeoutS = parsed.values.timeout === undefined ? 300 : Number(parsed.values.timeout);
  if (parsed.positionals.length || !(timeoutS > 0)) {
    console.error(USAGE);
    return USAGE_ERROR;
  }
  const watchdog = setTimeout(() => {
    console.error(`超时：${timeoutS} 秒后仍在等待 (timed out after ${timeoutS} s, still waiting): ${step}`);
    process.exit(1);
  }, timeoutS * 1000);
  const { fix } = parsed.values;
  const config = readConfig();
  const free = freeBytes(config.dataDir);
  if (free !== undefined && free < MIN_FREE_BYTES) {
    const mib = (free / 1024 / 1024).toFixed(1);
    console.error(
      `警告：数据目录只剩 ${mib} MiB，Meilisearch 可能无法写入，任务会失败或停滞 (warning: only ${mib} MiB free where DATA_DIR is; Meilisearch may be unable to write, its tasks may fail or stall)`,
    );
  }
  say('连接 Meilisearch (connecting to Meilisearch; started for the check when the portal is not running)');
  const conn = await connectMeili(config, (m) => console.error(m));
  try {
    const archive = new Archive(config.dataDir);
    const options = { drainTimeoutMs: timeoutS * 1000, say };
    let report = await verifyDataDir(archive, conn.admin, options);
    print(report);
    if (!report.ok && fix) {
      if (report.schema.meilisearch?.schemaVersion !== SCHEMA_VERSION)
        console.error('schema version differs: start the portal (it rebuilds the index) or run `npm run reindex`');
      say('重新发送不一致的通报 (sending the differing notices again)');
      await repair(archive, conn.admin, report);
      report = await verifyDataDir(archive, conn.admin, options);
      console.log('--- after --fix');
      print(report);
    }
    return report.ok ? 0 : 1;
  } finally {
    say('停止 (closing)');
    await conn.close();
    clearTimeout(watchdog);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`错误 (error): ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
