/**
 * The indexer against a real Meilisearch: incremental runs, changed files replacing their
 * records completely, republished copies stored once, stable ids in any order, old ids that
 * still resolve, removal, bad files reported and skipped, and reindex from the archive alone.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeiliClient } from '../../meili/client.ts';
import { SingleIndexStore } from '../../meili/single-store.ts';
import type { NoticeRecord } from '../../contract/notice.ts';
import { startEmbeddedMeili, type EmbeddedMeili } from '../../meili/embedded.ts';
import { NOTICES_INDEX, PARAGRAPHS_INDEX } from '../../schema/indexes.ts';
import { ensureIndexes } from '../../meili/indexes.ts';
import { Archive } from '../../indexer/archive/store.ts';
import { ingestFiles, removeNotices } from '../../indexer/ingest.ts';
import { defaultClassifier } from '../../indexer/classify/segment-classifier.ts';
import { enqueueDelete, waitAll } from '../../indexer/load/loader.ts';
import { enqueueParagraphs } from '../../indexer/workers/prepared-loader.ts';
import { prepareNotice } from '../../indexer/workers/prepare.ts';
import { rebuildIndex, syncIndex } from '../../indexer/rebuild.ts';
import { SearchContext } from '../../server/search/context.ts';
import { findParagraph } from '../../server/search/notices.ts';
import { runSearch } from '../../server/search/search.ts';
import { ROOT, tempDataDir } from '../support/portal.ts';
import { SEED_000, SEED_003, writeCorpus } from '../support/corpus.ts';
import { searchInput } from '../support/search-input.ts';

const run = promisify(execFile);
let meili: EmbeddedMeili;
let client: SingleIndexStore;
let dataDir: string;
let archive: Archive;
let search: SearchContext;
let dir: string;

/** Ids of the leads and items in the index. */
async function segmentIds(): Promise<string[]> {
  const r = await client.listDocuments<{ segments: { id: string }[] }>(PARAGRAPHS_INDEX, { limit: 10_000, fields: ['segments'] });
  return r.results.flatMap((d) => d.segments.map((s) => s.id)).sort();
}

function recordSegmentIds(): string[] {
  return [...archive.notices()]
    .flatMap((n) => n.paragraphs.flatMap((p) => [...(p.items.length && !(p.lead ?? '').trim() ? [] : [p.id]), ...p.items.map((i) => i.id)]))
    .sort();
}

beforeAll(async () => {
  dataDir = tempDataDir('ingest-');
  meili = await startEmbeddedMeili({ dataDir });
  client = new SingleIndexStore(new MeiliClient({ url: meili.url, apiKey: meili.masterKey }));
  await ensureIndexes(client);
  archive = new Archive(dataDir);
  search = new SearchContext(client);
  dir = writeCorpus({ 'a.txt': SEED_000, 'b.txt': SEED_003 });
});
afterAll(async () => {
  client?.close();
  await meili?.stop();
  for (const d of [dataDir, dir]) fs.rmSync(d, { recursive: true, force: true });
});

