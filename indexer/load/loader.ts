/**
 * Sends notice records to Meilisearch. A changed notice replaces its old documents
 * completely: its paragraphs are deleted by noticeId before the new ones are added, in one
 * ordered queue, so no orphan paragraph survives.
 */
import type { Task } from '../../meili/client.ts';
import { routeKeyOfRecord, type IndexStore } from '../../meili/index-store.ts';
import { LIVE_INDEXES, type IndexUids } from '../../schema/indexes.ts';
import type { NoticeRecord } from '../../contract/notice.ts';
import { anyOf } from '../../schema/filter.ts';
import { noticeDoc, paragraphDocs, segmentCount } from './documents.ts';
import { jsonArrayBodies } from './payload.ts';

/**
 * Enqueues the replacement of these notices (in `uids`, the live indexes by default); returns
 * the tasks to wait for. Each notice's documents go to the part of the store it belongs to
 * (a partition, meili/partitions.ts); a notice whose year or province changed may still be
 * in another part, and is deleted there first.
 */
export async function enqueueReplace(
  store: IndexStore,
  records: NoticeRecord[],
  uids: IndexUids = LIVE_INDEXES,
): Promise<{ tasks: Task[]; segments: number }> {
  if (!records.length) return { tasks: [], segments: 0 };
  const tasks: Task[] = [];
  let segments = 0;
  for (const { store: part, items } of store.byPartition(records, routeKeyOfRecord)) {
    const here = new Set(items.map((r) => r.id));
    tasks.push(
      ...(await enqueueDelete(
        part,
        records.map((r) => r.id).filter((id) => !here.has(id)),
        uids,
      )),
    );
    if (!items.length) continue;
    const docs = items.flatMap(paragraphDocs);
    tasks.push(
      await part.deleteDocuments(
        uids.paragraphs,
        anyOf(
          'noticeId',
          items.map((r) => r.id),
        ),
      ),
    );
    for (const { body } of jsonArrayBodies(docs.map((d) => JSON.stringify(d)))) tasks.push(await part.addDocuments(uids.paragraphs, body));
    for (const { body } of jsonArrayBodies(items.map((r) => JSON.stringify(noticeDoc(r)))))
      tasks.push(await part.addDocuments(uids.notices, body));
    segments += segmentCount(docs);
  }
  return { tasks, segments };
}

export async function enqueueDelete(store: IndexStore, ids: string[], uids: IndexUids = LIVE_INDEXES): Promise<Task[]> {
  if (!ids.length) return [];
  return [
    await store.deleteDocuments(uids.paragraphs, anyOf('noticeId', ids)),
    await store.deleteDocuments(uids.notices, anyOf('id', ids)),
  ];
}

export async function waitAll(store: IndexStore, tasks: Task[]): Promise<void> {
  for (const t of tasks) await store.waitForTask(t);
}
