import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MeiliClient, Task } from '../../../meili/client.ts';
import { SingleIndexStore } from '../../../meili/single-store.ts';
import { Archive } from '../../../indexer/archive/store.ts';
import { ingestFiles } from '../../../indexer/ingest.ts';
import { generateCorpus } from '../../../bench/generator/corpus.ts';

/** A stand-in for Meilisearch that records what the indexer sends; `behind`: it reports every task as not yet started. */
function recordingClient(behind = false) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  let uid = 0;
  const client = {
    async request<T>(method: string, p: string, body?: unknown): Promise<T> {
      sent.push({ method, path: p, body: typeof body === 'string' ? JSON.parse(body) : body });
      if (method === 'GET' && p.startsWith('/tasks/')) return { uid: Number(p.slice(7)), status: behind ? 'enqueued' : 'succeeded' } as T;
      return { taskUid: ++uid } as T;
    },
    async waitForTask(t: Task) {
      return { uid: t.taskUid, status: 'succeeded', type: 'x' };
    },
  } as unknown as MeiliClient;
  const docs = (index: string) =>
    sent.filter((s) => s.method === 'POST' && s.path === `/indexes/${index}/documents`).flatMap((s) => s.body as Record<string, unknown>[]);
  return { client: new SingleIndexStore(client), sent, docs };
}

const dirs: string[] = [];
const tmp = (prefix: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('ingest with worker threads', () => {
  const corpus = tmp('ingest-corpus-');
  generateCorpus({ notices: 12, seed: 'workers', out: corpus });
  const files = fs
    .readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(corpus, f));

  it('stores and sends exactly what the single-threaded path does, in the same order', async () => {
    const runs = [];
    // The last run has Meilisearch far behind, so the indexer paces its workers.
    for (const [workers, behind] of [
      [0, false],
      [2, false],
      [2, true],
    ] as const) {
      const rec = recordingClient(behind);
      const archive = new Archive(tmp('ingest-data-'));
      const summary = await ingestFiles(files, { archive, client: rec.client, workers, batchSize: 5 });
      runs.push({ summary, rec, archive });
    }
    const [single, pooled, paced] = runs as [(typeof runs)[0], (typeof runs)[0], (typeof runs)[0]];
    expect(pooled.summary.added).toBe(12);
    expect(pooled.summary.failed).toBe(0);
    expect(pooled.summary.outcomes.map((o) => [o.file, o.status, 'noticeId' in o ? o.noticeId : ''])).toEqual(
      single.summary.outcomes.map((o) => [o.file, o.status, 'noticeId' in o ? o.noticeId : '']),
    );
    expect(pooled.summary.segments).toBe(single.summary.segments);
    const strip = (d: Record<string, unknown>) => ({ ...d, record: undefined, indexedAt: undefined });
    expect(pooled.rec.docs('paragraphs').length).toBeGreaterThan(12);
    expect(pooled.rec.docs('paragraphs').map(strip)).toEqual(single.rec.docs('paragraphs').map(strip));
    expect(pooled.rec.docs('notices').map((d) => d.id)).toEqual(single.rec.docs('notices').map((d) => d.id));
    expect(pooled.archive.noticeIds().sort()).toEqual(single.archive.noticeIds().sort());
    // New notices have nothing to replace: no deletion between the additions.
    expect(pooled.rec.sent.filter((s) => s.path.endsWith('/documents/delete'))).toEqual([]);
    // It asked where Meilisearch was (and was told: behind), and paced without changing anything stored or sent.
    expect(paced.rec.sent.some((s) => s.method === 'GET' && s.path.startsWith('/tasks/'))).toBe(true);
    expect(paced.summary.outcomes).toEqual(pooled.summary.outcomes);
    expect(paced.rec.docs('paragraphs').map(strip)).toEqual(pooled.rec.docs('paragraphs').map(strip));
    expect(paced.rec.docs('notices').map((d) => d.id)).toEqual(pooled.rec.docs('notices').map((d) => d.id));
  });

  it('re-indexing: unchanged files are skipped, a changed notice replaces its old documents', async () => {
    const rec = recordingClient();
    const archive = new Archive(tmp('ingest-data-'));
    await ingestFiles(files, { archive, client: rec.client, workers: 1 });
    const again = await ingestFiles(files, { archive, client: rec.client, workers: 1 });
    expect(again.unchanged).toBe(12);
    // Edit one notice: same identity (title, unit, dates), one paragraph changed.
    const edited = fs.readFileSync(files[3]!, 'utf8').replace(/。/, '。（已修订）');
    const copyDir = tmp('ingest-edit-');
    const copies = files.map((f) => path.join(copyDir, path.basename(f)));
    files.forEach((f, i) => fs.copyFileSync(f, copies[i]!));
    fs.writeFileSync(copies[3]!, edited);
    const rec2 = recordingClient();
    const s = await ingestFiles(copies, { archive, client: rec2.client, workers: 1 });
    expect([s.updated, s.duplicate, s.failed]).toEqual([1, 11, 0]);
    // The changed notice's old paragraphs are deleted before its new ones are added.
    const i = rec2.sent.findIndex((x) => x.path === '/indexes/paragraphs/documents/delete');
    const j = rec2.sent.findIndex((x) => x.path === '/indexes/paragraphs/documents');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(i).toBeLessThan(j);
    expect(rec2.docs('paragraphs').some((d) => (d.segments as { text: string }[]).some((s) => s.text.includes('（已修订）')))).toBe(true);
  });
});
