/**
 * Files in, archive and index updated: the indexer's I/O edge. For each file it decides
 * unchanged / added / updated / duplicate / failed; bad files are reported and skipped and
 * never touch what is stored.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Source, NoticeRecord } from '../contract/notice.ts';
import type { MeiliClient, Task } from '../meili/client.ts';
import { Archive } from './archive/store.ts';
import { buildRecord, type Classifier } from './build-record.ts';
import { sha256Hex } from './identify/ids.ts';
import { enqueueDelete, enqueueReplace, waitAll } from './load/loader.ts';
import { parseNotice } from './parse/notice.ts';
import { MAX_BYTES, readNotice } from './read/read-file.ts';
import { normalize } from './segment/normalize.ts';
import { defaultClassifier } from './classify/segment-classifier.ts';

export type FileOutcome =
  | { file: string; status: 'added' | 'updated'; noticeId: string; segments: number }
  | { file: string; status: 'unchanged' | 'duplicate'; noticeId: string }
  | { file: string; status: 'failed'; reason: string; message: string };

export type IngestSummary = { added: number; updated: number; unchanged: number; duplicate: number; failed: number; segments: number; outcomes: FileOutcome[]; ms: number };

export const SUPPORTED_EXTENSIONS = ['.txt', '.docx', '.html', '.htm', '.pdf'];

/** Expands folders recursively into supported files, sorted, so runs are reproducible. */
export function expandInputs(inputs: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p).sort()) if (!e.startsWith('.')) walk(path.join(p, e));
    } else if (st.isFile()) {
      files.push(path.resolve(p));
    }
  };
  for (const i of inputs) {
    if (!fs.existsSync(i)) { missing.push(i); continue; }
    if (fs.statSync(i).isDirectory()) {
      const before = files.length;
      walk(i);
      // Inside folders, skip files of other kinds silently; named files are always tried.
      files.splice(before, files.length - before, ...files.slice(before).filter((f) => SUPPORTED_EXTENSIONS.includes(path.extname(f).toLowerCase())));
    } else walk(i);
  }
  return { files: [...new Set(files)], missing };
}

export type IngestOptions = {
  archive: Archive;
  client: MeiliClient;
  classify?: Classifier;
  onProgress?: (done: number, total: number, outcome: FileOutcome) => void;
  /** Notices per Meilisearch batch. */
  batchSize?: number;
};

type Input = { file: string; bytes: Uint8Array; sourcePath?: string };

export async function ingestFiles(files: string[], opts: IngestOptions): Promise<IngestSummary> {
  return ingest(files.map((file) => ({ file, sourcePath: file, load: () => readBounded(file) })), opts);
}

/** A file too large to be a notice is refused before it is read into memory. */
function readBounded(file: string): Uint8Array {
  const size = fs.statSync(file).size;
  if (size > MAX_BYTES) throw new IngestFailure('too-large', `文件过大 (${(size / 1024 / 1024).toFixed(0)} MB，上限 ${MAX_BYTES / 1024 / 1024} MB) (file too large)`);
  return fs.readFileSync(file);
}

/** Uploaded files (admin API): no source path, identified by content only. */
export async function ingestBuffers(inputs: { fileName: string; bytes: Uint8Array }[], opts: IngestOptions): Promise<IngestSummary> {
  return ingest(inputs.map((i) => ({ file: i.fileName, load: () => i.bytes })), opts);
}

