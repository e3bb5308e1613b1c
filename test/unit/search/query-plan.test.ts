import { describe, expect, it } from 'vitest';
import { clauseTerms, planQuery } from '../../../server/search/query-plan.ts';

describe('query plan', () => {
  it('exact mode: one normalised phrase over the gram fields', () => {
    const p = planQuery([{ q: ' 体 中心 ', mode: 'exact', scope: 'all' }]);
    expect(p.clauses[0]!.analysis.terms).toEqual([{ text: '体中心', kind: 'exact' }]);
    expect(p.attributesToSearchOn).toEqual(['c1', 'c2', 'c3', 'xc1', 'xc2', 'xc3']);
    expect(p.q.startsWith('"') && p.q.endsWith('"')).toBe(true);
  });

  it('words mode: jieba words, numbers literal with their measure word', () => {
    expect(clauseTerms('补缴党费2369元', 'words')).toEqual([
      { text: '补缴', kind: 'word' },
      { text: '党费', kind: 'word' },
      { text: '2369元', kind: 'exact' },
    ]);
  });

  it('scopes choose the fields of their role; two different roles match nothing', () => {
    const problems = planQuery([{ q: '党费', mode: 'exact', scope: 'problems' }]);
    expect(problems.roleFilter).toBe('role = "problem"');
    expect(problems.attributesToSearchOn).toEqual(['c1', 'c2', 'c3']);
    const measures = planQuery([
      { q: '党费', mode: 'exact', scope: 'measures' },
      { q: '补缴', mode: 'exact', scope: 'all' },
    ]);
    expect(measures.attributesToSearchOn).toEqual(['xc1', 'xc2', 'xc3']);
    expect(measures.segmentRole).toBe('measure');
    expect(
      planQuery([
        { q: '党费', mode: 'words', scope: 'problems' },
        { q: '补缴', mode: 'words', scope: 'measures' },
      ]).roleFilter,
    ).toBe('(role = "problem") AND (role = "measure")');
  });

  it('meta scope searches only the meta gram fields and highlights nothing in the text', () => {
    const p = planQuery([{ q: '融媒体中心', mode: 'words', scope: 'meta' }]);
    expect(p.attributesToSearchOn).toEqual(['m1', 'm2', 'm3']);
    expect(p.highlightTerms).toEqual([]);
  });

  it('a remembered plan is the plan of its own query, mode and scope', () => {
    const asked = [
      { q: '党费 收缴', mode: 'words', scope: 'all' },
      { q: '党费 收缴', mode: 'exact', scope: 'all' },
      { q: '党费 收缴', mode: 'words', scope: 'meta' },
      { q: '党费 收缴', mode: 'words', scope: 'measures' },
    ] as const;
    const first = asked.map((c) => planQuery([{ ...c }]));
    expect(new Set(first.map((p) => JSON.stringify([p.q, p.attributesToSearchOn]))).size).toBe(4);
    // Asked again, in another order, each gets its own plan back.
    for (const i of [3, 1, 0, 2]) expect(planQuery([{ ...asked[i]! }])).toEqual(first[i]);
    expect(clauseTerms('党费 收缴', 'exact')).toEqual([{ text: '党费收缴', kind: 'exact' }]);
    expect(clauseTerms('党费 收缴', 'words').map((t) => t.text)).toEqual(['党费', '收缴']);
  });

  it('an empty query is a browse of everything', () => {
    expect(planQuery([{ q: '  ', mode: 'words', scope: 'all' }]).q).toBe('');
  });
});
