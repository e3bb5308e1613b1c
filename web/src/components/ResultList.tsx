/**
 * Search results: paragraphs (one card per paragraph or 一是-item) or notices (one card per
 * notice with its best paragraphs). Snippets are the server's escaped HTML with <mark> only.
 */
import { memo } from 'react';
import { Link } from 'react-router-dom';
import type { NoticeHit, SearchHit } from '../../../contract/api.ts';
import { joinIsolated } from '../lib/isolate.tsx';
import { LEVEL_LABEL, ROLE_LABEL, chineseDate } from '../lib/labels.ts';

type LinkProps = {
  /** q/mode/scope of the search, carried to the notice page for highlighting. */
  clauseQuery: string;
  /** The search page URL, for 返回检索. */
  from: string;
  onCategory(code: string): void;
};

function noticeHref(noticeId: string, clauseQuery: string, anchor?: string): string {
  return `/notices/${noticeId}${clauseQuery ? `?${clauseQuery}` : ''}${anchor ? `#${anchor}` : ''}`;
}

function CategoryTagList({ hit, onCategory }: { hit: SearchHit; onCategory(code: string): void }) {
  const tags = [...(hit.category.lvl1 ? [{ ...hit.category.lvl1, lvl: 1 }] : []), ...hit.category.lvl2.map((c) => ({ ...c, lvl: 2 }))];
  if (!tags.length) return null;
  return (
    <ul className="tags" aria-label="问题类别">
      {tags.map((t) => (
        <li key={t.code}>
          <button
            type="button"
            className={`tag tag-l${t.lvl}`}
            onClick={() => onCategory(t.code)}
            title="按此类别筛选"
            aria-label={`按类别筛选：${t.label}`}
          >
            {t.label}
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * Why the paragraph matched: each lead or item holding a searched word (the server's
 * passages), so a hit whose lead says only 整改情况： shows the item that holds 党费. An item
 * whose window starts mid-sentence keeps its label in front.
 */
function HitPassages({ hit }: { hit: SearchHit }) {
  const passages = hit.passages?.length ? hit.passages : [{ id: hit.id, role: hit.role, itemLabel: hit.itemLabel, snippet: hit.snippet }];
  return (
    <>
      {passages.map((p) => (
        <p key={p.id} className="hit-text" data-passage={p.id}>
          {p.itemLabel && p.snippet.startsWith('…') && <span className="passage-label">{p.itemLabel}</span>}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the server's snippet, escaped HTML with <mark> only (server/search/highlight.ts) */}
          <span dangerouslySetInnerHTML={{ __html: p.snippet }} />
        </p>
      ))}
    </>
  );
}

function HitBody({ hit, onCategory }: { hit: SearchHit; onCategory(code: string): void }) {
  // One passage: the path names its item, as before; several: each passage starts with its own label.
  const single = (hit.passages?.length ?? 1) <= 1;
  const path = [...hit.headingPath, ...(single && hit.itemLabel ? [hit.itemLabel] : [])];
  return (
    <>
      {path.length > 0 && (
        <div className="hit-path" title="所在标题">
          {joinIsolated(path, ' › ')}
        </div>
      )}
      <HitPassages hit={hit} />
      <div className="hit-foot">
        <span className="role">{ROLE_LABEL[hit.role] ?? hit.role}</span>
        <CategoryTagList hit={hit} onCategory={onCategory} />
      </div>
    </>
  );
}

export const ParagraphResults = memo(function ParagraphResults({
  hits,
  clauseQuery,
  from,
  onCategory,
  start,
}: LinkProps & { hits: SearchHit[]; start: number }) {
  return (
    <ol className="hits" start={start}>
      {hits.map((h) => (
        <li key={h.id} className="hit">
          <Link to={noticeHref(h.noticeId, clauseQuery, h.id)} state={{ from }} className="hit-link" data-result-link>
            <bdi className="hit-title">{h.title ?? '（无标题）'}</bdi>
          </Link>
          <div className="hit-meta">
            {joinIsolated([h.unit, h.year && `${h.year}年`, h.region.join(' › '), h.level && LEVEL_LABEL[h.level]])}
          </div>
          <HitBody hit={h} onCategory={onCategory} />
        </li>
      ))}
    </ol>
  );
});

export const NoticeResults = memo(function NoticeResults({
  hits,
  clauseQuery,
  from,
  onCategory,
  start,
}: LinkProps & { hits: NoticeHit[]; start: number }) {
  return (
    <ol className="hits notices" start={start}>
      {hits.map((n) => (
        <li key={n.noticeId} className="hit notice-hit">
          {/* Open at the first hit: the notice page scrolls to the first match in reading order. */}
          <Link to={noticeHref(n.noticeId, clauseQuery)} state={{ from }} className="hit-link" data-result-link>
            <bdi className="hit-title">{n.title ?? '（无标题）'}</bdi>
          </Link>
          <div className="hit-meta">
            {joinIsolated([
              n.unit,
              n.publishedDate ? chineseDate(n.publishedDate) : n.year && `${n.year}年`,
              n.region.join(' › '),
              n.level && LEVEL_LABEL[n.level],
            ])}
            <span className="matches"> · {n.matches} 处匹配</span>
          </div>
          <ul className="best">
            {n.paragraphs.map((h) => (
              <li key={h.id}>
                <Link
                  to={noticeHref(n.noticeId, clauseQuery, h.id)}
                  state={{ from }}
                  className="best-link"
                  aria-label={`打开此段：${[...h.headingPath, h.itemLabel].filter(Boolean).join(' › ') || '正文'}`}
                >
                  ¶
                </Link>
                <HitBody hit={h} onCategory={onCategory} />
              </li>
            ))}
          </ul>
          {n.matches > n.paragraphs.length && (
            <Link to={noticeHref(n.noticeId, clauseQuery)} state={{ from }} className="more-link">
              查看全部 {n.matches} 处匹配
            </Link>
          )}
        </li>
      ))}
    </ol>
  );
});
