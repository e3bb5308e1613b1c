/** The problem hierarchy as a side table of contents, with category tags. */
import type { OutlineNode } from '../../../contract/notice.ts';
import { CategoryTags } from './CategoryTags.tsx';

/** The number as written: style '（一）' with label '三' → '（三）'. */
export function numberLabel(n: { style: string; label: string }): string {
  return /[一1①]/.test(n.style) ? n.style.replace(/[一1①]/, n.label) : n.label;
}

export function NoticeOutline({ nodes, repeated, current }: { nodes: OutlineNode[]; repeated: Set<string>; current?: string }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li key={n.paragraphId}>
          <a href={`#${n.paragraphId}`} aria-current={current === n.paragraphId ? 'location' : undefined}>
            {n.numbering ? `${numberLabel(n.numbering)} ` : ''}
            {n.heading}
          </a>
          {n.part === 'problems' && <CategoryTags classification={n.classification} repeated={repeated} compact />}
          {n.children.length > 0 && <NoticeOutline nodes={n.children} repeated={repeated} current={current} />}
        </li>
      ))}
    </ul>
  );
}
