/**
 * The archive under DATA_DIR/archive: the source of truth. Meilisearch is only an index
 * rebuilt from here (`npm run reindex`).
 *   originals/<sha256>.<ext>  every original file, byte for byte
 *   text/<sha256>.txt         the text extracted from it
 *   notices/<id>.json         the notice record with ids, former ids and sources
 *   catalog.json              path → file hash → notice, and text hash → notice (a cache,
 *                             rebuilt from notices/ when missing or damaged)
 * Every write goes to a temporary file, is fsynced, then renamed over the target, so a crash
 * never leaves a half-written file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NoticeRecord } from '../../contract/notice.ts';

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

type Catalog = {
  /** absolute source path → sha256 of its bytes and the notice it became */
  files: Record<string, { sha256: string; noticeId: string }>;
  /** sha256 of normalised text → notice id (republished copies are stored once) */
  texts: Record<string, string>;
};

const SAFE_NAME = /^[A-Za-z0-9]+$/;

export class Archive {
  readonly root: string;
  private catalog: Catalog;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'archive');
    for (const d of ['originals', 'text', 'notices']) fs.mkdirSync(path.join(this.root, d), { recursive: true });
    this.catalog = this.loadCatalog();
  }

  private loadCatalog(): Catalog {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.root, 'catalog.json'), 'utf8')) as Catalog;
    } catch {
      return this.rebuildCatalog();
    }
  }

  /** Derives the catalog from the notice records alone. */
  rebuildCatalog(): Catalog {
    const catalog: Catalog = { files: {}, texts: {} };
    for (const record of this.notices()) {
      catalog.texts[record.textHash] = record.id;
      for (const s of record.sources) if (s.path) catalog.files[s.path] = { sha256: s.sha256, noticeId: record.id };
    }
    this.catalog = catalog;
    this.saveCatalog();
    return catalog;
  }

  saveCatalog(): void {
    writeFileAtomic(path.join(this.root, 'catalog.json'), JSON.stringify(this.catalog));
  }

  fileEntry(sourcePath: string) { return this.catalog.files[sourcePath]; }
  noticeForText(textHash: string): string | undefined { return this.catalog.texts[textHash]; }
  sourcePaths(): string[] { return Object.keys(this.catalog.files); }

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

  /** Stores the record and points its sources and text hash at it (catalog saved by the caller). */
  putNotice(record: NoticeRecord): void {
    writeFileAtomic(this.noticeFile(record.id), JSON.stringify(record));
    // A corrected notice no longer has its old text: a file with that text is not a copy of it.
    for (const [h, n] of Object.entries(this.catalog.texts)) if (n === record.id && h !== record.textHash) delete this.catalog.texts[h];
    this.catalog.texts[record.textHash] = record.id;
    for (const s of record.sources) if (s.path) this.catalog.files[s.path] = { sha256: s.sha256, noticeId: record.id };
  }

  deleteNotice(id: string): NoticeRecord | undefined {
    const record = this.getNotice(id);
    if (!record) return undefined;
    fs.rmSync(this.noticeFile(id));
    for (const [p, e] of Object.entries(this.catalog.files)) if (e.noticeId === id) delete this.catalog.files[p];
    for (const [h, n] of Object.entries(this.catalog.texts)) if (n === id) delete this.catalog.texts[h];
    return record;
  }

  forgetFile(sourcePath: string): void { delete this.catalog.files[sourcePath]; }

  noticeIds(): string[] {
    return fs.readdirSync(path.join(this.root, 'notices')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  }

  *notices(): Generator<NoticeRecord> {
    for (const id of this.noticeIds()) {
      const r = this.getNotice(id);
      if (r) yield r;
    }
  }

  isEmpty(): boolean { return this.noticeIds().length === 0; }
}
