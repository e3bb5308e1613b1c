/**
 * After a crash, the rerun reports what it did (issue 25): notices an interrupted run had
 * written to the archive but not committed are sent to Meilisearch again by the rerun, and
 * its summary counts them as added, not as unchanged. The crash is the journal a dead indexer
 * leaves in archive/pending/ (indexer/archive/store.ts), written here for a process that has
 * exited, as a SIGKILL between the archive write and the commit would leave it.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Archive } from '../../indexer/archive/store.ts';
import { variantOf000, writeCorpus } from '../support/corpus.ts';
import { ROOT } from '../support/portal.ts';
import { scratchSpace } from '../support/scratch.ts';

const run = promisify(execFile);
const scratch = scratchSpace();

describe('rerun after a crash', () => {
  it('reports the notices it sent again as added, not unchanged', async () => {
    const dataDir = scratch.temp('crash-rerun-');
    const corpus = writeCorpus({ 'a.txt': variantOf000('东港市', '审计局', 2021), 'b.txt': variantOf000('凤城市', '财政局', 2022) });
    scratch.dirs.push(corpus);
    const index = () =>
      run(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', corpus], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, MEILI_URL: '' },
      });
    expect((await index()).stdout).toMatch(/新增 added 2,/);

    const ids = new Archive(dataDir).noticeIds();
    expect(ids).toHaveLength(2);
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    fs.writeFileSync(path.join(dataDir, 'archive', 'pending', `${dead}-0badc0de.log`), ids.map((id) => `${id}\n`).join(''));

    const rerun = await index();
    expect(rerun.stderr).toMatch(/re-sent 2 notices/);
    expect(rerun.stdout).toMatch(/新增 added 2, 更新 updated 0, 未变 unchanged 0/);
    // Settled: the run after that has nothing to do.
    expect((await index()).stdout).toMatch(/新增 added 0, 更新 updated 0, 未变 unchanged 2/);
  }, 180_000);
});
