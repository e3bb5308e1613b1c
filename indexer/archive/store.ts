/**
 * The archive under DATA_DIR/archive: the source of truth. Meilisearch is only an index
 * rebuilt from here (`npm run reindex`).
 *   originals/<sha256>.<ext>  every original file, byte for byte
 *   text/<sha256>.txt         the text extracted from it
 *   notices/<id>.json         the notice record with ids, former ids and sources
 *   catalog.json              path → file hash → notice, and text hash → notice (a cache,
 *                             rebuilt from notices/ when missing or damaged)
 *   pending/<pid>-<tag>.log   journal: notices changed here but not yet committed (below)
 *   index-version.json        schema version of the index built from here (meili/schema-version.ts)
 * Every write goes to a temporary file, is fsynced, then renamed over the target, so a crash
 * never leaves a half-written file; temporary files of processes that died are removed when
 * the archive is next opened.
 *
 * Crash safety with Meilisearch. The indexer writes a notice here first, then sends it to
 * Meilisearch, then saves the catalog (saveCatalog): that save is the commit point, after
 * which Meilisearch holds the notices' tasks (its task queue is durable). Before a notice
 * is written or deleted, its id is appended (and fsynced) to this process's journal; the
 * commit empties the journal. A journal whose process has died names the notices a crash
 * may have left unsent: until they are written again, the catalog does not answer for them
 * (fileEntry, noticeForText), so indexing the same files again re-sends them instead of
 * calling them unchanged, and the portal replays the rest at startup (indexer/rebuild.ts
 * syncIndex: re-send what the archive holds, delete what it does not).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NoticeRecord } from '../../contract/notice.ts';
import { SCHEMA_VERSION, archiveMarkerFile, writeArchiveMarker } from '../../meili/schema-version.ts';

/** Returns the written file's stats, taken before the rename: nobody else can have written it yet. */
export function writeFileAtomic(file: string, data: string | Uint8Array): fs.Stats {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o644);
  let stats: fs.Stats;
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fs.fsyncSync(fd);
    stats = fs.fstatSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return stats;
}

/**
 * Which write of a file this is. Every write is a new file renamed into place (a new inode),
 * and a rename keeps inode, size and mtime (not ctime).
 */
