/**
 * Temporary data folders and portals of a test file, cleaned up after it: portals stopped,
 * any Meilisearch left on those folders (e.g. by a killed indexer) killed, folders removed.
 */
import fs from 'node:fs';
import { afterAll } from 'vitest';
import { meiliProcesses } from '../../ops/common.ts';
import { tempDataDir, type Portal } from './portal.ts';

export function scratchSpace(): { dirs: string[]; portals: Portal[]; temp(prefix: string): string } {
  const dirs: string[] = [];
  const portals: Portal[] = [];
  afterAll(async () => {
    for (const p of portals) await p.stop();
    for (const d of dirs)
      for (const pid of meiliProcesses(d)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  return {
    dirs,
    portals,
    temp(prefix) {
      const d = tempDataDir(prefix);
      dirs.push(d);
      return d;
    },
  };
}
