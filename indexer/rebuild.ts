/**
 * Rebuilding the index from the archive alone: `reindex` re-parses every stored text
 * (after a parser change), `reclassify` re-applies an edited taxonomy to the stored
 * structure without re-parsing. Either way ids are kept and the indexes are rebuilt.
 */
import type { MeiliClient } from '../meili/client.ts';
import { NOTICES_INDEX, SEGMENTS_INDEX, ensureIndexes } from '../meili/indexes.ts';
import type { NoticeRecord } from '../contract/notice.ts';
import type { Archive } from './archive/store.ts';
import { buildRecord, outlineOf, type Classifier } from './build-record.ts';
import { enqueueReplace, waitAll } from './load/loader.ts';
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

/** Drops both indexes and loads every archived notice again, transformed by `transform`. */
export async function rebuildIndex(archive: Archive, client: MeiliClient, transform: 'reparse' | 'reclassify' | 'none', onProgress?: RebuildProgress): Promise<{ notices: number; segments: number }> {
  const classify = defaultClassifier();
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
  return { notices: done, segments };
}
