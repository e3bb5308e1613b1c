/**
 * The Meilisearch-only baseline: the paragraph documents the pipeline produced, exported
 * from the paragraphs index to disk beforehand, then posted straight to a fresh index with
 * the same settings. Only posting and Meilisearch's indexing are timed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MeiliClient, Task } from '../../meili/client.ts';
import type { IndexStore } from '../../meili/index-store.ts';
import type { SingleIndexStore } from '../../meili/single-store.ts';
import { PARAGRAPHS_INDEX, paragraphSettings } from '../../schema/indexes.ts';

export const RAW_INDEX = 'paragraphs_raw';

/** Writes every document of the paragraphs index to NDJSON chunk files of about `chunkBytes`. */
export async function exportParagraphs(store: IndexStore, dir: string, chunkBytes = 8 << 20): Promise<{ files: string[]; docs: number }> {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let buf: string[] = [];
  let size = 0;
  let docs = 0;
  const flush = () => {
    if (!buf.length) return;
    const f = path.join(dir, `chunk-${String(files.length).padStart(5, '0')}.ndjson`);
    fs.writeFileSync(f, buf.join(''));
    files.push(f);
    buf = [];
    size = 0;
  };
  const limit = 2000;
  for (let offset = 0; ; offset += limit) {
    const page = await store.listDocuments<Record<string, unknown>>(PARAGRAPHS_INDEX, { limit, offset });
    for (const d of page.results) {
      const line = JSON.stringify(d) + '\n';
      buf.push(line);
      size += Buffer.byteLength(line);
      docs++;
      if (size >= chunkBytes) flush();
    }
    if (page.results.length < limit) break;
  }
  flush();
  return { files, docs };
}

async function postNdjson(client: MeiliClient, uid: string, body: string): Promise<Task> {
  // MeiliClient sends JSON; NDJSON needs its own content type, so use a raw request.
  const url = new URL(`/indexes/${uid}/documents?primaryKey=id`, client.options.url);
  const res = await fetchLike(url, body, client.options.apiKey);
  return res as Task;
}

import http from 'node:http';
const agent = new http.Agent({ keepAlive: true });
function fetchLike(url: URL, body: string, key?: string): Promise<unknown> {
  const payload = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-ndjson',
          'content-length': String(payload.length),
          ...(key ? { authorization: `Bearer ${key}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) >= 300) reject(new Error(`Meilisearch answered ${res.statusCode}: ${text.slice(0, 200)}`));
          else resolve(JSON.parse(text));
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Fresh index with the paragraphs settings, then every chunk posted as it is to the one Meilisearch and indexed: timed. */
export async function rawLoad(
  store: SingleIndexStore,
  files: string[],
  docs: number,
): Promise<{ ms: number; docs: number; docsPerSec: number }> {
  await dropRaw(store);
  await store.ensureIndex(RAW_INDEX);
  await store.waitForTask(await store.updateSettings(RAW_INDEX, paragraphSettings()));
  const started = Date.now();
  const tasks: Task[] = [];
  for (const f of files) tasks.push(await postNdjson(store.client, RAW_INDEX, fs.readFileSync(f, 'utf8')));
  for (const t of tasks) await store.waitForTask(t, 3_600_000);
  const ms = Date.now() - started;
  return { ms, docs, docsPerSec: docs / (ms / 1000) };
}

export async function dropRaw(store: IndexStore): Promise<void> {
  await store.deleteIndex(RAW_INDEX).catch(() => undefined);
}

export const PLAIN_INDEX = 'paragraphs_plain';

/** The paragraphs' texts (lead and items, as published) as `{ id, text }` in an index with default settings, posted until indexed: timed. */
export async function plainLoad(store: SingleIndexStore, files: string[]): Promise<{ ms: number }> {
  await dropPlain(store);
  const bodies = files.map((f) =>
    fs
      .readFileSync(f, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const d = JSON.parse(line) as { id: string; segments: { text: string }[] };
        return `${JSON.stringify({ id: d.id, text: d.segments.map((x) => x.text).join('\n') })}\n`;
      })
      .join(''),
  );
  const started = Date.now();
  const tasks: Task[] = [];
  for (const body of bodies) tasks.push(await postNdjson(store.client, PLAIN_INDEX, body));
  for (const t of tasks) await store.waitForTask(t, 3_600_000);
  return { ms: Date.now() - started };
}

export async function dropPlain(store: IndexStore): Promise<void> {
  await store.deleteIndex(PLAIN_INDEX).catch(() => undefined);
}
