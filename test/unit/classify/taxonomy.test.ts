/** Loading and validating lexicon/taxonomy.yaml. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_TAXONOMY_PATH, TaxonomyError, defaultTaxonomy, loadTaxonomy, parseTaxonomy } from '../../../indexer/classify/taxonomy.ts';

const source = readFileSync(DEFAULT_TAXONOMY_PATH, 'utf8');
type Raw = {
  lvl1: Array<Record<string, unknown>>;
  topics: Array<Record<string, unknown>>;
  [k: string]: unknown;
};
/** The real taxonomy with one change, as YAML text. */
function edited(change: (raw: Raw) => void): string {
  const raw = parse(source) as Raw;
  change(raw);
  return stringify(raw);
}
function errorOf(text: string): TaxonomyError {
  try {
    parseTaxonomy(text, 'test.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(TaxonomyError);
    return e as TaxonomyError;
  }
  throw new Error('expected a TaxonomyError');
}

describe('the taxonomy file', () => {
  const tax = defaultTaxonomy();

  it('has the four 落实 and 未分类', () => {
    expect(tax.lvl1.map((c) => c.code)).toEqual(['L1.decisions', 'L1.discipline', 'L1.organization', 'L1.rectification']);
    expect(tax.lvl1.map((c) => c.focus)).toEqual([
      '党中央决策部署在基层落实',
      '群众身边不正之风和腐败问题',
      '基层党组织和党员队伍建设',
      '巡察审计等监督发现问题整改落实和成果运用',
    ]);
    expect(tax.unclassified).toMatchObject({ code: 'unclassified', label: '未分类' });
  });

  it('covers the topics the issue lists', () => {
    const labels = tax.topics.map((t) => t.label).join(' ');
    for (const word of [
      '三重一大',
      '党费',
      '公务用车',
      '财务管理',
      '选人用人',
      '保密',
      '意识形态',
      '安全生产',
      '安全播出',
      '债务',
      '合同管理',
      '经营创收',
      '民主生活会',
      '基层党组织换届',
      '发展党员',
      '八项规定',
      '作风',
      '第一议题',
      '主体责任',
      '形式主义官僚主义',
      '巡视巡察整改',
      '干部队伍',
      '党员教育管理',
      '三会一课',
      '档案',
      '资产管理',
      '招投标',
      '工程项目',
      '津补贴',
      '公款吃喝',
      '廉洁风险',
      '媒体融合',
    ]) {
      expect(labels, word).toContain(word);
    }
  });

  it('gives every topic a parent, a definition and something to match', () => {
    const lvl1 = new Set(tax.lvl1.map((c) => c.code));
    for (const t of tax.topics) {
      expect(lvl1.has(t.parent), t.code).toBe(true);
      expect(t.definition.length, t.code).toBeGreaterThan(0);
      expect(t.code, t.code).toMatch(/^T\.[a-z0-9-]+$/);
      const hasCue = tax.cues.some((c) => c.owners.some((o) => o.kind === 'topic' && o.index === t.index && !o.support));
      expect(hasCue || t.patterns.length > 0, t.code).toBe(true);
    }
  });
});

describe('invalid taxonomy files give a clear error naming the entry', () => {
  it('unknown parent', () => {
    const err = errorOf(
      edited((raw) => {
        raw.topics[3]!.parent = 'L1.nowhere';
      }),
    );
    const code = (parse(source) as Raw).topics[3]!.code as string;
    expect(err.message).toContain('test.yaml');
    expect(err.message).toContain(`topics[3] (${code}).parent: unknown level-1 code L1.nowhere`);
  });

  it('a regex that does not compile', () => {
    const err = errorOf(
      edited((raw) => {
        raw.topics.find((t) => t.code === 'T.party-dues')!.patterns = ['补缴(党费'];
      }),
    );
    expect(err.message).toMatch(/topics\[\d+\] \(T\.party-dues\)\.patterns\[0\]: pattern \/补缴\(党费\/ does not compile/);
  });

  it('a missing field and a wrong type', () => {
    const err = errorOf(
      edited((raw) => {
        delete raw.topics[0]!.label;
        raw.lvl1[1]!.cues = [42];
      }),
    );
    expect(err.issues.some((i) => i.startsWith('topics[0] (T.first-topic).label:'))).toBe(true);
    expect(err.issues.some((i) => i.startsWith('lvl1[1] (L1.discipline).cues[0]: a cue is a non-empty string'))).toBe(true);
  });

  it('a duplicate code', () => {
    const err = errorOf(
      edited((raw) => {
        raw.topics[1]!.code = raw.topics[0]!.code;
      }),
    );
    expect(err.issues).toEqual(['topics[1] (T.first-topic): duplicate code T.first-topic']);
  });

  it('a code that is not a stable ASCII code', () => {
    const err = errorOf(
      edited((raw) => {
        raw.topics[2]!.code = '意识形态';
      }),
    );
    expect(err.issues).toEqual(['topics[2] (意识形态).code: code must be a stable ASCII code such as L1.decisions or T.party-dues']);
  });

  it('an unknown key (a typo such as cue: for cues:)', () => {
    const err = errorOf(
      edited((raw) => {
        raw.topics[0]!.cue = ['x'];
      }),
    );
    expect(err.message).toMatch(/topics\[0\] \(T\.first-topic\): Unrecognized key.*cue/);
  });

  it('YAML that does not parse, and a missing file', () => {
    expect(errorOf('lvl1: [unclosed').message).toContain('not valid YAML');
    const dir = mkdtempSync(join(tmpdir(), 'taxonomy-'));
    expect(() => loadTaxonomy(join(dir, 'missing.yaml'))).toThrow(/cannot read file/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      edited((raw) => void (raw.scoring = 'high')),
    );
    try {
      expect(() => loadTaxonomy(bad)).toThrow(new RegExp(`invalid taxonomy ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\n  - scoring:`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
