/**
 * Request lines with raw UTF-8, as curl sends a URL typed with Chinese in it
 * (`curl 'http://localhost:8080/?q=党费'`): Node's HTTP parser (llhttp) refuses any byte above
 * 0x7F in a request target, even with insecureHTTPParser, and answers a bare 400 before Hono
 * sees the request. Browsers percent-encode such URLs themselves; so does this, for the first
 * request line of each connection, before the parser reads it (and such a connection is not
 * kept alive, so the client's next request is a first one again). A request with raw bytes
 * pipelined behind another is refused by the parser, with a body (errors.ts answerClientError).
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** A request line is never this long (the parser's header limit is 16 KiB): hand over whatever came. */
const MAX_REQUEST_LINE = 16 * 1024;
/** A client that has not sent its request line by then is the parser's to time out (headersTimeout). */
const WAIT_MS = 2_000;

/**
 * The same bytes with every byte above 0x7F of the request line (up to its LF) written as
 * %XX, the way a browser encodes a URL, and the connection closed after the answer;
 * undefined when the line is incomplete or all ASCII.
 */
export function percentEncodeRequestLine(head: Buffer): Buffer | undefined {
  const end = head.indexOf(0x0a);
  if (end < 0) return undefined;
  let first = -1;
  for (let i = 0; i < end; i++)
    if (head[i]! >= 0x80) {
      first = i;
      break;
    }
  if (first < 0) return undefined;
  let line = head.subarray(0, first).toString('latin1');
  for (let i = first; i < end; i++) {
    const b = head[i]!;
    line += b >= 0x80 ? `%${b.toString(16).toUpperCase()}` : String.fromCharCode(b);
  }
  // Only a connection's first request line passes here: the connection ends after its answer,
  // so a client's next request (curl given several URLs) comes on a new one and is read the same way.
  return Buffer.concat([
    Buffer.from(line, 'latin1'),
    head.subarray(end, end + 1),
    Buffer.from('Connection: close\r\n'),
    head.subarray(end + 1),
  ]);
}

/**
 * Puts itself before the HTTP server's own connection handling: each connection's first
 * bytes are read up to the end of the request line, percent-encoded where needed and put
 * back, and only then does the server's parser take the socket.
 */
export function acceptRawUtf8Urls(server: Server): void {
  const handlers = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    let head: Buffer | undefined;
    let done = false;
    const finish = () => {
      done = true;
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('end', onEnd);
      socket.removeListener('error', onError);
      socket.removeListener('close', finish);
    };
    const handOver = () => {
      if (done) return;
      finish();
      // Closed meanwhile (a connection cap refused it): nothing to parse.
      if (socket.destroyed) return;
      if (head) socket.unshift(percentEncodeRequestLine(head) ?? head);
      for (const h of handlers) h.call(server, socket);
    };
    const onData = (chunk: Buffer) => {
      head = head ? Buffer.concat([head, chunk]) : chunk;
      if (head.includes(0x0a) || head.length >= MAX_REQUEST_LINE) handOver();
    };
    // Gone before its request line: nothing to answer.
    const onEnd = () => {
      finish();
      socket.destroy();
    };
    const onError = () => {
      finish();
      socket.destroy();
    };
    const timer = setTimeout(handOver, WAIT_MS);
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('error', onError);
    socket.once('close', finish);
  });
}
