/**
 * Admin routes, enabled only when ADMIN_TOKEN is set: upload notice files (the same pipeline
 * and the same per-file reports as the CLI), delete a notice, rebuild the index.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRoute } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import * as api from '../../contract/api.ts';
import { ingestUploads, removeNotices } from '../../indexer/ingest.ts';
import { asNoSpace, freeBytes } from '../../indexer/no-space.ts';
import { PreparePool } from '../../indexer/workers/pool.ts';
import { rebuildIndex } from '../../indexer/rebuild.ts';
import { MAX_BYTES } from '../../indexer/read/read-file.ts';
import { HttpError } from '../http/errors.ts';
import { badRequest, json, notFound, refusals, router, type ApiDeps } from './router.ts';
import { multipartBoundary, receiveFiles, UploadRefused } from './upload-files.ts';

export const MAX_UPLOAD_FILES = 20;
/** Parts of a multipart body: the files and a few other fields; a body of thousands of parts is refused at the first one too many. */
export const MAX_UPLOAD_PARTS = MAX_UPLOAD_FILES + 10;
/** Uploads older than this in DATA_DIR/uploads were left by a process that died: removed by the next upload. */
const STALE_UPLOAD_MS = 3_600_000;

function removeStaleUploads(root: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(root);
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(root, e);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > STALE_UPLOAD_MS) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      /* gone already */
    }
  }
}

const refusedToken = {
  401: { description: '缺少或错误的管理令牌 (missing or wrong Bearer token)', content: json(api.ApiError) },
  403: { description: '管理接口未启用：未设置 ADMIN_TOKEN (admin disabled)', content: json(api.ApiError) },
} as const;
const security = [{ bearer: [] }];

const upload = createRoute({
  method: 'post',
  path: '/admin/notices',
  tags: ['admin'],
  security,
  summary: '上传通报文件 (upload notice files through the indexer; Bearer ADMIN_TOKEN)',
  description: `Multipart field "files", at most ${MAX_UPLOAD_FILES} files of ${MAX_BYTES / 1024 / 1024} MB each (a body of more than ${MAX_UPLOAD_PARTS} parts is refused at the first part too many); a report per file, as \`npm run index\` prints. The body is streamed to disk; each file is read in a child process with a memory cap and a time limit (a file that needs more is refused, \`too-large\`) and parsed in a worker thread, so searching goes on meanwhile. File names are labels: control, bidirectional and path characters are removed.`,
  middleware: [
    bodyLimit({
      maxSize: MAX_BYTES * 2,
      onError: () => {
        throw new HttpError(413, 'too_large', `上传内容过大，单个文件不超过 ${MAX_BYTES / 1024 / 1024} MB (upload too large)`);
      },
    }),
  ] as const,
  request: {
    // A plain schema, not zod: the handler reads the form itself, so that a wrong media type
    // or a missing field is refused in the API's words.
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['files'],
            properties: { files: { type: 'array', maxItems: MAX_UPLOAD_FILES, items: { type: 'string', format: 'binary' } } },
          },
        },
      },
    },
  },
  responses: {
    200: { description: '每个文件的结果 (a report per file)', content: json(api.UploadReport) },
    422: { description: '所有文件都未能索引 (every file failed)', content: json(api.UploadReport) },
    413: { description: '上传内容过大 (upload too large)', content: json(api.ApiError) },
    415: { description: '不是 multipart/form-data (not multipart/form-data)', content: json(api.ApiError) },
    507: { description: '磁盘空间不足 (no space left on the disk of DATA_DIR)', content: json(api.ApiError) },
    ...badRequest,
    ...refusedToken,
    ...refusals,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/admin/notices/{id}',
  tags: ['admin'],
  security,
  summary: '删除通报 (delete a notice from the archive and the index; Bearer ADMIN_TOKEN)',
  request: { params: api.NoticeIdParams },
  responses: {
    200: { description: '已删除 (removed)', content: json(api.RemovalReport) },
    ...badRequest,
    ...notFound,
    ...refusedToken,
    ...refusals,
  },
});

const startRebuild = createRoute({
  method: 'post',
  path: '/admin/reindex',
  tags: ['admin'],
  security,
  summary: '从档案重建索引 (rebuild the index from the archive, beside the live one; Bearer ADMIN_TOKEN)',
  responses: {
    202: { description: '已开始 (started)', content: json(api.RebuildStatus) },
    409: { description: '重建已在进行 (a rebuild is running)', content: json(api.RebuildStatus) },
    ...refusedToken,
    ...refusals,
  },
});

