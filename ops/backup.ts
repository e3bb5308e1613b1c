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
import fs from 'node:fs';
import path from 'node:path';
import type { TaskResult } from '../meili/client.ts';
import { readConfig } from '../meili/config.ts';
import { connectMeili } from '../meili/connect.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../schema/indexes.ts';
import { SCHEMA_VERSION, readMeiliMarker } from '../meili/schema-version.ts';
import { humanBytes } from './common.ts';
import { TarGzWriter } from './tar.ts';

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
    try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !e.name.endsWith('.tmp')) out.push(p);
    }
  };
  walk(root);
  return out;
}

function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r');
  try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
}

export type BackupResult = { file: string; bytes: number; manifest: Manifest; seconds: number };

export async function backup(file: string, opts: { dump?: boolean; force?: boolean; log?: (m: string) => void } = {}): Promise<BackupResult> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const started = Date.now();
  const config = readConfig();
  const target = path.resolve(file);
  const archiveRoot = path.join(config.dataDir, 'archive');
  if (!fs.existsSync(path.join(archiveRoot, 'notices'))) throw new Error(`没有档案可备份 (no archive to back up) in ${archiveRoot}: is DATA_DIR right?`);
  if (fs.existsSync(target) && !opts.force) throw new Error(`${target} 已存在 (already exists); use --force to overwrite it`);
  if (path.resolve(target).startsWith(archiveRoot + path.sep)) throw new Error('the backup file must not be inside the archive it backs up');
  fs.mkdirSync(path.dirname(target), { recursive: true });

  const conn = await connectMeili(config, log);
  const partial = `${target}.partial`;
  let dumpFile: string | undefined;
  try {
    const version = (await conn.admin.request<{ pkgVersion: string }>('GET', '/version')).pkgVersion;
    const marker = await readMeiliMarker(conn.admin);
    let dumpEntry: string | null = null;
    if (opts.dump !== false && conn.mode === 'embedded') {
      const t = Date.now();
      const task = await conn.admin.request<{ taskUid: number }>('POST', '/dumps');
      const done = (await conn.admin.waitForTask(task, 6 * 3_600_000)) as TaskResult & { details?: { dumpUid?: string } };
      const uid = done.details?.dumpUid;
      if (!uid) throw new Error('Meilisearch did not say which dump it wrote');
      dumpFile = path.join(config.dataDir, 'dumps', `${uid}.dump`);
      if (!fs.existsSync(dumpFile)) throw new Error(`the dump ${dumpFile} is missing`);
      dumpEntry = `dump/${uid}.dump`;
      log(`Meilisearch dump ${uid} written (${humanBytes(fs.statSync(dumpFile).size)}, ${((Date.now() - t) / 1000).toFixed(1)} s)`);
    } else if (conn.mode === 'external') {
      log('external Meilisearch (MEILI_URL or PARTITIONS_FILE): a dump would be written on its own server, so this backup holds the archive only; restore rebuilds the index from it');
    }
    const stats = await conn.admin.request<{ indexes: Record<string, { numberOfDocuments: number }> }>('GET', '/stats');

    const writer = new TarGzWriter(partial);
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
        notices, originals,
        indexedNotices: stats.indexes[NOTICES_INDEX]?.numberOfDocuments ?? 0,
        indexedParagraphs: stats.indexes[PARAGRAPHS_INDEX]?.numberOfDocuments ?? 0,
      },
      files: [...writer.entries],
    };
    await writer.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n'));
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
  const flags = argv.filter((a) => a.startsWith('--'));
  const args = argv.filter((a) => !a.startsWith('--'));
  const unknown = flags.filter((f) => !['--no-dump', '--force', '--help'].includes(f));
  if (flags.includes('--help') || unknown.length || args.length !== 1) {
    if (unknown.length) console.error(`未知选项 (unknown option): ${unknown.join(' ')}`);
    console.error(USAGE);
    return flags.includes('--help') ? 0 : 2;
  }
  const r = await backup(args[0]!, { dump: !flags.includes('--no-dump'), force: flags.includes('--force') });
  const c = r.manifest.counts;
  console.log(`备份完成 (backup written): ${r.file}, ${humanBytes(r.bytes)}; ${c.notices} notices, ${c.originals} originals, index ${c.indexedNotices} notices / ${c.indexedParagraphs} paragraphs, dump ${r.manifest.dump ? 'included' : 'none'}; ${r.seconds.toFixed(1)} s`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    console.error(`备份失败 (backup failed): ${(e as Error).message}`);
    process.exit(1);
  });
}
