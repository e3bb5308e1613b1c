/**
 * Rebuilding the index from the archive alone: `reindex` re-parses every stored text
 * (after a parser change), `reclassify` re-applies an edited taxonomy to the stored
 * structure without re-parsing. Either way ids are kept and the indexes are rebuilt.
 */
import path from 'node:path';
import type { MeiliClient, Task } from '../meili/client.ts';
import { NOTICES_INDEX, SEGMENTS_INDEX, ensureIndexes } from '../meili/indexes.ts';
import { markRebuilding, writeSchemaVersion } from '../meili/schema-version.ts';
import type { NoticeRecord } from '../contract/notice.ts';
import type { Archive } from './archive/store.ts';
import { buildRecord, outlineOf, type Classifier } from './build-record.ts';
import { enqueueDelete, enqueueReplace, waitAll } from './load/loader.ts';
import { parseNotice } from './parse/notice.ts';
import { meiliLexicon } from './segment/meili-lexicon.ts';
import { defaultClassifier } from './classify/segment-classifier.ts';

export type RebuildProgress = (done: number, total: number) => void;

export function reparse(record: NoticeRecord, archive: Archive, classify: Classifier): NoticeRecord {
  const primary = record.sources[0];
  if (!primary) return record;
  const text = archive.readText(primary.sha256);
  // The id must not move under a link, even if the parser now reads the title differently.
  return buildRecord({ parsed: parseNotice(text), text, textHash: record.textHash, sources: record.sources, previous: record, classify, id: record.id });
}

export function reclassify(record: NoticeRecord, classify: Classifier): NoticeRecord {
  const paragraphs = record.paragraphs.map((p) => ({
    ...p,
    classification: classify({ headingPath: p.headingPath, text: p.items.length ? (p.lead ?? p.text) : p.text, role: p.role, part: p.part }),
    items: p.items.map((it) => ({ ...it, classification: classify({ headingPath: p.headingPath, text: it.text, role: 'measure', part: p.part }) })),
  }));
  return { ...record, paragraphs, outline: outlineOf(paragraphs) };
}

/**
 * Drops both indexes and loads every archived notice again, transformed by `transform`.
 * The schema version (meili/schema-version.ts) is cleared first and written when done, so an
 * interrupted rebuild is redone by the next portal start; what crashed runs left unsettled
 * in the archive's journal is settled by it.
 */
export async function rebuildIndex(archive: Archive, client: MeiliClient, transform: 'reparse' | 'reclassify' | 'none', onProgress?: RebuildProgress): Promise<{ notices: number; segments: number }> {
  const classify = defaultClassifier();
  const dataDir = path.dirname(archive.root);
  const unsettled = archive.unsettledIds();
  await markRebuilding(client, dataDir);
  for (const uid of [SEGMENTS_INDEX, NOTICES_INDEX]) {
    const task = await client.request<{ taskUid: number }>('DELETE', `/indexes/${uid}`).catch(() => undefined);
    if (task) await client.waitForTask(task).catch(() => undefined);
  }
  await ensureIndexes(client, meiliLexicon());
  const ids = archive.noticeIds();
  let batch: NoticeRecord[] = [];
  let segments = 0;
  const tasks = [];
  let done = 0;
  for (const id of ids) {
    let record = archive.getNotice(id);
    if (!record) continue;
    if (transform === 'reparse') record = reparse(record, archive, classify);
    if (transform === 'reclassify') record = reclassify(record, classify);
    if (transform !== 'none') archive.putNotice(record);
    batch.push(record);
    if (batch.length >= 50) { const r = await enqueueReplace(client, batch); tasks.push(...r.tasks); segments += r.segments; batch = []; }
    done++;
    onProgress?.(done, ids.length);
  }
  if (batch.length) { const r = await enqueueReplace(client, batch); tasks.push(...r.tasks); segments += r.segments; }
  archive.saveCatalog();
  await waitAll(client, tasks);
  archive.settle(unsettled);
  await writeSchemaVersion(client, dataDir);
  return { notices: done, segments };
}

export type SyncResult = { replayed: number; resent: string[]; deleted: string[]; skippedDeletes?: number };

async function indexedNoticeIds(client: MeiliClient): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let offset = 0; ; offset += 10_000) {
    const page = await client.request<{ results: { id: string }[]; total: number }>('GET', `/indexes/${NOTICES_INDEX}/documents?fields=id&limit=10000&offset=${offset}`);
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
export async function syncIndex(archive: Archive, client: MeiliClient): Promise<SyncResult> {
  const unsettled = archive.unsettledIds();
  const archived = new Set(archive.noticeIds());
  const indexed = await indexedNoticeIds(client);
  const resend = new Set(unsettled.filter((id) => archived.has(id)));
  // Deleted from the archive: deleted from the index too (by noticeId, so no segment is left).
  const remove = new Set(unsettled.filter((id) => !archived.has(id)));
  for (const id of archived) if (!indexed.has(id)) resend.add(id);
  let skippedDeletes: number | undefined;
  const extra = [...indexed].filter((id) => !archived.has(id));
  if (archived.size) for (const id of extra) remove.add(id);
  else if (extra.length) skippedDeletes = extra.length;
  const tasks: Task[] = [];
  const batch: NoticeRecord[] = [];
  for (const id of resend) {
    const record = archive.getNotice(id);
    if (record) batch.push(record);
    if (batch.length >= 50) tasks.push(...(await enqueueReplace(client, batch.splice(0))).tasks);
  }
  tasks.push(...(await enqueueReplace(client, batch)).tasks);
  tasks.push(...await enqueueDelete(client, [...remove]));
  await waitAll(client, tasks);
  archive.settle(unsettled);
  return { replayed: unsettled.length, resent: [...resend], deleted: [...remove], ...(skippedDeletes ? { skippedDeletes } : {}) };
}
