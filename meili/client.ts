/**
 * A thin typed Meilisearch client over undici's connection pool (its `request` API, not
 * `fetch`). Node's global fetch added ~45 ms per request on loopback here, node:http with a
 * keep-alive agent ~1.5 ms; undici's pool takes as long as node:http for one request and
 * 0.3–0.4 ms less for the parallel requests of a faceted search (docs/benchmarks.md):
 * search latency is the product.
 */
import { Pool, errors as undiciErrors, type Dispatcher } from 'undici';

export class MeiliError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
  }
}
/** Meilisearch answered that the index or document does not exist. */
export function isNotFound(e: unknown): boolean {
  return e instanceof MeiliError && (e.status === 404 || e.code === 'index_not_found');
}
/** Meilisearch cannot be reached (down, restarting, refused). The API answers 503. */
export class MeiliUnavailableError extends Error {}

export type Task = { taskUid: number; status?: string };
export type TaskResult = {
  uid: number;
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  error?: { message: string; code: string };
  type: string;
};

export type MeiliClientOptions = { url: string; apiKey?: string; timeoutMs?: number };

export class MeiliClient {
  private readonly base: URL;
  /** The URL's path, for a Meilisearch behind a reverse proxy at https://host/meili/. */
  private readonly prefix: string;
  private readonly pool: Pool;
  private readonly timeoutMs: number;

  constructor(readonly options: MeiliClientOptions) {
    this.base = new URL(options.url);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:')
      throw new Error(`MEILI_URL must be http:// or https://, not ${this.base.protocol}`);
    this.prefix = this.base.pathname.replace(/\/+$/u, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    // Up to 64 keep-alive connections: a search sends its facet queries in parallel.
    this.pool = new Pool(this.base.origin, { connections: 64, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs });
  }

  /** `path`: from Meilisearch's root (below the URL's own path), with its query string (/indexes/x/search?…). */
  async request<T = unknown>(method: string, path: string, body?: unknown, apiKey = this.options.apiKey): Promise<T> {
    // Not parsed as a URL: 60 µs per search when it runs cold, after each wait for the network.
    if (!path.startsWith('/')) throw new Error(`Meilisearch path must start with /: ${path}`);
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    let status: number;
    let text: string;
    try {
      const res = await this.pool.request({ method: method as Dispatcher.HttpMethod, path: this.prefix + path, headers, body: payload });
      status = res.statusCode;
      text = await res.body.text();
    } catch (e) {
      const message =
        e instanceof undiciErrors.HeadersTimeoutError || e instanceof undiciErrors.BodyTimeoutError
          ? `no answer within ${this.timeoutMs} ms`
          : (e as Error).message;
      throw new MeiliUnavailableError(`Meilisearch is not reachable at ${this.base.origin}: ${message}`);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      /* non-JSON error page */
    }
    if (status >= 200 && status < 300) return json as T;
    const err = (json ?? {}) as { message?: string; code?: string };
    if (status >= 500) throw new MeiliUnavailableError(`Meilisearch answered ${status}: ${err.message ?? text.slice(0, 200)}`);
    throw new MeiliError(err.message ?? `Meilisearch answered ${status}`, status, err.code);
  }

  async health(): Promise<boolean> {
    try {
      await this.request('GET', '/health');
      return true;
    } catch {
      return false;
    }
  }

  async waitForTask(task: Task, timeoutMs = 600_000): Promise<TaskResult> {
    const deadline = Date.now() + timeoutMs;
    let delay = 20;
    for (;;) {
      const t = await this.request<TaskResult>('GET', `/tasks/${task.taskUid}`);
      if (t.status === 'succeeded') return t;
      if (t.status === 'failed' || t.status === 'canceled')
        throw new MeiliError(`Meilisearch task ${t.uid} (${t.type}) ${t.status}: ${t.error?.message ?? ''}`, 500, t.error?.code);
      if (Date.now() > deadline) throw new MeiliError(`Meilisearch task ${t.uid} did not finish within ${timeoutMs} ms`, 504);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 500);
    }
  }

  /** Closes the pool's connections at once; requests still running fail. */
  close(): void {
    void this.pool.destroy().catch(() => undefined);
  }
}
