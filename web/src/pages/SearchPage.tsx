import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { SearchMode, SearchResponse } from '../../../contract/api.ts';
import { ApiRequestError, search } from '../api/client.ts';

const DEBOUNCE_MS = 250;

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const mode: SearchMode = params.get('mode') === 'exact' ? 'exact' : 'words';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState(q);
  const [result, setResult] = useState<SearchResponse>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [retry, setRetry] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  // Back/Forward change the URL: the box follows.
  useEffect(() => setDraft(q), [q]);

  // Typing updates the URL after a pause; the URL drives the search.
  useEffect(() => {
    if (draft === q) return;
    const t = setTimeout(() => update({ q: draft, page: '1' }, true), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [draft]);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    search({ q, mode, page }, ctrl.signal)
      .then((r) => { setResult(r); setError(undefined); })
      .catch((e) => { if ((e as Error).name !== 'AbortError') setError(e instanceof ApiRequestError ? e.message : String(e)); })
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [q, mode, page, retry]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && document.activeElement?.tagName !== 'INPUT') { e.preventDefault(); input.current?.focus(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function update(changes: Record<string, string>, replace = false) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v && !(k === 'mode' && v === 'words') && !(k === 'page' && v === '1')) next.set(k, v); else next.delete(k);
    }
    setParams(next, { replace });
  }

  const linkQuery = new URLSearchParams({ q, ...(mode === 'exact' ? { mode } : {}) }).toString();

  return (
    <main className="page">
      <header className="masthead">
        <h1><Link to="/">巡察整改通报检索</Link></h1>
        <p className="tagline">巡视巡察整改进展情况通报全文检索与档案</p>
      </header>
      <form role="search" className="searchbar" onSubmit={(e) => { e.preventDefault(); update({ q: draft, page: '1' }); }}>
        <label htmlFor="q" className="visually-hidden">检索词</label>
        <input id="q" ref={input} type="search" value={draft} onChange={(e) => setDraft(e.target.value)}
          placeholder="输入检索词，如：党费、三重一大、公务用车（按 / 聚焦）" autoComplete="off" maxLength={200} />
        <button type="submit">检索</button>
        <fieldset className="modes">
          <legend className="visually-hidden">匹配方式</legend>
          {(['words', 'exact'] as const).map((m) => (
            <label key={m}><input type="radio" name="mode" value={m} checked={mode === m} onChange={() => update({ mode: m, page: '1' })} />{m === 'words' ? '词语' : '精确'}</label>
          ))}
        </fieldset>
      </form>
      {result && result.query.terms.length > 0 && (
        <p className="analysis">分词：{result.query.terms.map((t) => t.kind === 'exact' ? `“${t.text}”` : t.text).join(' / ')}
          {result.query.ignored.length > 0 && <span className="warn">（超出 10 个检索词，已忽略：{result.query.ignored.join(' ')}）</span>}</p>
      )}
      {error && <div role="alert" className="error">{error} <button onClick={() => setRetry((n) => n + 1)}>重试</button></div>}
      {!error && result && (
        <section aria-live="polite" aria-busy={loading}>
          <p className="count">共 <strong data-testid="total">{result.total}</strong> 条结果{q ? '' : '（全部段落）'}</p>
          {result.hits.length === 0 && (
            <p className="empty">没有找到匹配的段落。{mode === 'words' ? <button className="linklike" onClick={() => update({ mode: 'exact', page: '1' })}>试试“精确”匹配</button> : <button className="linklike" onClick={() => update({ mode: 'words', page: '1' })}>试试“词语”匹配</button>}</p>
          )}
          <ol className="hits">
            {result.hits.map((h) => (
              <li key={h.id} className="hit">
                <Link to={`/notices/${h.noticeId}?${linkQuery}#${h.id}`} className="hit-link">
                  <span className="hit-title">{h.title ?? '（无标题）'}</span>
                </Link>
                <div className="hit-meta">{[h.unit, h.year, h.region.join(' › ')].filter(Boolean).join(' · ')}</div>
                {h.headingPath.length > 0 && <div className="hit-path">{h.headingPath.join(' › ')}{h.itemLabel ? ` › ${h.itemLabel}` : ''}</div>}
                <p className="hit-text" dangerouslySetInnerHTML={{ __html: h.snippet }} />
              </li>
            ))}
          </ol>
          {result.totalPages > 1 && (
            <nav className="pager" aria-label="分页">
              <button disabled={page <= 1} onClick={() => update({ page: String(page - 1) })}>上一页</button>
              <span>第 {page} / {result.totalPages} 页</span>
              <button disabled={page >= result.totalPages} onClick={() => update({ page: String(page + 1) })}>下一页</button>
            </nav>
          )}
        </section>
      )}
      {!error && !result && loading && <p className="loading">正在检索…</p>}
    </main>
  );
}
