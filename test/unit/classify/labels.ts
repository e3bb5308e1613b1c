/**
 * Hand-labelled fixture sets (test/fixtures/labels/*.yaml) and the scoring used by the
 * accuracy tests: level-1 accuracy over problem headings, level-2 micro precision and
 * recall over segments (a predicted topic listed as `optional` is neither right nor wrong).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { classifyProblem, classifyTopics } from '../../../indexer/classify/classify.ts';
import type { Taxonomy } from '../../../indexer/classify/taxonomy.ts';

const LabelFile = z.strictObject({
  problems: z.array(
    z.strictObject({
      id: z.string(),
      path: z.array(z.string()).min(1),
      lvl1: z.string(),
      alsoAcceptable: z.array(z.string()).default([]),
    }),
  ),
  segments: z.array(
    z.strictObject({
      id: z.string(),
      text: z.string().min(1),
      topics: z.array(z.string()),
      optional: z.array(z.string()).default([]),
    }),
  ),
});
export type LabelFile = z.infer<typeof LabelFile>;

export function loadLabels(name: string): LabelFile {
  const path = fileURLToPath(new URL(`../../fixtures/labels/${name}`, import.meta.url));
  return LabelFile.parse(parse(readFileSync(path, 'utf8')));
}

/** Codes the label file uses that the taxonomy does not define (typos). */
export function unknownCodes(labels: LabelFile, tax: Taxonomy): string[] {
  const used = [
    ...labels.problems.flatMap((p) => [p.lvl1, ...p.alsoAcceptable]),
    ...labels.segments.flatMap((s) => [...s.topics, ...s.optional]),
  ];
  return [...new Set(used.filter((c) => !tax.codes.has(c)))];
}

export type Report = {
  problems: number;
  lvl1Correct: number;
  lvl1Lenient: number;
  lvl1Accuracy: number;
  lvl1LenientAccuracy: number;
  lvl1Errors: string[];
  segments: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  falsePositives: string[];
  falseNegatives: string[];
};

export function evaluate(labels: LabelFile, tax: Taxonomy): Report {
  let lvl1Correct = 0;
  let lvl1Lenient = 0;
  const lvl1Errors: string[] = [];
  for (const p of labels.problems) {
    const got = classifyProblem(p.path, '', tax);
    if (got.code === p.lvl1) lvl1Correct++;
    if (got.code === p.lvl1 || p.alsoAcceptable.includes(got.code)) lvl1Lenient++;
    else
      lvl1Errors.push(
        `${p.id}: expected ${p.lvl1}, got ${got.code} because ${JSON.stringify(got.because)} — ${p.path.at(-1)!.slice(0, 40)}`,
      );
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const falsePositives: string[] = [];
  const falseNegatives: string[] = [];
  for (const s of labels.segments) {
    const got = classifyTopics(s.text, tax);
    const predicted = new Set(got.map((t) => t.code));
    for (const t of got) {
      if (s.topics.includes(t.code)) tp++;
      else if (!s.optional.includes(t.code)) {
        fp++;
        falsePositives.push(`${s.id}: ${t.code} because ${JSON.stringify(t.because)} — ${s.text.slice(0, 40)}`);
      }
    }
    for (const code of s.topics) {
      if (!predicted.has(code)) {
        fn++;
        falseNegatives.push(`${s.id}: ${code} — ${s.text.slice(0, 40)}`);
      }
    }
  }
  const n = labels.problems.length;
  return {
    problems: n,
    lvl1Correct,
    lvl1Lenient,
    lvl1Accuracy: n === 0 ? 1 : lvl1Correct / n,
    lvl1LenientAccuracy: n === 0 ? 1 : lvl1Lenient / n,
    lvl1Errors,
    segments: labels.segments.length,
    tp,
    fp,
    fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    falsePositives,
    falseNegatives,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function formatReport(name: string, r: Report): string {
  return [
    `[classify] ${name}`,
    `  level 1: ${pct(r.lvl1Accuracy)} (${r.lvl1Correct}/${r.problems} problem headings; lenient ${pct(r.lvl1LenientAccuracy)})`,
    `  level 2: precision ${pct(r.precision)}, recall ${pct(r.recall)} (tp ${r.tp}, fp ${r.fp}, fn ${r.fn}; ${r.segments} segments)`,
    ...r.lvl1Errors.map((e) => `  L1 miss  ${e}`),
    ...r.falsePositives.map((e) => `  L2 false positive  ${e}`),
    ...r.falseNegatives.map((e) => `  L2 missed  ${e}`),
  ].join('\n');
}
