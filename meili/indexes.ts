/** Creating indexes and applying the settings of schema/indexes.ts. */
import type { MeiliClient, Task } from './client.ts';
import { LIVE_INDEXES, noticeSettings, paragraphSettings, type IndexUids } from '../schema/indexes.ts';

/** Documents in one index (its stats). */
export async function documentCount(client: MeiliClient, uid: string): Promise<number> {
  return (await client.request<{ numberOfDocuments: number }>('GET', `/indexes/${uid}/stats`)).numberOfDocuments;
}

/** Creates the index if it does not exist, with the primary key and no settings. */
export async function ensureIndex(client: MeiliClient, uid: string): Promise<void> {
  try {
    await client.request('GET', `/indexes/${uid}`);
  } catch {
    await client.waitForTask(await client.request<Task>('POST', '/indexes', { uid, primaryKey: 'id' }));
  }
}

/** Creates both indexes if needed and applies the settings (a no-op task when unchanged). */
export async function ensureIndexes(client: MeiliClient, lexicon: { dictionary: string[]; synonyms: Record<string, string[]> }, uids: IndexUids = LIVE_INDEXES): Promise<void> {
  await ensureIndex(client, uids.paragraphs);
  await ensureIndex(client, uids.notices);
  const tasks = [
    await client.request<Task>('PATCH', `/indexes/${uids.paragraphs}/settings`, paragraphSettings(lexicon.dictionary, lexicon.synonyms)),
    await client.request<Task>('PATCH', `/indexes/${uids.notices}/settings`, noticeSettings()),
  ];
  for (const t of tasks) await client.waitForTask(t);
}
