/** What the page says when the API refuses or fails a request. */
import type { ApiRequestError } from '../api/client.ts';
import { PARAM_LABEL } from './labels.ts';

/**
 * The API says each thing in Chinese and then, in brackets, in English for API users, and
 * names parameters as the URL spells them; the page shows the Chinese, with the parameter's
 * name as the page calls it.
 */
export function chineseMessage(error: ApiRequestError): string {
  return error.message
    .replace(/\s*\((?=[^()]*[A-Za-z])[^()\u3400-\u9fff]*\)/g, '')
    .replace(/^参数 (\S+) 无效\s*:\s*/, (_, p: string) => `${PARAM_LABEL[p] ?? p}无效：`)
    .trim();
}

/** Only a failure of the network or the server can go away by asking again; a refused request cannot. */
export function retryable(error: ApiRequestError): boolean {
  return error.status === 0 || error.status === 429 || error.status >= 500;
}
