/**
 * Backup and restore, for real: a running portal is backed up (`npm run backup`), its
 * DATA_DIR wiped, and `npm run restore` brings back a portal that answers exactly as before:
 * same notices, same paragraph ids, same search results — through the backup's Meilisearch
 * dump, and through the rebuild from the archive that is the fallback. A damaged backup is
 * refused and leaves nothing behind; a backup cannot write outside DATA_DIR.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Header, list } from 'tar';
import { unpack } from '../../ops/restore.ts';
import { scratchSpace } from '../support/scratch.ts';
import { ROOT, getJson, startPortal } from '../support/portal.ts';
import { variantCorpus, writeCorpus } from '../support/corpus.ts';

const run = promisify(execFile);
const { dirs, portals, temp } = scratchSpace();
let dataDir: string;
let backupFile: string;
let before: Answers;

function tool(script: 'backup' | 'restore', dir: string, args: string[]) {
  return run(process.execPath, ['--import', 'tsx', `ops/${script}.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dir, MEILI_URL: '' },
  });
}

type Answers = Record<string, unknown>;

/** What users see: searches (words, exact, filters, notices view), notices, paragraphs, health counts. */
async function answers(url: string): Promise<Answers> {
  const out: Answers = {};
  const get = async (p: string) => {
    const r = await getJson(`${url}${p}`);
    expect(r.status, p).toBe(200);
    return r.body;
  };
  const searches = [
    'q=党费',
    'q=三重一大',
    'q=2369&mode=exact',
    'q=整改&year=2021',
    'q=教育局&view=notices',
    'q=党费&sort=-date&perPage=50',
    'q=整改&page=2',
  ];
  for (const s of searches) {
    const b = await get(`/api/search?${s.replace(/=([^&]*)/g, (_, v: string) => `=${encodeURIComponent(v)}`)}`);
    out[s] = {
      total: b.total,
      hits: b.hits.map((h: any) => [h.id, h.noticeId, h.highlighted, h.snippet, h.url]),
      notices: b.noticeHits?.map((n: any) => n.id),
    };
  }
  const list = await get('/api/notices?perPage=100');
  out.notices = list;
  expect(list.notices).toHaveLength(18);
  for (const n of list.notices) {
    const id = n.id;
    const notice = await get(`/api/notices/${id}`);
    out[`notice ${id}`] = notice;
    const first = notice.paragraphs[0];
    out[`paragraph ${first.id}`] = await get(`/api/paragraphs/${first.id}`);
  }
  const h = await get('/api/health');
  out.health = { notices: h.notices, paragraphs: h.paragraphs };
  return out;
}

beforeAll(async () => {
  // A portal with the samples and 16 more notices indexed while it runs.
  dataDir = temp('backup-');
  const portal = await startPortal({ dataDir, env: { RATE_LIMIT: '0' } });
  portals.push(portal);
  const corpus = writeCorpus(variantCorpus(16));
  dirs.push(corpus);
  await run(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', corpus], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, MEILI_URL: '' },
  });
  before = await answers(portal.url);
  expect(before.health).toEqual({ notices: 18, paragraphs: expect.any(Number) });

  // Backed up while the portal runs.
  backupFile = path.join(temp('backup-file-'), 'portal.tar.gz');
  const { stdout, stderr } = await tool('backup', dataDir, [backupFile]);
  expect(stderr).toMatch(/reusing the Meilisearch/);
  expect(stdout).toMatch(/备份完成 \(backup written\).*18 notices, 18 originals, index 18 notices \/ \d+ paragraphs, dump included/);
  await portal.stop();
}, 120_000);

