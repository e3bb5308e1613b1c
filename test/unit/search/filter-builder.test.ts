/** The one filter builder (schema/filter.ts): user input never escapes its quotes. */
import { describe, expect, it } from 'vitest';
import { and, anyOf, cmp, eq, ne, or, quoteFilterValue } from '../../../schema/filter.ts';

describe('filter builder', () => {
  it('quotes string values so they stay literals', () => {
    expect(eq('unit', 'x" OR year = 2020')).toBe('unit = "x\\" OR year = 2020"');
    expect(eq('unit', 'a\\" OR 1')).toBe('unit = "a\\\\\\" OR 1"');
    expect(anyOf('noticeId', ['n1', 'n"2'])).toBe('noticeId IN ["n1", "n\\"2"]');
    expect(quoteFilterValue('宽甸满族自治县融媒体中心')).toBe('"宽甸满族自治县融媒体中心"');
  });

  it('writes numbers as numbers and refuses what is not one', () => {
    expect(eq('year', 2024)).toBe('year = 2024');
    expect(cmp('year', '>=', 2020)).toBe('year >= 2020');
    expect(() => eq('year', Number.NaN)).toThrow(/finite/);
  });

  it('refuses a field name that is not a plain name', () => {
    expect(() => eq('unit = "a" OR unit', 'b')).toThrow(/field name/);
    expect(ne('id', 'n1')).toBe('id != "n1"');
  });

  it('brackets every part, so AND and OR nest as written', () => {
    expect(and(eq('a', 1), or(eq('b', 2), eq('c', 3)))).toBe('(a = 1) AND (((b = 2) OR (c = 3)))');
    expect(and(undefined, eq('a', 1))).toBe('a = 1');
    expect(and()).toBeUndefined();
    expect(or(undefined)).toBeUndefined();
  });
});
