/**
 * The facets a search leaves out (contract/constants.ts): the most frequent units, and
 * the cities and counties of the regions opened in the tree, each asked for beside the
 * search and asked again when the search changes.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { FacetValue } from '../../../contract/api.ts';
import { DEFAULT_UNIT_FACET_LIMIT } from '../../../contract/constants.ts';
import { searchFacet, type SearchRequest } from '../api/client.ts';
import type { LazyLevels } from '../components/FacetTree.tsx';

/** What the facets are counted for: the clauses, filters and view, not the page or the order. */
function facetKey(r: SearchRequest): string {
  return JSON.stringify([r.clauses, r.filters, r.view ?? 'paragraphs']);
}

export function useUnitFacet(request: SearchRequest): { values: FacetValue[]; loading: boolean; failed: boolean } {
  const key = facetKey(request);
  const [got, setGot] = useState<{ key: string; values: FacetValue[]; failed: boolean }>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the request is fully described by its key
  useEffect(() => {
    const ctrl = new AbortController();
    searchFacet('unit', request, '', ctrl.signal, { limit: DEFAULT_UNIT_FACET_LIMIT })
      .then((r) => setGot({ key, values: r.values, failed: false }))
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setGot({ key, values: [], failed: true });
      });
    return () => ctrl.abort();
    // The request is fully described by its key.
  }, [key]);
  const current = got?.key === key ? got : undefined;
  // Until the new counts arrive, the previous ones stay (they are close, and the list does not jump).
  return { values: got?.values ?? [], loading: !current, failed: !!current?.failed };
}

const MAX_REGION_DEPTH = 3;

/** Children of the open region nodes, merged into the provinces the search listed. */
export function useRegionLevels(request: SearchRequest, provinces: FacetValue[]): { values: FacetValue[]; lazy: LazyLevels } {
  const key = facetKey(request);
  // Regions holding a selection start open (FacetTree), so their children are asked for at once.
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const [children, setChildren] = useState<{ key: string; byParent: Map<string, FacetValue[]> }>({ key, byParent: new Map() });
  const have = useMemo(() => (children.key === key ? children.byParent : new Map<string, FacetValue[]>()), [children, key]);
  const missing = [...open].filter((p) => !have.has(p)).sort();

  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by the request and the joined list of missing parents; both arrays are new each render
  useEffect(() => {
    if (!missing.length) return;
    const ctrl = new AbortController();
    Promise.all(
      missing.map((parent) =>
        searchFacet('region', request, '', ctrl.signal, { parent })
          .then((r): [string, FacetValue[]] => [parent, r.values])
          // A level that failed to load shows no children; the search and the selection still work.
          .catch((e: Error): [string, FacetValue[]] | undefined => (e.name === 'AbortError' ? undefined : [parent, []])),
      ),
    ).then((got) => {
      if (ctrl.signal.aborted) return;
      setChildren((prev) => {
        const base = prev.key === key ? prev.byParent : new Map<string, FacetValue[]>();
        return { key, byParent: new Map([...base, ...got.filter((g) => !!g)]) };
      });
    });
    return () => ctrl.abort();
  }, [key, missing.join('|')]);

  const onOpenChange = useCallback((value: string, isOpen: boolean) => {
    setOpen((prev) => {
      if (prev.has(value) === isOpen) return prev;
      const next = new Set(prev);
      if (isOpen) next.add(value);
      else next.delete(value);
      return next;
    });
  }, []);

  const values = useMemo(() => [...provinces, ...[...have.values()].flat()], [provinces, have]);
  const lazy = useMemo<LazyLevels>(
    () => ({
      mayHaveChildren: (v) => (v.level ?? 1) < MAX_REGION_DEPTH && (!have.has(v.value) || have.get(v.value)!.length > 0),
      loading: (value) => open.has(value) && !have.has(value),
      onOpenChange,
    }),
    [have, open, onOpenChange],
  );
  return { values, lazy };
}
