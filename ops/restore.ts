/**
 * npm run restore -- FILE [--rebuild]
 *
 * Brings back a portal from a backup written by `npm run backup`, into an empty DATA_DIR:
 *  1. unpacks FILE into DATA_DIR/.restore-<pid>/ and checks every file against the sha256 in
 *     its manifest (a damaged or tampered backup is refused and nothing is left behind);
 *  2. moves the archive into place;
 *  3. embedded Meilisearch: starts it on the backup's dump (`--import-dump`), which brings
 *     back the indexes as they were; if there is no dump, the import fails, or --rebuild is
 *     given, the index is rebuilt from the archive instead (ids are derived from content, so
 *     the paragraph ids are the same either way). External Meilisearch (MEILI_URL) or
 *     partitions (PARTITIONS_FILE): the index is rebuilt from the archive into it;
 *  4. brings the index in line with the archive (notices indexed or deleted after the dump
 *     was taken), rebuilds it when it was written with another schema version, and verifies
 *     that index and archive agree notice for notice and paragraph for paragraph.
 * Then `npm start` serves the restored portal.
 */
import { parseCommandLine, USAGE_ERROR } from '../indexer/command-line.ts';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { readConfig } from '../meili/config.ts';
import { connectMeili, embeddedConnection, type MeiliConnection } from '../meili/connect.ts';
import { startEmbeddedMeili } from '../meili/embedded.ts';
import { ensureIndexes } from '../meili/indexes.ts';
import { SCHEMA_VERSION, checkIndexSchema } from '../meili/schema-version.ts';
import { Archive } from '../indexer/archive/store.ts';
import { rebuildIndex, syncIndex } from '../indexer/rebuild.ts';
import { BACKUP_FORMAT, type Manifest } from './backup.ts';
import { meiliProcesses } from './common.ts';
import { repair, verifyDataDir, type VerifyReport } from './verify.ts';

export type RestoreResult = {
  via: 'dump' | 'rebuild';
  notices: number;
  paragraphs: number;
  seconds: number;
  report: VerifyReport;
  dumpError?: string;
};

function nonEmpty(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

/** A name a backup can hold: relative, no `..`, no empty or dot segments, no backslash. */
function safeEntryName(name: string): boolean {
  if (!name || name.startsWith('/') || name.includes('\\') || name.includes('\0')) return false;
  return name.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** Why an entry must not be unpacked into `staging`, if it must not: a backup holds nothing but its own regular files. */
function refusal(entry: ReadEntry, staging: string): string | undefined {
  const name = JSON.stringify(entry.path);
  if (entry.type !== 'File' && entry.type !== 'OldFile')
    return `the backup holds an entry that is not a regular file: ${name} (${entry.type})`;
  if (!safeEntryName(entry.path)) return `the backup holds an unsafe file name: ${name}`;
  if (!(entry.path === 'manifest.json' || entry.path.startsWith('archive/') || entry.path.startsWith('dump/')))
    return `the backup holds an unexpected file: ${name}`;
  if (!path.join(staging, ...entry.path.split('/')).startsWith(staging + path.sep)) return `unsafe file name in the backup: ${name}`;
  return undefined;
}

type Unpacked = { name: string; size: number; sha256: string };

/** Writes the backup's files into `staging`, each checked before a byte of it is written; returns them with their sha256. */
function extract(file: string, staging: string): Promise<Unpacked[]> {
  const parser = new Parser({ strict: true });
  const files: Promise<Unpacked>[] = [];
  const open = new Set<fs.WriteStream>();
  parser.on('entry', (entry: ReadEntry) => {
    const problem = refusal(entry, staging);
    if (problem) {
      entry.resume();
      parser.abort(new Error(problem));
      return;
    }
    const target = path.join(staging, ...entry.path.split('/'));
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
    } catch (e) {
      entry.resume();
      parser.abort(e as Error);
      return;
    }
    const out = fs.createWriteStream(target, { flags: 'wx', mode: 0o644 });
    open.add(out);
    const hash = crypto.createHash('sha256');
    let size = 0;
    entry.on('data', (chunk: Buffer) => {
      if (out.destroyed) return; // the unpacking failed meanwhile
      hash.update(chunk);
      size += chunk.length;
      if (!out.write(chunk)) {
        entry.pause();
        out.once('drain', () => entry.resume());
      }
    });
    entry.on('end', () => out.end());
    const written = new Promise<Unpacked>((resolve, reject) => {
      out.once('close', () => {
        open.delete(out);
        resolve({ name: entry.path, size, sha256: hash.digest('hex') });
      });
      out.once('error', (e) => {
        reject(e);
        parser.abort(e);
      });
    });
    written.catch(() => {}); // awaited below, unless the unpacking fails first
    files.push(written);
  });
  return new Promise<Unpacked[]>((resolve, reject) => {
    const input = fs.createReadStream(file);
    const fail = (e: Error) => {
      input.destroy();
      for (const out of open) out.destroy();
      reject(e);
    };
    input.once('error', fail);
    parser.once('error', fail);
    parser.once('end', () => Promise.all(files).then(resolve, fail));
    input.pipe(parser);
  });
}

/** Unpacks and checks the backup in `staging`; returns its manifest. */
export async function unpack(file: string, staging: string): Promise<Manifest> {
  fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
  const entries = await extract(file, staging);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(staging, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    throw new Error('the backup has no readable manifest.json: not a backup written by `npm run backup`');
  }
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`not a backup of this portal (format ${JSON.stringify(manifest.format)})`);
  const got = new Map(entries.filter((e) => e.name !== 'manifest.json').map((e) => [e.name, e]));
  for (const f of manifest.files) {
    const e = got.get(f.name);
    if (!e) throw new Error(`the backup is incomplete: ${f.name} is missing`);
    if (e.sha256 !== f.sha256 || e.size !== f.size) throw new Error(`the backup is damaged: ${f.name} does not match its checksum`);
    got.delete(f.name);
  }
  if (got.size) throw new Error(`the backup holds files its manifest does not list: ${[...got.keys()].slice(0, 3).join(', ')}`);
  return manifest;
}

