import { describe, expect, it } from 'vitest';
import { parseHeadingNumber } from '../../../indexer/parse/headings.ts';

const style = (s: string) => parseHeadingNumber(s)?.style;

describe('parseHeadingNumber', () => {
  it.each([
    ['一、总体情况', '一、', '一', '总体情况'],
    ['十二、其他', '一、', '十二', '其他'],
    ['二．加强', '一、', '二', '加强'],
    ['（一）学习贯彻', '（一）', '一', '学习贯彻'],
    ['(三)学习贯彻', '（一）', '三', '学习贯彻'],
    ['（四）、学习', '（一）', '四', '学习'],
    ['1.贯彻落实', '1.', '1', '贯彻落实'],
    ['2、党风廉政', '1.', '2', '党风廉政'],
    ['3．基层党组织', '1.', '3', '基层党组织'],
    ['１２．全角数字', '1.', '12', '全角数字'],
    ['1. 有空格', '1.', '1', '有空格'],
    ['（1）制定方案', '（1）', '1', '制定方案'],
    ['(2)制定方案', '（1）', '2', '制定方案'],
    ['3）制定方案', '（1）', '3', '制定方案'],
    ['⑷制定方案', '（1）', '4', '制定方案'],
    ['①建立台账', '①', '①', '建立台账'],
    ['第一，提高站位', '第一', '一', '提高站位'],
  ])('%s', (text, expectedStyle, label, rest) => {
    const h = parseHeadingNumber(text);
    expect(h).toMatchObject({ style: expectedStyle, label, rest });
  });

  it('values follow the numbers', () => {
    expect(parseHeadingNumber('二十三、x')?.value).toBe(23);
    expect(parseHeadingNumber('（十）x')?.value).toBe(10);
    expect(parseHeadingNumber('⑳x')?.value).toBe(20);
  });

  it.each([
    '2025年，关停了4个栏目',
    '1月至8月',
    '3.5万元',
    '1、2号楼',
    '10%以上',
    '一是明确职责',
    '一、二季度完成',
    '三、四月份',
    '第一议题制度',
    '1.1 小节',
    '100.x',
    '0.5个百分点',
    '统一思想',
  ])('is not a heading: %s', (text) => expect(style(text)).toBeUndefined());
});
