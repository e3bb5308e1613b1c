/**
 * 年份: a small bar histogram of the year facet. Click a bar to pick that year (several
 * years can be picked), drag across bars (mouse or touch) to pick a range; the two selects
 * below do the same from the keyboard.
 */
import { useMemo, useRef, useState } from 'react';
import type { FacetValue } from '../../../contract/api.ts';
import { UNKNOWN_YEAR, UNKNOWN_YEAR_LABEL } from '../../../contract/constants.ts';

type Props = {
  values: FacetValue[];
  selected: number[];
  from?: number;
  to?: number;
  onToggleYear(year: number): void;
  onRange(from: number | undefined, to: number | undefined): void;
};

export function YearHistogram({ values, selected, from, to, onToggleYear, onRange }: Props) {
  const bars = useMemo(() => {
    const counts = new Map<number, number>();
    for (const v of values) {
      const y = Number(v.value);
      if (Number.isInteger(y) && y !== UNKNOWN_YEAR) counts.set(y, v.count);
    }
    for (const y of [...selected, from, to]) if (y !== undefined && y !== UNKNOWN_YEAR && !counts.has(y)) counts.set(y, 0);
    if (!counts.size) return [];
    const years = [...counts.keys()];
    const lo = Math.min(...years);
    const hi = Math.max(...years);
    // Continuous axis: empty years show as empty slots (at most 60 slots).
    const out: { year: number; count: number }[] = [];
    if (hi - lo <= 60) for (let y = lo; y <= hi; y++) out.push({ year: y, count: counts.get(y) ?? 0 });
    else for (const y of years.sort((a, b) => a - b)) out.push({ year: y, count: counts.get(y)! });
    return out;
  }, [values, selected, from, to]);

  // Dragging across the bars: tracked in a ref (pointer events come faster than renders),
  // mirrored in state for the highlight.
  const [drag, setDrag] = useState<{ start: number; end: number }>();
  const dragRef = useRef<{ start: number; end: number }>(undefined);
  const callbacks = useRef({ onToggleYear, onRange });
  callbacks.current = { onToggleYear, onRange };

  const startDrag = (year: number) => {
    dragRef.current = { start: year, end: year };
    setDrag(dragRef.current);
    const move = (e: PointerEvent) => {
      const el = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>('.histogram [data-year]');
      if (!el || !dragRef.current) return;
      dragRef.current = { ...dragRef.current, end: Number(el.dataset.year) };
      setDrag(dragRef.current);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
      const d = dragRef.current;
      dragRef.current = undefined;
      setDrag(undefined);
      if (!d) return;
      if (d.start === d.end) callbacks.current.onToggleYear(d.start);
      else callbacks.current.onRange(Math.min(d.start, d.end), Math.max(d.start, d.end));
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
  };

  // Notices whose text gives no year: outside every range, picked apart.
  const unknownCount = values.find((v) => Number(v.value) === UNKNOWN_YEAR)?.count ?? 0;
  const unknownOn = selected.includes(UNKNOWN_YEAR);
  const unknown =
    unknownCount || unknownOn ? (
      <button
        type="button"
        className={`year-unknown${unknownOn ? ' on' : ''}`}
        aria-pressed={unknownOn}
        onClick={() => onToggleYear(UNKNOWN_YEAR)}
      >
        {UNKNOWN_YEAR_LABEL}（{unknownCount}）
      </button>
    ) : null;
  if (!bars.length) return unknown ?? <p className="hint">无年份信息</p>;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const inRange = (y: number) =>
    (from !== undefined || to !== undefined) && (from === undefined || y >= from) && (to === undefined || y <= to);
  const inDrag = (y: number) => drag && y >= Math.min(drag.start, drag.end) && y <= Math.max(drag.start, drag.end);
  const yearsAll = bars.map((b) => b.year);

  return (
    <div className="histogram">
      <div className="bars">
        {bars.map((b) => {
          const on = selected.includes(b.year) || inRange(b.year);
          return (
            <button
              key={b.year}
              type="button"
              data-year={b.year}
              className={`bar${on ? ' on' : ''}${inDrag(b.year) ? ' dragging' : ''}`}
              aria-pressed={on}
              aria-label={`${b.year}年，${b.count} 条`}
              title={`${b.year}年：${b.count} 条`}
              onPointerDown={(e) => {
                if (e.button === 0) {
                  e.preventDefault();
                  startDrag(b.year);
                }
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onToggleYear(b.year);
                }
              }}
            >
              <span className="bar-fill" style={{ height: `${Math.max(b.count ? 8 : 2, (b.count / max) * 100)}%` }} />
            </button>
          );
        })}
      </div>
      <div className="bar-axis" aria-hidden="true">
        <span>{bars[0]!.year}</span>
        {bars.length > 1 && <span>{bars[bars.length - 1]!.year}</span>}
      </div>
      <div className="year-range">
        <label>
          从
          <select value={from ?? ''} onChange={(e) => onRange(e.target.value ? Number(e.target.value) : undefined, to)}>
            <option value="">不限</option>
            {yearsAll.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          至
          <select value={to ?? ''} onChange={(e) => onRange(from, e.target.value ? Number(e.target.value) : undefined)}>
            <option value="">不限</option>
            {yearsAll.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      {unknown}
    </div>
  );
}
