/**
 * Accuracy on the hand-labelled fixture sets. Targets (from the issue): level-1
 * accuracy ≥ 95 %, level-2 precision ≥ 90 %. Recall is reported, not enforced.
 */
import { describe, expect, it } from 'vitest';
import { defaultTaxonomy } from '../../../indexer/classify/taxonomy.ts';
import { evaluate, formatReport, loadLabels, unknownCodes } from './labels.ts';

const LVL1_TARGET = 0.95;
const LVL2_PRECISION_TARGET = 0.9;

for (const file of ['seeds.yaml', 'variants.yaml']) {
  describe(`labelled set ${file}`, () => {
    const tax = defaultTaxonomy();
    const labels = loadLabels(file);

    it('uses only codes the taxonomy defines', () => {
      expect(unknownCodes(labels, tax)).toEqual([]);
    });

    it(`reaches level-1 accuracy ≥ ${LVL1_TARGET * 100}% and level-2 precision ≥ ${LVL2_PRECISION_TARGET * 100}%`, () => {
      const report = evaluate(labels, tax);
      console.log(formatReport(file, report));
      expect(report.lvl1Accuracy).toBeGreaterThanOrEqual(LVL1_TARGET);
      expect(report.precision).toBeGreaterThanOrEqual(LVL2_PRECISION_TARGET);
    });
  });
}

describe('seeds.yaml coverage', () => {
  const labels = loadLabels('seeds.yaml');
  it('labels every problem heading of both seeds and at least 40 segments', () => {
    expect(labels.problems.filter((p) => p.id.startsWith('000-'))).toHaveLength(4);
    // Seed 003: 7 categories （一）…（七） and their 32 numbered sub-problems.
    expect(labels.problems.filter((p) => /^003-\d$/.test(p.id))).toHaveLength(7);
    expect(labels.problems.filter((p) => /^003-\d\.\d$/.test(p.id))).toHaveLength(32);
    expect(labels.segments.length).toBeGreaterThanOrEqual(40);
  });
});