describe('incremental indexing', () => {
  let firstIds: string[];

  it('adds new files, then skips them when unchanged', async () => {
    const files = [path.join(dir, 'a.txt'), path.join(dir, 'b.txt')];
    const first = await ingestFiles(files, { archive, client });
    expect(first).toMatchObject({ added: 2, updated: 0, unchanged: 0, failed: 0 });
    firstIds = await segmentIds();
    expect(firstIds).toEqual(recordSegmentIds());
    const again = await ingestFiles(files, { archive, client });
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2, failed: 0 });
    expect(await segmentIds()).toEqual(firstIds);
  });

  it('keeps the original and the extracted text in the archive', () => {
    const record = [...archive.notices()].find((n) => n.title?.startsWith('宽甸'))!;
    const source = record.sources[0]!;
    expect(fs.readFileSync(archive.originalPath(source.sha256, 'txt'), 'utf8')).toBe(SEED_000);
    expect(archive.readText(source.sha256)).toContain('补缴2023年1月—2025年6月党费共计2369元');
  });

  it('a corrected paragraph gets a new id, its old id still resolves, nothing else moves', async () => {
    const before = await runSearch(search, searchInput({ q: ['2369'], mode: ['exact'], perPage: 10 }));
    const oldId = before.hits[0]!.id;
    fs.writeFileSync(path.join(dir, 'a.txt'), SEED_000.replace('党费共计2369元', '党费共计2396元'));
    const s = await ingestFiles([path.join(dir, 'a.txt')], { archive, client });
    expect(s).toMatchObject({ updated: 1, added: 0 });
    const after = await segmentIds();
    const gone = firstIds.filter((id) => !after.includes(id));
    const added = after.filter((id) => !firstIds.includes(id));
    expect(gone).toEqual([oldId]);
    expect(added).toHaveLength(1);
    expect(after).toEqual(recordSegmentIds());
    const resolved = await findParagraph(search, oldId);
    expect(resolved?.resolvedFrom).toBe(oldId);
    expect(resolved?.id).toBe(added[0]);
    expect(resolved?.text).toContain('2396元');
  });

  it('stores a republished copy once, with both sources', async () => {
    fs.writeFileSync(path.join(dir, 'copy-of-b.txt'), SEED_003.replaceAll('\n', '\r\n').replaceAll('，', ','));
    const s = await ingestFiles([path.join(dir, 'copy-of-b.txt')], { archive, client });
    expect(s.duplicate).toBe(1);
    const record = [...archive.notices()].find((n) => n.unit === '丹东市融媒体中心')!;
    expect(record.sources.map((x) => x.fileName).sort()).toEqual(['b.txt', 'copy-of-b.txt']);
    expect(archive.noticeIds()).toHaveLength(2);
  });

  it('gives the same ids whatever the order and whatever else is indexed', async () => {
    const otherDir = tempDataDir('ingest-order-');
    const otherArchive = new Archive(otherDir);
    await client.deleteIndex(PARAGRAPHS_INDEX);
    await ensureIndexes(client);
    await ingestFiles([path.join(ROOT, 'corpus/samples/003_80563647cd77ea6c.txt'), path.join(dir, 'a.txt')], {
      archive: otherArchive,
      client,
    });
    expect([...otherArchive.notices()].map((n) => n.id).sort()).toEqual(archive.noticeIds().sort());
    expect(await segmentIds()).toEqual(recordSegmentIds());
    fs.rmSync(otherDir, { recursive: true, force: true });
  });

  it('rebuilds the index from the archive alone, keeping ids and former ids', async () => {
    const ids = recordSegmentIds();
    const r = await rebuildIndex(archive, client, 'reparse');
    expect(r.notices).toBe(2);
    expect(await segmentIds()).toEqual(ids);
    // The corrected item, and the paragraph holding it (whose anchor covers all its items).
    const moved = [...archive.notices()].flatMap((n) => n.paragraphs.flatMap((p) => [p, ...p.items])).filter((x) => x.formerIds.length);
    expect(moved).toHaveLength(2);
    expect(moved.every((x) => x.text.includes('2396元'))).toBe(true);
  });

  it('removes a notice by file, leaving no segment of it', async () => {
    const r = await removeNotices([path.join(dir, 'a.txt')], archive, client);
    expect(r.removed).toHaveLength(1);
    const res = await client.client.request<{ totalHits: number }>('POST', `/indexes/${PARAGRAPHS_INDEX}/search`, {
      q: '',
      filter: `noticeId = "${r.removed[0]}"`,
      page: 1,
      hitsPerPage: 0,
    });
    expect(res.totalHits).toBe(0);
    expect(archive.noticeIds()).toHaveLength(1);
  });
});

