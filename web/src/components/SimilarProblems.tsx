/**
 * 同类问题: problems of the same level-2 category (the level-1 one when a problem has no
 * topic) in other units' notices, each linked to its paragraph. (The unit's own earlier
 * notices are under 相关通报.)
 */
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { SearchHit, SearchResponse } from '../../../contract/api.ts';
import { EMPTY_FILTERS, search } from '../api/client.ts';
import { useApi } from '../hooks/useApi.ts';
import { ErrorMessage, Loading } from './StatusMessages.tsx';

type Category = { code: string; label: string };

export function SimilarProblems({
  noticeId,
  unit,
  categories,
  onClose,
}: {
  noticeId: string;
  unit?: string;
  categories: Category[];
  onClose(): void;
}) {
  const [code, setCode] = useState(categories[0]!.code);
  const category = categories.find((c) => c.code === code) ?? categories[0]!;
  // The segments carrying the category (newest notices first), grouped by notice: the problem
  // heading or statement of each, else its first such segment.
  const { data, error, loading, retry } = useApi<SearchResponse>(code, (signal) =>
    search(
      {
        clauses: [{ q: '', mode: 'words', scope: 'all' }],
        filters: { ...EMPTY_FILTERS, category: [code] },
        sort: '-date',
        perPage: 100,
      },
      signal,
    ),
  );
  const others = useMemo(() => {
    const byNotice = new Map<string, SearchHit[]>();
    for (const h of data?.hits ?? []) {
      if (h.noticeId === noticeId || (unit && h.unit === unit)) continue;
      byNotice.set(h.noticeId, [...(byNotice.get(h.noticeId) ?? []), h]);
    }
    return [...byNotice.values()].slice(0, 10).map((hits) => ({
      hit: hits.find((h) => h.role === 'problem') ?? hits.find((h) => h.role === 'heading') ?? hits[0]!,
      count: hits.length,
    }));
  }, [data, noticeId, unit]);

  return (
    <div className="similar" role="region" aria-label={`同类问题：${category.label}`}>
      <div className="similar-head">
        <strong>同类问题</strong>
        {categories.length > 1 ? (
          <span className="similar-cats" role="group" aria-label="选择类别">
            {categories.map((c) => (
              <button
                key={c.code}
                type="button"
                className={`tag tag-l2${c.code === code ? ' on' : ''}`}
                aria-pressed={c.code === code}
                onClick={() => setCode(c.code)}
              >
                {c.label}
              </button>
            ))}
          </span>
        ) : (
          <span className="tag tag-l2">{category.label}</span>
        )}
        <button type="button" className="linklike small" onClick={onClose}>
          收起
        </button>
      </div>
      {error && <ErrorMessage error={error} onRetry={retry} what="同类问题" />}
      {!error && !data && loading && <Loading>正在查找同类问题…</Loading>}
      {!error &&
        data &&
        (others.length === 0 ? (
          <p className="hint">其他单位的通报中暂无“{category.label}”类问题。</p>
        ) : (
          <>
            <ul className="similar-list">
              {others.map(({ hit, count }) => (
                <li key={hit.noticeId}>
                  <Link to={`/notices/${hit.noticeId}#${hit.id}`} className="similar-link">
                    <bdi>{hit.unit ?? hit.title ?? hit.noticeId}</bdi>
                  </Link>
                  <span className="hint">{[hit.year && `${hit.year}年`, `${count} 处`].filter(Boolean).join(' · ')}</span>
                  <bdi className="similar-text">{hit.headingPath[hit.headingPath.length - 1] ?? hit.text.slice(0, 60)}</bdi>
                </li>
              ))}
            </ul>
            <Link to={`/?category=${encodeURIComponent(code)}&view=notices`} className="more-link">
              在检索页查看全部
            </Link>
          </>
        ))}
    </div>
  );
}
