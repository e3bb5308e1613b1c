/**
 * Writes a generated corpus: NNNNNN.txt notices, truth.json (ground-truth counts) and
 * manifest.json. Streams: one notice at a time is in memory, whatever the corpus size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generateNotice, unitSpec } from './notice.ts';
import { GENERATOR_VERSION, TruthAccumulator, identityOf, type CorpusTruth } from './truth.ts';

export type GenerateOptions = { notices: number; seed: string; out: string; onProgress?: (done: number, total: number) => void };
export type Manifest = { generator: 'xuncha-bench'; version: number; seed: string; notices: number; files: string; truth: string };

/** How many units' phone numbers are tracked in the truth (unit 0 … TRACKED_PHONE_UNITS-1). */
export const TRACKED_PHONE_UNITS = 12;

const NOTICE_FILE = /^\d{6,}\.txt$/;

export function generateCorpus(opts: GenerateOptions): CorpusTruth {
  const { notices, seed, out } = opts;
  if (!Number.isInteger(notices) || notices < 1) throw new Error('--notices must be a positive integer');
  fs.mkdirSync(out, { recursive: true });
  const existing = fs.readdirSync(out);
  if (existing.length && !existing.includes('manifest.json'))
    throw new Error(`${out} is not empty and holds no generated corpus (manifest.json): refusing to write into it`);
  for (const f of existing) if (NOTICE_FILE.test(f)) fs.rmSync(path.join(out, f));
  const phones = Array.from({ length: TRACKED_PHONE_UNITS }, (_, u) => unitSpec(seed, u).phone);
  const truth = new TruthAccumulator(seed, notices, phones);
  // Rarely, two notices of one unit get the same title and dates: the indexer (rightly) takes
  // the later one for a new version of the earlier one, and so does the truth.
  const identities = new Map<string, number>();
  for (let i = 0; i < notices; i++) {
    const n = generateNotice(seed, i);
    fs.writeFileSync(path.join(out, n.fileName), n.bytes);
    const id = identityOf(n.truth);
    const earlier = identities.get(id);
    if (earlier !== undefined) truth.replace(generateNotice(seed, earlier).truth);
    identities.set(id, i);
    truth.add(n.truth, n.bytes.length);
    if (opts.onProgress && (i + 1) % 1000 === 0) opts.onProgress(i + 1, notices);
  }
  const result = truth.result();
  fs.writeFileSync(path.join(out, 'truth.json'), JSON.stringify(result, null, 1) + '\n');
  const manifest: Manifest = {
    generator: 'xuncha-bench',
    version: GENERATOR_VERSION,
    seed,
    notices,
    files: 'NNNNNN.txt',
    truth: 'truth.json',
  };
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  return result;
}

/** Reads a corpus written by generateCorpus (its truth and manifest). */
export function readCorpus(dir: string): { manifest: Manifest; truth: CorpusTruth } {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8')) as CorpusTruth;
  return { manifest, truth };
}