export async function restore(file: string, opts: { rebuild?: boolean; log?: (m: string) => void } = {}): Promise<RestoreResult> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const started = Date.now();
  const config = readConfig();
  const dataDir = config.dataDir;
  if (!fs.existsSync(file)) throw new Error(`${file} 不存在 (no such file)`);
  if (meiliProcesses(dataDir).length) throw new Error(`a Meilisearch is running on ${dataDir}: stop the portal first`);
  if (nonEmpty(path.join(dataDir, 'archive')) || nonEmpty(path.join(dataDir, 'meili'))) {
    throw new Error(`${dataDir} is not empty (it holds an archive or an index): restore into an empty DATA_DIR`);
  }
  // What a failed restore removes again: what was empty or absent before it.
  const ours = [
    'archive',
    'meili',
    ...['dumps', 'snapshots', 'meili.json', 'meili.key'].filter((f) => !fs.existsSync(path.join(dataDir, f))),
  ];
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const staging = path.join(dataDir, `.restore-${process.pid}`);
  let dumpFile: string | undefined;
  let restored = false;
  try {
    const t = Date.now();
    const manifest = await unpack(file, staging);
    log(
      `backup of ${manifest.createdAt} checked: ${manifest.counts.notices} notices, ${manifest.files.length} files, dump ${manifest.dump ? 'included' : 'none'} (${((Date.now() - t) / 1000).toFixed(1)} s)`,
    );
    fs.rmSync(path.join(dataDir, 'archive'), { recursive: true, force: true });
    fs.renameSync(path.join(staging, 'archive'), path.join(dataDir, 'archive'));
    if (manifest.dump) {
      fs.mkdirSync(path.join(dataDir, 'dumps'), { recursive: true });
      dumpFile = path.join(dataDir, 'dumps', `restore-${path.basename(manifest.dump)}`);
      fs.renameSync(path.join(staging, ...manifest.dump.split('/')), dumpFile);
    }
    fs.rmSync(staging, { recursive: true, force: true });

    let conn: MeiliConnection;
    let via: RestoreResult['via'] = 'rebuild';
    let dumpError: string | undefined;
    if (config.meiliUrl || config.partitionsFile) {
      // External Meilisearch, or partitions (PARTITIONS_FILE): rebuilt from the archive.
      conn = await connectMeili(config, log);
    } else {
      let embedded: Awaited<ReturnType<typeof startEmbeddedMeili>> | undefined;
      if (dumpFile && !opts.rebuild) {
        const ti = Date.now();
        try {
          embedded = await startEmbeddedMeili({ dataDir, binary: config.meiliBinary, log, importDump: dumpFile });
          via = 'dump';
          log(`Meilisearch dump imported (${((Date.now() - ti) / 1000).toFixed(1)} s)`);
        } catch (e) {
          dumpError = (e as Error).message;
          log(`importing the dump failed, rebuilding the index from the archive instead: ${dumpError}`);
          fs.rmSync(path.join(dataDir, 'meili'), { recursive: true, force: true });
        }
      }
      embedded ??= await startEmbeddedMeili({ dataDir, binary: config.meiliBinary, log });
      conn = embeddedConnection(embedded);
    }
    try {
      await ensureIndexes(conn.admin);
      const archive = new Archive(dataDir);
      const archived = archive.noticeIds().length;
      const progress = (label: string) => {
        let last = 0;
        return (d: number, n: number) => {
          if (d === n || Date.now() - last > 2000) {
            last = Date.now();
            log(`${label} ${d}/${n}`);
          }
        };
      };
      if (via === 'dump') {
        const schema = await checkIndexSchema(conn.admin, dataDir, archived);
        if (schema.rebuild) {
          log(`the restored index must be rebuilt: ${schema.reason}`);
          await rebuildIndex(archive, conn.admin, 'reparse', progress('重建索引 (reindexing)'));
        } else {
          const sync = await syncIndex(archive, conn.admin);
          if (sync.resent.length || sync.deleted.length)
            log(`brought the index in line with the archive: ${sync.resent.length} notices sent, ${sync.deleted.length} deleted`);
        }
      } else {
        // Records of another schema version are parsed again from their text.
        await rebuildIndex(
          archive,
          conn.admin,
          manifest.schemaVersion === SCHEMA_VERSION ? 'none' : 'reparse',
          progress('重建索引 (reindexing)'),
        );
      }
      let report = await verifyDataDir(archive, conn.admin);
      if (!report.ok) {
        log('index and archive differ after the restore; repairing');
        await repair(archive, conn.admin, report);
        report = await verifyDataDir(archive, conn.admin);
      }
      if (!report.ok)
        throw new Error(
          `index and archive still differ after the restore (run \`npx tsx ops/verify.ts\`): ${JSON.stringify({ missing: report.missingParagraphs.length, extra: report.extraParagraphs.length, schema: report.schema })}`,
        );
      restored = true;
      return {
        via,
        notices: report.indexedNotices,
        paragraphs: report.indexedParagraphs,
        seconds: (Date.now() - started) / 1000,
        report,
        ...(dumpError ? { dumpError } : {}),
      };
    } finally {
      await conn.close();
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    if (dumpFile) fs.rmSync(dumpFile, { force: true });
    // DATA_DIR was empty: a failed restore leaves it so (but for meili.log), ready for another try.
    if (!restored) for (const f of ours) fs.rmSync(path.join(dataDir, f), { recursive: true, force: true });
  }
}

const USAGE = `用法 (usage): npm run restore -- FILE [--rebuild]
  FILE       a backup written by \`npm run backup\`
  --rebuild  rebuild the index from the archive instead of importing the backup's dump
DATA_DIR must be empty, and no portal may be running on it.`;

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv, { rebuild: { type: 'boolean' }, help: { type: 'boolean' } }, USAGE);
  if (!parsed) return USAGE_ERROR;
  const { values: flags, positionals: args } = parsed;
  if (flags.help || args.length !== 1) {
    console.error(USAGE);
    return flags.help ? 0 : 2;
  }
  const r = await restore(path.resolve(args[0]!), { rebuild: flags.rebuild });
  console.log(
    `恢复完成 (restored) into ${readConfig().dataDir}: ${r.notices} notices, ${r.paragraphs} paragraphs, index ${r.via === 'dump' ? 'imported from the dump' : 'rebuilt from the archive'}${r.dumpError ? ' (the dump could not be imported)' : ''}; ${r.seconds.toFixed(1)} s. Start the portal with \`npm start\`.`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(`恢复失败 (restore failed): ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
