/**
 * Every failure as a JSON body `{ error: { code, message, param? } }`: 400 names the bad
 * parameter, 503 (with Retry-After) means Meilisearch is unavailable; nothing becomes a 500
 * that a user's input could cause.
 */
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { MeiliError, MeiliUnavailableError } from '../../meili/client.ts';
import { SearchAbandonedError, SearchOverloadedError } from '../search/gate.ts';

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

export function badParams(error: ZodError): HttpError {
  const issue = error.issues[0];
  const param = issue?.path.length ? String(issue.path[0]) : undefined;
  const message =
    issue?.code === 'unrecognized_keys'
      ? `未知参数 (unknown parameter): ${issue.keys.join(', ')}`
      : `参数 ${param ?? ''} 无效 (invalid parameter): ${issue?.message ?? ''}`;
  return new HttpError(400, 'invalid_parameter', message, issue?.code === 'unrecognized_keys' ? issue.keys[0] : param);
}

/**
 * The routes' defaultHook (server/app.ts): a request the route's zod schemas refuse becomes the
 * same 400 a handler's own checks give, rather than @hono/zod-validator's dump of zod issues.
 * Path parameters are named alone: their pattern means nothing to whoever typed the URL.
 */
export function refuseInvalid(result: { success: true } | { success: false; error: ZodError; target: string }): void {
  if (result.success) return;
  const issue = result.error.issues[0];
  if (result.target === 'param' && issue?.path.length) {
    const name = String(issue.path[0]);
    throw new HttpError(400, 'invalid_parameter', `${name} 格式无效 (invalid ${name})`, name);
  }
  throw badParams(result.error);
}

export const RETRY_AFTER_SECONDS = 5;

export function errorResponse(err: unknown, c: Context): Response {
  if (err instanceof HttpError) {
    return c.json({ error: { code: err.code, message: err.message, ...(err.param ? { param: err.param } : {}) } }, err.status);
  }
  if (err instanceof MeiliUnavailableError) {
    c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return c.json(
      { error: { code: 'search_unavailable', message: '检索服务暂时不可用，请稍后重试 (search engine unavailable, retry shortly)' } },
      503,
    );
  }
  if (err instanceof SearchOverloadedError) {
    c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    return c.json({ error: { code: 'overloaded', message: '检索请求过多，请稍后重试 (too many searches waiting, retry shortly)' } }, 503);
  }
  // The client has gone: nobody reads this answer, and it is no error of ours.
  if (err instanceof SearchAbandonedError) return c.json({ error: { code: 'abandoned', message: '请求已取消 (request cancelled)' } }, 503);
  if (err instanceof MeiliError && err.status < 500) {
    console.error(JSON.stringify({ level: 'error', msg: 'meilisearch rejected a request', code: err.code, error: err.message }));
    return c.json({ error: { code: 'bad_request', message: `检索请求无效 (invalid search request)` } }, 400);
  }
  console.error(JSON.stringify({ level: 'error', msg: 'unhandled error', error: (err as Error)?.stack ?? String(err) }));
  return c.json({ error: { code: 'internal', message: '服务器内部错误 (internal error)' } }, 500);
}

const CLIENT_ERRORS: Record<string, [status: number, reason: string, message: string]> = {
  HPE_INVALID_URL: [
    400,
    'Bad Request',
    '请求地址中有不能直接使用的字符（如空格），请先对地址进行 URL 编码 (invalid character in the request URL)',
  ],
  // What a space in the address gives: the parser reads the rest as the protocol version.
  HPE_INVALID_CONSTANT: [
    400,
    'Bad Request',
    '请求行无效：地址中若有空格，须写作 %20 (malformed request line: write a space in the URL as %20)',
  ],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', '请求头过大 (request headers too large)'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', '请求超时：请求头未能及时发送完毕 (request timed out)'],
};

/**
 * What Node's HTTP parser refuses before the app sees a request (a malformed request line,
 * oversized headers, a stalled request): the same status Node would give, with a body that
 * says what is wrong, in the API's JSON error shape when the request was for /api.
 */
export function answerClientError(err: Error & { code?: string; rawPacket?: Buffer }, socket: import('node:stream').Duplex): void {
  const sent = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (err.code === 'ECONNRESET' || !socket.writable || sent) {
    socket.destroy();
    return;
  }
  const [status, reason, message] = CLIENT_ERRORS[err.code ?? ''] ?? [
    400,
    'Bad Request',
    `无法解析的 HTTP 请求 (malformed HTTP request): ${err.message.replace(/^Parse Error: /, '')}`,
  ];
  const api = /^[A-Z]+ \/api(?:[/?# ]|$)/.test(err.rawPacket?.subarray(0, 64).toString('latin1') ?? '');
  const body = api ? JSON.stringify({ error: { code: 'bad_request', message } }) : `${status} ${reason}\n${message}\n`;
  const type = api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8';
  // Destroyed once the answer is written, not only ended: the server's sockets are half-open, and a
  // client that never closes its side (a slow-header attack timed out) would keep the file open.
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}
