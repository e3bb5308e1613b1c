/** Searching: paragraphs or notices with facets, how a query is understood, one facet's values. */
import { createRoute } from '@hono/zod-openapi';
import * as api from '../../contract/api.ts';
import { clauseTerms } from '../search/query-plan.ts';
import { facetSearch } from '../search/facets.ts';
import { planSearch } from '../search/plan.ts';
import { runSearch } from '../search/search.ts';
import { normalize } from '../../text/normalize.ts';
import { HttpError } from '../http/errors.ts';
import { badRequest, json, refusals, router, withinDepth, type ApiDeps } from './router.ts';

const search = createRoute({
  method: 'get',
  path: '/search',
  tags: ['search'],
  summary: '检索段落或通报 (search paragraphs or notices, with facets)',
  description:
    'Repeatable parameters are given once per value (?unit=a&unit=b): OR within a field, AND across fields. page × perPage ≤ 10 000.',
  request: { query: api.SearchParams },
  responses: {
    200: { description: '命中与分面 (hits and exact facet counts)', content: json(api.SearchResponse) },
    ...badRequest,
    ...refusals,
  },
});

const analyze = createRoute({
  method: 'get',
  path: '/analyze',
  tags: ['search'],
  summary: '检索词分析 (how a query is understood: the normalised text and its terms)',
  request: { query: api.AnalyzeParams },
  responses: { 200: { description: '分词 (terms)', content: json(api.QueryAnalysis) }, ...badRequest, ...refusals },
});

const facet = createRoute({
  method: 'get',
  path: '/facets/{field}',
  tags: ['search'],
  summary: '在一个分面内检索 (the values of one facet, counted for the current search)',
  description: 'Takes the query, filter and view parameters of /api/search. Units: most frequent first.',
  request: { params: api.FacetFieldParams, query: api.FacetSearchParams },
  responses: { 200: { description: '分面值 (facet values)', content: json(api.FacetSearchResponse) }, ...badRequest, ...refusals },
});

export function searchRoutes(deps: ApiDeps) {
  return router()
    .openapi(search, async (c) => {
      const p = withinDepth(c.req.valid('query'));
      return c.json(await runSearch(deps.search.forRequest(c.req.raw.signal), p), 200);
    })
    .openapi(analyze, (c) => {
      const p = c.req.valid('query');
      const terms = clauseTerms(p.q, p.mode, p.scope);
      // Meilisearch reads the first ten terms of a query and drops the rest.
      return c.json({ normalized: normalize(p.q), terms: terms.slice(0, 10), ignored: terms.slice(10).map((t) => t.text) }, 200);
    })
    .openapi(facet, async (c) => {
      const { field } = c.req.valid('param');
      const p = c.req.valid('query');
      if (p.parent !== undefined && field !== 'region')
        throw new HttpError(400, 'invalid_parameter', 'parent 只适用于地区 (parent applies to region only)', 'parent');
      const values = await facetSearch(deps.search.forRequest(c.req.raw.signal), field, p.facetQuery, planSearch(p), {
        parent: p.parent,
        limit: p.limit,
      });
      return c.json({ field, values }, 200);
    });
}
