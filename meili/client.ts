/**
 * A thin typed Meilisearch client over node:http with a keep-alive agent. Node's global
 * fetch added ~45 ms per request on loopback here, node:http ~1.5 ms (see docs/benchmarks.md),
 * and search latency is the product.
 */
import http from 'node:http';
import https from 'node:https';

export class MeiliError extends Error {
  constructor(message: string, readonly status: number, readonly code?: string) { super(message); }
}
/** Meilisearch answered that the index or document does not exist. */
export function isNotFound(e: unknown): boolean {
  return e instanceof MeiliError && (e.status === 404 || e.code === 'index_not_found');
}
/** Meilisearch cannot be reached (down, restarting, refused). The API answers 503. */
export class MeiliUnavailableError extends Error {}

export type Task = { taskUid: number; status?: string };
export type TaskResult = { uid: number; status: 'enqueued' | 'processing' | 'succeeded' | 'failed' | 'canceled'; error?: { message: string; code: string }; type: string };

export type MeiliClientOptions = { url: string; apiKey?: string; timeoutMs?: number };

export class MeiliClient {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly mod: typeof http | typeof https;
  private readonly timeoutMs: number;

  constructor(readonly options: MeiliClientOptions) {
    this.base = new URL(options.url);
    this.mod = this.base.protocol === 'https:' ? https : http;
    this.agent = new this.mod.Agent({ keepAlive: true, maxSockets: 64 });
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  request<T = unknown>(method: string, path: string, body?: unknown, apiKey = this.options.apiKey): Promise<T> {
    const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload) { headers['content-type'] = 'application/json'; headers['content-length'] = String(payload.length); }
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const url = new URL(path, this.base);
    return new Promise<T>((resolve, reject) => {
      const req = this.mod.request(url, { method, headers, agent: this.agent, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new MeiliUnavailableError(`Meilisearch connection failed: ${e.message}`)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = undefined;
          try { json = text ? JSON.parse(text) : undefined; } catch { /* non-JSON error page */ }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(json as T);
          const err = (json ?? {}) as { message?: string; code?: string };
          if (status >= 500 || status === 0) return reject(new MeiliUnavailableError(`Meilisearch answered ${status}: ${err.message ?? text.slice(0, 200)}`));
          reject(new MeiliError(err.message ?? `Meilisearch answered ${status}`, status, err.code));
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', (e) => reject(new MeiliUnavailableError(`Meilisearch is not reachable at ${this.base.origin}: ${e.message}`)));
      if (payload) req.write(payload);
      req.end();
    });
  }

  async health(): Promise<boolean> {
    try { await this.request('GET', '/health'); return true; } catch { return false; }
  }

  async waitForTask(task: Task, timeoutMs = 600_000): Promise<TaskResult> {
    const deadline = Date.now() + timeoutMs;
    let delay = 20;
    for (;;) {
      const t = await this.request<TaskResult>('GET', `/tasks/${task.taskUid}`);
      if (t.status === 'succeeded') return t;
      if (t.status === 'failed' || t.status === 'canceled') throw new MeiliError(`Meilisearch task ${t.uid} (${t.type}) ${t.status}: ${t.error?.message ?? ''}`, 500, t.error?.code);
      if (Date.now() > deadline) throw new MeiliError(`Meilisearch task ${t.uid} did not finish within ${timeoutMs} ms`, 504);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 500);
    }
  }

  close(): void { this.agent.destroy(); }
}
