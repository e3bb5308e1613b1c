/**
 * The /api routes. Each handler validates its input with the contract's zod schemas,
 * calls the search service, and returns contract shapes.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { MAX_QUERY_LENGTH, SearchMode, SearchParams, type Health } from '../../contract/api.ts';
import type { MeiliClient } from '../../meili/client.ts';
import { HttpError } from './errors.ts';
import { parseQuery } from './params.ts';
import { permalink, type SearchService } from '../search/service.ts';
import { planQuery } from '../search/query-plan.ts';

const Id = z.string().regex(/^[A-Za-z0-9]{1,40}$/, 'id 格式无效');

export type ApiDeps = { search: SearchService; admin: MeiliClient; mode: 'embedded' | 'external' };

export function apiRoutes(deps: ApiDeps) {
  const api = new Hono();

  api.get('/health', async (c) => {
    let version: string | undefined;
    let reason: string | undefined;
    try { version = (await deps.admin.request<{ pkgVersion: string }>('GET', '/version')).pkgVersion; } catch (e) { reason = (e as Error).message; }
    const counts = version ? await deps.search.counts().catch(() => undefined) : undefined;
    const body: Health = {
      status: version ? 'ok' : 'down',
      meilisearch: { mode: deps.mode, available: !!version, version, reason },
      ...(counts ?? {}),
    };
    return c.json(body, version ? 200 : 503);
  });

  api.get('/search', async (c) => c.json(await deps.search.search(parseQuery(c, SearchParams))));

  api.get('/analyze', (c) => {
    const p = parseQuery(c, z.object({ q: z.string().max(MAX_QUERY_LENGTH), mode: SearchMode.default('words') }).strict());
    return c.json(planQuery(p.q, p.mode).analysis);
  });

  api.get('/notices/:id', async (c) => {
    const id = Id.safeParse(c.req.param('id'));
    if (!id.success) throw new HttpError(400, 'invalid_parameter', '通报 ID 格式无效 (invalid notice id)', 'id');
    const record = await deps.search.notice(id.data);
    if (!record) throw new HttpError(404, 'not_found', `未找到通报 ${id.data} (notice not found)`);
    return c.json(record);
  });

  api.get('/paragraphs/:id', async (c) => {
    const id = Id.safeParse(c.req.param('id'));
    if (!id.success) throw new HttpError(400, 'invalid_parameter', '段落 ID 格式无效 (invalid paragraph id)', 'id');
    const found = await deps.search.segment(id.data);
    if (!found) throw new HttpError(404, 'not_found', `未找到段落 ${id.data} (paragraph not found)`);
    const s = found.segment;
    return c.json({
      id: s.id, paragraphId: s.paragraphId, noticeId: s.noticeId, text: s.text, headingPath: s.headingPath,
      itemLabel: s.itemLabel, part: s.part, role: s.role,
      notice: { id: s.noticeId, title: s.title, unit: s.unit, year: s.year },
      url: permalink(s.noticeId, s.id),
      ...(found.resolvedFrom ? { resolvedFrom: found.resolvedFrom, moved: true } : {}),
    });
  });

  api.notFound((c) => c.json({ error: { code: 'not_found', message: `没有这个接口 (no such endpoint): ${c.req.path}` } }, 404));
  return api;
}
