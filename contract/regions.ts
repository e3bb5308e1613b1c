/**
 * Region facet values are paths, `辽宁省 > 丹东市 > 宽甸满族自治县`, the form Meilisearch's
 * hierarchical facets take. Zod-free: the web app imports it.
 */
export const REGION_SEPARATOR = ' > ';

/** The region's own name, the last part of its path (宽甸满族自治县). */
export function regionName(path: string): string {
  const i = path.lastIndexOf(REGION_SEPARATOR);
  return i < 0 ? path : path.slice(i + REGION_SEPARATOR.length);
}
