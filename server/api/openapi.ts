/**
 * /api/openapi.json, generated from the same zod schemas that validate the requests, so the
 * description cannot drift from what the server accepts.
 */
import { z } from 'zod';
import * as api from '../../contract/api.ts';
import { NoticeRecord } from '../../contract/notice.ts';

type Route = { path: string; summary: string; params?: z.ZodObject; pathParams?: string[]; response?: z.ZodTypeAny; produces?: string; method?: 'get' | 'post' | 'delete'; admin?: boolean };

const ROUTES: Route[] = [
  { path: '/api/health', summary: '服务状态 (health: ok, degraded or down)', response: api.Health },
  { path: '/api/search', summary: '检索段落或通报 (search paragraphs or notices, with facets)', params: api.SearchParams, response: api.SearchResponse },
  { path: '/api/analyze', summary: '检索词分析 (how a query is understood)', params: z.object({ q: z.string(), mode: api.SearchMode.optional(), scope: api.SearchScope.optional() }), response: api.QueryAnalysis },
  { path: '/api/facets/{field}', summary: '在一个分面内检索 (search the values of one facet)', pathParams: ['field'], params: api.FacetSearchParams, response: api.FacetSearchResponse },
  { path: '/api/notices', summary: '通报列表，最新在前 (notices, newest first)', params: api.NoticeListParams, response: api.NoticeList },
  { path: '/api/notices/{id}', summary: '通报全文与元数据 (a notice with all paragraphs)', pathParams: ['id'], response: NoticeRecord },
  { path: '/api/notices/{id}/related', summary: '关联通报 (same unit, same round, repeated categories)', pathParams: ['id'], response: api.RelatedNotices },
  { path: '/api/notices/{id}/sources/{sha256}', summary: '原始文件下载 (download an original file)', pathParams: ['id', 'sha256'], produces: 'application/octet-stream' },
  { path: '/api/paragraphs/{id}', summary: '段落或条目，旧 ID 亦可 (a paragraph or item; former ids resolve)', pathParams: ['id'], response: api.ParagraphResponse },
  { path: '/api/stats', summary: '问题类别 × 年份、单位统计 (problem counts for charts)', params: api.StatsParams, response: api.StatsResponse },
  { path: '/api/taxonomy', summary: '问题分类体系 (the category taxonomy)', response: api.TaxonomyResponse },
  { path: '/api/export', summary: '导出全部结果 (all matching hits, CSV with BOM or JSON)', params: api.ExportParams, produces: 'text/csv' },
  { path: '/api/feed.atom', summary: '订阅 (Atom feed of the newest matching notices)', params: api.FeedParams, produces: 'application/atom+xml' },
  { path: '/api/admin/notices', method: 'post', summary: '上传通报文件 (multipart field "files"; Bearer ADMIN_TOKEN)', admin: true },
  { path: '/api/admin/notices/{id}', method: 'delete', summary: '删除通报 (Bearer ADMIN_TOKEN)', pathParams: ['id'], admin: true },
  { path: '/api/admin/reindex', method: 'post', summary: '从档案重建索引 (Bearer ADMIN_TOKEN)', admin: true },
];

function schema(s: z.ZodTypeAny) {
  return z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' });
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const parameters: unknown[] = (r.pathParams ?? []).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
    if (r.params) {
      const shape = r.params.shape as Record<string, z.ZodTypeAny>;
      for (const [name, s] of Object.entries(shape)) {
        const js = schema(s) as Record<string, unknown>;
        const repeated = js.type === 'array';
        parameters.push({ name, in: 'query', required: false, description: s.description, schema: js, ...(repeated ? { style: 'form', explode: true } : {}) });
      }
    }
    const ok = r.response ? { 'application/json': { schema: schema(r.response) } } : { [r.produces ?? 'application/json']: {} };
    paths[r.path] = {
      [r.method ?? 'get']: {
        summary: r.summary, parameters,
        ...(r.admin ? { security: [{ bearer: [] }] } : {}),
        responses: {
          200: { description: 'OK', content: ok },
          400: { description: '参数无效，error.param 指明参数', content: { 'application/json': { schema: schema(api.ApiError) } } },
          429: { description: '请求过于频繁 (Retry-After)' },
          503: { description: '检索服务不可用或繁忙 (Retry-After; code search_unavailable, overloaded or reindexing)' },
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: '巡察整改通报检索 API', version: '1', description: 'Repeatable parameters (unit, region, category, year, level, q, mode, scope) are given once per value: ?unit=a&unit=b. OR within a field, AND across fields.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
