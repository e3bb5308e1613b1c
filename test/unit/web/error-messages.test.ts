/** What the page says of the API's refusals: the server's own messages, shown in Chinese only. */
import { describe, expect, it } from 'vitest';
import { SearchParams } from '../../../contract/api.ts';
import { badParams, type HttpError } from '../../../server/http/errors.ts';
import { ApiRequestError } from '../../../web/src/api/client.ts';
import { chineseMessage, retryable } from '../../../web/src/lib/error-messages.ts';

/** The error the web client makes of an HttpError the server answers with. */
const received = (e: HttpError) => new ApiRequestError(e.message, e.status, e.param);

describe('error messages on the page', () => {
  it('shows a refused query in Chinese, naming the parameter as the page does', () => {
    const r = SearchParams.safeParse({ q: ['党'.repeat(201)] });
    expect(r.success).toBe(false);
    const shown = chineseMessage(received(badParams(r.error!)));
    expect(shown).toBe('检索词无效：检索词不能超过 200 个字符');
  });

  it('drops the English gloss in brackets but keeps Chinese brackets', () => {
    expect(
      chineseMessage(new ApiRequestError('翻页过深：page × perPage 不能超过 10000，请缩小检索范围 (page too deep)', 400, 'page')),
    ).toBe('翻页过深：page × perPage 不能超过 10000，请缩小检索范围');
    expect(chineseMessage(new ApiRequestError('检索服务暂时不可用（维护中）', 503))).toBe('检索服务暂时不可用（维护中）');
    expect(chineseMessage(new ApiRequestError('未找到 (not found) 通报 (2024)', 404))).toBe('未找到 通报 (2024)');
  });

  it('offers a retry only where asking again can help', () => {
    expect(retryable(new ApiRequestError('', 0))).toBe(true);
    expect(retryable(new ApiRequestError('', 503))).toBe(true);
    expect(retryable(new ApiRequestError('', 429))).toBe(true);
    expect(retryable(new ApiRequestError('', 400))).toBe(false);
    expect(retryable(new ApiRequestError('', 404))).toBe(false);
  });
});
