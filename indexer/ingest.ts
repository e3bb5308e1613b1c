/**
 * Files in, archive and index updated: the indexer's I/O edge. For each file it decides
 * unchanged / added / updated / duplicate / failed; bad files are reported and skipped and
 * never touch what is stored.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Source, NoticeRecord } from '../contract/notice.ts';
import type { Task } from '../meili/client.ts';
import type { IndexStore } from '../meili/index-store.ts';
import type { Archive } from './archive/store.ts';
import { buildRecord, type Classifier } from './build-record.ts';
import { sha256Hex } from './identify/ids.ts';
import { enqueueDelete, waitAll } from './load/loader.ts';
import { parseNotice } from './parse/notice.ts';
import { MAX_BYTES } from './read/read-file.ts';
import { asNoSpace, freeBytes } from './no-space.ts';
import { defaultClassifier } from './classify/segment-classifier.ts';
import { defaultWorkerCount, PreparePool } from './workers/pool.ts';
import { prepareNotice, serializeDocs, type PrepareInput, type Prepared } from './workers/prepare.ts';
import { enqueueParagraphs, NoticeDocs, type PendingNotice } from './workers/prepared-loader.ts';

export type FileOutcome =
  | { file: string; status: 'added' | 'updated'; noticeId: string; segments: number }
  | { file: string; status: 'unchanged' | 'duplicate'; noticeId: string }
  | { file: string; status: 'failed'; reason: string; message: string };

export type IngestSummary = {
  added: number;
  updated: number;
  unchanged: number;
  duplicate: number;
  failed: number;
  segments: number;
  outcomes: FileOutcome[];
  ms: number;
};

export const SUPPORTED_EXTENSIONS = ['.txt', '.docx', '.html', '.htm', '.pdf'];

/** Expands folders recursively into supported files, sorted, so runs are reproducible. */
export function expandInputs(inputs: string[]): { files: string[]; missing: string[]; skipped: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const skipped: string[] = [];
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p).sort()) if (!e.startsWith('.')) walk(path.join(p, e));
    } else if (st.isFile()) {
      files.push(path.resolve(p));
    }
  };
  for (const i of inputs) {
    if (!fs.existsSync(i)) {
      missing.push(i);
      continue;
    }
    if (fs.statSync(i).isDirectory()) {
      const before = files.length;
      walk(i);
      // Inside folders, files of other kinds are skipped (and counted); named files are always tried.
      const found = files.splice(before);
      for (const f of found) (SUPPORTED_EXTENSIONS.includes(path.extname(f).toLowerCase()) ? files : skipped).push(f);
    } else walk(i);
  }
  return { files: [...new Set(files)], missing, skipped };
}

export type IngestOptions = {
  archive: Archive;
  client: IndexStore;
  classify?: Classifier;
  onProgress?: (done: number, total: number, outcome: FileOutcome) => void;
  /** Notices per Meilisearch batch. */
  batchSize?: number;
  /** Worker threads that read, parse and segment ahead of the archive and Meilisearch writes (default: cores less one, at most 4; INDEX_WORKERS; 0 = none). */
  workers?: number;
  /** A pool kept by the caller between runs (the admin API's), used instead of starting `workers`; left open. */
  pool?: PreparePool;
  /**
   * Notices an interrupted run had left unsent, sent again just before this run (syncIndex).
   * Their files are reported as added, not unchanged: the run that should have reported them
   * died first, and unchanged would say that nothing was done.
   */
  resent?: ReadonlySet<string>;
};

export async function ingestFiles(files: string[], opts: IngestOptions): Promise<IngestSummary> {
  return ingest(
    files.map((file) => ({ file, sourcePath: file, load: () => readBounded(file) })),
    opts,
  );
}

/** A file too large to be a notice is refused before it is read into memory. */
function readBounded(file: string): Uint8Array {
  const size = fs.statSync(file).size;
  if (size > MAX_BYTES)
    throw new IngestFailure(
      'too-large',
      `文件过大 (${(size / 1024 / 1024).toFixed(0)} MB，上限 ${MAX_BYTES / 1024 / 1024} MB) (file too large)`,
    );
  return fs.readFileSync(file);
}

