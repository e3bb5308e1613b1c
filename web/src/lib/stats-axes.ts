/** The 统计 charts' axes and colours, kept apart from ECharts so they can be tested. */
import { UNKNOWN_YEAR, UNKNOWN_YEAR_LABEL } from '../../../contract/constants.ts';

export const PALETTE = ['#b3261e', '#1a5fb4', '#26a269', '#c64600', '#613583', '#1c71d8', '#986a44', '#5e5c64'];

/**
 * Every year from the first to the last with a count: an empty year is a gap on the axis, not
 * skipped. 年份不详 (UNKNOWN_YEAR) comes last, apart from the range.
 */
export function yearsOf(rows: { year: number }[]): number[] {
  const present = rows.map((r) => r.year).filter((y) => y !== UNKNOWN_YEAR);
  const unknown = rows.some((r) => r.year === UNKNOWN_YEAR) ? [UNKNOWN_YEAR] : [];
  if (!present.length) return unknown;
  const first = Math.min(...present);
  return [...Array.from({ length: Math.max(...present) - first + 1 }, (_, i) => first + i), ...unknown];
}

/** A year as the charts label it. */
export function yearLabel(year: number): string {
  return year === UNKNOWN_YEAR ? UNKNOWN_YEAR_LABEL : String(year);
}

/**
 * A category keeps its colour whatever the query and filters (the taxonomy's order, not the
 * chart's ranking), so two charts can be compared side by side.
 */
export function colourOf(code: string, lvl1Order: string[]): string {
  if (code === 'unclassified') return '#5e5c64';
  const i = lvl1Order.indexOf(code);
  if (i >= 0) return PALETTE[i % PALETTE.length]!;
  let h = 0;
  for (const ch of code) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}
