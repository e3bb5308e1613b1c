/**
 * npm run backup -- FILE [--no-dump] [--force]
 *
 * Writes one file (tar.gz) holding everything needed to bring the portal back:
 *   dump/<uid>.dump   a Meilisearch dump (indexes, settings, the schema version), taken first
 *   archive/...       the archive: originals, extracted text, notice records, catalog, schema
 *                     version, and the journal of a crashed indexer if there is one
 *   manifest.json     what the backup holds: versions, counts, and the sha256 of every file
 * The dump is taken before the archive is read, so a notice indexed in between is in the
 * archive only (restore sends it) and one deleted in between is in the dump only (restore
 * deletes it). Works while the portal runs (it uses the portal's Meilisearch) and while it
 * does not (it starts one). With an external Meilisearch (MEILI_URL) the dump is written on
 * that server, out of reach: the backup then holds the archive only and restore rebuilds the
 * index from it (see docs/operations.md). The file is written to FILE.partial, fsynced and
 * renamed, so FILE is either complete or absent.
 */
import { parseCommandLine, USAGE_ERROR } from '../indexer/command-line.ts';
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Header, Pack, ReadEntry } from 'tar';
import { readConfig } from '../meili/config.ts';
import { connectMeili } from '../meili/connect.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../schema/indexes.ts';
import { SCHEMA_VERSION, readMeiliMarker } from '../meili/schema-version.ts';
import { humanBytes } from './common.ts';

export const BACKUP_FORMAT = 'xuncha-archive-backup';
export const BACKUP_FORMAT_VERSION = 1;

export type Manifest = {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** SCHEMA_VERSION of the program that wrote the backup, and the version the index was written with. */
  schemaVersion: number;
  indexSchemaVersion: number | null;
  meilisearch: { mode: 'embedded' | 'external'; version: string };
  /** tar entry of the dump, null when there is none. */
  dump: string | null;
  counts: { notices: number; originals: number; indexedNotices: number; indexedParagraphs: number };
  files: { name: string; size: number; sha256: string }[];
};

/** Archive files worth keeping: everything but temporary files. */
function archiveFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(p);
    }
  };
  walk(root);
  return out;
}

/**
 * The backup file (tar.gz) as it is written. Entry names are the backup's own (the dump and the
 * archive lie elsewhere on disk), and each sha256 is taken from the very bytes written, so the
 * manifest matches the backup even when the archive changes while it is read. Files are streamed:
 * a large dump is never held in memory.
 */
class BackupWriter {
  private readonly pack = new Pack({ gzip: { level: 6 }, portable: true });
  private readonly done: Promise<void>;
  readonly entries: Manifest['files'] = [];

  constructor(file: string) {
    const out = fs.createWriteStream(file, { mode: 0o600 });
    this.done = new Promise((resolve, reject) => {
      out.once('close', () => resolve());
      out.once('error', reject);
      this.pack.once('error', reject);
    });
    this.pack.pipe(out);
  }

  private entry(name: string, size: number, mtime: Date): ReadEntry {
    const entry = new ReadEntry(new Header({ path: name, type: 'File', mode: 0o644, size, mtime }));
    this.pack.add(entry);
    return entry;
  }