/**
 * Uploaded files the admin API streamed to disk: no source path, identified by content only.
 * Read one at a time as their turn comes, so a large upload is never in memory whole.
 */
export async function ingestUploads(files: { fileName: string; path: string }[], opts: IngestOptions): Promise<IngestSummary> {
  return ingest(
    files.map((f) => ({ file: f.fileName, load: () => readBounded(f.path) })),
    opts,
  );
}

/** Files already in memory: no source path, identified by content only. */
export async function ingestBuffers(inputs: { fileName: string; bytes: Uint8Array }[], opts: IngestOptions): Promise<IngestSummary> {
  return ingest(
    inputs.map((i) => ({ file: i.fileName, load: () => i.bytes })),
    opts,
  );
}

/** Files read and prepared ahead of the one being stored, per worker: bounds memory (their bytes and documents only). */
const LOOKAHEAD_PER_WORKER = 16;
/** Below this many files, starting worker threads costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 16;
/** Notices per Meilisearch batch unless `batchSize` says otherwise. */
const DEFAULT_BATCH_SIZE = 100;
/**
 * Bytes of documents Meilisearch may have queued (sent, not yet indexed) before the indexer
 * waits. Meilisearch indexes everything queued when it starts a batch in one batch, and each
 * batch has a cost of its own that grows with the index, so the queue may grow large: few,
 * big batches, as in a bulk load (docs/benchmarks.md).
 */
const MAX_QUEUED_BYTES = 1 << 30;
/**
 * The workers' duty while Meilisearch has a request of ours it has not started on (PreparePool.setDuty).
 * An embedded Meilisearch indexes with half the cores (one of two); flat out, a worker with
 * the main thread and its garbage collector takes more than the other one, and Meilisearch
 * slows down by a quarter. At half duty one worker still prepares notices about twice as fast
 * as Meilisearch indexes them on two cores, and it is never starved as a niced thread is
 * (docs/benchmarks.md, Indexing).
 */
const PACED_DUTY = 0.5;
/** The catalog is rewritten at most this often during a run (and always at its end): it grows with the archive. */
const CATALOG_SAVE_INTERVAL_MS = 2000;

type Slot = {
  input: { file: string; sourcePath?: string; load: () => Uint8Array };
  bytes?: Uint8Array;
  sha?: string;
  failure?: IngestFailure;
  prepared?: Promise<Prepared>;
};
type Prepare = (input: PrepareInput) => Promise<Prepared>;

