/**
 * Sends notice records to Meilisearch. A changed notice replaces its old documents
 * completely: its paragraphs are deleted by noticeId before the new ones are added, in one
 * ordered queue, so no orphan paragraph survives.
 */
import type { MeiliClient, Task } from '../../meili/client.ts';
import { PartitionedClient, lastOfEach, partTasks, routeKeyOfRecord, type PartTask } from '../../meili/partitions.ts';
import { LIVE_INDEXES, type IndexUids } from '../../schema/indexes.ts';
import type { NoticeRecord } from '../../contract/notice.ts';
import { quoteFilterValue } from '../../schema/filter.ts';
import { noticeDoc, paragraphDocs, segmentCount } from './documents.ts';
import { jsonArrayBodies } from './payload.ts';

/** Enqueues the replacement of these notices (in `uids`, the live indexes by default); returns the tasks to wait for. */
export async function enqueueReplace(client: MeiliClient, records: NoticeRecord[], uids: IndexUids = LIVE_INDEXES): Promise<{ tasks: Task[]; segments: number }> {
  if (!records.length) return { tasks: [], segments: 0 };
  if (client instanceof PartitionedClient) return enqueueRouted(client, records, (r) => r, (p, items) => enqueueReplace(p, items, uids), records.map((r) => r.id), uids);
  const ids = records.map((r) => quoteFilterValue(r.id)).join(', ');
  const docs = records.flatMap(paragraphDocs);
  const tasks: Task[] = [];
  tasks.push(await client.request<Task>('POST', `/indexes/${uids.paragraphs}/documents/delete`, { filter: `noticeId IN [${ids}]` }));
  for (const { body } of jsonArrayBodies(docs.map((d) => JSON.stringify(d)))) tasks.push(await client.request<Task>('POST', `/indexes/${uids.paragraphs}/documents`, body));
  for (const { body } of jsonArrayBodies(records.map((r) => JSON.stringify(noticeDoc(r))))) tasks.push(await client.request<Task>('POST', `/indexes/${uids.notices}/documents`, body));
  return { tasks, segments: segmentCount(docs) };
}

/**
 * Partitioned Meilisearch (meili/partitions.ts): each notice's documents go to its partition,
 * through `enqueue` on that partition's client. The notices in `indexedBefore` may have been
 * indexed in another partition (their year or province changed): they are deleted from every
 * partition but their own first. The last task returned stands for the whole batch.
 */
export async function enqueueRouted<T>(
  client: PartitionedClient, items: T[], recordOf: (item: T) => NoticeRecord,
  enqueue: (partition: MeiliClient, items: T[]) => Promise<{ tasks: Task[]; segments: number; bytes?: number }>, indexedBefore: string[],
  uids: IndexUids = LIVE_INDEXES,
): Promise<{ tasks: Task[]; segments: number; bytes: number }> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = client.route(routeKeyOfRecord(recordOf(item))).name;
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name)!.push(item);
  }
  const tasks: PartTask[] = [];
  let segments = 0;
  let bytes = 0;
  for (const p of client.partitions) {
    const mine = groups.get(p.name) ?? [];
    const here = new Set(mine.map((item) => recordOf(item).id));
    const elsewhere = indexedBefore.filter((id) => !here.has(id));
    if (elsewhere.length) tasks.push(...partTasks(p.name, await enqueueDelete(p.client, elsewhere, uids)));
    if (mine.length) {
      const r = await enqueue(p.client, mine);
      tasks.push(...partTasks(p.name, r.tasks));
      segments += r.segments;
      bytes += r.bytes ?? 0;
    }
  }
  return { tasks: tasks.length ? [...tasks, lastOfEach(tasks)] : [], segments, bytes };
}

export async function enqueueDelete(client: MeiliClient, ids: string[], uids: IndexUids = LIVE_INDEXES): Promise<Task[]> {
  if (!ids.length) return [];
  const list = ids.map(quoteFilterValue).join(', ');
  return [
    await client.request<Task>('POST', `/indexes/${uids.paragraphs}/documents/delete`, { filter: `noticeId IN [${list}]` }),
    await client.request<Task>('POST', `/indexes/${uids.notices}/documents/delete`, { filter: `id IN [${list}]` }),
  ];
}

export async function waitAll(client: MeiliClient, tasks: Task[]): Promise<void> {
  for (const t of tasks) await client.waitForTask(t);
}
