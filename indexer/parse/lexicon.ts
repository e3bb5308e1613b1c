/**
 * The editable rule lists of lexicon/ used by the parser (sections.yaml, units.yaml),
 * read once at module load and validated, so a typo in a list fails loudly at start-up
 * instead of silently changing how notices are parsed.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { Part } from '../../contract/notice.ts';
import { LEXICON_DIR } from '../../text/lexicon.ts';

function load<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(YAML.parse(fs.readFileSync(path.join(LEXICON_DIR, file), 'utf8')));
  if (!parsed.success) {
    throw new Error(`lexicon/${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

const Pattern = z
  .string()
  .min(1)
  .transform((s, ctx) => {
    try {
      return new RegExp(s, 'u');
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `bad pattern ${s}: ${(e as Error).message}` });
      return z.NEVER;
    }
  });

const HeadingRule = z.object({ part: Part, as: z.enum(['section', 'problem']), patterns: z.array(Pattern).min(1) });
export type HeadingRule = z.infer<typeof HeadingRule>;

const SectionsFile = z.object({
  headings: z.array(HeadingRule),
  introEnd: z.array(Pattern),
  leadershipText: z.array(Pattern),
  closingStart: z.array(Pattern),
  closingAnywhere: z.array(Pattern),
});
export type SectionsLexicon = z.infer<typeof SectionsFile>;

const UnitsFile = z.object({
  partyPrefixes: z.array(z.string().min(1)),
  partyOrganSuffixes: z.array(z.string().min(1)),
  unitSuffixes: z.array(z.string().min(1)),
  areaSuffixesKeepingCommittee: z.array(z.string().min(1)),
  zoneSuffixes: z.array(z.string().min(1)).min(1),
});
export type UnitsLexicon = z.infer<typeof UnitsFile>;

export const SECTIONS: SectionsLexicon = load('sections.yaml', SectionsFile);
export const UNITS: UnitsLexicon = load('units.yaml', UnitsFile);

export function matchesAny(patterns: RegExp[], text: string): boolean {
  return patterns.some((p) => p.test(text));
}
