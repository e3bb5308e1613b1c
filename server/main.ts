/**
 * npm start: the portal (server/portal.ts) configured from the environment (README
 * "Configuration"). Ctrl-C or SIGTERM stops it and the Meilisearch it started.
 */
import { ConfigError, readConfig, type AppConfig } from '../meili/config.ts';
import { connectionLimitsFromEnv, type ConnectionLimits } from './http/connections.ts';
import { startPortal } from './portal.ts';

let config: AppConfig;
let connections: ConnectionLimits;
try {
  config = readConfig();
  connections = connectionLimitsFromEnv(process.env);
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(`配置错误，未启动 (configuration error, not started): ${e.message}`);
  process.exit(1);
}

const stop = new AbortController();
const portal = startPortal({ ...config, connections, loadSamples: process.env.LOAD_SAMPLES !== '0', signal: stop.signal });

// A signal while starting stops the start (startPortal stops what it started, then rejects).
const shutdown = async (signal: string) => {
  if (stop.signal.aborted) return;
  console.log(JSON.stringify({ level: 'info', msg: `received ${signal}, stopping` }));
  stop.abort();
  await portal.then(
    (p) => p.close(),
    () => {},
  );
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

portal.catch((e: Error) => {
  if (stop.signal.aborted) return;
  console.error(`启动失败 (startup failed): ${e.message}`);
  process.exit(1);
});
