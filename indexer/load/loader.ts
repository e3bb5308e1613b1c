/**
 * Sends notice records to Meilisearch. A changed notice replaces its old documents
 * completely: its segments are deleted by noticeId before the new ones are added, in one
 * ordered queue, so no orphan paragraph survives.
 */
import type { MeiliClient, Task } from '../../meili/client.ts';
import { NOTICES_INDEX, SEGMENTS_INDEX } from '../../meili/indexes.ts';
import type { NoticeRecord } from '../../contract/notice.ts';
import { quoteFilterValue } from '../../meili/filter.ts';
import { noticeDoc, segmentDocs } from './documents.ts';


/** Enqueues the replacement of these notices; returns the tasks to wait for. */
export async function enqueueReplace(client: MeiliClient, records: NoticeRecord[]): Promise<{ tasks: Task[]; segments: number }> {
  if (!records.length) return { tasks: [], segments: 0 };
  const ids = records.map((r) => quoteFilterValue(r.id)).join(', ');
  const docs = records.flatMap(segmentDocs);
  const tasks: Task[] = [];
  tasks.push(await client.request<Task>('POST', `/indexes/${SEGMENTS_INDEX}/documents/delete`, { filter: `noticeId IN [${ids}]` }));
  tasks.push(await client.request<Task>('POST', `/indexes/${SEGMENTS_INDEX}/documents`, docs));
  tasks.push(await client.request<Task>('POST', `/indexes/${NOTICES_INDEX}/documents`, records.map(noticeDoc)));
  return { tasks, segments: docs.length };
}

export async function enqueueDelete(client: MeiliClient, ids: string[]): Promise<Task[]> {
  if (!ids.length) return [];
  const list = ids.map(quoteFilterValue).join(', ');
  return [
    await client.request<Task>('POST', `/indexes/${SEGMENTS_INDEX}/documents/delete`, { filter: `noticeId IN [${list}]` }),
    await client.request<Task>('POST', `/indexes/${NOTICES_INDEX}/documents/delete`, { filter: `id IN [${list}]` }),
  ];
}

export async function waitAll(client: MeiliClient, tasks: Task[]): Promise<void> {
  for (const t of tasks) await client.waitForTask(t);
}
