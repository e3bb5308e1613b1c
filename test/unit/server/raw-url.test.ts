/**
 * Raw UTF-8 in a request line, as curl sends `curl 'http://host/?q=党费'`, through Node's own
 * HTTP server and the node-server adapter (no portal, no Meilisearch): read as the browser's
 * percent-encoded form, and what the parser still refuses answered with a body.
 */
import type { Server } from 'node:http';
import net from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerClientError } from '../../../server/http/errors.ts';
import { acceptRawUtf8Urls, percentEncodeRequestLine } from '../../../server/http/raw-url.ts';
import { testApp } from '../../support/api-app.ts';

let server: Server;
let port: number;
beforeAll(async () => {
  port = await new Promise<number>((resolve) => {
    server = serve({ fetch: testApp().fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port)) as Server;
    acceptRawUtf8Urls(server);
    server.on('clientError', answerClientError);
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Writes the bytes, reads until the server closes the connection. */
function exchange(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(Buffer.from(bytes, 'utf8')));
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
const get = (target: string, headers = '') => exchange(`GET ${target} HTTP/1.1\r\nHost: localhost\r\n${headers}\r\n`);
const bodyOf = (answer: string) => answer.slice(answer.indexOf('\r\n\r\n') + 4);

describe('raw UTF-8 in the request line', () => {
  it('percent-encodes the bytes above 0x7F of the request line only, and ends the connection after the answer', () => {
    const head = Buffer.from('GET /?q=党费 HTTP/1.1\r\nX-Name: 张三\r\n\r\n', 'utf8');
    expect(percentEncodeRequestLine(head)?.toString('utf8')).toBe(
      'GET /?q=%E5%85%9A%E8%B4%B9 HTTP/1.1\r\nConnection: close\r\nX-Name: 张三\r\n\r\n',
    );
    expect(percentEncodeRequestLine(Buffer.from('GET /?q=%E5 HTTP/1.1\r\n'))).toBeUndefined();
    expect(percentEncodeRequestLine(Buffer.from('GET /?q=党'))).toBeUndefined();
  });

  it('answers the request as if the URL had been percent-encoded', async () => {
    const answer = await get('/api/analyze?q=党费');
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(JSON.parse(bodyOf(answer))).toMatchObject({ normalized: '党费' });
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
  });

  it('says what is wrong with a request line the parser refuses: JSON for the API, text for pages', async () => {
    const api = await get('/api/analyze?q=党 费');
    expect(api).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(bodyOf(api)).error.message).toContain('%20');
    const page = await get('/notices/a b');
    expect(page).toMatch(/^HTTP\/1\.1 400 /);
    expect(page).toMatch(/content-type: text\/plain; charset=utf-8/i);
    expect(bodyOf(page)).toContain('%20');
    const huge = await get('/', `X-Filler: ${'a'.repeat(20_000)}\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(bodyOf(huge)).toContain('请求头过大');
  });
});

describe('refusals of pages', () => {
  it('say in words what is wrong with a request no page answers', async () => {
    const answer = await exchange('POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    expect(answer).toMatch(/content-type: text\/plain; charset=utf-8/i);
    expect(bodyOf(answer)).toContain('网页只接受 GET 请求');
  });
});
