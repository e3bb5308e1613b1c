/** No results: say what could be relaxed, each suggestion one click. */
import type { FilterField } from '../../../contract/api.ts';
import { FIELD_LABEL, MODE_LABEL, SCOPE_LABEL } from '../lib/labels.ts';
import type { SearchStateApi } from '../state/useSearchState.ts';

export function EmptyResults({
  api,
  labelOf,
  what,
}: {
  api: SearchStateApi;
  labelOf(field: FilterField, value: string): string;
  what: string;
}) {
  const { state } = api;
  const main = state.clauses[0]!;
  const f = state.filters;
  const suggestions: { key: string; text: string; run(): void }[] = [];
  for (const field of ['unit', 'region', 'category', 'level', 'year'] as const) {
    for (const v of f[field]) {
      const value = String(v);
      suggestions.push({
        key: `${field}:${value}`,
        text: `去掉筛选“${FIELD_LABEL[field]}：${labelOf(field, value)}”`,
        run: () => api.removeFilter(field, value),
      });
    }
  }
  if (f.yearFrom !== undefined || f.yearTo !== undefined)
    suggestions.push({ key: 'range', text: '去掉年份范围', run: () => api.setYearRange(undefined, undefined) });
  state.clauses
    .slice(1)
    .forEach((c, i) => suggestions.push({ key: `clause${i}`, text: `去掉结果中检索“${c.q}”`, run: () => api.removeClause(i + 1) }));
  if (main.q) {
    const other = main.mode === 'words' ? 'exact' : 'words';
    suggestions.push({ key: 'mode', text: `改用“${MODE_LABEL[other]}”匹配`, run: () => api.setClause(0, { mode: other }) });
  }
  if (main.scope !== 'all')
    suggestions.push({
      key: 'scope',
      text: `在“${SCOPE_LABEL.all}”范围内检索（当前：${SCOPE_LABEL[main.scope]}）`,
      run: () => api.setClause(0, { scope: 'all' }),
    });
  if (suggestions.length > 1 && (f.unit.length || f.region.length || f.category.length || f.level.length || f.year.length)) {
    suggestions.push({ key: 'all', text: '清除全部筛选', run: api.clearFilters });
  }
  return (
    <div className="empty" role="status">
      <p>
        <strong>没有找到匹配的{what}。</strong>
      </p>
      {suggestions.length > 0 ? (
        <>
          <p>可以试试：</p>
          <ul className="suggestions">
            {suggestions.map((s) => (
              <li key={s.key}>
                <button type="button" className="linklike" onClick={s.run}>
                  {s.text}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>请换一个检索词，或检查是否有错别字。</p>
      )}
    </div>
  );
}
