/**
 * npx tsx ops/verify.ts [--fix]
 *
 * Compares the index with the archive (the source of truth) for DATA_DIR: notices and
 * paragraph ids missing from Meilisearch or left over in it, notices a crashed indexer left
 * unsettled, temporary files, the schema version. Exit 0 when they agree. With --fix, the
 * differing notices are sent again (or deleted from the index) and the check is repeated.
 * Uses the portal's Meilisearch when it runs, else starts one for the check.
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

export async function verifyDataDir(archive: Archive, store: IndexStore): Promise<VerifyReport> {
  const dataDir = path.dirname(archive.root);
  await drainTasks(store);
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

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, { fix: { type: 'boolean' } }, '用法 (usage): npx tsx ops/verify.ts [--fix]');
  if (!parsed) return USAGE_ERROR;
  if (parsed.positionals.length) {
    console.error('用法 (usage): npx tsx ops/verify.ts [--fix]');
    return USAGE_ERROR;
  }
  const { fix } = parsed.values;
  const config = readConfig();
  const conn = await connectMeili(config, (m) => console.error(m));
  try {
    const archive = new Archive(config.dataDir);
    let report = await verifyDataDir(archive, conn.admin);
    print(report);
    if (!report.ok && fix) {
      if (report.schema.meilisearch?.schemaVersion !== SCHEMA_VERSION)
        console.error('schema version differs: start the portal (it rebuilds the index) or run `npm run reindex`');
      await repair(archive, conn.admin, report);
      report = await verifyDataDir(archive, conn.admin);
      console.log('--- after --fix');
      print(report);
    }
    return report.ok ? 0 : 1;
  } finally {
    await conn.close();
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
