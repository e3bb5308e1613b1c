/**
 * The archive's catalog (source path and text hash → notice) after corrections, a text moving
 * to another notice, and removals: each write touches only its own notice's entries, and a
 * reopened archive reads the same catalog back.
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

const record = (text: string, textHash: string, file: string) =>
  buildRecord({
    parsed: parseNotice(text),
    text,
    textHash,
    sources: [
      {
        fileName: path.basename(file),
        sha256: textHash.padEnd(64, '0'),
        format: 'txt',
        bytes: text.length,
        addedAt: '2026-12-05T00:00:00Z',
        path: file,
      },
    ],
  });

it('keeps the catalog right through corrections, a text changing hands and removals', () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-catalog-'));
  const archive = new Archive(dir);
  const a = record(SEED_000, 'a1', '/in/a.txt');
  const b = record(SEED_003, 'b1', '/in/b.txt');
  archive.putNotice(a);
  archive.putNotice(b);
  // a corrected: its old text no longer leads to it, its new one does.
  archive.putNotice({ ...a, textHash: 'a2' });
  expect(archive.noticeForText('a1')).toBeUndefined();
  expect(archive.noticeForText('a2')).toBe(a.id);
  // b's text republished as a's: the hash leads to a; removing b leaves it with a.
  archive.putNotice({ ...a, textHash: 'b1' });
  expect(archive.noticeForText('b1')).toBe(a.id);
  archive.deleteNotice(b.id);
  expect(archive.noticeForText('b1')).toBe(a.id);
  expect(archive.fileEntry('/in/b.txt')).toBeUndefined();
  expect(archive.fileEntry('/in/a.txt')?.noticeId).toBe(a.id);
  archive.saveCatalog();
  const reopened = new Archive(dir);
  expect(reopened.noticeForText('b1')).toBe(a.id);
  expect(reopened.sourcePaths()).toEqual(['/in/a.txt']);
  // Removing a clears all it had.
  reopened.deleteNotice(a.id);
  expect([reopened.noticeForText('a2'), reopened.noticeForText('b1'), reopened.fileEntry('/in/a.txt')]).toEqual([
    undefined,
    undefined,
    undefined,
  ]);
});