async function ingest(inputs: { file: string; sourcePath?: string; load: () => Uint8Array }[], opts: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const { archive, client } = opts;
  const classify = opts.classify ?? defaultClassifier();
  const batchSize = opts.batchSize ?? 50;
  const summary: IngestSummary = { added: 0, updated: 0, unchanged: 0, duplicate: 0, failed: 0, segments: 0, outcomes: [], ms: 0 };
  let pending: NoticeRecord[] = [];
  const pendingDeletes: string[] = [];
  const tasks: Task[] = [];
  const flush = async () => {
    if (pendingDeletes.length) tasks.push(...await enqueueDelete(client, pendingDeletes.splice(0)));
    if (pending.length) {
      const r = await enqueueReplace(client, pending);
      tasks.push(...r.tasks);
      pending = [];
    }
    archive.saveCatalog();
  };
  let done = 0;
  for (const input of inputs) {
    let outcome: FileOutcome;
    try {
      let bytes: Uint8Array;
      try { bytes = input.load(); } catch (e) {
        if (e instanceof IngestFailure) throw e;
        throw new IngestFailure('unreadable', `无法读取文件 (cannot read file): ${(e as Error).message}`);
      }
      outcome = await ingestOne({ file: input.file, bytes, sourcePath: input.sourcePath }, archive, classify, pending, pendingDeletes);
    } catch (e) {
      const f = e instanceof IngestFailure ? e : new IngestFailure('error', `处理失败 (failed): ${(e as Error).message}`);
      outcome = { file: input.file, status: 'failed', reason: f.reason, message: f.message };
    }
    summary.outcomes.push(outcome);
    summary[outcome.status]++;
    if (outcome.status === 'added' || outcome.status === 'updated') summary.segments += outcome.segments;
    done++;
    opts.onProgress?.(done, inputs.length, outcome);
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  await waitAll(client, tasks);
  summary.ms = Date.now() - started;
  return summary;
}

class IngestFailure extends Error {
  constructor(readonly reason: string, message: string) { super(message); }
}

function countSegments(r: NoticeRecord): number {
  return r.paragraphs.reduce((n, p) => n + p.items.length + (p.items.length && !(p.lead ?? '').trim() ? 0 : 1), 0);
}

async function ingestOne(input: Input, archive: Archive, classify: Classifier, pending: NoticeRecord[], pendingDeletes: string[]): Promise<FileOutcome> {
  const sha = sha256Hex(input.bytes);
  const known = input.sourcePath ? archive.fileEntry(input.sourcePath) : undefined;
  if (known && known.sha256 === sha && archive.getNotice(known.noticeId)) return { file: input.file, status: 'unchanged', noticeId: known.noticeId };

  const read = await readNotice(input.bytes, path.basename(input.file));
  if (!read.ok) throw new IngestFailure(read.reason, read.message);
  const parsed = parseNotice(read.text);
  if (!parsed.paragraphs.some((p) => p.part === 'problems') && !/整改/.test(read.text)) {
    throw new IngestFailure('not-a-notice', '未识别为巡视巡察整改通报：没有整改内容 (no rectification notice recognised in this file)');
  }
  const textHash = sha256Hex(normalize(read.text));
  const source: Source = {
    fileName: path.basename(input.file), path: input.sourcePath, sha256: sha, format: read.format,
    bytes: input.bytes.length, addedAt: new Date().toISOString(),
  };
  archive.saveOriginal(sha, read.format, input.bytes, read.text);

  const draft = buildRecord({ parsed, text: read.text, textHash, sources: [source], classify });
  // The file used to hold another notice: detach it from that one first. (Still the same
  // notice, e.g. a corrected typo: it is updated below, keeping the old ids resolvable.)
  if (known && known.noticeId !== draft.id) detachSource(archive, known.noticeId, input.sourcePath!, pending, pendingDeletes);

  const sameText = archive.noticeForText(textHash);
  const existing = sameText ? archive.getNotice(sameText) : undefined;
  if (existing) {
    // Republished copy: stored once, with every source listed.
    if (!existing.sources.some((s) => s.sha256 === sha && s.path === source.path)) {
      existing.sources.push(source);
      archive.putNotice(existing);
    }
    return { file: input.file, status: existing.sources.length > 1 && !known ? 'duplicate' : 'unchanged', noticeId: existing.id };
  }

  const previous = archive.getNotice(draft.id);
  const record = previous
    ? buildRecord({ parsed, text: read.text, textHash, classify, previous, sources: mergeSources(previous.sources, source) })
    : draft;
  archive.putNotice(record);
  const i = pending.findIndex((r) => r.id === record.id);
  if (i >= 0) pending.splice(i, 1);
  pending.push(record);
  return { file: input.file, status: previous ? 'updated' : 'added', noticeId: record.id, segments: countSegments(record) };
}

function mergeSources(sources: Source[], added: Source): Source[] {
  return [...sources.filter((s) => !(added.path && s.path === added.path)), added];
}

function detachSource(archive: Archive, noticeIdValue: string, sourcePath: string, pending: NoticeRecord[], pendingDeletes: string[]): void {
  const record = archive.getNotice(noticeIdValue);
  archive.forgetFile(sourcePath);
  if (!record) return;
  record.sources = record.sources.filter((s) => s.path !== sourcePath);
  if (record.sources.length) archive.putNotice(record);
  else {
    archive.deleteNotice(record.id);
    const i = pending.findIndex((r) => r.id === record.id);
    if (i >= 0) pending.splice(i, 1);
    pendingDeletes.push(record.id);
  }
}

/** `--remove <file or id>`: deletes a notice (or the notice a file became) from archive and index. */
export async function removeNotices(refs: string[], archive: Archive, client: MeiliClient): Promise<{ removed: string[]; notFound: string[] }> {
  const removed: string[] = [];
  const notFound: string[] = [];
  for (const ref of refs) {
    const byPath = archive.fileEntry(path.resolve(ref));
    const id = byPath?.noticeId ?? (/^n[A-Za-z0-9]+$/.test(ref) && archive.getNotice(ref) ? ref : undefined);
    if (!id || !archive.deleteNotice(id)) { notFound.push(ref); continue; }
    removed.push(id);
  }
  archive.saveCatalog();
  await waitAll(client, await enqueueDelete(client, removed));
  return { removed, notFound };
}
