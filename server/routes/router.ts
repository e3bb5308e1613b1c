/**
 * What every endpoint family builds on: the router that validates with the contract's zod
 * schemas and refuses in the API's own error shape, the dependencies the handlers reach, and
 * the refusals each route documents beside its answer.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import { ApiError, MAX_PAGE_DEPTH, type Health } from '../../contract/api.ts';
import type { IndexStore } from '../../meili/index-store.ts';
import type { Archive } from '../../indexer/archive/store.ts';
import type { SearchContext } from '../search/context.ts';
import { HttpError, refuseInvalid } from '../http/errors.ts';

export type HealthProbe = () => Promise<Health>;

export type ApiDeps = {
  /** Where searches go; `forRequest` ties them to the request, whose abort takes them out of the queue. */
  search: SearchContext;
  /** The master-key store, for the admin routes (upload, delete, rebuild). */
  admin: IndexStore;
  health: HealthProbe;
  /** Notice pages and original files are read from the archive (DATA_DIR), the source of truth. */
  archive: Archive;
  /** PUBLIC_URL: the base of absolute links (export, feed); see server/http/origin.ts. */
  publicUrl?: string;
  /** ADMIN_TOKEN; unset: the admin routes answer 403. */
  adminToken?: string;
};

/** A router of one endpoint family; its routes' paths are relative to /api. */
export function router(): OpenAPIHono {
  return new OpenAPIHono({ defaultHook: (result) => refuseInvalid(result) });
}

/** Deep pages are refused: nobody reads page 500, and each one costs Meilisearch more. */
export function withinDepth<T extends { page: number; perPage: number }>(p: T): T {
  if (p.page * p.perPage > MAX_PAGE_DEPTH)
    throw new HttpError(
      400,
      'invalid_parameter',
      `翻页过深：page × perPage 不能超过 ${MAX_PAGE_DEPTH}，请缩小检索范围 (page too deep)`,
      'page',
    );
  return p;
}

export const json = <S extends z.ZodType>(schema: S) => ({ 'application/json': { schema } });

const retryAfter = {
  'Retry-After': { description: '重试前等待的秒数 (seconds to wait before retrying)', schema: { type: 'integer' as const } },
};

/** What any /api route may answer besides its own result. */
export const refusals = {
  429: {
    description:
      '请求过于频繁 (rate limited: RATE_LIMIT per client and minute, export/stats/feed counting several requests each; ' +
      'or more exports, stats or feeds running at once for this client than it may have)',
    headers: retryAfter,
    content: json(ApiError),
  },
  503: {
    description: '检索服务不可用或繁忙 (code search_unavailable, overloaded or reindexing)',
    headers: retryAfter,
    content: json(ApiError),
  },
} as const;
export const badRequest = {
  400: { description: '参数无效，error.param 指明参数 (invalid parameter, named in error.param)', content: json(ApiError) },
} as const;
export const notFound = { 404: { description: '未找到 (not found)', content: json(ApiError) } } as const;