describe('large notices', () => {
  it('sends a notice larger than one request body in several, and it is found whole', async () => {
    const prepared = await prepareNotice(
      {
        fileName: 'b.txt',
        bytes: Buffer.from(SEED_003),
        source: { fileName: 'b.txt', sha256: 'b', bytes: SEED_003.length, addedAt: new Date().toISOString() },
      },
      defaultClassifier(),
    );
    if (!prepared.ok) throw new Error(prepared.message);
    const id = prepared.record.id;
    const count = async () =>
      (
        await client.client.request<{ totalHits: number }>('POST', `/indexes/${PARAGRAPHS_INDEX}/search`, {
          filter: `noticeId = "${id}"`,
          hitsPerPage: 0,
          page: 1,
        })
      ).totalHits;
    const expected = JSON.parse(`[${prepared.docs.paragraphsJson}]`).length;
    // Its paragraphs taken out, then sent again in bodies of 16 kB (it has about 150 kB).
    await client.waitForTask(await client.deleteDocuments(PARAGRAPHS_INDEX, `noticeId = "${id}"`));
    expect(await count()).toBe(0);
    const { tasks } = await enqueueParagraphs(client, [{ record: prepared.record, docs: prepared.docs, fresh: true }], 16 * 1024);
    expect(tasks.length).toBeGreaterThan(2);
    await waitAll(client, tasks);
    expect(await count()).toBe(expected);
  });
});

describe('a notice Meilisearch refuses', () => {
  it('is left out of the index and named by the sync, which still sends the others; it stays in the archive', async () => {
    const [real] = [...archive.notices()];
    const bad: NoticeRecord = JSON.parse(JSON.stringify(real));
    // A notice whose paragraph documents Meilisearch refuses (their ids have a '!').
    bad.id = 'nRefusedOne1';
    bad.textHash = 'refused';
    for (const p of bad.paragraphs) {
      p.id += '!';
      for (const i of p.items) i.id += '!';
    }
    archive.putNotice(bad);
    try {
      // And an ordinary notice missing from the index.
      await waitAll(client, await enqueueDelete(client, [real!.id]));
      const paragraphsOf = async (id: string) =>
        (
          await client.client.request<{ totalHits: number }>('POST', `/indexes/${PARAGRAPHS_INDEX}/search`, {
            filter: `noticeId = "${id}"`,
            hitsPerPage: 0,
            page: 1,
          })
        ).totalHits;

      const sync = await syncIndex(archive, client);
      expect(sync.refused.map((r) => r.id)).toEqual(['nRefusedOne1']);
      expect(sync.refused[0]!.message).toMatch(/invalid/i);
      expect(sync.resent).toEqual([real!.id]);
      expect(await paragraphsOf(real!.id)).toBeGreaterThan(0);
      expect(await paragraphsOf('nRefusedOne1')).toBe(0);
      const notices = await client.client.request<{ totalHits: number }>('POST', `/indexes/${NOTICES_INDEX}/search`, {
        filter: 'id = "nRefusedOne1"',
        hitsPerPage: 0,
        page: 1,
      });
      expect(notices.totalHits).toBe(0);
      expect(archive.getNotice('nRefusedOne1')?.paragraphs.length).toBe(real!.paragraphs.length);
    } finally {
      archive.deleteNotice('nRefusedOne1');
    }
  });
});

