/**
 * A minimal tar (POSIX ustar) writer and reader over gzip, enough for backups: regular files
 * only, streamed (a large dump is never held in memory). The reader refuses what a backup
 * never contains: absolute paths, `..`, links, devices; names are checked by the caller.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import zlib from 'node:zlib';

const BLOCK = 512;
const MAX_SIZE = 8 ** 11 - 1; // 11 octal digits: 8 GiB

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

/** ustar splits a long name into prefix (155 bytes) and name (100 bytes) at a slash. */
function splitName(name: string): { prefix: string; base: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', base: name };
  for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
    const prefix = name.slice(0, i);
    const base = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100) return { prefix, base };
  }
  throw new Error(`file name too long for a tar entry: ${name}`);
}

function header(name: string, size: number, mtime: Date, mode = 0o644): Buffer {
  if (size > MAX_SIZE) throw new Error(`${name} is larger than 8 GiB`);
  const h = Buffer.alloc(BLOCK);
  const { prefix, base } = splitName(name);
  h.write(base, 0, 100, 'utf8');
  h.write(octal(mode, 8), 100, 8, 'ascii');
  h.write(octal(0, 8), 108, 8, 'ascii');
  h.write(octal(0, 8), 116, 8, 'ascii');
  h.write(octal(size, 12), 124, 12, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12, 'ascii');
  h.write('        ', 148, 8, 'ascii');
  h.write('0', 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 8, 'ascii');
  return h;
}

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export type TarEntryInfo = { name: string; size: number; sha256: string };

/** tar.gz writer: add files (streamed from disk) or buffers, then finish(). */
export class TarGzWriter {
  private readonly gzip = zlib.createGzip({ level: 6 });
  private readonly done: Promise<void>;
  readonly entries: TarEntryInfo[] = [];

  constructor(file: string) {
    const out = fs.createWriteStream(file, { mode: 0o600 });
    this.gzip.pipe(out);
    this.done = new Promise((resolve, reject) => {
      out.once('finish', () => resolve());
      out.once('error', reject);
      this.gzip.once('error', reject);
    });
  }

  async addBuffer(name: string, data: Buffer, mtime = new Date()): Promise<void> {
    await write(this.gzip, header(name, data.length, mtime));
    await write(this.gzip, data);
    await this.pad(data.length);
    this.entries.push({ name, size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex') });
  }

  /** Streams a file; its size is taken when it is opened, so a file must not change meanwhile. */
  async addFile(name: string, file: string): Promise<void> {
    const fd = fs.openSync(file, 'r');
    try {
      const st = fs.fstatSync(fd);
      await write(this.gzip, header(name, st.size, st.mtime));
      const hash = crypto.createHash('sha256');
      const buf = Buffer.alloc(1 << 20);
      let left = st.size;
      while (left > 0) {
        const n = fs.readSync(fd, buf, 0, Math.min(buf.length, left), null);
        if (n === 0) throw new Error(`${file} shrank while it was being backed up`);
        const chunk = Buffer.from(buf.subarray(0, n));
        hash.update(chunk);
        await write(this.gzip, chunk);
        left -= n;
      }
      await this.pad(st.size);
      this.entries.push({ name, size: st.size, sha256: hash.digest('hex') });
    } finally {
      fs.closeSync(fd);
    }
  }

  private async pad(size: number): Promise<void> {
    const rest = size % BLOCK;
    if (rest) await write(this.gzip, Buffer.alloc(BLOCK - rest));
  }

  async finish(): Promise<void> {
    await write(this.gzip, Buffer.alloc(BLOCK * 2));
    this.gzip.end();
    await this.done;
  }
}

function parseOctal(b: Buffer): number {
  const s = b.toString('ascii').replace(/\0.*$/s, '').trim();
  if (!/^[0-7]*$/.test(s)) throw new Error('damaged tar header');
  return s ? parseInt(s, 8) : 0;
}

function cstring(b: Buffer): string {
  const i = b.indexOf(0);
  return b.subarray(0, i < 0 ? b.length : i).toString('utf8');
}

/** A name a backup can hold: relative, no `..`, no empty or dot segments, no backslash. */
export function safeEntryName(name: string): boolean {
  if (!name || name.startsWith('/') || name.includes('\\') || name.includes('\0')) return false;
  return name.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

export type TarEntry = { name: string; size: number; mtime: Date };

/**
 * Reads a tar.gz, calling `open` for each regular file: it returns where the content goes
 * (a writable, e.g. a file) or undefined to skip it. Returns the entries with their sha256.
 */
export async function readTarGz(file: string, open: (entry: TarEntry) => Writable | undefined): Promise<TarEntryInfo[]> {
  const input: Readable = fs.createReadStream(file).pipe(zlib.createGunzip());
  const entries: TarEntryInfo[] = [];
  let buffered: Buffer[] = [];
  let have = 0;
  let current: { entry: TarEntry; left: number; pad: number; out?: Writable; hash: crypto.Hash } | undefined;
  let ended = false;
  const take = (n: number): Buffer => {
    const all = buffered.length === 1 ? buffered[0]! : Buffer.concat(buffered);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    buffered = rest.length ? [rest] : [];
    have = rest.length;
    return out;
  };
  const finishEntry = async () => {
    const c = current!;
    if (c.out) {
      c.out.end();
      await once(c.out, 'finish');
    }
    entries.push({ name: c.entry.name, size: c.entry.size, sha256: c.hash.digest('hex') });
    current = undefined;
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      if (ended) continue;
      buffered.push(chunk);
      have += chunk.length;
      for (;;) {
        if (current) {
          if (current.left > 0) {
            if (!have) break;
            const part = take(Math.min(have, current.left));
            current.left -= part.length;
            current.hash.update(part);
            if (current.out) await write(current.out, Buffer.from(part));
            if (current.left > 0) break;
          }
          if (have < current.pad) break;
          take(current.pad);
          await finishEntry();
          continue;
        }
        if (have < BLOCK) break;
        const h = take(BLOCK);
        if (h.every((b) => b === 0)) { ended = true; break; }
        let sum = 0;
        for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
        if (sum !== parseOctal(h.subarray(148, 156))) throw new Error('damaged tar header (checksum)');
        const type = String.fromCharCode(h[156]!);
        const prefix = cstring(h.subarray(345, 500));
        const base = cstring(h.subarray(0, 100));
        const name = prefix ? `${prefix}/${base}` : base;
        const size = parseOctal(h.subarray(124, 136));
        if (type !== '0' && type !== '\0') throw new Error(`the backup holds an entry that is not a regular file: ${JSON.stringify(name)} (type ${JSON.stringify(type)})`);
        if (!safeEntryName(name)) throw new Error(`the backup holds an unsafe file name: ${JSON.stringify(name)}`);
        const entry = { name, size, mtime: new Date(parseOctal(h.subarray(136, 148)) * 1000) };
        current = { entry, left: size, pad: (BLOCK - (size % BLOCK)) % BLOCK, out: open(entry), hash: crypto.createHash('sha256') };
      }
    }
  } catch (e) {
    current?.out?.destroy();
    throw e;
  }
  if (current || !ended) throw new Error('the backup file is truncated');
  return entries;
}
