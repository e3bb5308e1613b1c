/**
 * 统计: problem categories by year and by unit for the current query and filters, as charts
 * (click a bar to filter by it) and as tables, with CSV/JSON export. Loaded on demand with
 * ECharts, so the search page's initial JavaScript does not carry them.
 */
import { useMemo } from 'react';
import type { StatsResponse } from '../../../contract/api.ts';
import { getTaxonomy, stats } from '../api/client.ts';
import { useApi } from '../hooks/useApi.ts';
import { toRequest, type SearchStateApi } from '../state/useSearchState.ts';
import { EChart, type ChartOption } from './EChart.tsx';
import { ExportLinks } from './ExportLinks.tsx';
import { Empty, ErrorMessage, Loading } from './StatusMessages.tsx';
import { colourOf, yearLabel, yearsOf } from '../lib/stats-axes.ts';
import { isolatedText } from '../lib/isolate.tsx';

type Rows = StatsResponse['byCategoryYear'];

/** category code → { label, per-year counts, total }, largest first. */
function byCategory(rows: Rows, level: number) {
  const m = new Map<string, { code: string; label: string; perYear: Map<number, number>; total: number }>();
  for (const r of rows) {
    if (r.level !== level) continue;
    const e = m.get(r.category) ?? { code: r.category, label: r.label, perYear: new Map(), total: 0 };
    e.perYear.set(r.year, (e.perYear.get(r.year) ?? 0) + r.count);
    e.total += r.count;
    m.set(r.category, e);
  }
  return [...m.values()].sort((a, b) => b.total - a.total);
}

export default function StatsView({ api }: { api: SearchStateApi }) {
  const request = toRequest(api.state);
  const { data, error, loading, retry } = useApi(api.key, (signal) => stats(request, signal));
  const taxonomy = useApi('taxonomy', () => getTaxonomy());
  const lvl1Order = useMemo(() => (taxonomy.data?.categories ?? []).filter((c) => c.level === 1).map((c) => c.code), [taxonomy.data]);

  const charts = useMemo(() => {
    if (!data) return undefined;
    const ys = yearsOf(data.byCategoryYear);
    const lvl1 = byCategory(data.byCategoryYear, 1);
    const lvl2 = byCategory(data.byCategoryYear, 2).slice(0, 15);
    const units = [...data.byUnit].sort((a, b) => b.count - a.count).slice(0, 20);
    const stackedByYear: ChartOption = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'plain', bottom: 0, textStyle: { fontSize: 12 } },
      grid: {
        left: 8,
        right: 16,
        top: 16,
        bottom: 40 + Math.ceil(lvl1.length / 2) * 18,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      xAxis: { type: 'category', data: ys.map(yearLabel) },
      yAxis: { type: 'value', minInterval: 1 },
      series: lvl1.map((c) => ({
        type: 'bar',
        name: c.label,
        stack: 'y',
        barMaxWidth: 56,
        itemStyle: { color: colourOf(c.code, lvl1Order) },
        data: ys.map((y) => c.perYear.get(y) ?? 0),
      })),
    };
    const horizontal = (names: string[], values: number[], color: string): ChartOption => ({
      color: [color],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 32, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 150, overflow: 'truncate' } },
      series: [{ type: 'bar', data: values, barMaxWidth: 22, label: { show: true, position: 'right' } }],
    });
    return {
      ys,
      lvl1,
      lvl2,
      units,
      stackedByYear,
      topics: horizontal(
        lvl2.map((c) => c.label),
        lvl2.map((c) => c.total),
        '#1a5fb4',
      ),
      // Unit names come from the notices: isolated, as everywhere on the page (lib/isolate.tsx).
      unitChart: horizontal(
        units.map((u) => isolatedText(u.unit)),
        units.map((u) => u.count),
        '#26a269',
      ),
    };
  }, [data, lvl1Order]);

  return (
    <section className="stats" aria-label="统计" aria-busy={loading}>
      <div className="stats-head">
        <p className="count">
          {data ? (
            <>
              共 <strong data-testid="total-problems">{data.totalProblems.toLocaleString('zh-CN')}</strong> 个问题（问题标题与问题表述）
            </>
          ) : (
            ' '
          )}
        </p>
        <ExportLinks request={request} />
      </div>
      {error && <ErrorMessage error={error} onRetry={retry} what="统计" />}
      {!error && !data && loading && <Loading>正在统计…</Loading>}
      {!error &&
        data &&
        charts &&
        (data.totalProblems === 0 ? (
          <Empty>
            <p>当前检索条件下没有可统计的问题。可以去掉一些筛选条件，或换一个检索词。</p>
          </Empty>
        ) : (
          <div className="chart-grid">
            <figure className="chart-card">
              <figcaption>问题类别（四个落实）按年份</figcaption>
              <EChart
                testId="chart-category-year"
                option={charts.stackedByYear}
                height={300}
                label={`问题类别按年份：${charts.lvl1.map((c) => `${c.label} ${c.total} 个`).join('，')}`}
                onClick={(e) => {
                  const c = charts.lvl1.find((x) => x.label === e.seriesName);
                  if (c) api.toggleFilter('category', c.code);
                }}
              />
              <DataTable
                caption="问题类别按年份"
                head={['类别', ...charts.ys.map((y) => (y ? `${y}年` : yearLabel(y))), '合计']}
                rows={charts.lvl1.map((c) => [c.label, ...charts.ys.map((y) => c.perYear.get(y) ?? 0), c.total])}
              />
            </figure>
            <figure className="chart-card">
              <figcaption>常见问题（二级类别）前 {charts.lvl2.length} 位</figcaption>
              <EChart
                testId="chart-topics"
                option={charts.topics}
                height={Math.max(160, charts.lvl2.length * 26 + 24)}
                label={`二级类别：${charts.lvl2.map((c) => `${c.label} ${c.total} 个`).join('，')}`}
                onClick={(e) => {
                  const c = charts.lvl2[e.dataIndex];
                  if (c) api.toggleFilter('category', c.code);
                }}
              />
              <DataTable
                caption="二级类别"
                head={['类别', ...charts.ys.map((y) => (y ? `${y}年` : yearLabel(y))), '合计']}
                rows={charts.lvl2.map((c) => [c.label, ...charts.ys.map((y) => c.perYear.get(y) ?? 0), c.total])}
              />
            </figure>
            <figure className="chart-card">
              <figcaption>按单位（前 {charts.units.length} 位）</figcaption>
              <EChart
                testId="chart-units"
                option={charts.unitChart}
                height={Math.max(120, charts.units.length * 26 + 24)}
                label={`按单位：${charts.units.map((u) => `${isolatedText(u.unit)} ${u.count} 个`).join('，')}`}
                onClick={(e) => {
                  const u = charts.units[e.dataIndex];
                  if (u) api.toggleFilter('unit', u.unit);
                }}
              />
              <DataTable caption="按单位" head={['单位', '问题数']} rows={charts.units.map((u) => [u.unit, u.count])} />
            </figure>
            <p className="hint">点击图中的柱条可按该类别或单位筛选。</p>
          </div>
        ))}
    </section>
  );
}

function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <details className="data-table">
      <summary>数据表</summary>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) =>
                  j === 0 ? (
                    <th key={j} scope="row">
                      <bdi>{c}</bdi>
                    </th>
                  ) : (
                    <td key={j}>{c}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
