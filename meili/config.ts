/**
 * Where the portal keeps its data and which Meilisearch it talks to, read once from the
 * environment. Everything else takes these values as arguments.
 */
import os from 'node:os';
import path from 'node:path';

export type AppConfig = {
  dataDir: string;
  /** External Meilisearch; when absent the portal runs its own embedded one. */
  meiliUrl?: string;
  meiliMasterKey?: string;
  /** Several Meilisearch instances holding partitions of the archive (docs/scaling.md); excludes meiliUrl. */
  partitionsFile?: string;
  /** Path to a Meilisearch binary for the embedded mode (default: the npm-packaged build). */
  meiliBinary?: string;
  port: number;
  host: string;
  adminToken?: string;
  /** API requests per minute per client (0 = no limit). */
  rateLimitPerMinute: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /**
   * Where users reach the portal (`https://xuncha.example.org`, no trailing slash): the base of
   * the absolute links in exports and the Atom feed, which must not come from the client's Host
   * header. A path is kept as given, though the web app itself is served from `/`.
   */
  publicUrl?: string;
  /** Searches sent to Meilisearch at once; more wait in turn (server/search/gate.ts). */
  searchConcurrency: number;
};

export class ConfigError extends Error {}

/** PUBLIC_URL checked and normalised (host lower-cased, default port and trailing slashes dropped). */
export function parsePublicUrl(value: string): string {
  const problem = (why: string) =>
    new ConfigError(
      `PUBLIC_URL must be the absolute http(s) address users reach the portal at, e.g. https://xuncha.example.org; ${why}, got "${value}"`,
    );
  // The URL parser also accepts "https:example.org" and backslashes; a link base is spelled out.
  if (!/^https?:\/\/[^/\\]/iu.test(value)) throw problem('it must start with http:// or https:// and a host');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw problem('it is not a URL');
  }
  if (url.username || url.password) throw problem('it must not hold a user name or password');
  // Links are this value followed by /notices/…: a query or fragment would swallow the path.
  if (value.includes('?') || value.includes('#')) throw problem('it must not have a query (?) or fragment (#)');
  return `${url.origin}${url.pathname.replace(/\/+$/u, '')}`;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  if (env.MEILI_URL && !/^https?:\/\//.test(env.MEILI_URL))
    throw new ConfigError(`MEILI_URL must start with http:// or https://, got "${env.MEILI_URL}"`);
  if (env.MEILI_URL && env.PARTITIONS_FILE)
    throw new ConfigError('Set either MEILI_URL (one Meilisearch) or PARTITIONS_FILE (several), not both');
  if (env.ADMIN_TOKEN && env.ADMIN_TOKEN.length < 16)
    throw new ConfigError('ADMIN_TOKEN must be at least 16 characters (e.g. openssl rand -hex 24)');
  const rateLimit = Number(env.RATE_LIMIT ?? 600);
  if (!Number.isInteger(rateLimit) || rateLimit < 0)
    throw new ConfigError(`RATE_LIMIT must be a whole number of requests per minute (0 = off), got "${env.RATE_LIMIT}"`);
  const publicUrl = env.PUBLIC_URL ? parsePublicUrl(env.PUBLIC_URL) : undefined;
  // One search keeps about one core of Meilisearch busy.
  const searchConcurrency = Number(env.SEARCH_CONCURRENCY || os.availableParallelism());
  if (!Number.isInteger(searchConcurrency) || searchConcurrency < 1)
    throw new ConfigError(`SEARCH_CONCURRENCY must be a whole number ≥ 1, got "${env.SEARCH_CONCURRENCY}"`);
  return {
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    meiliUrl: env.MEILI_URL || undefined,
    meiliMasterKey: env.MEILI_MASTER_KEY || undefined,
    partitionsFile: env.PARTITIONS_FILE ? path.resolve(env.PARTITIONS_FILE) : undefined,
    meiliBinary: env.MEILI_BINARY || undefined,
    port,
    host: env.HOST ?? '0.0.0.0',
    adminToken: env.ADMIN_TOKEN || undefined,
    rateLimitPerMinute: rateLimit,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    publicUrl,
    searchConcurrency,
  };
}
