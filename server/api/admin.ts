/**
 * Admin routes, enabled only when ADMIN_TOKEN is set: upload notice files (the same pipeline
 * and the same per-file reports as the CLI), delete a notice, rebuild the index.
 */
import crypto from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { MeiliClient } from '../../meili/client.ts';
import type { Archive } from '../../indexer/archive/store.ts';
import { ingestBuffers, removeNotices } from '../../indexer/ingest.ts';
import { rebuildIndex } from '../../indexer/rebuild.ts';
import { MAX_BYTES } from '../../indexer/read/read-file.ts';
import { HttpError } from './errors.ts';

export const MAX_UPLOAD_FILES = 20;

function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export function adminRoutes(opts: { token?: string; archive: Archive; client: MeiliClient }) {
  const r = new Hono();
  let rebuild: { running: boolean; done: number; total: number; error?: string; result?: unknown } = { running: false, done: 0, total: 0 };

  r.use('*', async (c, next) => {
    if (!opts.token) throw new HttpError(403, 'admin_disabled', '管理接口未启用：设置 ADMIN_TOKEN 后可用 (admin endpoints are disabled)');
    const given = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
    if (!given || !sameToken(given, opts.token)) throw new HttpError(401, 'unauthorized', '需要有效的管理令牌 (a valid admin token is required)');
    return next();
  });

  r.post('/notices', bodyLimit({
    maxSize: MAX_BYTES * 2,
    onError: () => { throw new HttpError(413, 'too_large', `上传内容过大，单个文件不超过 ${MAX_BYTES / 1024 / 1024} MB (upload too large)`); },
  }), async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!type.startsWith('multipart/form-data')) throw new HttpError(415, 'unsupported_media_type', '请以 multipart/form-data 上传，字段名 files (upload files as multipart/form-data, field "files")');
    const form = await c.req.parseBody({ all: true });
    const raw = form.files;
    const files = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((f): f is File => typeof f !== 'string');
    if (!files.length) throw new HttpError(400, 'invalid_parameter', '没有上传文件：字段名应为 files (no files in field "files")', 'files');
    if (files.length > MAX_UPLOAD_FILES) throw new HttpError(400, 'invalid_parameter', `一次最多上传 ${MAX_UPLOAD_FILES} 个文件`, 'files');
    const inputs = await Promise.all(files.map(async (f) => ({ fileName: f.name.replace(/[\\/]/g, '_').slice(0, 200) || 'upload', bytes: new Uint8Array(await f.arrayBuffer()) })));
    const summary = await ingestBuffers(inputs, { archive: opts.archive, client: opts.client });
    return c.json(summary, summary.failed && summary.failed === inputs.length ? 422 : 200);
  });

  r.delete('/notices/:id', async (c) => {
    const id = c.req.param('id');
    if (!/^n[A-Za-z0-9]{1,40}$/.test(id)) throw new HttpError(400, 'invalid_parameter', '通报 ID 格式无效', 'id');
    const res = await removeNotices([id], opts.archive, opts.client);
    if (!res.removed.length) throw new HttpError(404, 'not_found', '未找到该通报 (notice not found)');
    return c.json(res);
  });

  r.post('/reindex', (c) => {
    if (rebuild.running) return c.json(rebuild, 409);
    rebuild = { running: true, done: 0, total: 0 };
    rebuildIndex(opts.archive, opts.client, 'reparse', (done, total) => { rebuild.done = done; rebuild.total = total; })
      .then((result) => { rebuild = { ...rebuild, running: false, result }; })
      .catch((e) => { rebuild = { ...rebuild, running: false, error: (e as Error).message }; });
    return c.json(rebuild, 202);
  });
  r.get('/reindex', (c) => c.json(rebuild));
  return r;
}
