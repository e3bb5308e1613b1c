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

export type TimedResponse = { status: number; ms: number; headers: http.IncomingHttpHeaders; text?: string; error?: Error };

/**
 * GET on a keep-alive connection (this module's, or `agent`), timed to the end of the body,
 * which is read whole as a client would (kept only with `keepBody`). A failed connection is
 * status 0 with its error, so a load run counts it instead of stopping.
 */
export function timedGet(
  url: string,
  opts: { agent?: http.Agent; localAddress?: string; keepBody?: boolean } = {},
): Promise<TimedResponse> {
  const started = performance.now();
  const failed = (error: Error): TimedResponse => ({ status: 0, ms: performance.now() - started, headers: {}, error });
  return new Promise((resolve) => {
    const req = http.get(url, { agent: opts.agent ?? agent, localAddress: opts.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => opts.keepBody && chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - started,
          headers: res.headers,
          text: opts.keepBody ? Buffer.concat(chunks).toString('utf8') : undefined,
        }),
      );
      res.on('error', (e) => resolve(failed(e)));
    });
    req.on('error', (e) => resolve(failed(e)));
  });
}

/** GET with a keep-alive connection; the body is JSON-parsed (left as text when it is not JSON). */
export async function getJson(url: string): Promise<{ status: number; body: any; ms: number }> {
  const r = await timedGet(url, { keepBody: true });
  if (r.error) throw r.error;
  let body: any = r.text;
  try {
    body = JSON.parse(r.text!);
  } catch {
    /* not JSON */
  }
  return { status: r.status, body, ms: r.ms };
}

export function closeClient(): void {
  agent.destroy();
}
