/** A readable API page (/api/docs), rendered from the OpenAPI document without any script. */
import { escapeHtml } from '../search/highlight.ts';
import { openApiDocument } from './openapi.ts';

export function apiPage(): string {
  const doc = openApiDocument();
  const sections = Object.entries(doc.paths).map(([path, methods]) => Object.entries(methods).map(([method, op]) => {
    const o = op as { summary: string; parameters: { name: string; in: string; description?: string; schema: Record<string, unknown> }[] };
    const rows = o.parameters.map((p) => `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${p.in}</td><td><code>${escapeHtml(JSON.stringify(p.schema))}</code></td><td>${escapeHtml(p.description ?? '')}</td></tr>`).join('');
    return `<section><h2><code>${method.toUpperCase()} ${escapeHtml(path)}</code></h2><p>${escapeHtml(o.summary)}</p>${rows ? `<table><thead><tr><th>参数</th><th>位置</th><th>类型</th><th>说明</th></tr></thead><tbody>${rows}</tbody></table>` : ''}</section>`;
  }).join('')).join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>API 文档</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:1000px;margin:auto;padding:16px;line-height:1.6}table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border:1px solid #ddd;padding:4px;vertical-align:top}code{word-break:break-all}</style></head>
<body><h1>${escapeHtml(doc.info.title)}</h1><p>${escapeHtml(doc.info.description)}</p><p>机器可读：<a href="/api/openapi.json">/api/openapi.json</a></p>${sections}</body></html>`;
}