describe('backup → wipe → restore', () => {
  it('the backup is one tar.gz: the dump, the archive and a manifest with checksums', async () => {
    const names: string[] = [];
    await list({
      file: backupFile,
      onReadEntry: (e) => {
        names.push(e.path);
      },
    });
    expect(names.filter((n) => n.startsWith('dump/'))).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('archive/notices/'))).toHaveLength(18);
    expect(names.filter((n) => n.startsWith('archive/originals/'))).toHaveLength(18);
    expect(names).toContain('archive/catalog.json');
    expect(names.at(-1)).toBe('manifest.json');
    expect(names.some((n) => n.endsWith('.tmp') || n.includes('meili.key'))).toBe(false);
  });

  it('restores into the wiped DATA_DIR from the dump: the same portal, answer for answer', async () => {
    const records = Object.fromEntries(
      fs
        .readdirSync(path.join(dataDir, 'archive', 'notices'))
        .map((f) => [f, fs.readFileSync(path.join(dataDir, 'archive', 'notices', f), 'utf8')]),
    );
    fs.rmSync(dataDir, { recursive: true, force: true });
    const { stdout } = await tool('restore', dataDir, [backupFile]);
    expect(stdout).toMatch(/恢复完成 \(restored\).*18 notices, \d+ paragraphs, index imported from the dump/);
    expect(fs.readdirSync(path.join(dataDir, 'dumps'))).toEqual([]);
    // The records come back byte for byte.
    for (const [f, text] of Object.entries(records))
      expect(fs.readFileSync(path.join(dataDir, 'archive', 'notices', f), 'utf8')).toBe(text);

    const portal = await startPortal({ dataDir, env: { RATE_LIMIT: '0' } });
    portals.push(portal);
    const logs = portal.logs.join('');
    expect(logs).not.toMatch(/loaded the sample corpus|must be rebuilt/);
    expect(await answers(portal.url)).toEqual(before);
    await portal.stop();
  }, 120_000);

  it('restores by rebuilding from the archive when asked (the fallback): same notices, ids and hits', async () => {
    const other = temp('restore-rebuild-');
    const { stdout } = await tool('restore', other, [backupFile, '--rebuild']);
    expect(stdout).toMatch(/index rebuilt from the archive/);
    const portal = await startPortal({ dataDir: other, env: { RATE_LIMIT: '0' } });
    portals.push(portal);
    const after = await answers(portal.url);
    // Meilisearch orders hits of equal relevance by internal document number, which follows
    // the order documents were added in: a rebuild adds them in another order, so only ties
    // may be ordered differently. Everything else is identical.
    const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
    const unordered = (a: Answers) =>
      Object.fromEntries(
        Object.entries(a).map(([k, v]: [string, any]) => [
          k,
          k.startsWith('q=')
            ? { ...v, hits: sorted(v.hits), notices: v.notices && sorted(v.notices) }
            : k === 'notices'
              ? { ...v, notices: sorted(v.notices) }
              : v,
        ]),
      );
    const { 'q=整改&page=2': _p2, ...rest } = unordered(after);
    const { 'q=整改&page=2': _b2, ...restBefore } = unordered(before);
    expect(rest).toEqual(restBefore);
    expect((after['q=整改&page=2'] as { total: number }).total).toBe((before['q=整改&page=2'] as { total: number }).total);
    await portal.stop();
  }, 120_000);

  it('refuses a damaged backup and leaves DATA_DIR empty; refuses a DATA_DIR that is not empty', async () => {
    const damaged = path.join(path.dirname(backupFile), 'damaged.tar.gz');
    const bytes = fs.readFileSync(backupFile);
    fs.writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const target = temp('restore-damaged-');
    await expect(tool('restore', target, [damaged])).rejects.toMatchObject({
      stderr: expect.stringMatching(/恢复失败 \(restore failed\)/),
    });
    expect(fs.readdirSync(target).filter((f) => f !== 'meili.log')).toEqual([]);

    await expect(tool('restore', dataDir, [backupFile])).rejects.toMatchObject({ stderr: expect.stringMatching(/is not empty/) });
  }, 60_000);

  it('never writes outside DATA_DIR: unsafe names, links and unexpected files are refused', async () => {
    const dir = temp('tar-');
    /** A tar.gz of one entry, written by hand: what `npm run backup` never writes. */
    const craft = async (name: string, type: 'File' | 'SymbolicLink' = 'File') => {
      const file = path.join(dir, `${Math.random().toString(36).slice(2)}.tar.gz`);
      const data = type === 'File' ? Buffer.from('x') : Buffer.alloc(0);
      const header = new Header({
        path: name,
        type,
        size: data.length,
        mode: 0o644,
        mtime: new Date(),
        ...(type === 'File' ? {} : { linkpath: '/etc/passwd' }),
      });
      header.encode();
      const body = Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
      fs.writeFileSync(file, zlib.gzipSync(Buffer.concat([header.block!, body, Buffer.alloc(1024)])));
      return file;
    };
    const staging = path.join(dir, 'staging');
    await expect(unpack(await craft('archive/../../escaped.txt'), staging)).rejects.toThrow(/unsafe file name/);
    await expect(unpack(await craft('/etc/passwd'), staging)).rejects.toThrow(/unsafe file name/);
    await expect(unpack(await craft('meili.key'), staging)).rejects.toThrow(/unexpected file/);
    await expect(unpack(await craft('archive/notices/x.json', 'SymbolicLink'), staging)).rejects.toThrow(/not a regular file/);
    await expect(unpack(await craft('archive/notices/x.json'), path.join(dir, 'staging2'))).rejects.toThrow(/no readable manifest/);
    expect(fs.existsSync(path.join(dir, '..', 'escaped.txt'))).toBe(false);
  });
});
