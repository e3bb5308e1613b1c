/**
 * A hierarchical facet: 地区 (province › city › county) and 问题类别 (level 1 › level 2).
 * Nodes come from the facet values' `parent`; every node is its own checkbox, and a node
 * with children opens and closes. Branches holding a selection start open.
 */
import { useMemo, useState } from 'react';
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
    if (parent) parent.children.push(n); else roots.push(n);
  }
  return roots;
}

function containsSelected(n: Node, selected: string[]): boolean {
  return n.children.some((c) => selected.includes(c.value) || containsSelected(c, selected));
}

type Props = {
  values: FacetValue[];
  selected: string[];
  onToggle(value: string): void;
  labelOf?(value: string): string;
  /** Roots shown before "显示更多". */
  initial?: number;
};

export function FacetTree({ values, selected, onToggle, labelOf, initial = 10 }: Props) {
  const roots = useMemo(() => buildTree(withSelected(values, selected, labelOf)), [values, selected, labelOf]);
  const [more, setMore] = useState(false);
  if (!roots.length) return <p className="hint">无</p>;
  return (
    <div className="facet-list">
      <ul className="tree" role="list">
        {roots.slice(0, more ? undefined : initial).map((n) => <TreeNode key={n.value} node={n} selected={selected} onToggle={onToggle} startOpen={roots.length <= 2} />)}
      </ul>
      {roots.length > initial && (
        <button type="button" className="linklike small" onClick={() => setMore(!more)} aria-expanded={more}>{more ? '收起' : `显示更多（共 ${roots.length} 项）`}</button>
      )}
    </div>
  );
}

function TreeNode({ node, selected, onToggle, startOpen = false }: { node: Node; selected: string[]; onToggle(v: string): void; startOpen?: boolean }) {
  // Open when it holds a selection, or when it is one of very few roots.
  const [open, setOpen] = useState(() => startOpen || containsSelected(node, selected));
  const label = node.label || node.value.split(' > ').pop() || node.value;
  return (
    <li>
      <div className="tree-row">
        {node.children.length > 0 ? (
          <button type="button" className="twisty" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={`${open ? '收起' : '展开'}${label}`}>
            {open ? '▾' : '▸'}
          </button>
        ) : <span className="twisty-space" aria-hidden="true" />}
        <FacetCheckbox value={node.value} label={label} count={node.count} checked={selected.includes(node.value)} onToggle={onToggle} />
      </div>
      {open && node.children.length > 0 && (
        <ul className="tree" role="list">
          {node.children.map((c) => <TreeNode key={c.value} node={c} selected={selected} onToggle={onToggle} />)}
        </ul>
      )}
    </li>
  );
}
