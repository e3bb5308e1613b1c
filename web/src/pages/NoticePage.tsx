/**
 * The notice page: metadata, the problem outline as a table of contents, the full text with
 * every paragraph and 一是-item anchored. A permalink scrolls to its paragraph and marks it,
 * with the notice's title, unit and date just above it (the header is off screen by then); an
 * anchor the notice does not hold is said to be missing. The search terms that brought the
 * reader here stay highlighted, with 第 n / N 处 navigation.
 */
import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { ParagraphResponse } from '../../../contract/api.ts';
import type { OutlineNode } from '../../../contract/notice.ts';
import { SEGMENT_ID } from '../../../contract/constants.ts';
import { clauseAndFilterParams, EMPTY_FILTERS, getNotice, getRelated, resolveParagraph } from '../api/client.ts';
import { MatchNavigator } from '../components/MatchNavigator.tsx';
import { NoticeMeta } from '../components/NoticeMeta.tsx';
import { NoticeOutline } from '../components/NoticeOutline.tsx';
import { ParagraphBlock } from '../components/ParagraphBlock.tsx';
import { RelatedNotices } from '../components/RelatedNotices.tsx';
import { ErrorMessage, Loading } from '../components/StatusMessages.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useNoticeHighlights } from '../hooks/useNoticeHighlights.ts';
import { isEditable } from '../lib/dom.ts';
import { joinIsolated } from '../lib/isolate.tsx';
import { parseSearchState } from '../state/useSearchState.ts';

/** The anchor as written; a malformed escape (#%E4) is kept as it is rather than failing the page. */
function anchorOf(hash: string): string {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return hash.slice(1);
  }
}

/**
 * Scrolls so that the permalink's paragraph and the note above it naming the notice are on
 * screen below the sticky match navigator: centred when they fit, else from the note down.
 */
function showTarget(target: HTMLElement) {
  const before = target.previousElementSibling;
  const top = (before?.classList.contains('permalink-source') ? before : target).getBoundingClientRect().top;
  const nav = document.querySelector('.match-nav');
  const covered = (nav?.getBoundingClientRect().height ?? 0) + 8;
  const room = window.innerHeight - covered;
  const height = target.getBoundingClientRect().bottom - top;
  window.scrollBy({ top: top - covered - Math.max(0, (room - height) / 2), behavior: 'instant' });
}

function problemHeadings(nodes: OutlineNode[], out = new Set<string>()): Set<string> {
  for (const n of nodes) {
    if (n.part === 'problems') out.add(n.paragraphId);
    problemHeadings(n.children, out);
  }
  return out;
}

