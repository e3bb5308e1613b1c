/**
 * Rebuilding the index from the archive alone: `reindex` re-parses every stored text
 * (after a parser change), `reclassify` re-applies an edited taxonomy to the stored
 * structure without re-parsing. Either way ids are kept and the indexes are rebuilt beside the
 * live ones, which keep answering searches until the new ones are swapped in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MeiliError, type Task } from '../meili/client.ts';
import { LEGACY_INDEXES, LIVE_INDEXES, NEXT_INDEXES, NOTICES_INDEX, type IndexUids } from '../schema/indexes.ts';
import { ensureIndexes } from '../meili/indexes.ts';
import type { IndexStore } from '../meili/index-store.ts';
import { markRebuilding, writeSchemaVersion } from '../meili/schema-version.ts';
import type { NoticeRecord } from '../contract/notice.ts';
import { isAlive, type Archive } from './archive/store.ts';
import { buildRecord, outlineOf, type Classifier } from './build-record.ts';
import { enqueueDelete, enqueueReplace, waitAll } from './load/loader.ts';
import { parseNotice } from './parse/notice.ts';
import { defaultClassifier } from './classify/segment-classifier.ts';

export type RebuildProgress = (done: number, total: number) => void;

export function reparse(record: NoticeRecord, archive: Archive, classify: Classifier): NoticeRecord {
  const primary = record.sources[0];
  if (!primary) return record;
  const text = archive.readText(primary.sha256);
  // The id must not move under a link, even if the parser now reads the title differently.
  return buildRecord({
    parsed: parseNotice(text),
    text,
    textHash: record.textHash,
    sources: record.sources,
    previous: record,
    classify,
    id: record.id,
  });
}

export function reclassify(record: NoticeRecord, classify: Classifier): NoticeRecord {
  const paragraphs = record.paragraphs.map((p) => ({
    ...p,
    classification: classify({
      headingPath: p.headingPath,
      text: p.items.length ? (p.lead ?? p.text) : p.text,
      role: p.role,
      part: p.part,
    }),
    items: p.items.map((it) => ({
      ...it,
      classification: classify({ headingPath: p.headingPath, text: it.text, role: 'measure', part: p.part }),
    })),
  }));
  return { ...record, paragraphs, outline: outlineOf(paragraphs) };
}

/** Another rebuild of the same DATA_DIR is running (the CLI, the admin API or a portal start). */
export class RebuildRunningError extends Error {}

const heldLocks = new Set<string>();

/**
 * One rebuild at a time per DATA_DIR: a second one would delete the first one's `*_next`
 * indexes under it, and documents sent to a deleted index recreate it without its settings.
 * The lock file names its process; the lock of a process that died is taken over. It lives
 * beside the archive, not in it, so that a backup never carries it.
 */
function lockRebuild(dataDir: string): () => void {
  const file = path.join(dataDir, 'rebuild.lock');
  if (heldLocks.has(file)) throw new RebuildRunningError('索引正在重建 (a rebuild of this index is already running in this process)');
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o644 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let pid: number;
    try {
      pid = Number(fs.readFileSync(file, 'utf8').trim());
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    // Our own pid in it was written by an earlier process that had this pid (a restarted container).
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new RebuildRunningError(`索引正在由另一进程重建 (a rebuild of this index is already running: pid ${pid}, ${file})`);
    }
    fs.rmSync(file, { force: true });
  }
  heldLocks.add(file);
  return () => {
    heldLocks.delete(file);
    fs.rmSync(file, { force: true });
  };
}

/** Deletes these indexes wherever they exist (on each partition), and waits until they are gone. */
async function dropIndexes(store: IndexStore, uids: string[]): Promise<void> {
  for (const uid of uids) await store.deleteIndex(uid);
}

/** Notice id → stamp (Archive.noticeStamp) of the record version sent to the index being built. */
type Sent = Map<string, string>;

/**
 * Brings `uids` in line with what the archive holds now, for the notices written or deleted
 * since they were sent: the indexer and admin uploads keep writing the archive and the live
 * indexes during a rebuild, and the swap would otherwise drop what they did meanwhile.
 * Returns how many notices it sent or deleted.
 */
