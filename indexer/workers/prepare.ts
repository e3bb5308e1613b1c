/**
 * The CPU-heavy half of ingesting one file, with no I/O and no archive access, so it can run
 * in a worker thread (indexer/workers/pool.ts) while the main thread writes the archive and
 * loads Meilisearch: read (encoding, docx, html, pdf; in the isolated reader) → parseNotice → buildRecord (ids,
 * classification) → the Meilisearch documents (normalisation, jieba, grams), serialised.
 * Ids are content-derived, so where this runs and in which order changes no id.
 */
import type { NoticeRecord, Source } from '../../contract/notice.ts';
import type { ReadFormat } from '../read/read-file.ts';
import { buildRecord, type Classifier } from '../build-record.ts';
import { sha256Hex } from '../identify/ids.ts';
import { noticeDoc, paragraphDocs, segmentCount } from '../load/documents.ts';
import { isNewsStory, NEWS_STORY } from '../parse/genre.ts';
import { parseNotice } from '../parse/notice.ts';
import { MAX_NOTICE_PARAGRAPHS } from '../read/limits.ts';
import type { ReadResult } from '../read/read-file.ts';
import { readIsolated } from './reader.ts';
import { normalize } from '../../text/normalize.ts';

/** `source` is completed with the format once the file is read. */
export type PrepareInput = { fileName: string; bytes: Uint8Array; source: Omit<Source, 'format'> };

/** The Meilisearch documents of one record, serialised: what the loader posts. */
export type PreparedDocs = {
  /** Paragraph documents as JSON objects joined by ',' (no brackets), '' when there are none. */
  paragraphsJson: string;
  /** Segments (leads and items) in them. */
  segments: number;
  /** The notice document as JSON. */
  noticeJson: string;
};

export type Prepared =
  | { ok: false; reason: string; message: string }
  | { ok: true; text: string; format: ReadFormat; textHash: string; record: NoticeRecord; docs: PreparedDocs };

export const NOT_A_NOTICE = {
  reason: 'not-a-notice',
  message: '未识别为巡视巡察整改通报：没有整改内容 (no rectification notice recognised in this file)',
} as const;

export function serializeDocs(record: NoticeRecord): PreparedDocs {
  const docs = paragraphDocs(record);
  return {
    paragraphsJson: docs.map((d) => JSON.stringify(d)).join(','),
    segments: segmentCount(docs),
    noticeJson: JSON.stringify(noticeDoc(record)),
  };
}

export type ReadFile = (bytes: Uint8Array, fileName: string) => Promise<ReadResult>;

/**
 * Everything ingestOne used to do before touching the archive. The record is the draft for
 * a notice seen for the first time (no former ids); the caller rebuilds it when the archive
 * holds a previous version. The file is read in the isolated reader (./reader.ts): a file
 * that would exhaust memory or time is refused there, not here.
 */
export async function prepareNotice(input: PrepareInput, classify: Classifier, readFile: ReadFile = readIsolated): Promise<Prepared> {
  const read = await readFile(input.bytes, input.fileName);
  if (!read.ok) return { ok: false, reason: read.reason, message: read.message };
  const parsed = parseNotice(read.text);
  if (parsed.paragraphs.length > MAX_NOTICE_PARAGRAPHS) {
    const n = parsed.paragraphs.length;
    return {
      ok: false,
      reason: 'too-large',
      message: `文件有 ${n} 段，超过一份通报的上限（${MAX_NOTICE_PARAGRAPHS} 段）：可能是多份通报合在一个文件里，请拆分后再索引 (too long for one notice: ${n} paragraphs, the limit is ${MAX_NOTICE_PARAGRAPHS})`,
    };
  }
  if (!parsed.paragraphs.some((p) => p.part === 'problems') && !/整改/.test(read.text)) return { ok: false, ...NOT_A_NOTICE };
  if (isNewsStory(parsed)) return { ok: false, ...NEWS_STORY };
  const textHash = sha256Hex(normalize(read.text));
  const source: Source = { ...input.source, format: read.format };
  const record = buildRecord({ parsed, text: read.text, textHash, sources: [source], classify });
  return { ok: true, text: read.text, format: read.format, textHash, record, docs: serializeDocs(record) };
}
