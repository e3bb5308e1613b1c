/**
 * The five facets of the current results: 单位 (searchable), 地区 (tree), 问题类别 (tree),
 * 年份 (histogram) and 巡视巡察层级. Units, and the cities and counties of an opened region,
 * are counted beside the search (state/useFacetsBeside.ts). On narrow screens the sidebar
 * folds behind a button.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { FacetValue, Facets } from '../../../contract/api.ts';
import { DEFAULT_UNIT_FACET_LIMIT } from '../../../contract/constants.ts';
import { searchFacet } from '../api/client.ts';
import { regionName } from '../../../contract/regions.ts';
import { FIELD_LABEL, LEVEL_LABEL } from '../lib/labels.ts';
import { activeFilterCount, toRequest, type SearchStateApi } from '../state/useSearchState.ts';
import { useRegionLevels, useUnitFacet } from '../state/useFacetsBeside.ts';
import { FacetList, FacetPanel } from './FacetPanel.tsx';
import { FacetTree } from './FacetTree.tsx';
import { YearHistogram } from './YearHistogram.tsx';

const NONE: FacetValue[] = [];

type Props = {
  facets: Facets | undefined;
  /** The search failed: there is nothing to filter yet. */
  failed: boolean;
  api: SearchStateApi;
  categoryLabel(code: string): string;
  open: boolean;
  onClose(): void;
  /** What the filters leave (共 n 个段落), shown on the drawer's close button; undefined while it loads. */
  count?: string;
};

export function FacetSidebar({ facets, failed, api, categoryLabel, open, onClose, count }: Props) {
  const { state } = api;
  const f = state.filters;
  const request = toRequest(state);
  const requestKey = api.key;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the request is fully described by the URL (requestKey); it is a new object each render
  const unitSearch = useCallback(
    (query: string, signal: AbortSignal): Promise<FacetValue[]> => searchFacet('unit', request, query, signal).then((r) => r.values),
    // The request is fully described by the URL.
    [requestKey],
  );
  const units = useUnitFacet(request);
  const regions = useRegionLevels(request, facets?.region ?? NONE);

  // As a drawer (narrow screens): focus moves in when it opens, Escape closes it.
  const done = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    done.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, onClose]);

  return (
    <aside id="facets" className={`facets${open ? ' open' : ''}`} aria-label="筛选">
      <div className="facets-head">
        <h2>筛选{activeFilterCount(f) > 0 ? `（${activeFilterCount(f)}）` : ''}</h2>
        <button ref={done} type="button" className="btn facets-close" onClick={onClose}>
          完成{count ? `（${count}）` : ''}
        </button>
      </div>
      {!facets ? (
        <p className="hint">{failed ? '检索失败，暂无筛选项。' : '正在加载筛选项…'}</p>
      ) : (
        <>
          <FacetPanel title={FIELD_LABEL.unit} selectedCount={f.unit.length}>
            {units.failed && <p className="hint">未能统计单位，可在下面查找。</p>}
            <FacetList
              name="单位"
              values={units.values}
              loading={units.loading}
              selected={f.unit}
              onToggle={(v) => api.toggleFilter('unit', v)}
              searchable
              capped={units.values.length >= DEFAULT_UNIT_FACET_LIMIT}
              remoteSearch={unitSearch}
            />
          </FacetPanel>
          <FacetPanel title={FIELD_LABEL.region} selectedCount={f.region.length}>
            <FacetTree
              values={regions.values}
              selected={f.region}
              onToggle={(v) => api.toggleFilter('region', v)}
              labelOf={regionName}
              lazy={regions.lazy}
            />
          </FacetPanel>
          <FacetPanel title={FIELD_LABEL.category} selectedCount={f.category.length}>
            <FacetTree
              values={facets.category}
              selected={f.category}
              onToggle={(v) => api.toggleFilter('category', v)}
              labelOf={categoryLabel}
            />
          </FacetPanel>
          <FacetPanel title={FIELD_LABEL.year} selectedCount={f.year.length + (f.yearFrom !== undefined || f.yearTo !== undefined ? 1 : 0)}>
            <YearHistogram
              values={facets.year}
              selected={f.year}
              from={f.yearFrom}
              to={f.yearTo}
              onToggleYear={(y) => api.toggleFilter('year', String(y))}
              onRange={api.setYearRange}
            />
          </FacetPanel>
          <FacetPanel title={FIELD_LABEL.level} selectedCount={f.level.length}>
            <FacetList
              name="层级"
              values={facets.level}
              selected={f.level}
              onToggle={(v) => api.toggleFilter('level', v)}
              labelOf={(v) => LEVEL_LABEL[v.value] ?? v.label ?? v.value}
            />
          </FacetPanel>
        </>
      )}
    </aside>
  );
}
