/**
 * A hierarchical facet: 地区 (province › city › county) and 问题类别 (level 1 › level 2).
 * Nodes come from the facet values' `parent`; every node is its own checkbox, and a node
 * with children opens and closes. Branches holding a selection start open. A tree given
 * `lazy` (地区) learns a node's children only when it is opened: the owner is told which
 * nodes are open and passes their children in with the values.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FacetValue } from '../../../contract/api.ts';
import { FacetCheckbox, withSelected } from './FacetPanel.tsx';

type Node = FacetValue & { children: Node[] };

export function buildTree(values: FacetValue[]): Node[] {
  const nodes = new Map<string, Node>(values.map((v) => [v.value, { ...v, children: [] }]));
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    // A path value ("辽宁省 > 丹东市") without a parent hangs under its prefix.
    const parentKey = n.parent ?? (n.value.includes(' > ') ? n.value.slice(0, n.value.lastIndexOf(' > ')) : undefined);
    const parent = parentKey ? nodes.get(parentKey) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

function containsSelected(n: Node, selected: string[]): boolean {
  // By path too: a lazy tree does not hold a selected county until its city is opened.
  return (
    selected.some((s) => s.startsWith(`${n.value} > `)) ||
    n.children.some((c) => selected.includes(c.value) || containsSelected(c, selected))
  );
}

/** Children fetched when a node is opened. */
export type LazyLevels = {
  /** Whether a node may have children not given yet (a province, a city). */
  mayHaveChildren(node: FacetValue): boolean;
  /** Children of this node are being fetched. */
  loading(value: string): boolean;
  onOpenChange(value: string, open: boolean): void;
};

type Props = {
  values: FacetValue[];
  selected: string[];
  onToggle(value: string): void;
  labelOf?(value: string): string;
  /** Roots shown before "显示更多". */
  initial?: number;
  lazy?: LazyLevels;
};

export function FacetTree({ values, selected, onToggle, labelOf, initial = 10, lazy }: Props) {
  const roots = useMemo(() => {
    // A selected value whose parent is not listed yet waits for it, rather than showing as a root.
    const have = new Set(values.map((v) => v.value));
    const shownSelected = lazy ? selected.filter((s) => !s.includes(' > ') || have.has(s.slice(0, s.lastIndexOf(' > ')))) : selected;
    return buildTree(withSelected(values, shownSelected, labelOf));
  }, [values, selected, labelOf, lazy]);
  const [more, setMore] = useState(false);
  if (!roots.length) return <p className="hint">无</p>;
  return (
    <div className="facet-list">
      <ul className="tree">
        {roots.slice(0, more ? undefined : initial).map((n) => (
          <TreeNode key={n.value} node={n} selected={selected} onToggle={onToggle} startOpen={roots.length <= 2} lazy={lazy} />
        ))}
      </ul>
      {roots.length > initial && (
        <button type="button" className="linklike small" onClick={() => setMore(!more)} aria-expanded={more}>
          {more ? '收起' : `显示更多（共 ${roots.length} 项）`}
        </button>
      )}
    </div>
  );
}

function TreeNode({
  node,
  selected,
  onToggle,
  startOpen = false,
  lazy,
}: {
  node: Node;
  selected: string[];
  onToggle(v: string): void;
  startOpen?: boolean;
  lazy?: LazyLevels;
}) {
  // Open when it holds a selection, or when it is one of very few roots.
  const [open, setOpen] = useState(() => startOpen || containsSelected(node, selected));
  const expandable = node.children.length > 0 || !!lazy?.mayHaveChildren(node);
  const lazyRef = useRef(lazy);
  lazyRef.current = lazy;
  // Only on opening and closing: the owner's callbacks change with every render.
  useEffect(() => {
    if (expandable) lazyRef.current?.onOpenChange(node.value, open);
  }, [open, expandable, node.value]);
  const label = node.label || node.value.split(' > ').pop() || node.value;
  return (
    <li>
      <div className="tree-row">
        {expandable ? (
          <button
            type="button"
            className="twisty"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
            aria-label={`${open ? '收起' : '展开'}${label}`}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="twisty-space" aria-hidden="true" />
        )}
        <FacetCheckbox value={node.value} label={label} count={node.count} checked={selected.includes(node.value)} onToggle={onToggle} />
      </div>
      {open && node.children.length > 0 && (
        <ul className="tree">
          {node.children.map((c) => (
            <TreeNode key={c.value} node={c} selected={selected} onToggle={onToggle} lazy={lazy} />
          ))}
        </ul>
      )}
      {open && node.children.length === 0 && lazy?.loading(node.value) && <p className="hint small tree-loading">正在统计…</p>}
    </li>
  );
}
