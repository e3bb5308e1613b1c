/**
 * Results leaving the portal: every matching paragraph as CSV or JSON, and an Atom feed of
 * the newest notices matching a saved search. Both carry absolute links (PUBLIC_URL).
 */
import { createRoute } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import * as api from '../../contract/api.ts';
import { FEED_ENTRIES } from '../../contract/constants.ts';
import { linkBase } from '../http/origin.ts';
import { allRows } from '../search/export.ts';
import { runSearch } from '../search/search.ts';
import { atomFeed } from './atom-feed.ts';
import { csvHeader, csvRow, exportJsonRow } from './export-rows.ts';
import { badRequest, refusals, router, type ApiDeps } from './router.ts';

const exportRoute = createRoute({
  method: 'get',
  path: '/export',
  tags: ['export'],
  summary: `导出全部结果 (every matching paragraph whole, up to ${api.MAX_EXPORT_ROWS}, streamed: CSV with BOM or JSON)`,
  description:
    'One row per matching paragraph: its whole text (lead and every 一是-item) and which of them hold a searched word. ' +
    'CSV: UTF-8 with BOM, column names in Chinese (header=zh, for Excel) or the JSON field names (header=api); ' +
    '命中位置 lists the matched lead (段首) and item labels. JSON: an array of ExportRow. url is absolute.',
  request: { query: api.ExportParams },
  responses: {
    200: {
      description: '附件 (an attachment; url columns are absolute)',
      content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: z.array(api.ExportRow) } },
    },
    ...badRequest,
    ...refusals,
  },
});

const feed = createRoute({
  method: 'get',
  path: '/feed.atom',
  tags: ['export'],
  summary: `订阅 (Atom feed of the newest ${FEED_ENTRIES} matching notices)`,
  request: { query: api.FeedParams },
  responses: {
    200: { description: 'Atom', content: { 'application/atom+xml': { schema: { type: 'string' } } } },
    ...badRequest,
    ...refusals,
  },
});

export function exportRoutes(deps: ApiDeps) {
  return router()
    .openapi(exportRoute, (c) => {
      const p = c.req.valid('query');
      const search = deps.search.forRequest(c.req.raw.signal, 'bulk');
      const base = linkBase(c, deps.publicUrl);
      const { header: _header, format: _format, ...query } = p;
      const params = { ...query, page: 1, perPage: 100, view: 'paragraphs' as const };
      const name = `xuncha-export-${new Date().toISOString().slice(0, 10)}.${p.format}`;
      c.header('Content-Type', p.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${name}"`);
      return stream(c, async (s) => {
        if (p.format === 'csv') {
          await s.write('\uFEFF' + csvHeader(p.header));
          for await (const r of allRows(search, params, api.MAX_EXPORT_ROWS)) await s.write(csvRow(r, base));
        } else {
          await s.write('[');
          let first = true;
          for await (const r of allRows(search, params, api.MAX_EXPORT_ROWS)) {
            await s.write((first ? '\n' : ',\n') + JSON.stringify(exportJsonRow(r, base)));
            first = false;
          }
          await s.write('\n]\n');
        }
      });
    })
    .openapi(feed, async (c) => {
      const p = c.req.valid('query');
      const res = await runSearch(deps.search.forRequest(c.req.raw.signal, 'bulk'), {
        ...p,
        view: 'notices',
        sort: '-date',
        page: 1,
        perPage: FEED_ENTRIES,
      });
      const what = [...p.q, ...p.unit, ...p.region, ...p.category].filter(Boolean).join(' · ');
      const base = linkBase(c, deps.publicUrl);
      const self = new URL(c.req.url);
      c.header('Content-Type', 'application/atom+xml; charset=utf-8');
      return c.body(
        atomFeed({
          origin: base,
          selfUrl: base + self.pathname + self.search,
          title: `巡察整改通报${what ? `：${what}` : ''}`,
          notices: res.noticeHits ?? [],
          updated: new Date().toISOString(),
        }),
        200,
      );
    });
}
