/**
 * The Hono application: the API under /api, one router per endpoint family (server/routes/),
 * the built web app for everything else. Middleware (server/http/), outermost first: request
 * log with timing, security headers, rate limit. Usable in-process: `createApp(deps).request(…)`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { serveStatic } from '@hono/node-server/serve-static';
import { errorResponse } from './http/errors.ts';
import { rateLimit, type RateLimitOptions } from './http/rate-limit.ts';
import { requestLog, stdoutLines, type LogLine } from './http/request-log.ts';
import { securityHeaders } from './http/security-headers.ts';
import { adminRoutes } from './routes/admin.ts';
import { API_INFO, docsRoutes, type ApiDocument } from './routes/docs.ts';
import { exportRoutes } from './routes/export.ts';
import { healthRoutes } from './routes/health.ts';
import { noticeRoutes } from './routes/notices.ts';
import type { ApiDeps } from './routes/router.ts';
import { searchRoutes } from './routes/search.ts';
import { statsRoutes } from './routes/stats.ts';
import { suggestRoutes } from './routes/suggest.ts';

export type { ApiDeps, HealthProbe } from './routes/router.ts';

export type AppOptions = ApiDeps & {
  webDist?: string;
  log?: LogLine;
  rateLimit?: RateLimitOptions;
};

export function createApp(opts: AppOptions) {
  const app = new OpenAPIHono();
  app.use('*', requestLog(opts.log ?? stdoutLines()));
  app.use('*', securityHeaders());
  if (opts.rateLimit) app.use('/api/*', rateLimit(opts.rateLimit));

  for (const family of [
    healthRoutes(opts),
    searchRoutes(opts),
    suggestRoutes(opts),
    noticeRoutes(opts),
    statsRoutes(opts),
    exportRoutes(opts),
    adminRoutes(opts),
  ]) {
    app.route('/api', family);
  }
  // Generated on first request, once every family above is mounted, and kept: it cannot change.
  let document: ApiDocument | undefined;
  app.route(
    '/api',
    docsRoutes(() => (document ??= app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO }) as ApiDocument)),
  );
  app.all('/api/*', (c) =>
    c.json({ error: { code: 'not_found', message: `没有这个接口 (no such endpoint): ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.onError((err, c) => errorResponse(err, c));
  // What no route answers outside /api (a POST to a page): said in words, not a bare 404.
  app.notFound((c) =>
    c.text(
      `404 未找到 (not found): ${c.req.method} ${c.req.path}\n` +
        (c.req.method === 'GET' ? '' : '网页只接受 GET 请求 (pages answer GET only); ') +
        '接口说明见 /api/docs (the API is described at /api/docs)\n',
      404,
    ),
  );

  const dist = opts.webDist;
  if (dist && fs.existsSync(path.join(dist, 'index.html'))) {
    // precompressed: the .br and .gz copies the build writes (vite.config.ts), when the browser accepts them.
    app.use(
      '/assets/*',
      serveStatic({
        root: dist,
        precompressed: true,
        onFound: (_p, c) => {
          c.header('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    );
    app.use('*', serveStatic({ root: dist, precompressed: true }));
    // Client-side routes (/notices/:id, /?q=…) all get the app shell.
    const shell = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    app.get('*', (c) => c.html(shell));
  } else {
    app.get('/', (c) => c.text('网页尚未构建 (web app not built): run `npm run build`.', 503));
  }
  return app;
}
