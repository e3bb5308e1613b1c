/**
 * Per-client token buckets: a client may burst, then is held to a steady rate; beyond it the
 * answer is 429 with Retry-After. Clients are told apart by socket address; behind a proxy
 * (TRUST_PROXY) by the last X-Forwarded-For entry, the one our proxy appended — earlier
 * entries come from the client and could be a fresh identity per request.
 */
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

export type RateLimitOptions = { perMinute: number; burst: number; trustProxy: boolean };

export function rateLimit(opts: RateLimitOptions): MiddlewareHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = opts.perMinute / 60_000;
  let lastSweep = Date.now();
  return async (c, next) => {
    if (opts.perMinute <= 0) return next();
    const forwarded = opts.trustProxy ? c.req.header('x-forwarded-for')?.split(',').pop()?.trim() : undefined;
    let key = forwarded;
    if (!key) {
      try {
        key = getConnInfo(c).remote.address;
      } catch {
        key = 'unknown';
      }
    }
    key ??= 'unknown';
    const now = Date.now();
    if (now - lastSweep > 60_000) {
      for (const [k, b] of buckets) if (now - b.at > 600_000) buckets.delete(k);
      lastSweep = now;
    }
    const b = buckets.get(key) ?? { tokens: opts.burst, at: now };
    b.tokens = Math.min(opts.burst, b.tokens + (now - b.at) * rate);
    b.at = now;
    buckets.set(key, b);
    if (b.tokens < 1) {
      const wait = Math.ceil((1 - b.tokens) / rate / 1000);
      c.header('Retry-After', String(wait));
      return c.json({ error: { code: 'rate_limited', message: `请求过于频繁，请 ${wait} 秒后重试 (too many requests)` } }, 429);
    }
    b.tokens -= 1;
    return next();
  };
}
