/**
 * The app in-process (`createApp(...).request(...)`) with stand-ins for what a route under
 * test does not reach: no portal process, no Meilisearch. A stand-in that is reached anyway
 * fails the request loudly (500 and the error in the test's output).
 */
import { createApp, type AppOptions } from '../../server/app.ts';

const unreachable = (what: string) =>
  new Proxy(
    {},
    {
      get: (_t, key) => {
        throw new Error(`${what}.${String(key)} was reached: give the test a stand-in for it`);
      },
    },
  );

export function testApp(overrides: Partial<AppOptions> = {}) {
  return createApp({
    search: unreachable('search') as AppOptions['search'],
    admin: unreachable('admin') as AppOptions['admin'],
    archive: { readNotice: async () => undefined, notices: () => [], noticesStamp: () => 'empty' } as unknown as AppOptions['archive'],
    health: async () => ({ status: 'ok', meilisearch: { mode: 'embedded', available: true } }),
    log: () => {},
    ...overrides,
  });
}

/** What @hono/node-server passes as env: the socket a request came in on. */
export const fromAddress = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
