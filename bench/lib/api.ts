/**
 * The real portal server as a child process (as test/support/portal.ts starts it), pointed
 * at the benchmark's Meilisearch, and a keep-alive HTTP client for timing it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type Portal = { url: string; proc: ChildProcess; logs: string[]; stop(): Promise<void> };

export async function startPortal(opts: { dataDir: string; meiliUrl: string; masterKey: string }): Promise<Portal> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: opts.dataDir,
      LOAD_SAMPLES: '0',
      MEILI_URL: opts.meiliUrl,
      MEILI_MASTER_KEY: opts.masterKey,
      NODE_ENV: 'production',
      // Every benchmark client has the same address: a per-client rate limit would turn the
      // load test into a test of the limiter.
      RATE_LIMIT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const keep = (b: Buffer) => {
    logs.push(b.toString());
    if (logs.length > 200) logs.splice(0, 100);
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`portal did not start within 10 min:\n${logs.join('')}`)), 600_000);
    const onData = (b: Buffer) => {
      const m = /listening on http:\/\/localhost:(\d+)/.exec(b.toString());
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
  // Request logs are one JSON line per request: keep only the last ones (for errors).
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  return {
    url,
    proc,
    logs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** GET with a keep-alive connection; the body is read and JSON-parsed, as a client would. */
export function getJson(url: string): Promise<{ status: number; body: any; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: any = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

export function closeClient(): void {
  agent.destroy();
}
