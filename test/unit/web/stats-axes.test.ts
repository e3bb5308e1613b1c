/** The 统计 charts: a year without problems stays on the axis, and a category keeps its colour. */
import { describe, expect, it } from 'vitest';
import { colourOf, PALETTE, yearLabel, yearsOf } from '../../../web/src/lib/stats-axes.ts';

describe('统计 axes', () => {
  it('shows every year from the first to the last, empty ones included', () => {
    expect(yearsOf([{ year: 2025 }, { year: 2017 }, { year: 2020 }, { year: 2017 }])).toEqual([
      2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025,
    ]);
    expect(yearsOf([])).toEqual([]);
  });

  it('puts 年份不详 (year 0) last, apart from the range of years', () => {
    expect(yearsOf([{ year: 2024 }, { year: 0 }, { year: 2022 }])).toEqual([2022, 2023, 2024, 0]);
    expect(yearsOf([{ year: 0 }])).toEqual([0]);
    expect([2024, 0].map(yearLabel)).toEqual(['2024', '年份不详']);
  });

  it("colours a category by the taxonomy's order, whatever its rank in the chart", () => {
    const order = ['L1.decisions', 'L1.discipline', 'L1.organization', 'L1.rectification'];
    // The taxonomy's first four colours, one each, whichever of them a chart shows first.
    expect(order.map((c) => colourOf(c, order))).toEqual(PALETTE.slice(0, 4));
    expect(colourOf('unclassified', order)).toBe('#5e5c64');
    expect(colourOf('L1.new', order)).toBe(colourOf('L1.new', []));
  });
});
