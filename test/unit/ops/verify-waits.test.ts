/**
 * `ops/verify.ts` never hangs (issue 25: on a full disk it waited for minutes without a word):
 * it names each step as it starts, and a Meilisearch queue that does not empty ends the wait
 * with the reason instead of an endless wait.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexStore } from '../../../meili/index-store.ts';
import { Archive } from '../../../indexer/archive/store.ts';
import { verifyDataDir } from '../../../ops/verify.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('verify waits', () => {
  it('says what it waits for and gives up on a queue that never empties', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-'));
    dirs.push(dataDir);
    // A Meilisearch stuck with 7 tasks, as one on a full disk is.
    const stuck = { pendingTasks: async () => 7 } as unknown as IndexStore;
    const said: string[] = [];
    const check = verifyDataDir(new Archive(dataDir), stuck, { drainTimeoutMs: 1500, say: (m) => said.push(m) });
    await expect(check).rejects.toThrow(/仍有 7 个任务未完成.*still has 7 tasks after 2 s/u);
    expect(said[0]).toMatch(/waiting for Meilisearch to finish its queued tasks/u);
  });
});
