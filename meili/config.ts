/**
 * Where the portal keeps its data and which Meilisearch it talks to, read once from the
 * environment. Everything else takes these values as arguments.
 */
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
};

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  if (env.MEILI_URL && !/^https?:\/\//.test(env.MEILI_URL)) throw new ConfigError(`MEILI_URL must start with http:// or https://, got "${env.MEILI_URL}"`);
  if (env.MEILI_URL && env.PARTITIONS_FILE) throw new ConfigError('Set either MEILI_URL (one Meilisearch) or PARTITIONS_FILE (several), not both');
  if (env.ADMIN_TOKEN && env.ADMIN_TOKEN.length < 16) throw new ConfigError('ADMIN_TOKEN must be at least 16 characters (e.g. openssl rand -hex 24)');
  const rateLimit = Number(env.RATE_LIMIT ?? 600);
  if (!Number.isInteger(rateLimit) || rateLimit < 0) throw new ConfigError(`RATE_LIMIT must be a whole number of requests per minute (0 = off), got "${env.RATE_LIMIT}"`);
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
  };
}
