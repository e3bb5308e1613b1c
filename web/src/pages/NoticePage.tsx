import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { NoticeRecord, OutlineNode, Paragraph } from '../../../contract/notice.ts';
import { ApiRequestError, getNotice, resolveParagraph } from '../api/client.ts';

/** Marks literal occurrences of the query words that brought the reader here. */
function marked(text: string, terms: string[]): ReactNode {
  if (!terms.length) return text;
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = text.split(new RegExp(`(${escaped.join('|')})`, 'g'));
  return parts.map((p, i) => (i % 2 ? <mark key={i}>{p}</mark> : p));
}

/** The number as written: style '（一）' with label '三' → '（三）'. */
function numberLabel(n: { style: string; label: string }): string {
  return /[一1①]/.test(n.style) ? n.style.replace(/[一1①]/, n.label) : n.label;
}

function Outline({ nodes }: { nodes: OutlineNode[] }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li key={n.paragraphId}>
          <a href={`#${n.paragraphId}`}>{n.numbering ? `${numberLabel(n.numbering)} ` : ''}{n.heading}</a>
          {n.children.length > 0 && <Outline nodes={n.children} />}
        </li>
      ))}
    </ul>
  );
}

function ParagraphView({ p, terms }: { p: Paragraph; terms: string[] }) {
  return (
    <p id={p.id} className={`para role-${p.role} part-${p.part}`} data-role={p.role}>
      <a className="anchor" href={`#${p.id}`} aria-label="本段链接">¶</a>
      {p.items.length ? (
        <>
          {p.lead && marked(p.lead, terms)}
          {p.items.map((it, i) => (
            <span key={it.id} id={it.id} className={`item${i === 0 && !p.lead ? ' first' : ''}`}>
              <a className="anchor" href={`#${it.id}`} aria-label={`${it.label}链接`}>§</a>
              {marked(it.label + it.text, terms)}
            </span>
          ))}
        </>
      ) : marked(p.text, terms)}
    </p>
  );
}

export function NoticePage() {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [notice, setNotice] = useState<NoticeRecord>();
  const [error, setError] = useState<string>();
  const terms = useMemo(() => (search.get('q') ?? '').split(/[\s"“”]+/).filter(Boolean), [search]);

  useEffect(() => {
    const ctrl = new AbortController();
    getNotice(id, ctrl.signal).then(setNotice).catch((e) => {
      if ((e as Error).name !== 'AbortError') setError(e instanceof ApiRequestError ? e.message : String(e));
    });
    return () => ctrl.abort();
  }, [id]);

  // Scroll to the paragraph of the permalink and mark it; an id from an older version of
  // the notice is resolved by the API to where that paragraph lives now.
  useEffect(() => {
    if (!notice) return;
    const target = decodeURIComponent(location.hash.slice(1));
    document.querySelectorAll('.target').forEach((el) => el.classList.remove('target'));
    if (!target) return;
    const el = document.getElementById(target);
    if (el) {
      el.classList.add('target');
      el.scrollIntoView({ block: 'center' });
      return;
    }
    resolveParagraph(target).then((r) => navigate(`${r.url.split('#')[0]}${location.search}#${r.id}`, { replace: true })).catch(() => {});
  }, [notice, location.hash]);

  if (error) return <main className="page"><div role="alert" className="error">{error}</div><Link to="/">返回检索</Link></main>;
  if (!notice) return <main className="page"><p className="loading">正在加载通报…</p></main>;
  const insp = notice.inspection;
  return (
    <main className="page notice">
      <nav className="crumbs"><Link to={search.get('q') ? `/?${search}` : '/'}>← 返回检索</Link></nav>
      <header>
        <h1>{notice.title ?? '（无标题）'}</h1>
        <dl className="meta">
          {notice.unit && <><dt>单位</dt><dd>{notice.unit}{notice.unitAsWritten && notice.unitAsWritten !== notice.unit ? `（${notice.unitAsWritten}）` : ''}</dd></>}
          {notice.region.length > 0 && <><dt>地区</dt><dd>{notice.region.join(' › ')}</dd></>}
          {(insp.level || insp.group) && <><dt>巡视巡察</dt><dd>{[insp.level && `${insp.level}级`, insp.group, insp.kind && `${insp.kind}巡察`, insp.round && `第${insp.round}轮`].filter(Boolean).join(' · ')}</dd></>}
          {insp.period && <><dt>巡察时间</dt><dd>{insp.period.from} 至 {insp.period.to}</dd></>}
          {insp.feedbackDate && <><dt>反馈日期</dt><dd>{insp.feedbackDate}</dd></>}
          {notice.publishedDate && <><dt>发布日期</dt><dd>{notice.publishedDate}</dd></>}
          {notice.publicWindow && <><dt>公开期限</dt><dd>{notice.publicWindow.from} 至 {notice.publicWindow.to}</dd></>}
          {notice.contacts.phones.length > 0 && <><dt>联系电话</dt><dd>{notice.contacts.phones.join('，')}</dd></>}
        </dl>
      </header>
      <div className="notice-body">
        {notice.outline.length > 0 && (
          <aside className="toc" aria-label="目录"><h2>目录</h2><Outline nodes={notice.outline} /></aside>
        )}
        <article className="fulltext">
          {notice.paragraphs.map((p) => <ParagraphView key={p.id} p={p} terms={terms} />)}
        </article>
      </div>
    </main>
  );
}
