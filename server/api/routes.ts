/**
 * The /api routes. Each handler validates its input with the contract's zod schemas, calls
 * the search service, and returns contract shapes.
 */
import fs from 'node:fs';
import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import * as api from '../../contract/api.ts';
import type { MeiliClient } from '../../meili/client.ts';
import type { Archive } from '../../indexer/archive/store.ts';
import { HttpError } from './errors.ts';
import { parseQuery } from './params.ts';
import { permalink, prepare, type SearchService } from '../search/service.ts';
import { clauseTerms } from '../search/query-plan.ts';
import { normalize } from '../../text/normalize.ts';
import { taxonomyResponse } from '../search/labels.ts';
import { csvRow, EXPORT_COLUMNS, exportJsonHit } from './export.ts';
import { atomFeed } from './feed.ts';
import { linkBase } from './origin.ts';
import { openApiDocument } from './openapi.ts';
import { apiPage } from './api-page.ts';

const NoticeId = z.string().regex(/^n[A-Za-z0-9]{1,40}$/);
const SegmentId = z.string().regex(/^[A-Za-z0-9]{1,40}$/);
const FacetField = z.enum(['unit', 'region', 'category', 'year', 'level']);

export type HealthProbe = () => Promise<api.Health>;
export type ApiDeps = {
  search: SearchService; admin: MeiliClient; health: HealthProbe;
  /** Notice pages and original files are read from the archive (DATA_DIR), the source of truth. */
  archive: Archive;
  /** PUBLIC_URL: the base of absolute links (export, feed); see origin.ts. */
  publicUrl?: string;
};

function id<T extends z.ZodTypeAny>(c: Context, name: string, schema: T): z.infer<T> {
  const v = schema.safeParse(c.req.param(name));
  if (!v.success) throw new HttpError(400, 'invalid_parameter', `${name} 格式无效 (invalid ${name})`, name);
  return v.data;
}

/** Deep pages are refused: nobody reads page 500, and each one costs Meilisearch more. */
function withinDepth<T extends { page: number; perPage: number }>(p: T): T {
  if (p.page * p.perPage > api.MAX_PAGE_DEPTH) throw new HttpError(400, 'invalid_parameter', `翻页过深：page × perPage 不能超过 ${api.MAX_PAGE_DEPTH}，请缩小检索范围 (page too deep)`, 'page');
  return p;
}

