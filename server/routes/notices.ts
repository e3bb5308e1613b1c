/**
 * Notices and paragraphs: the list, one notice as the archive holds it, its related notices,
 * its original files, and a paragraph or item by id (former ids resolve).
 */
import fs from 'node:fs';
import { createRoute } from '@hono/zod-openapi';
import * as api from '../../contract/api.ts';
import { NoticeRecord } from '../../contract/notice.ts';
import { findParagraph, listNotices, related as relatedNotices } from '../search/notices.ts';
import { HttpError } from '../http/errors.ts';
import { badRequest, json, notFound, refusals, router, withinDepth, type ApiDeps } from './router.ts';

const list = createRoute({
  method: 'get',
  path: '/notices',
  tags: ['notices'],
  summary: '通报列表，最新在前 (notices, newest first)',
  request: { query: api.NoticeListParams },
  responses: { 200: { description: '通报 (notices)', content: json(api.NoticeList) }, ...badRequest, ...refusals },
});

const notice = createRoute({
  method: 'get',
  path: '/notices/{id}',
  tags: ['notices'],
  summary: '通报全文与元数据 (a notice with all its paragraphs, read from the archive)',
  request: { params: api.NoticeIdParams },
  responses: {
    200: { description: '通报 (the notice record)', content: json(NoticeRecord.meta({ id: 'NoticeRecord' })) },
    ...badRequest,
    ...notFound,
    ...refusals,
  },
});

const related = createRoute({
  method: 'get',
  path: '/notices/{id}/related',
  tags: ['notices'],
  summary: '关联通报 (same unit, same round, repeated categories)',
  request: { params: api.NoticeIdParams },
  responses: {
    200: { description: '关联通报 (related notices)', content: json(api.RelatedNotices) },
    ...badRequest,
    ...notFound,
    ...refusals,
  },
});

const source = createRoute({
  method: 'get',
  path: '/notices/{id}/sources/{sha}',
  tags: ['notices'],
  summary: '原始文件下载 (download an original file)',
  request: { params: api.SourceParams },
  responses: {
    200: {
      description: '原始文件 (the file as indexed; txt, docx, html or pdf)',
      content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
    },
    ...badRequest,
    ...notFound,
    ...refusals,
  },
});

const paragraph = createRoute({
  method: 'get',
  path: '/paragraphs/{id}',
  tags: ['notices'],
  summary:
    '段落全文或条目，旧 ID 亦可 (a paragraph whole, lead and every item; an item id: the item as itself with its paragraph; a former id answers with its new place, moved: true)',
  request: { params: api.SegmentIdParams },
  responses: {
    200: {
      description: '段落或条目 (kind paragraph: text is the whole paragraph; kind item: the item, segments its paragraph)',
      content: json(api.ParagraphResponse),
    },
    ...badRequest,
    ...notFound,
    ...refusals,
  },
});

const SOURCE_TYPES = {
  txt: 'text/plain; charset=binary',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'application/octet-stream',
  pdf: 'application/pdf',
} as const;

export function noticeRoutes(deps: ApiDeps) {
  /** A notice as the archive holds it: a page opens even while Meilisearch is busy or restarting. */
  const archived = (id: string) => deps.archive.readNotice(id);
  const archivedOr404 = async (id: string) => {
    const record = await archived(id);
    if (!record) throw new HttpError(404, 'not_found', '未找到该通报 (notice not found)');
    return record;
  };

  return router()
    .openapi(list, async (c) => {
      const p = withinDepth(c.req.valid('query'));
      const found = await listNotices(deps.search.forRequest(c.req.raw.signal), p, p.page, p.perPage);
      return c.json({ ...found, page: p.page, perPage: p.perPage }, 200);
    })
    .openapi(notice, async (c) => c.json(await archivedOr404(c.req.valid('param').id), 200))
    .openapi(related, async (c) => {
      const record = await archivedOr404(c.req.valid('param').id);
      return c.json(await relatedNotices(deps.search.forRequest(c.req.raw.signal), record, archived), 200);
    })
    .openapi(source, async (c) => {
      const { id, sha } = c.req.valid('param');
      const record = await archived(id);
      const file = record?.sources.find((s) => s.sha256 === sha);
      if (!record || !file) throw new HttpError(404, 'not_found', '未找到原始文件 (original file not found)');
      const where = deps.archive.originalPath(file.sha256, file.format);
      if (!fs.existsSync(where)) throw new HttpError(404, 'not_found', '原始文件不在本机档案中 (original not in this archive)');
      c.header('Content-Type', SOURCE_TYPES[file.format]);
      c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
      return c.body(fs.readFileSync(where), 200);
    })
    .openapi(paragraph, async (c) => {
      const found = await findParagraph(deps.search.forRequest(c.req.raw.signal), c.req.valid('param').id);
      if (!found) throw new HttpError(404, 'not_found', '未找到该段落 (paragraph not found)');
      return c.json(found, 200);
    });
}
