/**
 * Filter parameters → Meilisearch filter expressions, one per field, so that a facet can be
 * counted with its own field's filter removed. Built with schema/filter.ts, which quotes every
 * value: a unit named `x" OR year = 2020` filters for that literal name.
 */
import type { FilterField, FilterParams } from '../../contract/api.ts';
import { regionPaths } from '../../indexer/metadata/region.ts';
import { normalize } from '../../text/normalize.ts';

import { UNKNOWN_YEAR } from '../../contract/constants.ts';
import { and, anyOf, cmp, eq, missing, or, type FilterExpr } from '../../schema/filter.ts';

/** A region path as the index spells it: 辽宁省>丹东市 → 辽宁省 > 丹东市. */
export function regionPathOf(value: string): string {
  return value
    .split('>')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' > ');
}

/** The Meilisearch field of a region value, by its depth (辽宁省 > 丹东市 → region.lvl1). */
export function regionField(path: string): string {
  const depth = Math.min(3, path.split('>').length);
  return `region.lvl${depth - 1}`;
}

/** Every region value the index can hold, as it spells it, with the text a region search matches (path and name, normalised). */
let regionTexts: { path: string; depth: number; text: string }[] | undefined;

/**
 * A filter for the regions whose path or name contains `wanted` (normalised), from the
 * gazetteer: only the shallowest of them, since a region's children are inside it and their
 * paths contain its name too. Undefined when no region matches. A region search counts only
 * these, so a county among thousands is not cut off by Meilisearch's cap on facet values
 * before its name is matched.
 */
export function regionsContaining(wanted: string): FilterExpr | undefined {
  regionTexts ??= regionPaths()
    .map((p) => {
      const path = p.join(' > ');
      return { path, depth: p.length, text: normalize(`${path} ${p[p.length - 1]}`) };
    })
    .sort((a, b) => a.depth - b.depth);
  const kept: string[][] = [[], [], []];
  const keptPaths = new Set<string>();
  for (const r of regionTexts) {
    if (!r.text.includes(wanted)) continue;
    const parts = r.path.split(' > ');
    if (parts.slice(1).some((_, i) => keptPaths.has(parts.slice(0, i + 1).join(' > ')))) continue;
    keptPaths.add(r.path);
    kept[Math.min(r.depth, 3) - 1]!.push(r.path);
  }
  return or(...kept.map((paths, level) => (paths.length ? anyOf(`region.lvl${level}`, paths) : undefined)));
}

/** The filter of a region value at its depth (辽宁省 > 丹东市 → region.lvl1 = "辽宁省 > 丹东市"). */
export function regionFilter(value: string): FilterExpr {
  const path = regionPathOf(value);
  return eq(regionField(path), path);
}

export type FieldFilters = Partial<Record<FilterField, FilterExpr>>;

/**
 * `category` names the paragraph field holding the categories counted in the current view
 * (category); for the notices index, all of a notice's codes are in `categories`.
 */
export function fieldFilters(p: FilterParams, target: 'paragraphs' | 'notices' = 'paragraphs', category = 'category'): FieldFilters {
  const out: FieldFilters = {};
  if (p.unit.length) out.unit = anyOf('unit', p.unit);
  if (p.region.length) out.region = or(...p.region.map(regionFilter));
  if (p.category.length) {
    out.category =
      target === 'notices'
        ? anyOf('categories', p.category)
        : or(...p.category.map((c) => eq(`${category}.${c.startsWith('T.') ? 'lvl2' : 'lvl1'}`, c)));
  }
  // 年份不详 (UNKNOWN_YEAR) is the notices without a year.
  const known = p.year.filter((y) => y !== UNKNOWN_YEAR);
  const years = and(
    p.year.length
      ? or(known.length ? anyOf('year', known) : undefined, p.year.includes(UNKNOWN_YEAR) ? missing('year') : undefined)
      : undefined,
    p.yearFrom !== undefined ? cmp('year', '>=', p.yearFrom) : undefined,
    p.yearTo !== undefined ? cmp('year', '<=', p.yearTo) : undefined,
  );
  if (years) out.year = years;
  if (p.level.length) out.level = anyOf('level', p.level);
  return out;
}

/** AND of all the given expressions (undefined ones skipped), optionally leaving one field out. */
export function combine(filters: FieldFilters, extra: (FilterExpr | undefined)[] = [], without?: FilterField): FilterExpr | undefined {
  return and(
    ...Object.entries(filters)
      .filter(([f]) => f !== without)
      .map(([, e]) => e),
    ...extra,
  );
}
