/**
 * The transport baseline of the search timings: a process that does nothing but relay.
 * `GET /q/N` sends query N's recorded Meilisearch requests (wave by wave, as the API sent
 * them) and answers with Meilisearch's last answer, bytes unread. Timed beside the API and
 * the direct requests, it shows what a second process on the path costs on this machine
 * (two more loopback sends and two more wake-ups of an idle process) apart from what the
 * API's own code costs.
 *
 *   node --import tsx bench/lib/relay.ts WAVES.json MEILI_URL KEY   → prints "relay listening on PORT"
 */
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Pool, type Dispatcher } from 'undici';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { CapturedRequest } from './capture.ts';
import { ROOT } from './api.ts';

type Wave = Pick<CapturedRequest, 'method' | 'path' | 'body'>[];

function serve(waves: Wave[][], meiliUrl: string, key: string): void {
  // The same HTTP client as the API's (meili/client.ts), so that only the API's own work differs.
  const pool = new Pool(new URL(meiliUrl).origin, { connections: 64 });
  const send = async (r: Wave[number]): Promise<Buffer> => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, accept: 'application/json' };
    if (r.body) headers['content-type'] = 'application/json';
    const res = await pool.request({ method: r.method as Dispatcher.HttpMethod, path: r.path, headers, body: r.body || undefined });
    return Buffer.from(await res.body.arrayBuffer());
  };
  const server = http.createServer(async (req, res) => {
    const query = waves[Number(/^\/q\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1)];
    if (!query) {
      res.writeHead(404).end();
      return;
    }
    try {
      let last: Buffer = Buffer.alloc(0);
      for (const wave of query) last = (await Promise.all(wave.map(send)))[0] ?? last;
      res.writeHead(200, { 'content-type': 'application/json' }).end(last);
    } catch (e) {
      res.writeHead(502).end(String(e));
    }
  });
  server.listen(0, '127.0.0.1', () => console.log(`relay listening on ${(server.address() as AddressInfo).port}`));
}

export type Relay = { url: string; proc: ChildProcess; stop(): void };

/** Starts the relay in a process of its own (as the API runs in one) for these queries' waves. */
export async function startRelay(file: string, waves: Wave[][], meiliUrl: string, key: string): Promise<Relay> {
  fs.writeFileSync(file, JSON.stringify(waves.map((q) => q.map((w) => w.map(({ method, path, body }) => ({ method, path, body }))))));
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/relay.ts', file, meiliUrl, key], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (b: Buffer) => {
    err += b;
  });
  const port = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (b: Buffer) => {
      const m = /relay listening on (\d+)/.exec(b.toString());
      if (m) resolve(m[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`relay exited with ${code}: ${err.slice(-1000)}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    proc,
    stop: () => {
      proc.kill();
    },
  };
}

if (process.argv[1] && /relay\.ts$/.test(process.argv[1])) {
  const [file, meiliUrl, key] = parseArgs({ args: process.argv.slice(2), allowPositionals: true }).positionals;
  if (!file || !meiliUrl || !key) {
    console.error('usage: relay.ts WAVES.json MEILI_URL KEY');
    process.exit(2);
  }
  serve(JSON.parse(fs.readFileSync(file, 'utf8')) as Wave[][], meiliUrl, key);
}
