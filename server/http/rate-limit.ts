/**
 * Per-client limits on the API, by what requests cost rather than how many there are (issue 25:
 * 30 parallel full exports from one address, far under 600 requests a minute, raised another
 * user's search p50 from 20 ms to 1.6 s).
 *
 * - Token buckets: a client may burst, then is held to a steady rate; a heavy route takes
 *   several tokens (`heavyRoutes`); beyond, 429 with Retry-After.
 * - Concurrency: a client has at most `perClient` requests of each heavy route running at once;
 *   an export runs until its last row is sent. Beyond, 429 with Retry-After at once, rather than
 *   a queue the client's next request would join: a client's exports wait for each other, not
 *   other users' searches (Meilisearch queries wait in server/search/gate.ts, exports in its bulk lane).
 *
 * Clients are told apart by socket address; behind a proxy (TRUST_PROXY) by the last
 * X-Forwarded-For entry, the one our proxy appended — earlier entries come from the client and
 * could be a fresh identity per request. RATE_LIMIT=0 turns both limits off.
 */
import os from 'node:os';
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { MAX_COUNTED } from '../search/suggest.ts';
import { RETRY_AFTER_SECONDS } from './errors.ts';

export type HeavyRoute = {
  name: string;
  /** API paths (under /api) of this route. */
  path: RegExp;
  /** Tokens one request takes: about how many searches' worth of Meilisearch work it is. */
  cost: number;
  /** Requests of this route one client may have running at once. */
  perClient: number;
  /** Its answer is streamed as it is computed: the request runs until the last byte is sent. */
  streamed?: boolean;
};

/**
 * An export pages through up to 50,000 rows (pages of 1,000 from Meilisearch); stats and the
 * feed run a search and a facet distribution over every match; a facet list counts one field
 * over every match, and the web app asks for two or three beside each search.
 *
 * One client's exports hold at most half of the searches Meilisearch runs at once
 * (`searchConcurrency`, SEARCH_CONCURRENCY): on 2 cores one export at a time. Measured with
 * bench/heavy-requests.ts on 2 cores, 30 looping exports from one address raised another user's
 * search p50 2.2× with one export at a time, 7.5× with two (docs/security.md).
 */
export function heavyRoutes(searchConcurrency: number): HeavyRoute[] {
  return [
    { name: 'export', path: /^\/api\/export$/, cost: 10, perClient: Math.max(1, Math.floor(searchConcurrency / 2)), streamed: true },
    { name: 'stats', path: /^\/api\/stats$/, cost: 3, perClient: 2 },
    { name: 'feed', path: /^\/api\/feed\.atom$/, cost: 3, perClient: 2 },
    { name: 'facets', path: /^\/api\/facets\//, cost: 1, perClient: 4 },
    { name: 'suggest', path: /^\/api\/suggest$/, cost: MAX_COUNTED, perClient: 2 },
  ];
}

/** `heavy`: default heavyRoutes(os.availableParallelism()), as SEARCH_CONCURRENCY's default. */
export type RateLimitOptions = { perMinute: number; burst: number; trustProxy: boolean; heavy?: HeavyRoute[] };

/** The client a request counts against. */
export function clientOf(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',').pop()?.trim() : undefined;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function rateLimit(opts: RateLimitOptions): MiddlewareHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  /** Heavy requests running, by route name and client. */
  const running = new Map<string, number>();
  const heavy = opts.heavy ?? heavyRoutes(os.availableParallelism());
  const rate = opts.perMinute / 60_000;
  let lastSweep = Date.now();
  return async (c, next) => {
    if (opts.perMinute <= 0) return next();
    const key = clientOf(c, opts.trustProxy);
    const route = heavy.find((r) => r.path.test(c.req.path));
    const now = Date.now();
    if (now - lastSweep > 60_000) {
      for (const [k, b] of buckets) if (now - b.at > 600_000) buckets.delete(k);
      lastSweep = now;
    }
    const b = buckets.get(key) ?? { tokens: opts.burst, at: now };
    b.tokens = Math.min(opts.burst, b.tokens + (now - b.at) * rate);
    b.at = now;
    buckets.set(key, b);
    // Never more than a full bucket, or a low RATE_LIMIT would refuse the route for good.
    const cost = Math.min(route?.cost ?? 1, opts.burst);
    if (b.tokens < cost) {
      const wait = Math.max(1, Math.ceil((cost - b.tokens) / rate / 1000));
      c.header('Retry-After', String(wait));
      return c.json({ error: { code: 'rate_limited', message: `请求过于频繁，请 ${wait} 秒后重试 (too many requests)` } }, 429);
    }
    if (!route) {
      b.tokens -= cost;
      return next();
    }

    const slot = `${route.name}\u0000${key}`;
    if ((running.get(slot) ?? 0) >= route.perClient) {
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      return c.json(
        {
          error: {
            code: 'rate_limited',
            message: `同时进行的请求过多：每个客户端最多 ${route.perClient} 个 ${route.name} 请求，请等前面的完成后重试 (at most ${route.perClient} ${route.name} requests at once per client)`,
          },
        },
        429,
      );
    }
    b.tokens -= cost;
    running.set(slot, (running.get(slot) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      c.req.raw.signal.removeEventListener('abort', release);
      const left = (running.get(slot) ?? 1) - 1;
      if (left > 0) running.set(slot, left);
      else running.delete(slot);
    };
    c.req.raw.signal.addEventListener('abort', release, { once: true });
    try {
      await next();
    } catch (e) {
      release();
      throw e;
    }
    const body = c.res.body;
    if (!route.streamed || !body) {
      release();
      return;
    }
    // A streamed answer (the export) holds its slot until its last byte is sent or the client goes.
    // Each chunk waits for the event loop's turn: the rows of a page are otherwise made in one
    // go, and other users' requests wait behind them.
    const reader = body.getReader();
    const tracked = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          await new Promise((r) => setImmediate(r));
          const { done, value } = await reader.read();
          if (done) {
            release();
            controller.close();
          } else controller.enqueue(value);
        } catch (e) {
          release();
          controller.error(e);
        }
      },
      cancel(reason) {
        release();
        return reader.cancel(reason);
      },
    });
    c.res = new Response(tracked, c.res);
  };
}