export default function NoticePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const from = (location.state as { from?: string } | null)?.from;

  const notice = useApi(id, (signal) => getNotice(id, signal));
  const related = useApi(id, (signal) => getRelated(id, signal));
  const record = notice.data?.id === id ? notice.data : undefined;

  // The clauses that brought the reader here (q, mode, scope as on the search page).
  const clauses = useMemo(() => parseSearchState(new URLSearchParams(location.search)).clauses, [location.search]);
  const clauseKey = clauseAndFilterParams(clauses, EMPTY_FILTERS).toString();
  const query = clauses
    .map((c) => c.q)
    .filter(Boolean)
    .join(' + ');
  const highlights = useNoticeHighlights(record, clauses, clauseKey);

  const headings = useMemo(() => problemHeadings(record?.outline ?? []), [record]);
  const repeated = useMemo(() => new Set(related.data?.repeatedCategories.map((c) => c.code) ?? []), [related.data]);
  const anchors = useMemo(() => new Set(record?.paragraphs.flatMap((p) => [p.id, ...p.items.map((i) => i.id)]) ?? []), [record]);

  const hash = anchorOf(location.hash);
  const targetId = hash && anchors.has(hash) ? hash : undefined;

  useEffect(() => {
    if (record) document.title = `${record.title ?? '通报'} - 巡察整改通报检索`;
  }, [record]);

  // An anchor the text does not hold: an id from an older version of the text (the API says
  // where that paragraph lives now), one of another notice's paragraphs, or none at all.
  const [lostAnchor, setLostAnchor] = useState<{ anchor: string; elsewhere?: ParagraphResponse }>();
  // An effect event: the query and state current when the answer comes are kept; their changes do not ask again.
  const relocate = useEffectEvent((r: ParagraphResponse) => {
    navigate(`${r.url.split('#')[0]}${location.search}#${r.id}`, { replace: true, state: location.state });
  });
  useEffect(() => {
    setLostAnchor(undefined);
    if (!record || !hash || anchors.has(hash)) return;
    // Not even the shape of an id (#第3段): nothing to ask the server.
    if (!SEGMENT_ID.test(hash)) {
      setLostAnchor({ anchor: hash });
      return;
    }
    const ctrl = new AbortController();
    resolveParagraph(hash, ctrl.signal)
      .then((r) => (r.noticeId === record.id ? relocate(r) : setLostAnchor({ anchor: hash, elsewhere: r })))
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setLostAnchor({ anchor: hash });
      });
    return () => ctrl.abort();
  }, [record, anchors, hash]);

  // The permalink's paragraph on screen.
  useEffect(() => {
    if (!record || !targetId) return;
    const target = document.getElementById(targetId);
    if (target) showTarget(target);
  }, [record, targetId]);

  // The highlighted matches, in reading order.
  const article = useRef<HTMLElement>(null);
  const [marks, setMarks] = useState<HTMLElement[]>([]);
  const [current, setCurrent] = useState(0);
  useLayoutEffect(() => {
    if (!record || (highlights.kind !== 'server' && highlights.kind !== 'client')) {
      setMarks([]);
      return;
    }
    setMarks([...(article.current?.querySelectorAll<HTMLElement>('mark') ?? [])]);
  }, [record, highlights]);

  const go = useCallback(
    (i: number, scroll: ScrollBehavior | false = 'smooth') => {
      marks.forEach((m, k) => {
        m.classList.toggle('mark-current', k === i);
      });
      setCurrent(i);
      if (scroll) marks[i]?.scrollIntoView({ block: 'center', behavior: scroll });
    },
    [marks],
  );

  // Arriving: at the permalink, the first match in or after it; else scrolled to the first match.
  // Once per set of marks: following another anchor on the page later does not move the current match.
  const arrive = useEffectEvent(() => {
    if (targetId) {
      const target = document.getElementById(targetId);
      const i = target
        ? marks.findIndex((m) => target.contains(m) || !!(target.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING))
        : -1;
      go(Math.max(0, i), false);
    } else {
      go(0, 'instant');
    }
  });
  useEffect(() => {
    if (marks.length) arrive();
  }, [marks]);

  useEffect(() => {
    if (!marks.length) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isEditable(document.activeElement)) return;
      if (e.key === 'n') go((current + 1) % marks.length);
      else if (e.key === 'N') go((current - 1 + marks.length) % marks.length);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [marks, current, go]);

  const back = from ?? (clauseKey ? `/?${clauseKey}` : '/');

  if (notice.error) {
    return (
      <main className="page notice">
        <nav className="crumbs">
          <Link to={back}>← 返回检索</Link>
        </nav>
        {/* An id that cannot be one (a mistyped link) is as missing as one that is not there. */}
        {notice.error.status === 404 || (notice.error.status === 400 && notice.error.param === 'id') ? (
          <div role="alert" className="error">
            <p>
              <strong>未找到这份通报。</strong>链接可能有误，或通报已被移除。
            </p>
          </div>
        ) : (
          <ErrorMessage error={notice.error} onRetry={notice.retry} what="通报" />
        )}
      </main>
    );
  }
  if (!record)
    return (
      <main className="page notice">
        <Loading>正在加载通报…</Loading>
      </main>
    );

  return (
    <main className="page notice">
      <nav className="crumbs">
        <Link to={back}>← 返回检索</Link>
      </nav>
      <header className="notice-header">
        <h1>
          <bdi>{record.title ?? '（无标题）'}</bdi>
        </h1>
        <NoticeMeta notice={record} />
        <RelatedNotices related={related} />
      </header>
      {lostAnchor && (
        <div className="error anchor-missing" role="alert">
          {lostAnchor.elsewhere ? (
            <p>
              <strong>链接所指的段落不在这份通报中</strong>，而在
              {joinIsolated([lostAnchor.elsewhere.notice.unit, `《${lostAnchor.elsewhere.notice.title ?? '（无标题）'}》`], '')}
              中：
              <Link to={`${lostAnchor.elsewhere.url.split('#')[0]}${location.search}#${lostAnchor.elsewhere.id}`}>打开那一段</Link>。
              下面是这份通报的全文。
            </p>
          ) : (
            <p>
              <strong>这份通报中没有链接所指的段落</strong>（#<bdi>{lostAnchor.anchor}</bdi>
              ）：链接可能有误，或通报已更新。下面从开头显示通报全文。
            </p>
          )}
        </div>
      )}
      {query &&
        (highlights.kind === 'loading' || highlights.kind === 'invalid' ? (
          <div className="match-nav">
            <span className="match-query">“{query}”</span>
            <span role={highlights.kind === 'invalid' ? 'status' : undefined}>
              {highlights.kind === 'invalid' ? `检索词无法标出：${highlights.message}` : '正在标出检索词…'}
            </span>
          </div>
        ) : (
          <MatchNavigator query={query} count={marks.length} current={current} onGo={go} />
        ))}
      <div className="notice-body">
        {record.outline.length > 0 && (
          <nav className="toc" aria-labelledby="toc-h">
            <details open={typeof window === 'undefined' || window.matchMedia('(min-width: 721px)').matches}>
              <summary>
                <h2 id="toc-h">目录</h2>
              </summary>
              <NoticeOutline nodes={record.outline} repeated={repeated} />
            </details>
          </nav>
        )}
        <article className="fulltext" ref={article} aria-label="通报全文">
          {record.paragraphs.map((p) => (
            <ParagraphBlock
              key={p.id}
              notice={record}
              p={p}
              highlights={highlights}
              targetId={targetId}
              problemHeading={headings.has(p.id)}
              repeated={repeated}
            />
          ))}
        </article>
      </div>
    </main>
  );
}
