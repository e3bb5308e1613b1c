import { describe, expect, it } from 'vitest';
import { clauseTerms, planQuery } from '../../../server/search/query-plan.ts';
import { exactPhrase, synonymGroupOf } from '../../../schema/fields.ts';

describe('query plan', () => {
  it('exact mode: one normalised phrase over the gram fields', () => {
    const p = planQuery([{ q: ' 体 中心 ', mode: 'exact', scope: 'all' }]);
    expect(p.clauses[0]!.analysis.terms).toEqual([{ text: '体中心', kind: 'exact' }]);
    expect(p.attributesToSearchOn).toEqual(['c1', 'c2', 'xc1', 'xc2']);
    expect(p.q.startsWith('"') && p.q.endsWith('"')).toBe(true);
  });

  it('words mode: jieba words, numbers literal with their measure word', () => {
    expect(clauseTerms('补缴党费2369元', 'words')).toEqual([
      { text: '补缴', kind: 'word' },
      { text: '党费', kind: 'word' },
      { text: '2369元', kind: 'exact' },
    ]);
  });

  it('words mode: each word is one required substring, never its characters apart', () => {
    // 问责 was once searched as 问 + 责 and found 问题…职责.
    const p = planQuery([{ q: '问责 追责', mode: 'words', scope: 'all' }]);
    expect(p.clauses[0]!.analysis.terms).toEqual([
      { text: '问责', kind: 'word' },
      { text: '追责', kind: 'word' },
    ]);
    expect(p.q).toBe(`${exactPhrase('问责')} ${exactPhrase('追责')}`);
    // A four-character word is one phrase over its bigrams, as in exact mode.
    expect(planQuery([{ q: '优亲厚友', mode: 'words', scope: 'all' }]).q).toBe(exactPhrase('优亲厚友'));
  });

  it('words mode: a word of a synonym group asks for the group, shown with its members and all of them highlighted', () => {
    const p = planQuery([{ q: '津贴补贴', mode: 'words', scope: 'all' }]);
    const term = p.clauses[0]!.analysis.terms[0]!;
    expect(term.text).toBe('津贴补贴');
    expect(term.alternatives).toEqual(expect.arrayContaining(['津补贴', '津贴补贴']));
    expect(p.q).toBe(`"${synonymGroupOf('津补贴')!.token}"`);
    expect(p.highlightTerms).toEqual(expect.arrayContaining(['津补贴', '津贴补贴']));
    // Exact mode never widens.
    expect(planQuery([{ q: '津贴补贴', mode: 'exact', scope: 'all' }]).q).toBe(exactPhrase('津贴补贴'));
  });

  it('scopes choose the fields of their role; two different roles match nothing', () => {
    const problems = planQuery([{ q: '党费', mode: 'exact', scope: 'problems' }]);
    expect(problems.roleFilter).toBe('role = "problem"');
    expect(problems.attributesToSearchOn).toEqual(['c1', 'c2']);
    const measures = planQuery([
      { q: '党费', mode: 'exact', scope: 'measures' },
      { q: '补缴', mode: 'exact', scope: 'all' },
    ]);
    expect(measures.attributesToSearchOn).toEqual(['xc1', 'xc2']);
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
    expect(p.attributesToSearchOn).toEqual(['m1', 'm2']);
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
