/**
 * The real pages of ../shared/corpus/real/ (kept out of the repository) with INDEX.tsv,
 * labels.tsv and the hand labels of test/fixtures/labels/real-metadata.tsv, as the
 * metadata and classification tests read them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const REAL_DIR = path.resolve(ROOT, '../shared/corpus/real');

export type RealPage = {
  file: string;
  /** a = full-style notice, b = short summary, c = other or unclear (INDEX.tsv). */
  genre: string;
  /** The issuing unit as INDEX.tsv names it, without its bracketed remark. */
  unit: string;
  text: string;
};

export type MetadataLabel = {
  file: string;
  unit?: string;
  year?: number;
  level?: string;
  feedbackDate?: string;
  publishedDate?: string;
};

function tsv(file: string): Record<string, string>[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  const head = lines[0]!.split('\t');
  return lines.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [head[i]!, v.trim()])));
}

const given = (v: string | undefined) => (v === undefined || v === '-' || v === '' ? undefined : v);

export function realPages(): RealPage[] {
  return tsv(path.join(REAL_DIR, 'INDEX.tsv')).map((r) => ({
    file: r.file!,
    genre: r.genre!,
    unit: r.issuing_unit!.replace(/[（(].*$/, '').trim(),
    text: fs.readFileSync(path.join(REAL_DIR, r.file!), 'utf8'),
  }));
}

/**
 * Expected metadata of every full-style notice: the unit from INDEX.tsv, the rest from
 * labels.tsv, else from our hand labels (labels.tsv wins where both label a file).
 */
export function metadataLabels(): MetadataLabel[] {
  const fixture = fileURLToPath(new URL('../../fixtures/labels/real-metadata.tsv', import.meta.url));
  const byFile = new Map<string, Record<string, string>>();
  for (const r of tsv(fixture)) byFile.set(r.file!, r);
  for (const r of tsv(path.join(REAL_DIR, 'labels.tsv'))) byFile.set(r.file!, r);
  return realPages()
    .filter((p) => p.genre === 'a')
    .map((p) => {
      const r = byFile.get(p.file);
      if (!r) throw new Error(`${p.file}: a full-style notice without labels (add it to real-metadata.tsv)`);
      const year = given(r.year);
      return {
        file: p.file,
        unit: p.unit,
        year: year ? Number(year) : undefined,
        level: given(r.level),
        feedbackDate: given(r.feedbackDate),
        publishedDate: given(r.publishedDate),
      };
    });
}

/** Files that README.md of the corpus names as news about a feedback meeting, not notices. */
export function newsPages(): string[] {
  const readme = fs.readFileSync(path.join(REAL_DIR, 'README.md'), 'utf8');
  const line = readme.split('\n').find((l) => /news about a feedback meeting/.test(l)) ?? '';
  return [...line.matchAll(/\b(\d{3})\b/g)].map((m) => `${m[1]}.txt`);
}

/** The 0-based line where the problems part starts in each full-style notice (undefined: never). */
export function problemsFrom(): Map<string, number | undefined> {
  const fixture = fileURLToPath(new URL('../../fixtures/labels/real-parts.tsv', import.meta.url));
  return new Map(tsv(fixture).map((r) => [r.file!, given(r.problemsFrom) ? Number(r.problemsFrom) - 1 : undefined]));
}