async function catchUp(archive: Archive, store: IndexStore, uids: IndexUids, sent: Sent): Promise<number> {
  const tasks: Task[] = [];
  const batch: NoticeRecord[] = [];
  const gone: string[] = [];
  let resent = 0;
  const flush = async () => {
    tasks.push(...(await enqueueReplace(store, batch.splice(0), uids)).tasks);
  };
  for (const id of new Set([...archive.noticeIds(), ...sent.keys()])) {
    // The stamp is taken before the record is read: a write in between is seen by the next pass.
    const stamp = archive.noticeStamp(id);
    if (stamp !== undefined && sent.get(id) === stamp) continue;
    const record = stamp === undefined ? undefined : archive.getNotice(id);
    if (!record) {
      if (sent.delete(id)) gone.push(id);
      continue;
    }
    sent.set(id, stamp!);
    batch.push(record);
    resent++;
    if (batch.length >= 50) await flush();
  }
  await flush();
  tasks.push(...(await enqueueDelete(store, gone, uids)));
  await waitAll(store, tasks);
  return resent + gone.length;
}

/**
 * Each pass after the swap resends only what changed since the previous one, so passes run
 * out unless an indexer keeps rewriting notices; then they stop here rather than chase it.
 */
const MAX_CATCH_UP_PASSES = 10;

/**
 * Loads every archived notice, transformed by `transform`, into new indexes (NEXT_INDEXES)
 * while the live ones keep answering, and swaps them in (`POST /swap-indexes`, atomic) once
 * they are complete; the old ones are then deleted. What an earlier, interrupted rebuild left
 * in NEXT_INDEXES is deleted first, never swapped in. Notices the indexer or an upload wrote
 * meanwhile are caught up before and after the swap.
 *
 * The schema version (meili/schema-version.ts) is cleared first and written when done, so an
 * interrupted rebuild is redone by the next portal start, which answers 503 until then
 * (server/main.ts); what crashed runs left unsettled in the archive's journal is settled by it.
 * Only one rebuild runs at a time per DATA_DIR (RebuildRunningError).
 */
export async function rebuildIndex(
  archive: Archive,
  store: IndexStore,
  transform: 'reparse' | 'reclassify' | 'none',
  onProgress?: RebuildProgress,
): Promise<{ notices: number; paragraphs: number }> {
  const classify = defaultClassifier();
  const dataDir = path.dirname(archive.root);
  const unlock = lockRebuild(dataDir);
  try {
    const unsettled = archive.unsettledIds();
    await markRebuilding(store, dataDir);
    await dropIndexes(store, [NEXT_INDEXES.paragraphs, NEXT_INDEXES.notices, ...LEGACY_INDEXES]);
    await ensureIndexes(store, NEXT_INDEXES);
    const ids = archive.noticeIds();
    const sent: Sent = new Map();
    let batch: NoticeRecord[] = [];
    const tasks: Task[] = [];
    let done = 0;
    for (const id of ids) {
      let stamp = archive.noticeStamp(id);
      let record = stamp === undefined ? undefined : archive.getNotice(id);
      if (!record) continue;
      if (transform === 'reparse') record = reparse(record, archive, classify);
      if (transform === 'reclassify') record = reclassify(record, classify);
      if (transform !== 'none') stamp = archive.putNotice(record);
      sent.set(id, stamp!);
      batch.push(record);
      if (batch.length >= 50) {
        tasks.push(...(await enqueueReplace(store, batch, NEXT_INDEXES)).tasks);
        batch = [];
      }
      done++;
      onProgress?.(done, ids.length);
    }
    tasks.push(...(await enqueueReplace(store, batch, NEXT_INDEXES)).tasks);
    await waitAll(store, tasks);
    await catchUp(archive, store, NEXT_INDEXES, sent);
    const built = await store.documentCount(NEXT_INDEXES.notices);
    if (built !== sent.size) throw new Error(`the rebuilt index holds ${built} notices where ${sent.size} were sent: not swapped in`);
    // A swap needs both sides; the live indexes are missing when Meilisearch lost them.
    await store.ensureIndex(LIVE_INDEXES.paragraphs);
    await store.ensureIndex(LIVE_INDEXES.notices);
    await store.waitForTask(
      await store.swapIndexes([
        [LIVE_INDEXES.paragraphs, NEXT_INDEXES.paragraphs],
        [LIVE_INDEXES.notices, NEXT_INDEXES.notices],
      ]),
    );
    // Writes sent to the old indexes before the swap was enqueued were applied to them, not to
    // these. And an indexer may write a notice just after a pass read it yet send it before
    // the pass does, leaving the index the older version: the next pass sees the newer one.
    // A pass that sends nothing overwrites nothing.
    for (let pass = 1; pass <= MAX_CATCH_UP_PASSES; pass++) if (!(await catchUp(archive, store, LIVE_INDEXES, sent))) break;
    archive.saveCatalog();
    archive.settle(unsettled);
    await writeSchemaVersion(store, dataDir);
    // The old indexes, now under NEXT_INDEXES: one left here is deleted by the next rebuild.
    await dropIndexes(store, [NEXT_INDEXES.paragraphs, NEXT_INDEXES.notices]).catch(() => undefined);
    return { notices: await store.documentCount(LIVE_INDEXES.notices), paragraphs: await store.documentCount(LIVE_INDEXES.paragraphs) };
  } finally {
    unlock();
  }
}

