/**
 * Loads lexicon/taxonomy.yaml: validates it with zod, checks what zod cannot (unique
 * codes, known parents, regexes that compile), and compiles everything once — the
 * cue automaton and every pattern — so classifying a segment never builds a regex.
 *
 * Errors name the bad entry: `topics[12] (T.party-dues).patterns[0]: …`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { StringMatcher } from './matcher.ts';
import { normalizeForPatterns } from '../../text/normalize.ts';

/** lexicon/taxonomy.yaml, or the file named by TAXONOMY_FILE (to try an edited copy). */
export const DEFAULT_TAXONOMY_PATH = process.env.TAXONOMY_FILE || fileURLToPath(new URL('../../lexicon/taxonomy.yaml', import.meta.url));

// ---------------------------------------------------------------------------
// File schema
// ---------------------------------------------------------------------------

const Code = z
  .string({ error: 'code must be a string' })
  .regex(/^[A-Za-z][A-Za-z0-9._-]*$/, 'code must be a stable ASCII code such as L1.decisions or T.party-dues');

const CueSpec = z.union(
  [z.string().min(1), z.strictObject({ text: z.string().min(1), match: z.enum(['token', 'substring']).optional() })],
  { error: 'a cue is a non-empty string or { text, match: token | substring }' },
);

const PatternSpec = z.union([z.string().min(1), z.strictObject({ pattern: z.string().min(1), weight: z.number().positive().optional() })], {
  error: 'a pattern is a non-empty regex string or { pattern, weight }',
});

const Lvl1Entry = z.strictObject({
  code: Code,
  label: z.string().min(1),
  fullLabel: z.string().min(1).optional(),
  focus: z.string().min(1).optional(),
  definition: z.string().min(1),
  strongCues: z.array(CueSpec).default([]),
  cues: z.array(CueSpec).default([]),
  weakCues: z.array(CueSpec).default([]),
  patterns: z.array(PatternSpec).default([]),
});

const TopicEntry = z.strictObject({
  code: Code,
  label: z.string().min(1),
  parent: Code,
  definition: z.string().min(1),
  cues: z.array(CueSpec).default([]),
  support: z.array(CueSpec).default([]),
  minSupport: z.number().int().positive().optional(),
  patterns: z.array(PatternSpec).default([]),
  exclude: z.array(z.string().min(1)).default([]),
});

const TaxonomyFile = z.strictObject({
  version: z.literal(1),
  scoring: z.strictObject({
    strongCueWeight: z.number().positive(),
    cueWeight: z.number().positive(),
    weakCueWeight: z.number().positive(),
    topicParentWeight: z.number().min(0),
    confidentScore: z.number().min(0),
    tokenCheckMaxLength: z.number().int().min(0),
  }),
  unclassified: z.strictObject({ code: Code, label: z.string().min(1), definition: z.string().min(1) }),
  structuralHeadings: z.array(z.string().min(1)).default([]),
  problemExtract: z.array(z.string().min(1)).default([]),
  masks: z.array(z.string().min(1)).default([]),
  neutral: z.array(z.string().min(1)).default([]),
  lvl1: z.array(Lvl1Entry).min(1),
  topics: z.array(TopicEntry).min(1),
});
export type TaxonomyFile = z.infer<typeof TaxonomyFile>;

// ---------------------------------------------------------------------------
// Compiled form
// ---------------------------------------------------------------------------

export type CompiledPattern = { source: string; regex: RegExp; weight: number };

export type Lvl1Category = {
  code: string;
  label: string;
  fullLabel: string;
  focus?: string;
  definition: string;
  index: number;
  patterns: CompiledPattern[];
};

export type Topic = {
  code: string;
  label: string;
  parent: string;
  /** Index of the parent in `lvl1`. */
  parentIndex: number;
  definition: string;
  index: number;
  minSupport?: number;
  patterns: CompiledPattern[];
  exclude: RegExp[];
};

/** Who a cue string speaks for. One folded string may speak for several owners. */
export type CueOwner =
  | { kind: 'lvl1'; index: number; weight: number }
  | { kind: 'topic'; index: number; support: boolean }
  | { kind: 'neutral' };

export type CompiledCue = {
  /** As written in the YAML (shown in `because`). */
  text: string;
  /** Folded form, what the automaton looks for. */
  folded: string;
  /** Must be a jieba word (or the start or end of one) to count. */
  tokenCheck: boolean;
  owners: CueOwner[];
};