async function ingest(
  inputs: { file: string; sourcePath?: string; load: () => Uint8Array }[],
  opts: IngestOptions,
): Promise<IngestSummary> {
  const started = Date.now();
  const { archive, client } = opts;
  const classify = opts.classify ?? defaultClassifier();
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const summary: IngestSummary = { added: 0, updated: 0, unchanged: 0, duplicate: 0, failed: 0, segments: 0, outcomes: [], ms: 0 };
  // Workers apply the default classifier; a caller's own classifier runs in this thread.
  const shared = opts.classify || !opts.pool?.available ? undefined : opts.pool;
  const workers = opts.classify ? 0 : (shared?.size ?? opts.workers ?? (inputs.length < MIN_FILES_FOR_WORKERS ? 0 : defaultWorkerCount()));
  const pool = shared ?? (workers > 0 ? new PreparePool(workers) : undefined);
  const prepare: Prepare = (input) =>
    pool?.available ? pool.prepare(input).catch(() => prepareNotice(input, classify)) : prepareNotice(input, classify);
  let pending: PendingNotice[] = [];
  const pendingDeletes: string[] = [];
  const tasks: Task[] = [];
  const queued: { task: Task; bytes: number }[] = [];
  let queuedBytes = 0;
  let lastCatalogSave = Date.now();
  let catalogSaveMs = 0;
  const noticeDocs = new NoticeDocs(client);
  const free = () => freeBytes(archive.root);
  const flush = async (final: boolean) => {
    if (pendingDeletes.length) {
      // A notice document still waiting must not be added after its deletion.
      tasks.push(...(await noticeDocs.send()));
      tasks.push(...(await enqueueDelete(client, pendingDeletes.splice(0))));
    }
    if (pending.length) {
      const r = await enqueueParagraphs(client, pending);
      tasks.push(...r.tasks);
      noticeDocs.add(pending);
      pending = [];
      if (r.tasks.length) {
        queued.push({ task: r.tasks[r.tasks.length - 1]!, bytes: r.bytes });
        queuedBytes += r.bytes;
        // Pace the workers while the request before this one still waits in Meilisearch's
        // queue: we are at least two requests ahead. Otherwise (Meilisearch might soon wait
        // for us: a fast or remote Meilisearch, a busy machine) they run flat out.
        const before = queued[queued.length - 2];
        if (pool) pool.setDuty(before && (await client.isEnqueued(before.task)) ? PACED_DUTY : 1);
      }
      while (queuedBytes > MAX_QUEUED_BYTES && queued.length > 1) {
        const oldest = queued.shift()!;
        await client.waitForTask(oldest.task, 3_600_000);
        queuedBytes -= oldest.bytes;
      }
    }
    if (final || noticeDocs.full) tasks.push(...(await noticeDocs.send()));
    const now = Date.now();
    if (final || now - lastCatalogSave >= Math.max(CATALOG_SAVE_INTERVAL_MS, 20 * catalogSaveMs)) {
      archive.saveCatalog();
      lastCatalogSave = Date.now();
      catalogSaveMs = lastCatalogSave - now;
    }
  };

  // Files are stored strictly in input order (duplicates and outcomes as before); reading
  // and preparing run ahead in the workers.
  const slots: Slot[] = [];
  let next = 0;
  const lookahead = pool ? workers * LOOKAHEAD_PER_WORKER : 0;
  const open = (input: Slot['input']): Slot => {
    const slot: Slot = { input };
    try {
      slot.bytes = input.load();
    } catch (e) {
      slot.failure =
        e instanceof IngestFailure ? e : new IngestFailure('unreadable', `无法读取文件 (cannot read file): ${(e as Error).message}`);
      return slot;
    }
    slot.sha = sha256Hex(slot.bytes);
    const known = input.sourcePath ? archive.fileEntry(input.sourcePath) : undefined;
    // A file that is probably unchanged is not prepared ahead: its turn decides.
    if (pool && !(known && known.sha256 === slot.sha)) {
      slot.prepared = prepare(prepareInput(input, slot.bytes, slot.sha));
      slot.prepared.catch(() => {});
    }
    return slot;
  };
  const fill = () => {
    while (next < inputs.length && slots.length <= lookahead) slots.push(open(inputs[next++]!));
  };
  let done = 0;
  try {
    fill();
    while (slots.length) {
      const slot = slots.shift()!;
      fill();
      let outcome: FileOutcome;
      try {
        if (slot.failure) throw slot.failure;
        outcome = await ingestOne(slot, archive, classify, prepare, pending, pendingDeletes);
        if (outcome.status === 'unchanged' && opts.resent?.has(outcome.noticeId)) {
          const record = archive.getNotice(outcome.noticeId);
          if (record) outcome = { file: outcome.file, status: 'added', noticeId: record.id, segments: countSegments(record) };
        }
      } catch (e) {
        // A full disk is not this file's fault and fails every file after it: the run stops.
        if (asNoSpace(e, free)) throw e;
        const f = e instanceof IngestFailure ? e : new IngestFailure('error', `处理失败 (failed): ${(e as Error).message}`);
        outcome = { file: slot.input.file, status: 'failed', reason: f.reason, message: f.message };
      }
      summary.outcomes.push(outcome);
      summary[outcome.status]++;
      if (outcome.status === 'added' || outcome.status === 'updated') summary.segments += outcome.segments;
      done++;
      opts.onProgress?.(done, inputs.length, outcome);
      if (pending.length >= batchSize) await flush(false);
    }
    await flush(true);
    await waitAll(client, tasks);
  } catch (e) {
    throw asNoSpace(e, free) ?? e;
  } finally {
    if (pool !== shared) await pool?.close();
  }
  summary.ms = Date.now() - started;
  return summary;
}