const rebuildProgress = createRoute({
  method: 'get',
  path: '/admin/reindex',
  tags: ['admin'],
  security,
  summary: '重建进度 (progress of the rebuild; a rebuild running elsewhere is reported as error; Bearer ADMIN_TOKEN)',
  responses: { 200: { description: '进度 (progress)', content: json(api.RebuildStatus) }, ...refusedToken, ...refusals },
});

function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * The worker thread uploads are parsed and segmented in, kept between uploads (starting
 * one costs seconds: jieba, the taxonomy) and stopped after a while without uploads.
 */
function uploadWorkers(idleMs = 120_000) {
  let pool: PreparePool | undefined;
  let users = 0;
  let idle: NodeJS.Timeout | undefined;
  return {
    acquire(): PreparePool {
      clearTimeout(idle);
      users++;
      if (!pool?.available) {
        pool = new PreparePool(1);
        pool.unref();
      }
      return pool;
    },
    release(): void {
      if (--users > 0) return;
      idle = setTimeout(() => {
        void pool?.close();
        pool = undefined;
      }, idleMs);
      idle.unref();
    },
  };
}

export function adminRoutes(deps: Pick<ApiDeps, 'adminToken' | 'archive' | 'admin'>) {
  const r = router();
  const workers = uploadWorkers();
  r.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' });
  let rebuild: api.RebuildStatus = { running: false, done: 0, total: 0 };

  // Before any validation, and for unknown admin paths too: without the token nothing about them is told.
  r.use('/admin/*', async (c, next) => {
    if (!deps.adminToken)
      throw new HttpError(403, 'admin_disabled', '管理接口未启用：设置 ADMIN_TOKEN 后可用 (admin endpoints are disabled)');
    // Only the Bearer scheme: a bare token is refused like any other malformed header.
    const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!given || !sameToken(given, deps.adminToken))
      throw new HttpError(401, 'unauthorized', '需要有效的管理令牌 (a valid admin token is required)');
    return next();
  });

  return r
    .openapi(upload, async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!multipartBoundary(type))
        throw new HttpError(
          415,
          'unsupported_media_type',
          '请以 multipart/form-data 上传（含 boundary），字段名 files (upload files as multipart/form-data with a boundary, field "files")',
        );
      let dir: string | undefined;
      const folder = () => {
        const uploads = path.join(path.dirname(deps.archive.root), 'uploads');
        removeStaleUploads(uploads);
        dir = path.join(uploads, crypto.randomUUID());
        return dir;
      };
      try {
        // Streamed to disk part by part; a body that breaks a limit is refused before the rest is read.
        const files = await receiveFiles(c.req.raw.body, type, folder, {
          maxFiles: MAX_UPLOAD_FILES,
          maxParts: MAX_UPLOAD_PARTS,
          maxFileBytes: MAX_BYTES,
          maxHeaderBytes: 16 * 1024,
        });
        // One worker thread parses and segments (each file read in the capped reader process):
        // this thread only writes the archive and talks to Meilisearch, so searches go on.
        const pool = workers.acquire();
        let summary: Awaited<ReturnType<typeof ingestUploads>>;
        try {
          summary = await ingestUploads(files, { archive: deps.archive, client: deps.admin, pool });
        } finally {
          workers.release();
        }
        return summary.failed && summary.failed === files.length ? c.json(summary, 422) : c.json(summary, 200);
      } catch (e) {
        if (e instanceof UploadRefused) throw new HttpError(e.status, e.code, e.message, e.parameter);
        const full = asNoSpace(e, () => freeBytes(deps.archive.root));
        if (full) return c.json({ error: { code: 'no_space', message: full.message } }, 507);
        throw e;
      } finally {
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      }
    })
    .openapi(remove, async (c) => {
      const res = await removeNotices([c.req.valid('param').id], deps.archive, deps.admin);
      if (!res.removed.length) throw new HttpError(404, 'not_found', '未找到该通报 (notice not found)');
      return c.json(res, 200);
    })
    .openapi(startRebuild, (c) => {
      if (rebuild.running) return c.json(rebuild, 409);
      rebuild = { running: true, done: 0, total: 0 };
      rebuildIndex(deps.archive, deps.admin, 'reparse', (done, total) => {
        rebuild.done = done;
        rebuild.total = total;
      })
        .then((result) => {
          rebuild = { ...rebuild, running: false, result };
        })
        .catch((e) => {
          rebuild = { ...rebuild, running: false, error: (e as Error).message };
        });
      return c.json(rebuild, 202);
    })
    .openapi(rebuildProgress, (c) => c.json(rebuild, 200));
}