export type Taxonomy = {
  /** File path or a description of where the YAML came from. */
  source: string;
  version: 1;
  scoring: TaxonomyFile['scoring'];
  unclassified: { code: string; label: string; definition: string };
  lvl1: Lvl1Category[];
  topics: Topic[];
  /** Every level-1 and topic code. */
  codes: ReadonlySet<string>;
  structuralHeadings: RegExp[];
  problemExtract: RegExp[];
  masks: RegExp[];
  cues: CompiledCue[];
  /** Aho–Corasick over `cues[i].folded`; hit ids index `cues`. */
  matcher: StringMatcher;
};

export class TaxonomyError extends Error {
  readonly issues: string[];
  constructor(source: string, issues: string[]) {
    super(`invalid taxonomy ${source}:\n  - ${issues.join('\n  - ')}`);
    this.name = 'TaxonomyError';
    this.issues = issues;
  }
}

/** `topics[12] (T.party-dues).patterns[0]` for a zod path, naming the entry by its code. */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = raw;
  path.forEach((key, i) => {
    if (typeof key === 'number') out += `[${key}]`;
    else out += (i === 0 ? '' : '.') + String(key);
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === 'number' && node && typeof node === 'object' && !Array.isArray(node)) {
      const code = (node as Record<string, unknown>).code;
      if (typeof code === 'string') out += ` (${code})`;
    }
  });
  return out || '(top level)';
}

function compileRegex(source: string, where: string, issues: string[], flags = 'gu'): RegExp | undefined {
  try {
    return new RegExp(source, flags);
  } catch (e) {
    issues.push(`${where}: pattern /${source}/ does not compile: ${(e as Error).message}`);
    return undefined;
  }
}