export type SyncResult = {
  replayed: number;
  resent: string[];
  deleted: string[];
  skippedDeletes?: number;
  /** Notices of the archive Meilisearch would not take: left out of the index, kept in the archive. */
  refused: { id: string; message: string }[];
};

async function indexedNoticeIds(store: IndexStore): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let offset = 0; ; offset += 10_000) {
    const page = await store.listDocuments<{ id: string }>(NOTICES_INDEX, { fields: ['id'], limit: 10_000, offset });
    for (const d of page.results) ids.add(d.id);
    if (page.results.length < 10_000) return ids;
  }
}

/**
 * Brings Meilisearch in line with the archive after a crash, cheaply (the portal runs it at
 * startup): every notice a dead process's journal names is re-sent when the archive holds
 * it and deleted from the index when it does not; then notice ids are compared, so a notice
 * missing from the index is sent and one the archive no longer holds is deleted. When the
 * archive is empty, nothing is deleted: an empty archive next to a full index is more likely
 * a missing volume than an intent to delete everything.
 */
export async function syncIndex(archive: Archive, store: IndexStore): Promise<SyncResult> {
  const unsettled = archive.unsettledIds();
  const archived = new Set(archive.noticeIds());
  const indexed = await indexedNoticeIds(store);
  const resend = new Set(unsettled.filter((id) => archived.has(id)));
  // Deleted from the archive: deleted from the index too (by noticeId, so no segment is left).
  const remove = new Set(unsettled.filter((id) => !archived.has(id)));
  for (const id of archived) if (!indexed.has(id)) resend.add(id);
  let skippedDeletes: number | undefined;
  const extra = [...indexed].filter((id) => !archived.has(id));
  if (archived.size) for (const id of extra) remove.add(id);
  else if (extra.length) skippedDeletes = extra.length;
  // A notice Meilisearch refuses (a request or a task that fails) must not keep the portal from
  // starting, nor the indexer from removing it: a refused batch is sent again notice by notice,
  // and a notice refused alone is left out of the index, named, and kept in the archive.
  const refused: SyncResult['refused'] = [];
  const send = async (records: NoticeRecord[]): Promise<void> => {
    if (!records.length) return;
    try {
      await waitAll(store, (await enqueueReplace(store, records)).tasks);
    } catch (e) {
      if (!(e instanceof MeiliError) || e.status === 504) throw e;
      if (records.length > 1) {
        for (const r of records) await send([r]);
        return;
      }
      refused.push({ id: records[0]!.id, message: e.message });
      // What it took before refusing (its paragraphs, say) goes too: no half of a notice is searchable.
      await waitAll(store, await enqueueDelete(store, [records[0]!.id]));
    }
  };
  const batch: NoticeRecord[] = [];
  for (const id of resend) {
    const record = archive.getNotice(id);
    if (record) batch.push(record);
    if (batch.length >= 50) await send(batch.splice(0));
  }
  await send(batch);
  await waitAll(store, await enqueueDelete(store, [...remove]));
  archive.settle(unsettled);
  return {
    replayed: unsettled.length,
    resent: [...resend].filter((id) => !refused.some((r) => r.id === id)),
    deleted: [...remove],
    ...(skippedDeletes ? { skippedDeletes } : {}),
    refused,
  };
}
