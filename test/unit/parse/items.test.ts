import { describe, expect, it } from 'vitest';
import { splitItems } from '../../../indexer/parse/items.ts';

const labels = (s: string) => splitItems(s).items.map((i) => i.label);

describe('splitItems', () => {
  it('splits 一是…二是…三是 and keeps lead and texts as written', () => {
    const r = splitItems('1.思想引领不到位方面。一是加强宣传；二是推进整合。三是下发纪要5次。');
    expect(r.lead).toBe('1.思想引领不到位方面。');
    expect(r.items).toEqual([
      { label: '一是', text: '加强宣传；', start: 12 },
      { label: '二是', text: '推进整合。', start: 19 },
      { label: '三是', text: '下发纪要5次。', start: 26 },
    ]);
  });

  it('is exact: lead + labels + texts = the paragraph', () => {
    const p = '针对该问题，一是明确职责，各负其责；二是加大力度。三是统一是非标准；四是完善制度。';
    const r = splitItems(p);
    expect(r.lead + r.items.map((i) => i.label + i.text).join('')).toBe(p);
    expect(labels(p)).toEqual(['一是', '二是', '三是', '四是']);
  });

  it('goes up to 十是 and beyond', () => {
    const p = Array.from('一二三四五六七八九', (n) => `${n}是x；`).join('') + '十是y；十一是z。';
    expect(labels(p)).toEqual(['一是', '二是', '三是', '四是', '五是', '六是', '七是', '八是', '九是', '十是', '十一是']);
  });

  it('does not split on 是 inside words', () => {
    expect(labels('要统一是非标准，坚持原则。')).toEqual([]);
    expect(labels('唯一是从，不搞变通。')).toEqual([]);
    // A lone 一是 in mid-sentence without 二是 is no enumeration.
    expect(labels('工作中一是坚持学习。')).toEqual([]);
  });

  it('prefers markers at a clause boundary over 一是 inside a word', () => {
    const r = splitItems('全面统一是关键；一是建立制度；二是加强监督。');
    expect(r.lead).toBe('全面统一是关键；');
    expect(labels('全面统一是关键；一是建立制度；二是加强监督。')).toEqual(['一是', '二是']);
  });

  it('accepts 统一是 only when 二是 continues the enumeration', () => {
    expect(labels('思想统一是前提，二是关键在落实。')).toEqual(['一是', '二是']);
  });

  it('takes a paragraph that starts with an item as an item (one item per paragraph)', () => {
    expect(splitItems('一是建立台账。')).toEqual({ lead: '', items: [{ label: '一是', text: '建立台账。', start: 0 }] });
    expect(labels('三是完善制度。')).toEqual(['三是']);
  });

  it('splits 其一/其二', () => {
    expect(labels('其一，建立台账；其二，完善制度。')).toEqual(['其一', '其二']);
  });

  it('leaves paragraphs without enumeration whole', () => {
    expect(splitItems('通过人员整合，采编力量调配更加顺畅。')).toEqual({ lead: '通过人员整合，采编力量调配更加顺畅。', items: [] });
  });
});
