/**
 * Loading prepared notices (documents already serialised by a worker) into Meilisearch, in
 * the main thread. Same end result as enqueueReplace (indexer/load/loader.ts), with two
 * differences that matter at archive scale:
 * - a notice the archive has never held (`fresh`) skips the deletion of its old paragraphs:
 *   it has none, and a deletion task between two additions stops Meilisearch from batching
 *   the additions together (each batch has a cost of its own that grows with the index);
 * - notice documents are collected over several paragraph batches and sent together
 *   (NoticeDocs), for the same reason.
 */
import type { Task } from '../../meili/client.ts';
import type { IndexStore } from '../../meili/index-store.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import type { NoticeRecord } from '../../contract/notice.ts';
import { anyOf } from '../../schema/filter.ts';
import { jsonArrayBodies, MAX_BODY_BYTES } from '../load/payload.ts';
import type { PreparedDocs } from './prepare.ts';

export type PendingNotice = { record: NoticeRecord; docs: PreparedDocs; fresh: boolean };

/** Deletes the old paragraphs of the notices that had some, then adds the new ones, in bodies of at most `maxBodyBytes`. */
export async function enqueueParagraphs(
  store: IndexStore,
  batch: PendingNotice[],
  maxBodyBytes = MAX_BODY_BYTES,
): Promise<{ tasks: Task[]; segments: number; bytes: number }> {
  if (!batch.length) return { tasks: [], segments: 0, bytes: 0 };
  const tasks: Task[] = [];
  const replaced = batch.filter((b) => !b.fresh).map((b) => b.record.id);
  if (replaced.length) tasks.push(await store.deleteDocuments(PARAGRAPHS_INDEX, anyOf('noticeId', replaced)));
  let bytes = 0;
  for (const body of jsonArrayBodies(
    batch.map((b) => b.docs.paragraphsJson),
    maxBodyBytes,
  )) {
    tasks.push(await store.addDocuments(PARAGRAPHS_INDEX, body.body));
    bytes += body.bytes;
  }
  return { tasks, segments: batch.reduce((n, b) => n + b.docs.segments, 0), bytes };
}

/** Notice documents waiting to be sent: at most `maxDocs` of them or `maxBytes` of JSON. */
export class NoticeDocs {
  private docs: string[] = [];
  private bytes = 0;

  constructor(
    private readonly store: IndexStore,
    readonly maxDocs = 1000,
    readonly maxBytes = MAX_BODY_BYTES,
  ) {}

  get size(): number {
    return this.docs.length;
  }

  add(batch: PendingNotice[]): void {
    for (const b of batch) {
      this.docs.push(b.docs.noticeJson);
      this.bytes += b.docs.noticeJson.length * 2;
    }
  }

  get full(): boolean {
    return this.docs.length >= this.maxDocs || this.bytes >= this.maxBytes;
  }

  /** Sends what is waiting (a later document of the same notice replaces an earlier one). */
  async send(): Promise<Task[]> {
    if (!this.docs.length) return [];
    const bodies = jsonArrayBodies(this.docs);
    this.docs = [];
    this.bytes = 0;
    const tasks: Task[] = [];
    for (const { body } of bodies) tasks.push(await this.store.addDocuments(NOTICES_INDEX, body));
    return tasks;
  }
}
