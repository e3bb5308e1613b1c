/**
 * A production build of the web app, as `npm start` serves it. Vitest runs with NODE_ENV=test,
 * under which Vite would bundle React's development build (about 60 kB more gzipped, and other
 * behaviour than users get); the build sets production for its own duration.
 */
import path from 'node:path';
import { build } from 'vite';
import { ROOT } from './portal.ts';

export async function buildWeb(outDir?: string): Promise<void> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(ROOT, 'vite.config.ts'),
      root: path.join(ROOT, 'web'),
      mode: 'production',
      logLevel: 'warn',
      ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}),
    });
  } finally {
    process.env.NODE_ENV = before;
  }
}
