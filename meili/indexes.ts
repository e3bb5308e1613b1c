/** Creating indexes and applying the settings of schema/indexes.ts. */
import type { IndexStore } from './index-store.ts';
import { LIVE_INDEXES, noticeSettings, paragraphSettings, type IndexUids } from '../schema/indexes.ts';

/** Creates both indexes if needed and applies the settings (a no-op task when unchanged). */
export async function ensureIndexes(store: IndexStore, uids: IndexUids = LIVE_INDEXES): Promise<void> {
  await store.ensureIndex(uids.paragraphs);
  await store.ensureIndex(uids.notices);
  const tasks = [
    await store.updateSettings(uids.paragraphs, paragraphSettings()),
    await store.updateSettings(uids.notices, noticeSettings()),
  ];
  for (const t of tasks) await store.waitForTask(t);
}
