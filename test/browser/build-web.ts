/**
 * Global setup of the integration project: the portal the browser tests start serves web/dist,
 * so it is built from the sources under test rather than whatever an earlier build left there.
 */
import path from 'node:path';
import { build } from 'vite';

export async function setup(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '../..');
  await build({ configFile: path.join(root, 'vite.config.ts'), root: path.join(root, 'web'), logLevel: 'warn' });
}
