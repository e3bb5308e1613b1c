/**
 * A recording proxy between the API and Meilisearch: the benchmark sends each API query
 * once through it and keeps the exact Meilisearch requests the API made for it (method,
 * path, body, and their timing, to replay requests that overlapped in parallel). Timing
 * runs do not go through the proxy.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type CapturedRequest = { method: string; path: string; body: string; start: number; end: number; status: number };

export class CaptureProxy {
  private server?: http.Server;
  private label: string | undefined;
  private readonly byLabel = new Map<string, CapturedRequest[]>();
  private readonly agent = new http.Agent({ keepAlive: true });
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    const target = new URL(this.target);
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const label = this.label;
        const start = performance.now();
        const headers = { ...req.headers, host: target.host };
        const up = http.request(
          { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers, agent: this.agent },
          (ur) => {
            const out: Buffer[] = [];
            ur.on('data', (c: Buffer) => out.push(c));
            ur.on('end', () => {
              if (label !== undefined) {
                const list = this.byLabel.get(label) ?? [];
                list.push({
                  method: req.method ?? 'GET',
                  path: req.url ?? '/',
                  body: body.toString('utf8'),
                  start,
                  end: performance.now(),
                  status: ur.statusCode ?? 0,
                });
                this.byLabel.set(label, list);
              }
              res.writeHead(ur.statusCode ?? 502, ur.headers);
              res.end(Buffer.concat(out));
            });
          },
        );
        up.on('error', (e) => {
          res.writeHead(502);
          res.end(String(e));
        });
        up.end(body);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Requests from now on belong to `label` (undefined: not recorded). */
  record(label: string | undefined): void {
    this.label = label;
  }

  requests(label: string): CapturedRequest[] {
    return this.byLabel.get(label) ?? [];
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/**
 * Requests that overlapped in time ran in parallel: groups them into waves (a request that
 * started after every earlier one ended starts a new wave).
 */
export function waves(reqs: CapturedRequest[]): CapturedRequest[][] {
  const sorted = [...reqs].sort((a, b) => a.start - b.start);
  const out: CapturedRequest[][] = [];
  let wave: CapturedRequest[] = [];
  let waveEnd = -Infinity;
  for (const r of sorted) {
    if (wave.length && r.start >= waveEnd) {
      out.push(wave);
      wave = [];
      waveEnd = -Infinity;
    }
    wave.push(r);
    waveEnd = Math.max(waveEnd, r.end);
  }
  if (wave.length) out.push(wave);
  return out;
}
