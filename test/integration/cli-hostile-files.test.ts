/**
 * `npm run index` has the portal's protection against document bombs (issue 25: a 1.1 MB
 * .docx cost the indexer 2.7 GB): each file is read in a worker with a heap cap, so a bomb is
 * refused with its reason and the run goes on with the other files.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { variantOf000, writeCorpus } from '../support/corpus.ts';
import { tinyParagraphDocx } from '../support/docx-bomb.ts';
import { ROOT } from '../support/portal.ts';
import { scratchSpace } from '../support/scratch.ts';

const run = promisify(execFile);
const scratch = scratchSpace();

describe('indexer CLI and document bombs', () => {
  it('refuses the bombs with their reasons, indexes the rest, and exits 1', async () => {
    const dataDir = scratch.temp('cli-bombs-');
    const corpus = writeCorpus({ 'notice.txt': variantOf000('东港市', '审计局', 2021) });
    scratch.dirs.push(corpus);
    fs.writeFileSync(path.join(corpus, 'big-bomb.docx'), await tinyParagraphDocx(20 * 1024 * 1024));
    fs.writeFileSync(path.join(corpus, 'small-bomb.docx'), await tinyParagraphDocx(2 * 1024 * 1024));
    const result = await run(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', corpus], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, MEILI_URL: '', INDEX_READ_MEMORY_MB: '96' },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/失败 .*big-bomb\.docx: docx 中的 Word XML 解压后过大/u);
    expect(result.stderr).toMatch(/失败 .*small-bomb\.docx: 文件解析所需内存超过上限（96 MB）/u);
    expect(result.stdout).toMatch(/新增 added 1,.*失败 failed 2/u);
  }, 180_000);
});
