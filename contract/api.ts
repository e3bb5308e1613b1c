/**
 * The HTTP API contract: request parameters and response bodies, validated on the server
 * and typed in the web app from this one file.
 */
import { z } from 'zod';

export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE_DEPTH = 10_000;

export const SearchMode = z.enum(['words', 'exact']);
export type SearchMode = z.infer<typeof SearchMode>;

export const SearchParams = z.object({
  q: z.string().max(MAX_QUERY_LENGTH, `q 不能超过 ${MAX_QUERY_LENGTH} 个字符`).default(''),
  mode: SearchMode.default('words'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  perPage: z.coerce.number().int().min(1).max(100).default(20),
}).strict().refine((p) => p.page * p.perPage <= MAX_PAGE_DEPTH, { message: `page × perPage 不能超过 ${MAX_PAGE_DEPTH}`, path: ['page'] });
export type SearchParams = z.infer<typeof SearchParams>;

export const SearchHit = z.object({
  id: z.string(),
  noticeId: z.string(),
  paragraphId: z.string(),
  title: z.string().optional(),
  unit: z.string().optional(),
  region: z.array(z.string()),
  year: z.number().optional(),
  part: z.string(),
  role: z.string(),
  itemLabel: z.string().optional(),
  headingPath: z.array(z.string()),
  category: z.object({ lvl1: z.string().optional(), lvl2: z.array(z.string()).optional() }).optional(),
  text: z.string(),
  /** The whole text, HTML-escaped, with <mark> around what matched. */
  highlighted: z.string(),
  /** A window of `highlighted` around the first match, for result lists. */
  snippet: z.string(),
  /** Permalink path: /notices/<noticeId>#<id>. */
  url: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const QueryAnalysis = z.object({
  normalized: z.string(),
  /** What is searched: words (words mode) and exact phrases (exact mode or quoted parts). */
  terms: z.array(z.object({ text: z.string(), kind: z.enum(['word', 'exact']) })),
  /** Terms beyond the first 10, which Meilisearch ignores. */
  ignored: z.array(z.string()),
});
export type QueryAnalysis = z.infer<typeof QueryAnalysis>;

export const SearchResponse = z.object({
  query: QueryAnalysis,
  mode: SearchMode,
  /** Exact number of matching paragraphs. */
  total: z.number(),
  page: z.number(),
  perPage: z.number(),
  totalPages: z.number(),
  processingTimeMs: z.number(),
  hits: z.array(SearchHit),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const ApiError = z.object({ error: z.object({ code: z.string(), message: z.string(), param: z.string().optional() }) });
export type ApiError = z.infer<typeof ApiError>;

export const Health = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  meilisearch: z.object({ mode: z.enum(['embedded', 'external']), available: z.boolean(), version: z.string().optional(), reason: z.string().optional() }),
  notices: z.number().optional(),
  segments: z.number().optional(),
});
export type Health = z.infer<typeof Health>;
