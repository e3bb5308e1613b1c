/**
 * Chinese labels of category codes: from the current facets first, then from the taxonomy
 * (fetched once, only when a code is not among the facets, e.g. a filter from a bookmark).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FacetValue } from '../../../contract/api.ts';
import { getTaxonomy } from '../api/client.ts';

export function useCategoryLabels(facetValues: FacetValue[] | undefined, wanted: string[]): (code: string) => string {
  const [taxonomy, setTaxonomy] = useState<Map<string, string>>();
  const fromFacets = useMemo(() => new Map((facetValues ?? []).map((v) => [v.value, v.label])), [facetValues]);
  const missing = wanted.some((c) => !fromFacets.has(c));

  useEffect(() => {
    if (!missing || taxonomy) return;
    getTaxonomy()
      .then((t) => setTaxonomy(new Map(t.categories.map((c) => [c.code, c.label]))))
      .catch(() => {});
  }, [missing, taxonomy]);

  return useCallback(
    (code: string) => fromFacets.get(code) ?? taxonomy?.get(code) ?? (code === 'unclassified' ? '未分类' : code),
    [fromFacets, taxonomy],
  );
}
