/** Counts for the 统计 view's charts, and the category taxonomy that names them. */
import { createRoute } from '@hono/zod-openapi';
import * as api from '../../contract/api.ts';
import { planSearch } from '../search/plan.ts';
import { stats as countProblems } from '../search/stats.ts';
import { taxonomyResponse } from '../search/labels.ts';
import { badRequest, json, refusals, router, type ApiDeps } from './router.ts';

const stats = createRoute({
  method: 'get',
  path: '/stats',
  tags: ['stats'],
  summary: '问题类别 × 年份、单位统计 (problem counts by category × year and by unit, for charts)',
  request: { query: api.StatsParams },
  responses: { 200: { description: '统计 (counts)', content: json(api.StatsResponse) }, ...badRequest, ...refusals },
});

const taxonomy = createRoute({
  method: 'get',
  path: '/taxonomy',
  tags: ['stats'],
  summary: '问题分类体系 (the categories: code, label, level, parent, definition)',
  responses: { 200: { description: '分类 (categories)', content: json(api.TaxonomyResponse) }, ...refusals },
});

export function statsRoutes(deps: ApiDeps) {
  return router()
    .openapi(stats, async (c) =>
      c.json(await countProblems(deps.search.forRequest(c.req.raw.signal), planSearch(c.req.valid('query'), 'paragraphs')), 200),
    )
    .openapi(taxonomy, (c) => c.json(taxonomyResponse(), 200));
}
