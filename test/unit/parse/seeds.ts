/** The two real notices of corpus/samples/, read as the indexer would get them. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SAMPLES = path.join(ROOT, 'corpus/samples');

function sample(prefix: string): string {
  const file = fs.readdirSync(SAMPLES).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!file) throw new Error(`no sample ${prefix}* in corpus/samples`);
  return fs.readFileSync(path.join(SAMPLES, file), 'utf8');
}

/** 宽甸满族自治县融媒体中心: four problems, each followed by a paragraph of 一是 measures. */
export const SEED_000 = sample('000_');
/** 中共丹东市融媒体中心委员会: （一）category › 1. sub-problem 方面 › 一是 measures. */
export const SEED_003 = sample('003_');

/** Invented variant notices in ./fixtures (other units, levels and layouts). */
export function fixture(name: string): string {
  return fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name), 'utf8');
}
