/**
 * 相关通报: the same unit's earlier and later notices, other units of the same inspection
 * round, and the flag 本轮与上轮重复的问题类别.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { NoticeSummary, RelatedNotices as Related } from '../../../contract/api.ts';
import type { ApiState } from '../hooks/useApi.ts';
import { joinIsolated } from '../lib/isolate.tsx';
import { chineseDate } from '../lib/labels.ts';
import { ErrorMessage, Loading } from './StatusMessages.tsx';

function Summary({ n, note }: { n: NoticeSummary; note?: string }) {
  return (
    <li>
      <Link to={`/notices/${n.id}`}>
        <bdi>{n.title ?? n.unit ?? n.id}</bdi>
      </Link>
      <span className="hint">
        {' '}
        {joinIsolated([note, n.unit, n.publishedDate ? chineseDate(n.publishedDate) : n.year && `${n.year}年`, n.inspectionGroup])}
      </span>
    </li>
  );
}

const SHOWN = 8;

export function RelatedNotices({ related }: { related: ApiState<Related> }) {
  const { data, error, loading, retry } = related;
  const [all, setAll] = useState(false);
  const repeated = data?.repeatedCategories ?? [];
  return (
    <section className="related" aria-labelledby="related-h">
      <h2 id="related-h">相关通报</h2>
      {error &&
        (error.status === 404 ? (
          <p className="hint">暂无相关通报信息。</p>
        ) : (
          <ErrorMessage error={error} onRetry={retry} what="相关通报" />
        ))}
      {!error && !data && loading && <Loading>正在查找相关通报…</Loading>}
      {!error && data && (
        <>
          {repeated.length > 0 && (
            <div className="repeated" role="note" data-testid="repeated-categories">
              <strong>本轮与上轮重复的问题类别（{repeated.length} 类）</strong>
              <ul className="tags">
                {repeated.slice(0, all ? undefined : SHOWN).map((c) => (
                  <li key={c.code}>
                    <Link
                      className={`tag ${c.code.startsWith('L1.') ? 'tag-l1' : 'tag-l2'}`}
                      to={`/notices/${c.previousNoticeId}`}
                      title="查看上一轮通报"
                    >
                      {c.label}
                    </Link>
                  </li>
                ))}
              </ul>
              {repeated.length > SHOWN && (
                <button type="button" className="linklike small" aria-expanded={all} onClick={() => setAll(!all)}>
                  {all ? '收起' : '显示全部'}
                </button>
              )}
            </div>
          )}
          {data.sameUnit.length > 0 && (
            <>
              <h3>同一单位的其他通报</h3>
              <ul className="related-list">
                {data.sameUnit.map((n) => (
                  <Summary key={n.id} n={n} note={n.relation === 'earlier' ? '上一轮' : '下一轮'} />
                ))}
              </ul>
            </>
          )}
          {data.sameRound.length > 0 && (
            <>
              <h3>同一轮巡察的其他单位</h3>
              <ul className="related-list">
                {data.sameRound.map((n) => (
                  <Summary key={n.id} n={n} />
                ))}
              </ul>
            </>
          )}
          {!data.sameUnit.length && !data.sameRound.length && !data.repeatedCategories.length && (
            <p className="hint">暂无同一单位或同一轮巡察的其他通报。</p>
          )}
        </>
      )}
    </section>
  );
}
