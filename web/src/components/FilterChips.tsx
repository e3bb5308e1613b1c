/** The active filters as removable chips, and 清除全部. */
import type { FilterField } from '../../../contract/api.ts';
import type { Filters } from '../api/client.ts';
import { FIELD_LABEL } from '../lib/labels.ts';

type Props = {
  filters: Filters;
  labelOf(field: FilterField, value: string): string;
  onRemove(field: FilterField, value: string): void;
  onClearRange(): void;
  onClearAll(): void;
};

export function FilterChips({ filters, labelOf, onRemove, onClearRange, onClearAll }: Props) {
  // label: the value as shown, isolated (a unit is the notices' own text).
  const chips: { key: string; text: string; field: string; label: string; remove(): void }[] = [];
  for (const field of ['unit', 'region', 'category', 'level', 'year'] as const) {
    for (const v of filters[field]) {
      const value = String(v);
      chips.push({
        key: `${field}:${value}`,
        text: `${FIELD_LABEL[field]}：${labelOf(field, value)}`,
        field: FIELD_LABEL[field],
        label: labelOf(field, value),
        remove: () => onRemove(field, value),
      });
    }
  }
  if (filters.yearFrom !== undefined || filters.yearTo !== undefined) {
    const range = `${filters.yearFrom ?? '…'}–${filters.yearTo ?? '…'}`;
    chips.push({ key: 'range', text: `年份：${range}`, field: '年份', label: range, remove: onClearRange });
  }
  if (!chips.length) return null;
  return (
    <div className="chips" aria-label="已选筛选条件" role="group">
      <ul>
        {chips.map((c) => (
          <li key={c.key} className="chip" data-testid="chip">
            <span>
              {c.field}：<bdi>{c.label}</bdi>
            </span>
            <button type="button" className="chip-x" onClick={c.remove} aria-label={`去掉筛选 ${c.text}`}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="linklike" onClick={onClearAll}>
        清除全部
      </button>
    </div>
  );
}
