/**
 * A notice published in traditional script (a Big5 page, a Hong Kong or Taiwan repost) must get
 * the categories its simplified original gets: classification sees the text through the same
 * normalisation as search (text/normalize.ts), traditional → simplified included. Every labelled
 * fixture is converted with OpenCC's simplified → Taiwan converter, the strongest change of
 * script a real page shows.
 */
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { classifyProblem, classifyTopics } from '../../../indexer/classify/classify.ts';
import { defaultTaxonomy } from '../../../indexer/classify/taxonomy.ts';
import { loadLabels } from './labels.ts';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

describe('classification in traditional script', () => {
  const tax = defaultTaxonomy();
  for (const file of ['seeds.yaml', 'variants.yaml']) {
    const labels = loadLabels(file);

    it(`${file}: every segment gets the same topics as its simplified original`, () => {
      let converted = 0;
      const differ: string[] = [];
      for (const s of labels.segments) {
        const traditional = toTraditional(s.text);
        if (traditional !== s.text) converted++;
        const codes = (text: string) =>
          classifyTopics(text, tax)
            .map((t) => t.code)
            .sort()
            .join(',');
        if (codes(traditional) !== codes(s.text))
          differ.push(`${s.id}: ${codes(s.text)} ≠ ${codes(traditional)} — ${traditional.slice(0, 30)}`);
      }
      // The conversion must really change the text, or the test would prove nothing.
      expect(converted).toBeGreaterThan(labels.segments.length * 0.9);
      expect(differ).toEqual([]);
    });

    it(`${file}: every problem heading gets the same level-1 category`, () => {
      const differ = labels.problems
        .map((p) => ({
          p,
          simplified: classifyProblem(p.path, '', tax).code,
          traditional: classifyProblem(p.path.map(toTraditional), '', tax).code,
        }))
        .filter((r) => r.simplified !== r.traditional)
        .map((r) => `${r.p.id}: ${r.simplified} ≠ ${r.traditional}`);
      expect(differ).toEqual([]);
    });
  }
});
