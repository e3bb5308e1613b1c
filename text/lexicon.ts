/**
 * Loads the editable word lists of lexicon/: the jieba user dictionary, the synonyms and the
 * names the traditional-script folding keeps.
 * Read once per process; both index and query side use these same lists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';

export const LEXICON_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../lexicon');

export type DictEntry = { word: string; freq?: number; tag?: string };

export function parseUserDict(text: string): DictEntry[] {
  const entries: DictEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [word, freq, tag] = line.split(/\s+/);
    if (!word) continue;
    entries.push({ word, freq: freq ? Number(freq) : undefined, tag });
  }
  return entries;
}

const SynonymsFile = z.object({ groups: z.array(z.array(z.string().min(1)).min(2)) });

/** The synonym groups of lexicon/synonyms.yaml, each as written (its first member names it). */
export function parseSynonyms(text: string): string[][] {
  const parsed = SynonymsFile.safeParse(YAML.parse(text));
  if (!parsed.success)
    throw new Error(`lexicon/synonyms.yaml is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.groups;
}

let cached: { dict: DictEntry[]; synonyms: string[][] } | undefined;

export function loadLexicon(): { dict: DictEntry[]; synonyms: string[][] } {
  cached ??= {
    dict: parseUserDict(fs.readFileSync(path.join(LEXICON_DIR, 'userdict.txt'), 'utf8')),
    synonyms: parseSynonyms(fs.readFileSync(path.join(LEXICON_DIR, 'synonyms.yaml'), 'utf8')),
  };
  return cached;
}

/** lexicon/kept-names.txt: one name a line, # comments. */
export function parseKeptNames(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

let keptNames: string[] | undefined;

export function loadKeptNames(): string[] {
  keptNames ??= parseKeptNames(fs.readFileSync(path.join(LEXICON_DIR, 'kept-names.txt'), 'utf8'));
  return keptNames;
}
