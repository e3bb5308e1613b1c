/** 段落 / 通报 / 统计, and the sort order. */
import { VIEW_LABEL, SORT_LABEL } from '../lib/labels.ts';
import type { Sort, View } from '../state/useSearchState.ts';

export function ViewSwitch({ view, onView }: { view: View; onView(v: View): void }) {
  return (
    <fieldset className="segmented view-switch">
      <legend className="visually-hidden">结果视图</legend>
      {(['paragraphs', 'notices', 'stats'] as const).map((v) => (
        <label key={v}>
          <input type="radio" name="view" value={v} checked={view === v} onChange={() => onView(v)} />
          <span>{VIEW_LABEL[v]}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function SortSelect({ sort, onSort }: { sort: Sort; onSort(s: Sort): void }) {
  return (
    <label className="inline-select">
      <span>排序</span>
      <select value={sort} onChange={(e) => onSort(e.target.value as Sort)}>
        {(Object.keys(SORT_LABEL) as Sort[]).map((s) => (
          <option key={s} value={s}>
            {SORT_LABEL[s]}
          </option>
        ))}
      </select>
    </label>
  );
}
