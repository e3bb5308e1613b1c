/**
 * A full disk (issue 25): the indexer says "no space left" in plain words, in Chinese and
 * English, and stops at once instead of failing every remaining file or passing on
 * Meilisearch's "payload malformed". The disk is not filled: the errors are the ones a full
 * disk produces, raised by the archive and by a stand-in for Meilisearch.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MeiliError, type Task } from '../../../meili/client.ts';
import type { IndexStore } from '../../../meili/index-store.ts';
import { Archive } from '../../../indexer/archive/store.ts';
import { ingestBuffers } from '../../../indexer/ingest.ts';
import { asNoSpace, checkFreeSpace, MIN_FREE_BYTES, NoSpaceError } from '../../../indexer/no-space.ts';
import { variantOf000 } from '../../support/corpus.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function archive(): Archive {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'no-space-'));
  dirs.push(d);
  return new Archive(d);
}

function enospc(): Error {
  return Object.assign(new Error("ENOSPC: no space left on device, write '/data/archive/originals/x.tmp'"), { code: 'ENOSPC', errno: -28 });
}

/** A Meilisearch that accepts every request and fails its tasks as a full disk does. */
function fullDiskStore(): IndexStore {
  let uid = 0;
  const task = async (): Promise<Task> => ({ taskUid: ++uid }) as Task;
  return {
    addDocuments: task,
    deleteDocuments: task,
    isEnqueued: async () => false,
    waitForTask: async (t: Task) => {
      throw new MeiliError(
        `Meilisearch task ${t.taskUid} (documentAdditionOrUpdate) failed: No space left on device (os error 28)`,
        500,
        'io_error',
      );
    },
  } as unknown as IndexStore;
}

const files = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    fileName: `notice-${i}.txt`,
    bytes: new TextEncoder().encode(variantOf000(`县${i}`, '审计局', 2018)),
  }));

describe('disk full', () => {
  it('stops the run at the first archive write that fails, in plain words', async () => {
    const a = archive();
    let writes = 0;
    a.saveOriginal = () => {
      writes++;
      throw enospc();
    };
    const run = ingestBuffers(files(3), { archive: a, client: fullDiskStore(), workers: 0 });
    await expect(run).rejects.toBeInstanceOf(NoSpaceError);
    await expect(run).rejects.toThrow(/磁盘空间不足.*no space left on device.*free some space/u);
    expect(writes).toBe(1);
  }, 60_000);

  it('says what a failed Meilisearch task means', async () => {
    const run = ingestBuffers(files(1), { archive: archive(), client: fullDiskStore(), workers: 0 });
    await expect(run).rejects.toThrow(/磁盘空间不足.*Meilisearch could not write its data.*os error 28/u);
  }, 60_000);

  it('reads "payload malformed" as a full disk only when the disk is full', () => {
    const malformed = new MeiliError(
      "The `json` payload provided is malformed. `Couldn't serialize document value`.",
      400,
      'malformed_payload',
    );
    expect(asNoSpace(malformed, () => 5 * 1024 * 1024)?.message).toMatch(/磁盘空间不足.*5\.0 MiB left/u);
    expect(asNoSpace(malformed, () => 50 * 1024 ** 3)).toBeUndefined();
    expect(asNoSpace(new MeiliError('Index `x` not found.', 404, 'index_not_found'), () => 0)).toBeUndefined();
    expect(asNoSpace(new Error('EACCES: permission denied'), () => 0)).toBeUndefined();
  });

  it('refuses to start on a disk with almost nothing free', () => {
    expect(checkFreeSpace('/data', 1024 * 1024)?.message).toMatch(/只剩 1\.0 MiB.*only 1\.0 MiB free/u);
    expect(checkFreeSpace('/data', MIN_FREE_BYTES * 10)).toBeUndefined();
  });
});
