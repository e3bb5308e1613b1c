/**
 * The search page: query, 结果中检索 steps, facets, results as paragraphs or notices, and the
 * 统计 view. Everything it shows follows from the URL (state/useSearchState.ts).
 */
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { FilterField, SearchResponse } from '../../../contract/api.ts';
import { clauseAndFilterParams, EMPTY_FILTERS, search } from '../api/client.ts';
import { DidYouMean, SUGGEST_BELOW } from '../components/DidYouMean.tsx';
import { EmptyResults } from '../components/EmptyResults.tsx';
import { ExportLinks } from '../components/ExportLinks.tsx';
import { FacetSidebar } from '../components/FacetSidebar.tsx';
import { FilterChips } from '../components/FilterChips.tsx';
import { Pager } from '../components/Pager.tsx';
import { QueryAnalysis } from '../components/QueryAnalysis.tsx';
import { RefinementSteps } from '../components/RefinementSteps.tsx';
import { NoticeResults, ParagraphResults } from '../components/ResultList.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { ErrorMessage, Loading } from '../components/StatusMessages.tsx';
import { SortSelect, ViewSwitch } from '../components/ViewSwitch.tsx';
import { useApi } from '../hooks/useApi.ts';
import { useCategoryLabels } from '../hooks/useCategoryLabels.ts';
import { useResultKeyboard } from '../hooks/useResultKeyboard.ts';
import { LEVEL_LABEL, regionPathLabel } from '../lib/labels.ts';
import { activeFilterCount, PER_PAGE, toRequest, useSearchState } from '../state/useSearchState.ts';
import { UNKNOWN_YEAR, UNKNOWN_YEAR_LABEL } from '../../../contract/constants.ts';

const EXAMPLES = ['党费', '公务用车', '三重一大', '安全播出', '2369'];

// ECharts comes only with the 统计 view.
const StatsView = lazy(() => import('../components/StatsView.tsx'));