function prepareInput(input: Slot['input'], bytes: Uint8Array, sha: string): PrepareInput {
  return {
    fileName: path.basename(input.file),
    bytes,
    source: {
      fileName: path.basename(input.file),
      path: input.sourcePath,
      sha256: sha,
      bytes: bytes.length,
      addedAt: new Date().toISOString(),
    },
  };
}

class IngestFailure extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

function countSegments(r: NoticeRecord): number {
  return r.paragraphs.reduce((n, p) => n + p.items.length + (p.items.length && !(p.lead ?? '').trim() ? 0 : 1), 0);
}

async function ingestOne(
  slot: Slot,
  archive: Archive,
  classify: Classifier,
  prepare: Prepare,
  pending: PendingNotice[],
  pendingDeletes: string[],
): Promise<FileOutcome> {
  const { input } = slot;
  const bytes = slot.bytes!;
  const sha = slot.sha!;
  const known = input.sourcePath ? archive.fileEntry(input.sourcePath) : undefined;
  if (known && known.sha256 === sha && archive.getNotice(known.noticeId))
    return { file: input.file, status: 'unchanged', noticeId: known.noticeId };

  // Read, parse, classify, segment: in a worker when there is one (see indexer/workers/).
  const prepared = await (slot.prepared ?? prepare(prepareInput(input, bytes, sha)));
  if (!prepared.ok) throw new IngestFailure(prepared.reason, prepared.message);
  const { text, format, textHash, record: draft } = prepared;
  const source = draft.sources[0]!;
  archive.saveOriginal(sha, format, bytes, text);

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
  // A new version of a stored notice keeps the ids of its unchanged paragraphs and the
  // former ids of the changed ones: rebuilt here, with the previous record.
  const record = previous
    ? buildRecord({ parsed: parseNotice(text), text, textHash, classify, previous, sources: mergeSources(previous.sources, source) })
    : draft;
  archive.putNotice(record);
  const i = pending.findIndex((p) => p.record.id === record.id);
  if (i >= 0) pending.splice(i, 1);
  pending.push({ record, docs: previous ? serializeDocs(record) : prepared.docs, fresh: !previous });
  return { file: input.file, status: previous ? 'updated' : 'added', noticeId: record.id, segments: countSegments(record) };
}

function mergeSources(sources: Source[], added: Source): Source[] {
  return [...sources.filter((s) => !(added.path && s.path === added.path)), added];
}

function detachSource(
  archive: Archive,
  noticeIdValue: string,
  sourcePath: string,
  pending: PendingNotice[],
  pendingDeletes: string[],
): void {
  const record = archive.getNotice(noticeIdValue);
  archive.forgetFile(sourcePath);
  if (!record) return;
  record.sources = record.sources.filter((s) => s.path !== sourcePath);
  if (record.sources.length) archive.putNotice(record);
  else {
    archive.deleteNotice(record.id);
    const i = pending.findIndex((p) => p.record.id === record.id);
    if (i >= 0) pending.splice(i, 1);
    pendingDeletes.push(record.id);
  }
}

/** `--remove <file or id>`: deletes a notice (or the notice a file became) from archive and index. */
export async function removeNotices(
  refs: string[],
  archive: Archive,
  client: IndexStore,
): Promise<{ removed: string[]; notFound: string[] }> {
  const removed: string[] = [];
  const notFound: string[] = [];
  for (const ref of refs) {
    const byPath = archive.fileEntry(path.resolve(ref));
    const id = byPath?.noticeId ?? (/^n[A-Za-z0-9]+$/.test(ref) && archive.getNotice(ref) ? ref : undefined);
    if (!id || !archive.deleteNotice(id)) {
      notFound.push(ref);
      continue;
    }
    removed.push(id);
  }
  archive.saveCatalog();
  await waitAll(client, await enqueueDelete(client, removed));
  return { removed, notFound };
}