  addBuffer(name: string, data: Buffer): void {
    this.entry(name, data.length, new Date()).end(data);
    this.entries.push({ name, size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex') });
  }

  /** Its size is taken when the file is opened: one that shrinks meanwhile fails the backup. */
  async addFile(name: string, file: string): Promise<void> {
    const fd = await fs.promises.open(file, 'r');
    try {
      const st = await fd.stat();
      const entry = this.entry(name, st.size, st.mtime);
      const hash = crypto.createHash('sha256');
      for (let left = st.size; left > 0; ) {
        // A fresh buffer per chunk: the entry may hold on to it until the gzip stream takes it.
        const want = Math.min(1 << 20, left);
        const { bytesRead, buffer } = await fd.read(Buffer.alloc(want), 0, want, null);
        if (bytesRead === 0) throw new Error(`${file} shrank while it was being backed up`);
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        left -= bytesRead;
        if (!entry.write(chunk)) await once(entry, 'drain');
      }
      entry.end();
      this.entries.push({ name, size: st.size, sha256: hash.digest('hex') });
    } finally {
      await fd.close();
    }
  }

  async finish(): Promise<void> {
    this.pack.end();
    await this.done;
  }
}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export type BackupResult = { file: string; bytes: number; manifest: Manifest; seconds: number };

export async function backup(
  file: string,
  opts: { dump?: boolean; force?: boolean; log?: (m: string) => void } = {},
): Promise<BackupResult> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const started = Date.now();
  const config = readConfig();
  const target = path.resolve(file);
  const archiveRoot = path.join(config.dataDir, 'archive');
  if (!fs.existsSync(path.join(archiveRoot, 'notices')))
    throw new Error(`没有档案可备份 (no archive to back up) in ${archiveRoot}: is DATA_DIR right?`);
  if (fs.existsSync(target) && !opts.force) throw new Error(`${target} 已存在 (already exists); use --force to overwrite it`);
  if (path.resolve(target).startsWith(archiveRoot + path.sep))
    throw new Error('the backup file must not be inside the archive it backs up');
  fs.mkdirSync(path.dirname(target), { recursive: true });

  const conn = await connectMeili(config, log);
  const partial = `${target}.partial`;
  let dumpFile: string | undefined;
  try {
    const version = await conn.admin.version();
    const marker = await readMeiliMarker(conn.admin);
    let dumpEntry: string | null = null;
    if (opts.dump !== false && conn.dump) {
      const t = Date.now();
      const uid = await conn.dump(6 * 3_600_000);
      dumpFile = path.join(config.dataDir, 'dumps', `${uid}.dump`);
      if (!fs.existsSync(dumpFile)) throw new Error(`the dump ${dumpFile} is missing`);
      dumpEntry = `dump/${uid}.dump`;
      log(`Meilisearch dump ${uid} written (${humanBytes(fs.statSync(dumpFile).size)}, ${((Date.now() - t) / 1000).toFixed(1)} s)`);
    } else if (conn.mode === 'external') {
      log(
        'external Meilisearch (MEILI_URL or PARTITIONS_FILE): a dump would be written on its own server, so this backup holds the archive only; restore rebuilds the index from it',
      );
    }
    const indexed = {
      notices: await conn.admin.documentCount(NOTICES_INDEX),
      paragraphs: await conn.admin.documentCount(PARAGRAPHS_INDEX),
    };

    const writer = new BackupWriter(partial);
    if (dumpFile && dumpEntry) await writer.addFile(dumpEntry, dumpFile);
    let notices = 0;
    let originals = 0;
    for (const f of archiveFiles(archiveRoot)) {
      const rel = path.relative(archiveRoot, f).split(path.sep).join('/');
      try {
        await writer.addFile(`archive/${rel}`, f);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue; // deleted meanwhile
        throw e;
      }
      if (rel.startsWith('notices/')) notices++;
      if (rel.startsWith('originals/')) originals++;
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      schemaVersion: SCHEMA_VERSION,
      indexSchemaVersion: marker?.schemaVersion ?? null,
      meilisearch: { mode: conn.mode, version },
      dump: dumpEntry,
      counts: {
        notices,
        originals,
        indexedNotices: indexed.notices,
        indexedParagraphs: indexed.paragraphs,
      },
      files: [...writer.entries],
    };
    writer.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
    await writer.finish();
    fsyncPath(partial);
    fs.renameSync(partial, target);
    fsyncPath(path.dirname(target));
    const bytes = fs.statSync(target).size;
    return { file: target, bytes, manifest, seconds: (Date.now() - started) / 1000 };
  } finally {
    fs.rmSync(partial, { force: true });
    if (dumpFile) fs.rmSync(dumpFile, { force: true });
    await conn.close();
  }
}

const USAGE = `用法 (usage): npm run backup -- FILE [--no-dump] [--force]
  FILE        the backup to write (tar.gz), e.g. /backups/xuncha-$(date +%F).tar.gz
  --no-dump   archive only (restore then rebuilds the index from it)
  --force     overwrite FILE if it exists`;

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, { 'no-dump': { type: 'boolean' }, force: { type: 'boolean' }, help: { type: 'boolean' } }, USAGE);
  if (!parsed) return USAGE_ERROR;
  const { values: flags, positionals: args } = parsed;
  if (flags.help || args.length !== 1) {
    console.error(USAGE);
    return flags.help ? 0 : 2;
  }
  const r = await backup(args[0]!, { dump: !flags['no-dump'], force: flags.force });
  const c = r.manifest.counts;
  console.log(
    `备份完成 (backup written): ${r.file}, ${humanBytes(r.bytes)}; ${c.notices} notices, ${c.originals} originals, index ${c.indexedNotices} notices / ${c.indexedParagraphs} paragraphs, dump ${r.manifest.dump ? 'included' : 'none'}; ${r.seconds.toFixed(1)} s`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`备份失败 (backup failed): ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
