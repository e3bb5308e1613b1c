/**
 * What keeps a server facing the internet up against slow and idle clients (issue 25: about
 * 20,500 half-open connections from one host reached the process's open-file limit, and every
 * other user's request was reset; the rate limiter never saw them, for they never sent a
 * request). Node closes a connection whose headers are not complete within `headersTimeoutMs`
 * or whose request is not complete within `requestTimeoutMs` (408), and one idle between
 * requests after `keepAliveTimeoutMs`; this file caps connections per address and in all, and
 * checks that the open-file limit leaves room for the cap. A reverse proxy in front
 * (docker-compose.yml, deploy/nginx.conf) adds its own limits; these hold without one too.
 */
import fs from 'node:fs';
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { ConfigError } from '../../meili/config.ts';

export type ConnectionLimits = {
  /** Complete headers within this, or 408 and closed (Node's default: 60 s). */
  headersTimeoutMs: number;
  /** The whole request, body included (a 100 MiB admin upload at 1 MB/s fits), or 408 (Node's default: 300 s). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /**
   * A connection with no traffic either way for this long while a request is under way is
   * closed (a client that stopped reading an export). Longer than an admin upload takes to be
   * parsed and indexed, which sends nothing meanwhile (nginx waits as long, deploy/nginx.conf).
   */
  idleTimeoutMs: number;
  /** How often Node looks for connections past the header and request timeouts. */
  checkIntervalMs: number;
  /** Open connections in all; beyond, new ones are closed at once. */
  maxConnections: number;
  /**
   * Open connections from one address; beyond, new ones are closed at once. Behind a proxy
   * (TRUST_PROXY) every connection comes from the proxy, which limits per client itself: then
   * only `maxConnections` applies.
   */
  maxPerAddress: number;
};

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 600_000,
  checkIntervalMs: 5_000,
  maxConnections: 2_000,
  // Browsers open at most 6 per host; an office behind one NAT address holds many browsers.
  maxPerAddress: 100,
};

/** File descriptors the process needs besides its connections: archive files, Meilisearch sockets, Node itself. */
const OTHER_FILES = 512;

/** Options for http.createServer (the timeouts must be set there: the check interval cannot change later). */
export function serverOptions(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  };
}

/**
 * Caps connections on a listening server; `perAddress: false` behind a trusted proxy. What was
 * refused is logged at most once a minute, with the address refused most.
 */
export function limitConnections(
  server: Server,
  limits: ConnectionLimits,
  perAddress: boolean,
  log: (msg: string, extra: Record<string, unknown>) => void,
): void {
  server.maxConnections = limits.maxConnections;
  server.timeout = limits.idleTimeoutMs;
  const refused = new Map<string, number>();
  const refuse = (address: string) => refused.set(address, (refused.get(address) ?? 0) + 1);
  const report = setInterval(() => {
    if (!refused.size) return;
    const total = [...refused.values()].reduce((a, b) => a + b, 0);
    const [most, count] = [...refused].sort((a, b) => b[1] - a[1])[0]!;
    log('refused connections over the limits (MAX_CONNECTIONS, MAX_CONNECTIONS_PER_ADDRESS) in the last minute', {
      level: 'warn',
      refused: total,
      addresses: refused.size,
      most: { address: most, refused: count },
    });
    refused.clear();
  }, 60_000);
  report.unref();
  server.once('close', () => clearInterval(report));
  server.on('drop', (data?: { remoteAddress?: string }) => refuse(data?.remoteAddress ?? 'unknown'));
  if (!perAddress) return;
  const open = new Map<string, number>();
  // In front of the HTTP server's own connection listeners, which set up a parser and timers
  // for every socket: a refused one costs a map lookup and a close, not an HTTP connection.
  const listeners = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const n = (open.get(address) ?? 0) + 1;
    if (n > limits.maxPerAddress) {
      refuse(address);
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
    for (const listener of listeners) listener.call(server, socket);
  });
}

/** The soft open-file limit of this process (`ulimit -n`), where the system says (Linux /proc). */
export function openFileLimit(limitsFile = '/proc/self/limits'): number | undefined {
  try {
    const line = fs
      .readFileSync(limitsFile, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
    if (soft === 'unlimited') return Number.POSITIVE_INFINITY;
    return soft && /^\d+$/.test(soft) ? Number(soft) : undefined;
  } catch {
    return undefined;
  }
}

/** A warning when the open-file limit is not well above the connection cap; undefined when it is (or is unknown). */
export function openFileWarning(limits: ConnectionLimits, fileLimit: number | undefined): string | undefined {
  const needed = 2 * limits.maxConnections + OTHER_FILES;
  if (fileLimit === undefined || fileLimit >= needed) return undefined;
  return (
    `打开文件数上限 ${fileLimit} 过低 (open-file limit ${fileLimit} is below ${needed}, twice MAX_CONNECTIONS=${limits.maxConnections} plus ${OTHER_FILES}): ` +
    `connections beyond it are reset instead of refused; raise it (ulimit -n ${needed}, systemd LimitNOFILE, docker-compose ulimits) or lower MAX_CONNECTIONS`
  );
}

/** MAX_CONNECTIONS and MAX_CONNECTIONS_PER_ADDRESS from the environment (README "Configuration"). */
export function connectionLimitsFromEnv(env: NodeJS.ProcessEnv): ConnectionLimits {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new ConfigError(`${name} must be a whole number ≥ 1, got "${raw}"`);
    return n;
  };
  return {
    ...DEFAULT_CONNECTION_LIMITS,
    maxConnections: read('MAX_CONNECTIONS', DEFAULT_CONNECTION_LIMITS.maxConnections),
    maxPerAddress: read('MAX_CONNECTIONS_PER_ADDRESS', DEFAULT_CONNECTION_LIMITS.maxPerAddress),
  };
}
