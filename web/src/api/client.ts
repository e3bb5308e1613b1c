/** Typed calls to the portal API; shapes come from contract/, shared with the server. */
import type { SearchResponse, SearchMode } from '../../../contract/api.ts';
import type { NoticeRecord } from '../../../contract/notice.ts';

export class ApiRequestError extends Error {
  constructor(message: string, readonly status: number) { super(message); }
}

async function get<T>(path: string, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { signal, headers: { accept: 'application/json' } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiRequestError('无法连接服务器，请检查网络后重试。', 0);
  }
  const body = await res.json().catch(() => undefined) as { error?: { message?: string } } | undefined;
  if (!res.ok) throw new ApiRequestError(body?.error?.message ?? `请求失败 (${res.status})`, res.status);
  return body as T;
}

export function search(params: { q: string; mode: SearchMode; page: number }, signal?: AbortSignal) {
  const qs = new URLSearchParams({ q: params.q, mode: params.mode, page: String(params.page) });
  return get<SearchResponse>(`/api/search?${qs}`, signal);
}

export function getNotice(id: string, signal?: AbortSignal) {
  return get<NoticeRecord>(`/api/notices/${encodeURIComponent(id)}`, signal);
}

export function resolveParagraph(id: string, signal?: AbortSignal) {
  return get<{ id: string; noticeId: string; url: string; moved?: boolean }>(`/api/paragraphs/${encodeURIComponent(id)}`, signal);
}