describe('bad input', () => {
  it('reports every bad file with its reason, indexes the good one, and exits 1', async () => {
    const bad = writeCorpus({
      'empty.txt': '',
      'binary.txt': '',
      'not-a-notice.txt': '今天天气很好，我们去公园散步，看到很多人在锻炼身体。',
      'truncated.docx': '',
      'good.txt': SEED_000,
      // The good notice followed by ten thousand more lines: refused whole, and the good notice,
      // which has the same title, keeps its own paragraphs.
      'bound-together.txt': `${SEED_000}\n${Array.from({ length: 10_000 }, (_, i) => `${i + 1}. 整改落实情况第${i + 1}项。`).join('\n')}`,
    });
    fs.writeFileSync(path.join(bad, 'binary.txt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    fs.writeFileSync(path.join(bad, 'truncated.docx'), Buffer.from('PK\u0003\u0004' + 'x'.repeat(100)));
    // 100 MB, sparse: refused by size before anything is read.
    fs.closeSync(fs.openSync(path.join(bad, 'huge.txt'), 'w'));
    fs.truncateSync(path.join(bad, 'huge.txt'), 100 * 1024 * 1024);
    const otherData = tempDataDir('ingest-bad-');
    let stdout = '';
    let stderr = '';
    let code = 0;
    try {
      await run(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', bad], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: otherData, MEILI_URL: '' },
      });
    } catch (e: any) {
      ({ stdout, stderr, code } = e);
    }
    expect(code).toBe(1);
    expect(stdout).toMatch(/新增 added 1,.*失败 failed 6/);
    for (const [file, reason] of [
      ['empty.txt', '空'],
      ['binary.txt', '二进制'],
      ['not-a-notice.txt', '未识别'],
      ['truncated.docx', ''],
      ['huge.txt', '过大'],
      ['bound-together.txt', '超过一份通报的上限'],
    ] as const) {
      expect(stderr).toMatch(new RegExp(`失败 .*${file.replace('.', '\\.')}: .*${reason}`));
    }
    const stored = [...new Archive(otherData).notices()];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.paragraphs.length).toBeLessThan(200);

    // A folder of nothing the indexer reads: said at once (before Meilisearch is started), exit 1.
    const nothing = writeCorpus({ 'old.doc': 'x', 'scan.png': 'x', 'notes.wps': 'x' });
    const none = await run(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', nothing], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: otherData, MEILI_URL: '' },
    }).then(
      () => undefined,
      (e: any) => e,
    );
    expect(none?.code).toBe(1);
    expect(none.stderr).toContain('跳过 3 个不支持格式的文件');
    expect(none.stderr).toMatch(/\.doc ×1/);
    expect(none.stderr).toContain('没有可索引的文件');
    fs.rmSync(nothing, { recursive: true, force: true });
    fs.rmSync(otherData, { recursive: true, force: true });
    fs.rmSync(bad, { recursive: true, force: true });
  }, 120_000);
});

describe('reclassify', () => {
  it('re-applies an edited taxonomy to the archive without re-parsing files', async () => {
    const dataDir2 = tempDataDir('reclassify-');
    const files = writeCorpus({ 'a.txt': SEED_000 });
    const env = { ...process.env, DATA_DIR: dataDir2, MEILI_URL: '' };
    await run(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', files], { cwd: ROOT, env });
    // A new topic, as an editor would add it: 涉密计算机 (MAC地址登记), under the category of the
    // problem whose measure names it (a segment keeps only its problem's category's topics).
    const taxonomy = fs.readFileSync(path.join(ROOT, 'lexicon/taxonomy.yaml'), 'utf8').replace(
      'topics:\n',
      `topics:
  - code: T.test-computers
    label: 计算机登记
    parent: L1.decisions
    definition: 测试用：电脑 MAC 地址登记。
    cues: [MAC地址]
`,
    );
    const taxonomyFile = path.join(files, 'taxonomy.yaml');
    fs.writeFileSync(taxonomyFile, taxonomy);
    fs.rmSync(path.join(files, 'a.txt')); // nothing to re-read: the archive alone is used
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'indexer/cli.ts', '--reclassify'], {
      cwd: ROOT,
      env: { ...env, TAXONOMY_FILE: taxonomyFile },
    });
    expect(stdout).toMatch(/1 篇通报/);
    const archive2 = new Archive(dataDir2);
    const items = [...archive2.notices()][0]!.paragraphs.flatMap((p) => p.items);
    const tagged = items.filter((i) => i.classification?.topics.some((t) => t.code === 'T.test-computers'));
    expect(tagged).toHaveLength(1);
    expect(tagged[0]!.text).toContain('MAC地址');
    expect(tagged[0]!.classification!.topics.find((t) => t.code === 'T.test-computers')!.because).toContain('MAC地址');
    fs.rmSync(dataDir2, { recursive: true, force: true });
    fs.rmSync(files, { recursive: true, force: true });
  }, 120_000);
});
