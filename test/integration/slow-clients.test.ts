/**
 * Slow clients (issue 25, finding 2): hundreds of connections from one address that send part
 * of their headers and then nothing. The portal refuses those beyond its per-address cap at
 * once, closes the rest when the header timeout passes, and answers another client's search
 * meanwhile. Bounded and on loopback: the attacker connects from 127.0.0.2, the user from
 * 127.0.0.1; short timeouts through the portal's configuration; every socket ends by itself.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type Portal } from '../../server/portal.ts';
import { scratchSpace } from '../support/scratch.ts';

const { temp } = scratchSpace();
const SLOW = 300;
const PER_ADDRESS = 40;
const HEADERS_TIMEOUT_MS = 1_000;
let portal: Portal;

beforeAll(async () => {
  portal = await startPortal({
    dataDir: temp('slow-clients-'),
    port: 0,
    host: '127.0.0.1',
    rateLimitPerMinute: 0,
    trustProxy: false,
    searchConcurrency: 2,
    webDist: '',
    log: () => {},
    requestLog: () => {},
    connections: {
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      requestTimeoutMs: 2_000,
      keepAliveTimeoutMs: 1_000,
      checkIntervalMs: 200,
      maxConnections: 1_000,
      maxPerAddress: PER_ADDRESS,
    },
  });
}, 120_000);
afterAll(() => portal?.close());

type Slow = { socket: net.Socket; closed: boolean };

/**
 * A connection from 127.0.0.2 that sends the start of a request and then waits; it does not
 * close its side when the portal closes its own (half-open), as a hostile client would not.
 * `closed` once the portal has let go of the connection: after the portal's FIN bytes keep
 * being sent, which a closed socket answers with a reset, one only half-closed (still holding
 * its file) accepts.
 */
function slowClient(port: number): Promise<Slow> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2', allowHalfOpen: true });
    const slow: Slow = { socket, closed: false };
    socket.on('error', () => {});
    socket.on('data', () => {});
    socket.on('end', () => {
      const probe = setInterval(() => socket.writable && socket.write('\r\n'), 50);
      socket.once('close', () => clearInterval(probe));
    });
    socket.once('close', () => {
      slow.closed = true;
      resolve(slow);
    });
    socket.once('connect', () => {
      socket.write('GET /api/search?q=%E6%95%B4%E6%94%B9 HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
      resolve(slow);
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('slow clients', () => {
  it('are capped per address and closed after the header timeout, while another client is answered', async () => {
    const slow = await Promise.all(Array.from({ length: SLOW }, () => slowClient(portal.port)));
    try {
      await sleep(200);
      // Beyond the cap, refused at once; the others still held, well before the header timeout.
      const open = slow.filter((s) => !s.closed).length;
      expect(open).toBeLessThanOrEqual(PER_ADDRESS);
      expect(open).toBeGreaterThan(0);

      const res = await fetch(`${portal.url.replace('localhost', '127.0.0.1')}/api/search?q=${encodeURIComponent('整改')}`);
      expect(res.status).toBe(200);
      expect((await res.json()).total).toBeGreaterThan(0);

      // The ones held are closed by the portal once the header timeout (and one check interval) has passed.
      const deadline = Date.now() + HEADERS_TIMEOUT_MS + 5_000;
      while (slow.some((s) => !s.closed) && Date.now() < deadline) await sleep(100);
      expect(slow.filter((s) => !s.closed).length).toBe(0);
    } finally {
      for (const s of slow) s.socket.destroy();
    }
  }, 30_000);

  it('serves the slow clients’ address again once its connections are gone', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port: portal.port, localAddress: '127.0.0.2' });
      let got = '';
      socket.on('data', (b) => (got += b.toString()));
      socket.once('error', reject);
      socket.once('close', () => resolve(got));
      socket.once('connect', () => socket.write('GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
  });
});
