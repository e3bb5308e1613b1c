/**
 * A facet: a titled, collapsible group of checkboxes with exact counts. Selected values stay
 * on top (also when the current results no longer contain them). FacetList can search inside
 * its values: locally among those loaded, and on the server for long lists (thousands of units).
 */
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { FacetValue } from '../../../contract/api.ts';
import { useCommittedValue, useComposition } from '../hooks/useComposition.ts';

export function FacetPanel({
  title,
  selectedCount,
  children,
  defaultOpen = true,
}: {
  title: string;
  selectedCount: number;
  children: ReactNode;
  defaultOpen?: boolean;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  return (
    <section className="facet" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} className="facet-title">
        <button type="button" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen(!open)}>
          <span className="caret" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {title}
          {selectedCount > 0 && (
            <span className="badge">
              <span aria-hidden="true">{selectedCount}</span>
              <span className="visually-hidden">已选 {selectedCount} 项</span>
            </span>
          )}
        </button>
      </h3>
      <div id={`${id}-body`} hidden={!open} className="facet-body">
        {children}
      </div>
    </section>
  );
}

export function FacetCheckbox({
  value,
  label,
  count,
  checked,
  onToggle,
  title,
}: {
  value: string;
  label: ReactNode;
  count: number;
  checked: boolean;
  onToggle(value: string): void;
  title?: string;
}) {
  return (
    <label className={`facet-value${count === 0 && !checked ? ' zero' : ''}`} title={title}>
      <input type="checkbox" checked={checked} onChange={() => onToggle(value)} />
      <span className="facet-label">{label}</span>
      <span className="facet-count">{count.toLocaleString('zh-CN')}</span>
    </label>
  );
}

/** Values given, plus the selected ones the results no longer hold (count 0). */
export function withSelected(values: FacetValue[], selected: string[], label: (v: string) => string = (v) => v): FacetValue[] {
  const have = new Set(values.map((v) => v.value));
  return [...values, ...selected.filter((s) => !have.has(s)).map((s) => ({ value: s, label: label(s), count: 0 }))];
}

type ListProps = {
  name: string;
  values: FacetValue[];
  selected: string[];
  onToggle(value: string): void;
  /** Show a search box inside the list. */
  searchable?: boolean;
  /** The server listed only the most frequent values; the rest are found through the search box. */
  capped?: boolean;
  /** Search all values on the server (facetQuery) when the list is truncated. */
  remoteSearch?(query: string, signal: AbortSignal): Promise<FacetValue[]>;
  initial?: number;
  labelOf?(v: FacetValue): ReactNode;
  /** The values are still being counted. */
  loading?: boolean;
};

export function FacetList({
  name,
  values,
  selected,
  onToggle,
  searchable,
  capped,
  remoteSearch,
  initial = 8,
  labelOf,
  loading,
}: ListProps) {
  const [typed, setTyped] = useState('');
  // What is looked up: the text as committed, not an input method's keys (kuan'dian).
  const { composing, handlers } = useComposition();
  const query = useCommittedValue(typed, composing);
  const [expanded, setExpanded] = useState(false);
  const [remote, setRemote] = useState<{ query: string; values: FacetValue[] }>();
  const [remoteError, setRemoteError] = useState(false);
  const inputId = useId();

  useEffect(() => {
    const q = query.trim();
    if (!remoteSearch || !q) {
      setRemote(undefined);
      return;
    }
    const ctrl = new AbortController();
    const t = setTimeout(() => {
      remoteSearch(q, ctrl.signal)
        .then((v) => {
          setRemote({ query: q, values: v });
          setRemoteError(false);
        })
        .catch((e: Error) => {
          if (e.name !== 'AbortError') setRemoteError(true);
        });
    }, 200);
    return () => {
      clearTimeout(t);
      ctrl.abort();
    };
  }, [query, remoteSearch]);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const source = remote && remote.query === query.trim() ? remote.values : values;
    const all = withSelected(source, q ? [] : selected);
    const matching = q ? all.filter((v) => (v.label || v.value).toLowerCase().includes(q)) : all;
    // Selected first, then by count (the server's order otherwise).
    return [...matching].sort((a, b) => Number(selected.includes(b.value)) - Number(selected.includes(a.value)));
  }, [values, selected, query, remote]);

  const limit = expanded || query ? 50 : initial;
  return (
    <div className="facet-list">
      {searchable && (
        <div className="facet-search">
          <label htmlFor={inputId} className="visually-hidden">
            在{name}中查找
          </label>
          <input
            id={inputId}
            type="search"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            {...handlers}
            placeholder={`查找${name}`}
            autoComplete="off"
          />
        </div>
      )}
      {remoteError && <p className="hint">未能检索全部{name}，仅显示已加载的。</p>}
      {shown.length === 0 ? (
        <p className="hint">{query ? `没有匹配的${name}` : loading ? '正在统计…' : '无'}</p>
      ) : (
        <ul>
          {shown.slice(0, limit).map((v) => (
            <li key={v.value}>
              <FacetCheckbox
                value={v.value}
                label={labelOf ? labelOf(v) : v.label || v.value}
                count={v.count}
                checked={selected.includes(v.value)}
                onToggle={onToggle}
              />
            </li>
          ))}
        </ul>
      )}
      {!query && shown.length > initial && (
        <button type="button" className="linklike small" onClick={() => setExpanded(!expanded)} aria-expanded={expanded}>
          {expanded ? '收起' : capped ? `显示更多（前 ${shown.length} 项，其余请查找）` : `显示更多（共 ${shown.length} 项）`}
        </button>
      )}
    </div>
  );
}