export function apiRoutes(deps: ApiDeps) {
  const r = new Hono();
  /** The search service for this request: its searches leave the queue if the client goes. */
  const search = (c: Context) => deps.search.forRequest(c.req.raw.signal);

  r.get('/health', async (c) => {
    const h = await deps.health();
    return c.json(h, h.status === 'down' ? 503 : 200);
  });

  r.get('/search', async (c) => c.json(await search(c).search(withinDepth(parseQuery(c, api.SearchParams)))));

  r.get('/analyze', (c) => {
    const p = parseQuery(c, z.object({ q: z.string().max(api.MAX_QUERY_LENGTH), mode: api.SearchMode.default('words'), scope: api.SearchScope.default('all') }).strict());
    const terms = clauseTerms(p.q, p.mode, p.scope);
    return c.json({ normalized: normalize(p.q), terms: terms.slice(0, 10), ignored: terms.slice(10).map((t) => t.text) } satisfies api.QueryAnalysis);
  });

  r.get('/facets/:field', async (c) => {
    const field = id(c, 'field', FacetField);
    const p = parseQuery(c, api.FacetSearchParams);
    if (p.parent !== undefined && field !== 'region') throw new HttpError(400, 'invalid_parameter', 'parent 只适用于地区 (parent applies to region only)', 'parent');
    return c.json({ field, values: await search(c).facetSearch(field, p.facetQuery, prepare(p), { parent: p.parent, limit: p.limit }) });
  });

  r.get('/notices', async (c) => {
    const p = withinDepth(parseQuery(c, api.NoticeListParams));
    const list = await search(c).listNotices(p, p.page, p.perPage);
    return c.json({ ...list, page: p.page, perPage: p.perPage });
  });

  /** A notice as the archive holds it: a page opens even while Meilisearch is busy or restarting. */
  const archived = (noticeId: string) => deps.archive.readNotice(noticeId);
  const notice = async (c: Context) => {
    const record = await archived(id(c, 'id', NoticeId));
    if (!record) throw new HttpError(404, 'not_found', '未找到该通报 (notice not found)');
    return record;
  };

  r.get('/notices/:id', async (c) => c.json(await notice(c)));

  r.get('/notices/:id/related', async (c) => c.json(await search(c).related(await notice(c), archived)));

  r.get('/notices/:id/sources/:sha', async (c) => {
    const noticeId = id(c, 'id', NoticeId);
    const sha = id(c, 'sha', z.string().regex(/^[0-9a-f]{64}$/));
    const record = await archived(noticeId);
    const source = record?.sources.find((s) => s.sha256 === sha);
    if (!record || !source) throw new HttpError(404, 'not_found', '未找到原始文件 (original file not found)');
    const file = deps.archive.originalPath(source.sha256, source.format);
    if (!fs.existsSync(file)) throw new HttpError(404, 'not_found', '原始文件不在本机档案中 (original not in this archive)');
    const types = { txt: 'text/plain; charset=binary', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', html: 'application/octet-stream', pdf: 'application/pdf' } as const;
    c.header('Content-Type', types[source.format]);
    c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(source.fileName)}`);
    return c.body(fs.readFileSync(file));
  });

  r.get('/paragraphs/:id', async (c) => {
    const found = await search(c).segment(id(c, 'id', SegmentId));
    if (!found) throw new HttpError(404, 'not_found', '未找到该段落 (paragraph not found)');
    const s = found.segment;
    return c.json({
      id: s.id, paragraphId: s.paragraphId, noticeId: s.noticeId, text: s.text, headingPath: s.headingPath,
      itemLabel: s.itemLabel, part: s.part, role: s.role,
      notice: { id: s.noticeId, title: s.title, unit: s.unit, year: s.year },
      url: permalink(s.noticeId, s.id),
      ...(found.resolvedFrom ? { resolvedFrom: found.resolvedFrom, moved: true } : {}),
    } satisfies z.infer<typeof api.ParagraphResponse>);
  });

  r.get('/stats', async (c) => c.json(await search(c).stats(prepare(parseQuery(c, api.StatsParams), 'paragraphs'))));

  r.get('/taxonomy', (c) => c.json(taxonomyResponse()));

  r.get('/export', (c) => {
    const p = parseQuery(c, api.ExportParams);
    const base = linkBase(c, deps.publicUrl);
    const params = { ...p, page: 1, perPage: 100, view: 'paragraphs' as const };
    const name = `xuncha-export-${new Date().toISOString().slice(0, 10)}.${p.format}`;
    c.header('Content-Type', p.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    return stream(c, async (s) => {
      if (p.format === 'csv') {
        await s.write('\uFEFF' + EXPORT_COLUMNS.join(',') + '\r\n');
        for await (const h of search(c).allHits(params, api.MAX_EXPORT_ROWS)) await s.write(csvRow(h, base));
      } else {
        await s.write('[');
        let first = true;
        for await (const h of search(c).allHits(params, api.MAX_EXPORT_ROWS)) {
          await s.write((first ? '\n' : ',\n') + JSON.stringify(exportJsonHit(h, base)));
          first = false;
        }
        await s.write('\n]\n');
      }
    });
  });

  r.get('/feed.atom', async (c) => {
    const p = parseQuery(c, api.FeedParams);
    const res = await search(c).search({ ...p, view: 'notices', sort: '-date', page: 1, perPage: 50 });
    const what = [...p.q, ...p.unit, ...p.region, ...p.category].filter(Boolean).join(' · ');
    const base = linkBase(c, deps.publicUrl);
    const self = new URL(c.req.url);
    c.header('Content-Type', 'application/atom+xml; charset=utf-8');
    return c.body(atomFeed({
      origin: base, selfUrl: base + self.pathname + self.search, title: `巡察整改通报${what ? `：${what}` : ''}`,
      notices: res.noticeHits ?? [], updated: new Date().toISOString(),
    }));
  });

  r.get('/openapi.json', (c) => c.json(openApiDocument()));
  r.get('/docs', (c) => c.html(apiPage()));

  return r;
}
