/** Whether the portal serves: for supervisors, load balancers and the operator. */
import { createRoute } from '@hono/zod-openapi';
import { Health } from '../../contract/api.ts';
import { RETRY_AFTER_SECONDS } from '../http/errors.ts';
import { json, refusals, router, type ApiDeps } from './router.ts';

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  summary: '服务状态 (health: ok, degraded or down)',
  description:
    'degraded (reason says why): serving, but archived notices cannot be found (the archive holds more notices than the index while ' +
    'Meilisearch has nothing left to do), Meilisearch tasks failed or Meilisearch had to be restarted in the last hour; ' +
    'down: not serving (503, with Retry-After).',
  responses: {
    200: { description: 'ok 或 degraded (serving)', content: json(Health) },
    503: {
      description: 'down，或正在重建索引 (not serving, or reindexing; Retry-After)',
      headers: refusals[503].headers,
      content: json(Health),
    },
    429: refusals[429],
  },
});

export function healthRoutes(deps: ApiDeps) {
  return router().openapi(health, async (c) => {
    const h = await deps.health();
    if (h.status !== 'down') return c.json(h, 200);
    // Supervisors and load balancers poll again after it rather than at once.
    c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return c.json(h, 503);
  });
}
