/**
 * The archive's stamp, which tells the did-you-mean vocabulary to rebuild: it moves when a
 * notice is added, corrected in place (same number of notices) or removed, and not otherwise.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Archive } from '../../../indexer/archive/store.ts';
import { buildRecord } from '../../../indexer/build-record.ts';
import { parseNotice } from '../../../indexer/parse/notice.ts';
import { SEED_000, SEED_003 } from '../../support/corpus.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('changes with every notice added, corrected or removed', () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-stamp-'));
  const archive = new Archive(dir);
  const [a, b] = [SEED_000, SEED_003].map((text) =>
    buildRecord({ parsed: parseNotice(text), text, textHash: text.length.toString(), sources: [] }),
  );
  const stamps = [archive.noticesStamp()];
  expect(archive.noticesStamp()).toBe(stamps[0]);
  archive.putNotice(a!);
  stamps.push(archive.noticesStamp());
  archive.putNotice(b!);
  stamps.push(archive.noticesStamp());
  archive.putNotice({ ...b!, title: `${b!.title}（更正）` });
  stamps.push(archive.noticesStamp());
  expect(archive.noticeIds()).toHaveLength(2);
  archive.deleteNotice(a!.id);
  stamps.push(archive.noticesStamp());
  expect(new Set(stamps).size).toBe(stamps.length);
});
