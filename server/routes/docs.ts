/**
 * The API describing itself: /api/openapi.json, generated from the route definitions of
 * server/routes/ (the same objects that validate the requests and type the answers), and a
 * readable page of it without any script (/api/docs).
 */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { escapeHtml } from '../search/highlight.ts';
import { refusals, router } from './router.ts';

/** The OpenAPI document as generated; only what the page reads is typed. */
export type ApiDocument = {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<
    string,
    Record<
      string,
      { summary?: string; description?: string; parameters?: { name: string; in: string; description?: string; schema?: unknown }[] }
    >
  >;
};

export const API_INFO = {
  title: '巡察整改通报检索 API',
  version: '1',
  description:
    'Repeatable parameters (unit, region, category, year, level, q, mode, scope) are given once per value: ?unit=a&unit=b. OR within a field, AND across fields. Errors are {error: {code, message, param?}}; unknown parameters and repeated scalars are refused with 400.',
};

const openapi = createRoute({
  method: 'get',
  path: '/openapi.json',
  tags: ['docs'],
  summary: '本文档 (this OpenAPI 3.1 document)',
  responses: {
    200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
    ...refusals,
  },
});

const page = createRoute({
  method: 'get',
  path: '/docs',
  tags: ['docs'],
  summary: 'API 文档页 (this document as a page)',
  responses: { 200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } }, ...refusals },
});

/** `document`: the whole API's, which only the app that mounts every family can generate. */
export function docsRoutes(document: () => ApiDocument) {
  return router()
    .openapi(openapi, (c) => c.json(document(), 200))
    .openapi(page, (c) => c.html(apiPage(document()), 200));
}

export function apiPage(doc: ApiDocument): string {
  const sections = Object.entries(doc.paths)
    .map(([path, methods]) =>
      Object.entries(methods)
        .map(([method, op]) => {
          const rows = (op.parameters ?? [])
            .map(
              (p) =>
                `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}</td><td><code>${escapeHtml(JSON.stringify(p.schema))}</code></td><td>${escapeHtml(p.description ?? '')}</td></tr>`,
            )
            .join('');
          const about = [op.summary, op.description]
            .filter((t): t is string => !!t)
            .map((t) => `<p>${escapeHtml(t)}</p>`)
            .join('');
          return `<section><h2><code>${method.toUpperCase()} ${escapeHtml(path)}</code></h2>${about}${rows ? `<table><thead><tr><th>参数</th><th>位置</th><th>类型</th><th>说明</th></tr></thead><tbody>${rows}</tbody></table>` : ''}</section>`;
        })
        .join(''),
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>API 文档</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:1000px;margin:auto;padding:16px;line-height:1.6}table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border:1px solid #ddd;padding:4px;vertical-align:top}code{word-break:break-all}</style></head>
<body><h1>${escapeHtml(doc.info.title)}</h1><p>${escapeHtml(doc.info.description ?? '')}</p><p>机器可读：<a href="/api/openapi.json">/api/openapi.json</a>（由 server/routes/ 的路由定义生成，与请求校验同源 (generated from the route definitions that validate the requests)）</p>${sections}</body></html>`;
}