function stampOf(st: fs.Stats): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}`;
}

type Catalog = {
  /** absolute source path → sha256 of its bytes and the notice it became */
  files: Record<string, { sha256: string; noticeId: string }>;
  /** sha256 of normalised text → notice id (republished copies are stored once) */
  texts: Record<string, string>;
};

const SAFE_NAME = /^[A-Za-z0-9]+$/;
const ARCHIVE_DIRS = ['originals', 'text', 'notices', 'pending'];
/** Journals of Archive instances open in this process (a journal of this pid not listed here is a dead process's). */
const openJournals = new Set<string>();

export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Archive {
  readonly root: string;
  private catalog: Catalog;
  /**
   * The catalog the other way round, notice id → its text hashes and source paths, so that
   * writing or removing one notice touches its own entries: scanning the whole catalog for
   * them on every write made indexing quadratic (a CPU profile of the indexer at about 45 000
   * of 100 000 generated notices: 80 % of its main thread; docs/benchmarks.md, Indexing).
   */
  private readonly byNotice = new Map<string, { texts: Set<string>; files: Set<string> }>();
  /** This instance's journal: pending/<pid>-<tag>.log, opened on the first change. */
  private readonly journalFile: string;
  private journalFd: number | undefined;
  /** Ids changed by this instance since its last commit. */
  private readonly session = new Set<string>();
  /** Ids left uncommitted by processes that died, not yet written again or replayed. */
  private readonly inherited = new Set<string>();
  /** Their journals, removed once what they name is settled. */
  private deadJournals: string[] = [];

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'archive');
    const fresh = !fs.existsSync(path.join(this.root, 'notices'));
    for (const d of ARCHIVE_DIRS) fs.mkdirSync(path.join(this.root, d), { recursive: true });
    this.journalFile = path.join(this.root, 'pending', `${process.pid}-${crypto.randomBytes(4).toString('hex')}.log`);
    openJournals.add(this.journalFile);
    this.removeStaleTemporaries();
    this.readDeadJournals();
    this.catalog = this.loadCatalog();
    this.indexCatalog();
    this.reconcileUnsettled();
    // Whatever gets indexed from a new archive is indexed by this version.
    if (fresh && !fs.existsSync(archiveMarkerFile(dataDir)))
      writeArchiveMarker(dataDir, { schemaVersion: SCHEMA_VERSION, writtenAt: new Date().toISOString() });
  }

  /** Temporary files of writes that a dead process (or this one, before it started) never renamed. */
  private removeStaleTemporaries(): void {
    const startedAt = Date.now() - process.uptime() * 1000;
    for (const dir of [this.root, ...ARCHIVE_DIRS.map((d) => path.join(this.root, d))]) {
      for (const name of fs.readdirSync(dir)) {
        const m = /\.(\d+)(?:\.\d+)?\.tmp$/.exec(name);
        if (!m) continue;
        const pid = Number(m[1]);
        const file = path.join(dir, name);
        try {
          if (pid === process.pid ? fs.statSync(file).mtimeMs < startedAt : !isAlive(pid)) fs.rmSync(file, { force: true });
        } catch {
          /* removed meanwhile */
        }
      }
    }
  }

  private readDeadJournals(): void {
    const dir = path.join(this.root, 'pending');
    const startedAt = Date.now() - process.uptime() * 1000;
    for (const name of fs.readdirSync(dir)) {
      const m = /^(\d+)-[0-9a-f]+\.log$/.exec(name);
      if (!m) continue;
      const file = path.join(dir, name);
      const pid = Number(m[1]);
      let dead: boolean;
      try {
        dead = pid === process.pid ? !openJournals.has(file) && fs.statSync(file).mtimeMs < startedAt : !isAlive(pid);
      } catch {
        continue;
      }
      if (!dead) continue;
      let text = '';
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      for (const id of text.split('\n')) if (SAFE_NAME.test(id)) this.inherited.add(id);
      this.deadJournals.push(file);
    }
  }

  /**
   * The saved catalog predates a dead process's uncommitted changes, while the records it
   * wrote are on disk: for the notices its journal names, the catalog is derived again from
   * the records. Otherwise a replay (syncIndex) would settle them while the catalog still
   * vouched for a file's old hash, and that file, put back as it was, would be called
   * unchanged next to a record of its other version.
   */
  private reconcileUnsettled(): void {
    if (!this.inherited.size) return;
    this.uncatalog(this.inherited);
    for (const id of this.inherited) {
      const record = this.getNotice(id);
      if (record) this.catalogRecord(record);
    }
  }

  private entriesOf(id: string) {
    let e = this.byNotice.get(id);
    if (!e) this.byNotice.set(id, (e = { texts: new Set(), files: new Set() }));
    return e;
  }

  /** Builds byNotice from the catalog as loaded or rebuilt. */
  private indexCatalog(): void {
    this.byNotice.clear();
    for (const [h, id] of Object.entries(this.catalog.texts)) this.entriesOf(id).texts.add(h);
    for (const [p, e] of Object.entries(this.catalog.files)) this.entriesOf(e.noticeId).files.add(p);
  }

  /** Points the catalog's text hash and source paths at this record. */
  private catalogRecord(record: NoticeRecord): void {
    const own = this.entriesOf(record.id);
    const previous = this.catalog.texts[record.textHash];
    if (previous !== undefined && previous !== record.id) this.byNotice.get(previous)?.texts.delete(record.textHash);
    this.catalog.texts[record.textHash] = record.id;
    own.texts.add(record.textHash);
    for (const s of record.sources) {
      if (!s.path) continue;
      const before = this.catalog.files[s.path]?.noticeId;
      if (before !== undefined && before !== record.id) this.byNotice.get(before)?.files.delete(s.path);
      this.catalog.files[s.path] = { sha256: s.sha256, noticeId: record.id };
      own.files.add(s.path);
    }
  }

  /** Removes every file and text hash the catalog maps to these notices. */
  private uncatalog(ids: ReadonlySet<string>): void {
    for (const id of ids) {
      const own = this.byNotice.get(id);
      if (!own) continue;
      for (const p of own.files) if (this.catalog.files[p]?.noticeId === id) delete this.catalog.files[p];
      for (const h of own.texts) if (this.catalog.texts[h] === id) delete this.catalog.texts[h];
      this.byNotice.delete(id);
    }
  }

  /** Write-ahead: the id is in the journal (on disk) before the record changes. */
  private journal(id: string): void {
    this.inherited.delete(id);
    if (this.session.has(id)) return;
    this.session.add(id);
    this.journalFd ??= fs.openSync(this.journalFile, 'a', 0o644);
    fs.writeSync(this.journalFd, id + '\n');
    fs.fdatasyncSync(this.journalFd);
  }

  /**
   * Commit: what this instance changed has been sent to Meilisearch. The journal keeps only
   * what dead processes left and nobody has settled yet.
   */
  private commit(): void {
    this.session.clear();
    if (this.journalFd !== undefined) {
      fs.closeSync(this.journalFd);
      this.journalFd = undefined;
    }
    // What dead processes left and nobody settled yet is carried over before their journals go.
    if (this.inherited.size) writeFileAtomic(this.journalFile, [...this.inherited].map((id) => id + '\n').join(''));
    else fs.rmSync(this.journalFile, { force: true });
    for (const f of this.deadJournals) fs.rmSync(f, { force: true });
    this.deadJournals = [];
  }

  /**
   * Notices that a process which died may have changed here without sending them to
   * Meilisearch, and that nobody has written again since: to be replayed (syncIndex).
   */
  unsettledIds(): string[] {
    return [...this.inherited];
  }

  /** The caller has brought these notices in Meilisearch in line with the archive. */
  settle(ids: Iterable<string>): void {
    for (const id of ids) this.inherited.delete(id);
    // The reconciled catalog is on disk before the journals that justified it go.
    if (this.deadJournals.length) this.writeCatalog();
    this.commit();
  }

  private loadCatalog(): Catalog {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.root, 'catalog.json'), 'utf8')) as Catalog;
    } catch {
      return this.rebuildCatalog();
    }
  }

  private writeCatalog(): void {
    writeFileAtomic(path.join(this.root, 'catalog.json'), JSON.stringify(this.catalog));
  }

  /** Derives the catalog from the notice records alone. */
  rebuildCatalog(): Catalog {
    this.catalog = { files: {}, texts: {} };
    this.byNotice.clear();
    for (const record of this.notices()) this.catalogRecord(record);
    this.writeCatalog();
    return this.catalog;
  }

  /** Saves the catalog and commits: call it only once the changes so far are sent to Meilisearch. */
  saveCatalog(): void {
    this.writeCatalog();
    this.commit();
  }

  /** A notice left unsettled by a crash is not vouched for: its files are indexed again. */
  fileEntry(sourcePath: string) {
    const e = this.catalog.files[sourcePath];
    return e && this.inherited.has(e.noticeId) ? undefined : e;
  }
  noticeForText(textHash: string): string | undefined {
    const id = this.catalog.texts[textHash];
    return id && this.inherited.has(id) ? undefined : id;
  }
  sourcePaths(): string[] {
    return Object.keys(this.catalog.files);
  }

  private noticeFile(id: string): string {
    if (!SAFE_NAME.test(id)) throw new Error(`invalid notice id ${JSON.stringify(id)}`);
    return path.join(this.root, 'notices', `${id}.json`);
  }

  originalPath(sha256: string, ext: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256) || !/^[a-z]{2,5}$/.test(ext)) throw new Error('invalid original file reference');
    return path.join(this.root, 'originals', `${sha256}.${ext}`);
  }

  saveOriginal(sha256: string, ext: string, bytes: Uint8Array, text: string): void {
    const file = this.originalPath(sha256, ext);
    if (!fs.existsSync(file)) writeFileAtomic(file, bytes);
    const textFile = path.join(this.root, 'text', `${sha256}.txt`);
    if (!fs.existsSync(textFile)) writeFileAtomic(textFile, text);
  }

  readText(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid text reference');
    return fs.readFileSync(path.join(this.root, 'text', `${sha256}.txt`), 'utf8');
  }

  getNotice(id: string): NoticeRecord | undefined {
    const file = this.noticeFile(id);
    if (!fs.existsSync(file)) return undefined;
    return NoticeRecord.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  }

  /**
   * The same without blocking: the portal's notice pages are read here, not from Meilisearch,
   * which keeps no copy of the records (schema/documents.ts, NoticeDoc).
   */
  async readNotice(id: string): Promise<NoticeRecord | undefined> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.noticeFile(id), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    return NoticeRecord.parse(JSON.parse(text));
  }

  /**
   * Stores the record and points its sources and text hash at it (catalog saved by the caller).
   * Returns the stamp of this write (noticeStamp).
   */
  putNotice(record: NoticeRecord): string {
    const file = this.noticeFile(record.id);
    this.journal(record.id);
    const stamp = stampOf(writeFileAtomic(file, JSON.stringify(record)));
    // A corrected notice no longer has its old text: a file with that text is not a copy of it.
    const own = this.entriesOf(record.id);
    for (const h of own.texts)
      if (h !== record.textHash) {
        if (this.catalog.texts[h] === record.id) delete this.catalog.texts[h];
        own.texts.delete(h);
      }
    this.catalogRecord(record);
    return stamp;
  }

  /**
   * Changes whenever the notice's record is written again (by any process); undefined when
   * the archive does not hold it. Cheaper than reading records to see which changed.
   */
  noticeStamp(id: string): string | undefined {
    try {
      return stampOf(fs.statSync(this.noticeFile(id)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  deleteNotice(id: string): NoticeRecord | undefined {
    const record = this.getNotice(id);
    if (!record) return undefined;
    this.journal(id);
    fs.rmSync(this.noticeFile(id));
    this.uncatalog(new Set([id]));
    return record;
  }

  forgetFile(sourcePath: string): void {
    const id = this.catalog.files[sourcePath]?.noticeId;
    if (id !== undefined) this.byNotice.get(id)?.files.delete(sourcePath);
    delete this.catalog.files[sourcePath];
  }

  /**
   * Changes whenever a notice is added, written again or removed: records are renamed into
   * their directory, which changes its modification time. One stat, however many notices.
   */
  noticesStamp(): string {
    return stampOf(fs.statSync(path.join(this.root, 'notices')));
  }

  noticeIds(): string[] {
    return fs
      .readdirSync(path.join(this.root, 'notices'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5));
  }

  *notices(): Generator<NoticeRecord> {
    for (const id of this.noticeIds()) {
      const r = this.getNotice(id);
      if (r) yield r;
    }
  }

  isEmpty(): boolean {
    return this.noticeIds().length === 0;
  }
}
