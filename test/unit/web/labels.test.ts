/** The notice header's inspection line: one word for one kind of inspection (巡视 or 巡察), never both mixed. */
import { describe, expect, it } from 'vitest';
import { inspectionLabel } from '../../../web/src/lib/labels.ts';

describe('inspectionLabel', () => {
  it('names a provincial round in 巡视 throughout, not 省级巡视 · 常规巡察', () => {
    const shown = inspectionLabel({ level: '省', kind: '常规', group: '省委第三巡视组', round: 2 });
    expect(shown).toBe('省级常规巡视 · 省委第三巡视组 · 第2轮');
    expect(shown).not.toMatch(/巡察/);
  });

  it('names city and county rounds in 巡察, and puts 回头看 after the word', () => {
    expect(inspectionLabel({ level: '县', kind: '常规', group: '县委第二巡察组' })).toBe('县级常规巡察 · 县委第二巡察组');
    expect(inspectionLabel({ level: '市', kind: '回头看' })).toBe('市级巡察“回头看”');
    expect(inspectionLabel({ level: '中央', kind: '专项' })).toBe('中央专项巡视');
    expect(inspectionLabel({ level: '县' })).toBe('县级巡察');
  });

  it('takes the word from the group when the level is not known', () => {
    expect(inspectionLabel({ kind: '机动', group: '市委第一巡察组' })).toBe('机动巡察 · 市委第一巡察组');
    expect(inspectionLabel({ kind: '专项' })).toBe('专项巡视巡察');
    expect(inspectionLabel({ round: 3 })).toBe('第3轮');
  });
});