export function SearchPage() {
  const api = useSearchState();
  const { state } = api;
  const input = useRef<HTMLInputElement>(null);
  const [facetsOpen, setFacetsOpen] = useState(false);
  const facetsToggle = useRef<HTMLButtonElement>(null);
  const closeFacets = useCallback(() => {
    setFacetsOpen(false);
    facetsToggle.current?.focus();
  }, []);
  useResultKeyboard(input);

  const stats = state.view === 'stats';
  const received = useRef(0);
  const result = useApi<SearchResponse>(api.key, (signal) =>
    // The 统计 view needs only the facets and the count.
    search({ ...toRequest(state), ...(stats ? { perPage: 1, page: 1 } : { perPage: PER_PAGE }) }, signal).then((r) => {
      received.current = performance.now();
      return r;
    }),
  );
  const data = result.data;

  // How long from the response to the results in the DOM, up to the frame that paints them
  // (User Timing "search:render", in the browser's performance panel).
  useLayoutEffect(() => {
    if (!data || !received.current) return;
    const start = received.current;
    requestAnimationFrame(() => {
      try {
        performance.measure('search:render', { start, end: performance.now() });
      } catch {
        /* old browsers */
      }
    });
  }, [data]);

  const categoryLabel = useCategoryLabels(data?.facets.category, state.filters.category);
  const labelOf = useCallback(
    (field: FilterField, value: string) => {
      if (field === 'category') return categoryLabel(value);
      if (field === 'region') return regionPathLabel(value);
      if (field === 'level') return LEVEL_LABEL[value] ?? value;
      if (field === 'year' && Number(value) === UNKNOWN_YEAR) return UNKNOWN_YEAR_LABEL;
      return value;
    },
    [categoryLabel],
  );

  const main = state.clauses[0]!;
  const clauseQuery = clauseAndFilterParams(state.clauses, EMPTY_FILTERS).toString();
  const from = `/?${api.key}`;
  const onCategory = useCallback(
    (code: string) => {
      if (!state.filters.category.includes(code)) api.toggleFilter('category', code);
    },
    [api, state.filters.category],
  );
  const nFilters = activeFilterCount(state.filters);
  const notices = state.view === 'notices';
  const counted = notices ? '份通报' : '个段落';
  const hitsShown = data && (notices ? (data.noticeHits?.length ?? 0) : data.hits.length);
  const start = (state.page - 1) * PER_PAGE + 1;
  // A page number from an old link or a typed URL can lie past the last page.
  const pastEnd = !!data && !stats && data.total > 0 && hitsShown === 0 && state.page > data.totalPages;
  // Clauses of nothing but punctuation and spaces search nothing: the server leaves them out.
  const unsearched = data && !result.loading ? state.clauses.filter((c) => c.q.trim() && !data.clauses.some((d) => d.q === c.q)) : [];

  useEffect(() => {
    document.title = main.q ? `${main.q} - 巡察整改通报检索` : '巡察整改通报检索';
  }, [main.q]);

  return (
    <div className="page search-page">
      <header>
        <div className="masthead">
          <h1>
            <Link to="/">巡察整改通报检索</Link>
          </h1>
          <p className="tagline">巡视巡察整改进展情况通报 · 全文检索与档案</p>
        </div>
        <SearchBox clause={main} inputRef={input} onChange={(c, o) => api.setClause(0, c, o)} />
        {data && <QueryAnalysis clauses={data.clauses} />}
        {unsearched.length > 0 && (
          <p className="analysis warn" role="status">
            {unsearched.map((c) => `“${c.q}”`).join('、')} 中没有可检索的字词，已忽略{data!.clauses.length ? '' : '，下面是全部结果'}。
          </p>
        )}
        {!main.q && state.clauses.length === 1 && (
          <p className="examples">
            试试：
            {EXAMPLES.map((q) => (
              <Link key={q} to={`/?q=${encodeURIComponent(q)}`}>
                {q}
              </Link>
            ))}
          </p>
        )}
        <RefinementSteps clauses={state.clauses} onAdd={api.addRefinement} onRemove={api.removeClause} />
      </header>

      <div className="layout">
        <FacetSidebar
          facets={data?.facets}
          failed={!!result.error}
          api={api}
          categoryLabel={categoryLabel}
          open={facetsOpen}
          onClose={closeFacets}
          // 统计 counts problems, not paragraphs: its own count is the one shown (StatsView).
          count={data && !stats && !result.loading && !result.error ? `共 ${data.total.toLocaleString('zh-CN')} ${counted}` : undefined}
        />
        <main className="results" aria-busy={result.loading} data-key={api.key}>
          <div className="toolbar">
            <ViewSwitch view={state.view} onView={(v) => api.update({ view: v })} />
            {!stats && <SortSelect sort={state.sort} onSort={(s) => api.update({ sort: s })} />}
            <button
              ref={facetsToggle}
              type="button"
              className="btn facets-toggle"
              aria-controls="facets"
              aria-expanded={facetsOpen}
              onClick={() => setFacetsOpen(true)}
            >
              筛选{nFilters ? `（${nFilters}）` : ''}
            </button>
          </div>
          <FilterChips
            filters={state.filters}
            labelOf={labelOf}
            onRemove={api.removeFilter}
            onClearRange={() => api.setYearRange(undefined, undefined)}
            onClearAll={api.clearFilters}
          />
          {result.loading && <div className="progress" aria-hidden="true" />}
          {result.error && <ErrorMessage error={result.error} onRetry={result.retry} what="检索" />}
          {!result.error && !data && result.loading && <Loading>正在检索…</Loading>}
          {!result.error && data && (
            <>
              {/* 统计 says how many problems it counted; a paragraph count beside it would be a second number for the same thing. */}
              {!stats && (
                <p className="count" aria-live="polite">
                  共 <strong data-testid="total">{data.total.toLocaleString('zh-CN')}</strong> {counted}
                  {!data.clauses.length && !nFilters ? '（全部）' : ''}
                  {!pastEnd && data.total > 0 && (
                    <span className="range">
                      ，第 {start}–{start + (hitsShown ?? 0) - 1} 条
                    </span>
                  )}
                </p>
              )}
              {stats ? (
                <Suspense fallback={<Loading>正在加载图表…</Loading>}>
                  <StatsView api={api} />
                </Suspense>
              ) : data.total === 0 ? (
                <>
                  <EmptyResults api={api} labelOf={labelOf} what={notices ? '通报' : '段落'} />
                  {data.clauses.length > 0 && <DidYouMean api={api} />}
                </>
              ) : pastEnd ? (
                <div className="empty" role="status">
                  <p>
                    没有第 {state.page} 页：这次检索的结果共 {data.totalPages} 页。
                  </p>
                  <p>
                    <button type="button" className="btn" onClick={() => api.update({ page: data.totalPages })}>
                      转到第 {data.totalPages} 页
                    </button>
                  </p>
                </div>
              ) : (
                <>
                  {data.total < SUGGEST_BELOW && data.clauses.length > 0 && <DidYouMean api={api} />}
                  {notices ? (
                    <NoticeResults
                      hits={data.noticeHits ?? []}
                      clauseQuery={clauseQuery}
                      from={from}
                      onCategory={onCategory}
                      start={start}
                    />
                  ) : (
                    <ParagraphResults hits={data.hits} clauseQuery={clauseQuery} from={from} onCategory={onCategory} start={start} />
                  )}
                  <Pager
                    page={state.page}
                    totalPages={data.totalPages}
                    onPage={(p) => {
                      api.update({ page: p });
                      window.scrollTo({ top: 0 });
                    }}
                  />
                  <ExportLinks request={toRequest(state)} />
                </>
              )}
            </>
          )}
        </main>
      </div>
      <footer className="site-footer">
        <a href="/api/docs">API 文档</a>
        <a href="/api/feed.atom">最新通报（Atom 订阅）</a>
      </footer>
    </div>
  );
}
