/** How the server understood each query clause: its words (分词) and exact phrases. */
import type { Clause } from '../../../contract/api.ts';

export function QueryAnalysis({ clauses }: { clauses: Clause[] }) {
  const shown = clauses.filter((c) => c.analysis.terms.length > 0);
  if (!shown.length) return null;
  return (
    <section className="analysis" aria-label="检索词分析">
      {shown.map((c, i) => (
        <p key={i}>
          {shown.length > 1 ? `条件 ${i + 1} 分词：` : '分词：'}
          {c.analysis.terms.map((t, j) => (
            <span key={j} className={`term term-${t.kind}`} title={t.kind === 'exact' ? '精确匹配' : '词语'}>
              {t.kind === 'exact' ? `“${t.text}”` : t.text}
            </span>
          ))}
          {c.analysis.ignored.length > 0 && <span className="warn">（超出 10 个检索词，已忽略：{c.analysis.ignored.join(' ')}）</span>}
        </p>
      ))}
    </section>
  );
}
