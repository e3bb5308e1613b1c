/**
 * Starts the real portal (`server/main.ts`, as `npm start` does) in a child process on a
 * random port with its own temporary DATA_DIR and embedded Meilisearch.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export type Portal = {
  url: string;
  dataDir: string;
  proc: ChildProcess;
  logs: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

export function tempDataDir(prefix = 'portal-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startPortal(opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<Portal> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, MEILI_URL: '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`portal did not start within 90 s:\n${logs.join('')}`)), 90_000);
    const onData = (b: Buffer) => {
      const s = b.toString();
      logs.push(s);
      const m = /listening on http:\/\/localhost:(\d+)/.exec(s);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`portal exited with ${code}:\n${logs.join('')}`));
    });
  });
  return {
    url,
    dataDir,
    proc,
    logs,
    stop(signal: NodeJS.Signals = 'SIGINT') {
      return new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve(proc.exitCode);
        proc.once('exit', (code) => resolve(code));
        proc.kill(signal);
      });
    },
  };
}

export async function getJson<T = any>(url: string): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url);
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