/** Parse, validate and compile taxonomy YAML text. Throws TaxonomyError naming every bad entry. */
export function parseTaxonomy(yamlText: string, source = '(string)'): Taxonomy {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (e) {
    throw new TaxonomyError(source, [`not valid YAML: ${(e as Error).message}`]);
  }
  const parsed = TaxonomyFile.safeParse(raw);
  if (!parsed.success) {
    throw new TaxonomyError(
      source,
      parsed.error.issues.map((iss) => `${describePath(raw, iss.path)}: ${iss.message}`),
    );
  }
  const file = parsed.data;
  const issues: string[] = [];
  const { scoring } = file;

  // Codes: unique, parents known.
  const lvl1Index = new Map<string, number>();
  const codes = new Set<string>([file.unclassified.code]);
  const claim = (code: string, where: string) => {
    if (codes.has(code)) issues.push(`${where}: duplicate code ${code}`);
    codes.add(code);
  };
  file.lvl1.forEach((c, i) => {
    claim(c.code, `lvl1[${i}] (${c.code})`);
    lvl1Index.set(c.code, i);
  });
  file.topics.forEach((t, i) => {
    const where = `topics[${i}] (${t.code})`;
    claim(t.code, where);
    if (!lvl1Index.has(t.parent)) {
      issues.push(`${where}.parent: unknown level-1 code ${t.parent} (known: ${[...lvl1Index.keys()].join(', ')})`);
    }
    if (t.cues.length === 0 && t.patterns.length === 0 && t.minSupport === undefined) {
      issues.push(`${where}: needs at least one cue or pattern`);
    }
  });

  // Cues: one automaton entry per folded string, with all its owners.
  const cueByFolded = new Map<string, CompiledCue>();
  const addCue = (spec: z.infer<typeof CueSpec>, owner: CueOwner, where: string) => {
    const text = typeof spec === 'string' ? spec : spec.text;
    const folded = normalizeForPatterns(text);
    if (folded.length === 0) {
      issues.push(`${where}: cue "${text}" is empty after folding`);
      return;
    }
    const mode = typeof spec === 'string' ? undefined : spec.match;
    const tokenCheck = mode ? mode === 'token' : folded.length <= scoring.tokenCheckMaxLength;
    let cue = cueByFolded.get(folded);
    if (!cue) {
      cue = { text, folded, tokenCheck, owners: [] };
      cueByFolded.set(folded, cue);
    } else if (mode) {
      cue.tokenCheck = tokenCheck;
    }
    const same = cue.owners.find(
      (o) => o.kind === owner.kind && (o.kind === 'neutral' || ('index' in o && 'index' in owner && o.index === owner.index)),
    );
    if (!same) cue.owners.push(owner);
    else if (same.kind === 'lvl1' && owner.kind === 'lvl1') same.weight = Math.max(same.weight, owner.weight);
    else if (same.kind === 'topic' && owner.kind === 'topic') same.support = same.support && owner.support;
  };

  const compilePatterns = (specs: z.infer<typeof PatternSpec>[], defaultWeight: number, where: string): CompiledPattern[] => {
    const out: CompiledPattern[] = [];
    specs.forEach((spec, j) => {
      const source = typeof spec === 'string' ? spec : spec.pattern;
      const weight = typeof spec === 'string' ? defaultWeight : (spec.weight ?? defaultWeight);
      const regex = compileRegex(source, `${where}.patterns[${j}]`, issues);
      if (regex?.test('')) issues.push(`${where}.patterns[${j}]: pattern /${source}/ matches the empty string`);
      if (regex) out.push({ source, regex, weight });
    });
    return out;
  };

  const lvl1: Lvl1Category[] = file.lvl1.map((c, index) => {
    const where = `lvl1[${index}] (${c.code})`;
    c.strongCues.forEach((s, j) => addCue(s, { kind: 'lvl1', index, weight: scoring.strongCueWeight }, `${where}.strongCues[${j}]`));
    c.cues.forEach((s, j) => addCue(s, { kind: 'lvl1', index, weight: scoring.cueWeight }, `${where}.cues[${j}]`));
    c.weakCues.forEach((s, j) => addCue(s, { kind: 'lvl1', index, weight: scoring.weakCueWeight }, `${where}.weakCues[${j}]`));
    return {
      code: c.code,
      label: c.label,
      fullLabel: c.fullLabel ?? c.label,
      ...(c.focus !== undefined ? { focus: c.focus } : {}),
      definition: c.definition,
      index,
      patterns: compilePatterns(c.patterns, scoring.cueWeight, where),
    };
  });

  const topics: Topic[] = file.topics.map((t, index) => {
    const where = `topics[${index}] (${t.code})`;
    t.cues.forEach((s, j) => addCue(s, { kind: 'topic', index, support: false }, `${where}.cues[${j}]`));
    t.support.forEach((s, j) => addCue(s, { kind: 'topic', index, support: true }, `${where}.support[${j}]`));
    const exclude: RegExp[] = [];
    t.exclude.forEach((src, j) => {
      const re = compileRegex(src, `${where}.exclude[${j}]`, issues);
      if (re) exclude.push(re);
    });
    return {
      code: t.code,
      label: t.label,
      parent: t.parent,
      parentIndex: lvl1Index.get(t.parent) ?? -1,
      definition: t.definition,
      index,
      ...(t.minSupport !== undefined ? { minSupport: t.minSupport } : {}),
      patterns: compilePatterns(t.patterns, 1, where),
      exclude,
    };
  });

  file.neutral.forEach((s, j) => addCue(s, { kind: 'neutral' }, `neutral[${j}]`));

  const compileList = (list: string[], name: string, flags: string) =>
    list.flatMap((src, j) => {
      const re = compileRegex(src, `${name}[${j}]`, issues, flags);
      return re ? [re] : [];
    });
  const structuralHeadings = compileList(file.structuralHeadings, 'structuralHeadings', 'u');
  const problemExtract = compileList(file.problemExtract, 'problemExtract', 'u');
  problemExtract.forEach((re, j) => {
    if (!re.source.includes('(?<p>')) issues.push(`problemExtract[${j}]: needs a named group (?<p>…) for the problem text`);
  });
  const masks = compileList(file.masks, 'masks', 'gu');

  if (issues.length > 0) throw new TaxonomyError(source, issues);

  const cues = [...cueByFolded.values()];
  return {
    source,
    version: 1,
    scoring,
    unclassified: file.unclassified,
    lvl1,
    topics,
    codes,
    structuralHeadings,
    problemExtract,
    masks,
    cues,
    matcher: new StringMatcher(cues.map((c) => c.folded)),
  };
}

/** Read and compile a taxonomy file. */
export function loadTaxonomy(path: string = DEFAULT_TAXONOMY_PATH): Taxonomy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new TaxonomyError(path, [`cannot read file: ${(e as Error).message}`]);
  }
  return parseTaxonomy(text, path);
}

let cached: Taxonomy | undefined;

/** lexicon/taxonomy.yaml, loaded once per process. */
export function defaultTaxonomy(): Taxonomy {
  cached ??= loadTaxonomy();
  return cached;
}
