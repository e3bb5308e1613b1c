/** Display labels of category codes, from the taxonomy (region paths: contract/regions.ts). */
import type { TaxonomyResponse } from '../../contract/api.ts';
import { defaultTaxonomy } from '../../indexer/classify/taxonomy.ts';

export type CategoryInfo = { code: string; label: string; level: 1 | 2; parent?: string; definition?: string };

let cache: Map<string, CategoryInfo> | undefined;

export function categories(): Map<string, CategoryInfo> {
  if (cache) return cache;
  const t = defaultTaxonomy();
  cache = new Map<string, CategoryInfo>();
  cache.set(t.unclassified.code, {
    code: t.unclassified.code,
    label: t.unclassified.label,
    level: 1,
    definition: t.unclassified.definition,
  });
  for (const c of t.lvl1) cache.set(c.code, { code: c.code, label: c.label, level: 1, definition: c.definition });
  for (const c of t.topics) cache.set(c.code, { code: c.code, label: c.label, level: 2, parent: c.parent, definition: c.definition });
  return cache;
}

export function categoryLabel(code: string): string {
  return categories().get(code)?.label ?? code;
}

export function taxonomyResponse(): TaxonomyResponse {
  return { categories: [...categories().values()] };
}
