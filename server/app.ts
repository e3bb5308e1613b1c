/**
 * The Hono application: API under /api, the built web app for everything else.
 * Middleware, outermost first: request log with timing, security headers, rate limit.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { apiRoutes, type ApiDeps } from './api/routes.ts';
import { adminRoutes } from './api/admin.ts';
import { errorResponse } from './api/errors.ts';
import { rateLimit, type RateLimitOptions } from './api/rate-limit.ts';

export type AppOptions = ApiDeps & {
  webDist?: string;
  log?: (entry: Record<string, unknown>) => void;
  rateLimit?: RateLimitOptions;
  adminToken?: string;
};

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/**
 * Request log lines to stdout, written together once the answers of this turn of the event
 * loop are sent: stdout to a pipe is written synchronously on Linux, and one write (and one
 * wake-up of whoever reads the pipe) per request sat in front of every answer. A line may be
 * lost if the process dies within that turn.
 */
function stdoutLines(): (entry: Record<string, unknown>) => void {
  const pending: string[] = [];
  const flush = () => { process.stdout.write(pending.join('\n') + '\n'); pending.length = 0; };
  return (entry) => { if (pending.push(JSON.stringify(entry)) === 1) setImmediate(flush); };
}

const SECURITY_HEADERS: [string, string][] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
  ['X-Frame-Options', 'DENY'],
  ['Content-Security-Policy', CSP],
];

export function createApp(opts: AppOptions) {
  const app = new Hono();
  const log = opts.log ?? stdoutLines();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    log({ level: 'info', msg: 'request', method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 });
  });
  app.use('*', async (c, next) => {
    // Under Node they go on the ServerResponse, which Node merges into whatever is answered:
    // touching a finished Response's headers builds an undici Headers object, 0.2–0.3 ms of
    // every answer. Elsewhere (app.request in tests, other adapters) on the Response itself.
    const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    if (outgoing) {
      for (const [name, value] of SECURITY_HEADERS) outgoing.setHeader(name, value);
      return next();
    }
    await next();
    for (const [name, value] of SECURITY_HEADERS) c.res.headers.set(name, value);
  });
  // CORS stays off: no Access-Control-Allow-Origin header is ever sent.
  if (opts.rateLimit) app.use('/api/*', rateLimit(opts.rateLimit));

  app.route('/api/admin', adminRoutes({ token: opts.adminToken, archive: opts.archive, client: opts.admin }));
  app.route('/api', apiRoutes(opts));
  app.all('/api/*', (c) => c.json({ error: { code: 'not_found', message: `没有这个接口 (no such endpoint): ${c.req.method} ${c.req.path}` } }, 404));
  app.onError((err, c) => errorResponse(err, c));

  const dist = opts.webDist;
  if (dist && fs.existsSync(path.join(dist, 'index.html'))) {
    // precompressed: the .br and .gz copies the build writes (vite.config.ts), when the browser accepts them.
    app.use('/assets/*', serveStatic({ root: dist, precompressed: true, onFound: (_p, c) => { c.header('Cache-Control', 'public, max-age=31536000, immutable'); } }));
    app.use('*', serveStatic({ root: dist, precompressed: true }));
    // Client-side routes (/notices/:id, /?q=…) all get the app shell.
    const shell = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    app.get('*', (c) => c.html(shell));
  } else {
    app.get('/', (c) => c.text('网页尚未构建 (web app not built): run `npm run build`.', 503));
  }
  return app;
}
