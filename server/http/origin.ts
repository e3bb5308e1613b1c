/**
 * The base of the absolute links the API writes out (export `url` column, Atom feed).
 *
 * The request's own URL is built from its Host header, or from an absolute request target
 * (`GET http://host/path`), both chosen by the client: a cache in front that does not key on
 * them would serve a feed with someone else's links to everyone. PUBLIC_URL, when set, is used
 * instead. Without it, a Host that is a well-formed host[:port] is still used (so links work
 * whatever name the portal is reached by), and anything else is replaced by the address the
 * connection was accepted on.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Context } from 'hono';

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/** DNS name or IPv4 address (RFC 1123 labels), or a bracketed IPv6 address, then an optional port. */
const HOST_PORT = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*\\.?|\\[[0-9a-f:.]+\\])(?::(\\d{1,5}))?$`, 'iu');

export function isValidHost(host: string): boolean {
  const m = HOST_PORT.exec(host);
  if (!m || host.length > 260) return false;
  return m[1] === undefined || (Number(m[1]) >= 1 && Number(m[1]) <= 65535);
}

/** The local address of the connection (`@hono/node-server` passes the request as env.incoming). */
function listeningOrigin(c: Context): string {
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
  if (!socket?.localAddress || !socket.localPort) return 'http://localhost';
  const scheme = (socket as TLSSocket).encrypted ? 'https' : 'http';
  const address = socket.localAddress.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/u, '');
  return `${scheme}://${address.includes(':') ? `[${address}]` : address}:${socket.localPort}`;
}

/** Where links point: PUBLIC_URL, else the request's origin when its Host is sound, else the listening address. */
export function linkBase(c: Context, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  const url = new URL(c.req.url);
  const host = c.req.header('host');
  if (host !== undefined && isValidHost(host)) {
    try {
      // An absolute request target overrides Host; it must name the same host to be used.
      if (new URL(`${url.protocol}//${host}`).host === url.host) return url.origin;
    } catch {
      // not a host the URL parser accepts: fall through
    }
  }
  return listeningOrigin(c);
}
