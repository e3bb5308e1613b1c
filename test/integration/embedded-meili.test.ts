/** The embedded Meilisearch: one per DATA_DIR, reused, with clear errors when it cannot run. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddedMeiliError, startEmbeddedMeili, type EmbeddedMeili } from '../../meili/embedded.ts';
import { ROOT, isAlive, tempDataDir } from '../support/portal.ts';

const run = promisify(execFile);
const started: EmbeddedMeili[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const m of started) await m.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('embedded Meilisearch', () => {
  it('starts on loopback with a generated owner-only key, and a second start reuses it', async () => {
    const dataDir = tempDataDir('meili-');
    dirs.push(dataDir);
    const first = await startEmbeddedMeili({ dataDir });
    started.push(first);
    expect(first.reused).toBe(false);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(fs.statSync(path.join(dataDir, 'meili.key')).mode & 0o777).toBe(0o600);
    // Without the key nothing is readable.
    expect((await fetch(`${first.url}/indexes`)).status).toBe(401);

    const second = await startEmbeddedMeili({ dataDir });
    expect(second.reused).toBe(true);
    expect(second.url).toBe(first.url);
    expect(second.masterKey).toBe(first.masterKey);

    const pid = first.child!.pid!;
    await first.stop();
    expect(isAlive(pid)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'meili.json'))).toBe(false);
  });

  it('says to set MEILI_URL when the binary is missing', async () => {
    const dataDir = tempDataDir('meili-');
    dirs.push(dataDir);
    await expect(startEmbeddedMeili({ dataDir, binary: '/nonexistent/meilisearch' })).rejects.toThrow(EmbeddedMeiliError);
    await expect(startEmbeddedMeili({ dataDir, binary: '/nonexistent/meilisearch' })).rejects.toThrow(/MEILI_URL/);
  });

  it('the indexer CLI starts and stops its own Meilisearch when no portal runs, and reports what it did', async () => {
    const dataDir = tempDataDir('cli-');
    dirs.push(dataDir);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', 'corpus/samples'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, MEILI_URL: '' },
    });
    expect(stdout).toMatch(/新增 added 2,/);
    expect(stdout).toMatch(/\d+ 个段落\/条目/);
    expect(fs.existsSync(path.join(dataDir, 'meili.json'))).toBe(false);
    // Second run: nothing changed.
    const again = await run(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', 'corpus/samples'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, MEILI_URL: '' },
    });
    expect(again.stdout).toMatch(/新增 added 0, 更新 updated 0, 未变 unchanged 2/);
  });
});
