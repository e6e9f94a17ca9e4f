/**
 * T&S dashboard: the health of the operation at a glance. Each chart is one read-only query
 * (shared/dashboard/charts.ts) run in the query runner; "SQL" shows the query behind it and opens
 * it in the scratchpad; PNG / SVG export the chart. A window (decided/opened between two dates)
 * applies to every chart but the backlog, which is about today.
 */
import { useMemo, useRef, useState } from 'react';
import type { DashboardChartResult } from '../../../../shared/contract/rules';
import { DASHBOARD_CHARTS, type DashboardChart } from '../../../../shared/dashboard/charts';
import { baseOption, Chart, chartPalette, type ChartHandle } from '../../components/Chart';
import { DateWindowInputs, useDateWindow } from '../../components/DateWindow';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatDuration } from '../../lib/format';
import { useReportScreenReady } from '../../lib/readiness';
import { useQuery } from '../../lib/useQuery';
import { useThemeName } from '../../lib/useThemeName';
import { openScreen } from '../../lib/workbench';
import { ExportButtons } from '../rules/BacktestView';
import './dashboard.css';

const refetch = (t: readonly string[]) => t.some((x) => ['cases', 'decisions', 'appeals', 'rule_runs', 'sync_runs'].includes(x));

function buildOption(chart: DashboardChart, data: DashboardChartResult) {
  const p = chartPalette();
  const base = baseOption(p);
  const axis = { axisLine: { lineStyle: { color: p.border } }, axisLabel: { color: p.muted }, splitLine: { lineStyle: { color: p.border } } };
  const percentAxis = { ...axis, type: 'value', min: 0, max: 1, axisLabel: { color: p.muted, formatter: (v: number) => `${Math.round(v * 100)}%` }, splitLine: { show: false } };
  if (chart.pivot) {
    const { x, series, value } = chart.pivot;
    const ix = data.columns.indexOf(x);
    const is = data.columns.indexOf(series);
    const iv = data.columns.indexOf(value);
    const xs = [...new Set(data.rows.map((r) => String(r[ix])))].sort();
    const names = [...new Set(data.rows.map((r) => String(r[is])))];
    return {
      ...base,
      xAxis: { ...axis, type: 'category', data: xs, splitLine: { show: false } },
      yAxis: chart.unit === 'precision' ? { ...percentAxis, splitLine: { lineStyle: { color: p.border } } } : { ...axis, type: 'value', name: chart.unit },
      series: names.map((n) => ({
        name: n,
        type: 'line',
        connectNulls: true,
        symbolSize: 5,
        data: xs.map((xv) => {
          const row = data.rows.find((r) => String(r[is]) === n && String(r[ix]) === xv);
          return row ? row[iv] : null;
        }),
      })),
    };
  }
  const categories = data.rows.map((r) => String(r[0]));
  const percent = new Set(chart.percent ?? []);
  const valueCols = data.columns.slice(1);
  return {
    ...base,
    xAxis: { ...axis, type: 'category', data: categories, splitLine: { show: false }, axisLabel: { color: p.muted, hideOverlap: true } },
    yAxis: [{ ...axis, type: 'value', name: chart.unit, nameTextStyle: { color: p.faint } }, ...(percent.size > 0 ? [percentAxis] : [])],
    series: valueCols.map((name, i) => {
      const values = data.rows.map((r) => r[i + 1] ?? null);
      if (percent.has(name)) return { name: name.replace(/_/g, ' '), type: 'line', yAxisIndex: 1, symbolSize: 4, data: values, lineStyle: { width: 2 } };
      return {
        name: name.replace(/_/g, ' '),
        type: chart.kind === 'line' ? 'line' : 'bar',
        stack: chart.kind === 'stacked' ? 'total' : undefined,
        barMaxWidth: 28,
        data: values,
      };
    }),
  };
}

function ChartPanel({ chart, window }: { chart: DashboardChart; window: { from: number; to: number } | undefined }) {
  const q = useQuery('dashboard.chart', { chartId: chart.id, ...(window ? { window } : {}) }, { refetchOn: refetch });
  const [showSql, setShowSql] = useState(false);
  const ref = useRef<ChartHandle>(null);
  const theme = useThemeName();
  const option = useMemo(
    () => (q.data ? buildOption(chart, q.data) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- theme: colours are read from CSS when built
    [q.data, chart, theme],
  );
  const empty = q.data !== null && q.data.rows.length === 0;
  return (
    <Panel
      title={chart.title}
      className="dash-panel"
      id={`chart-${chart.id}`}
      actions={
        <>
          {q.data ? <span className="faint dash-time">{formatDuration(q.data.elapsedMs)}</span> : null}
          <button type="button" className="btn btn-xs btn-ghost" aria-pressed={showSql} onClick={() => setShowSql((s) => !s)} data-testid={`sql-${chart.id}`}>
            SQL
          </button>
          {option && !empty ? <ExportButtons chart={ref} name={`ringside-${chart.id}`} /> : null}
        </>
      }
    >
      <p className="faint dash-desc">{chart.description}</p>
      {q.error ? <ErrorNotice what={chart.title} error={q.error} onRetry={q.reload} /> : null}
      {showSql ? (
        <div className="dash-sql">
          <pre className="mono" data-testid={`sql-text-${chart.id}`}>{chart.sql}</pre>
          <button
            type="button"
            className="btn btn-xs"
            onClick={() =>
              openScreen('sql', {
                title: `Dashboard: ${chart.title}`,
                sql: `-- ${chart.title}. Parameters: :from, :to (epoch ms) and :now.\n${chart.sql}`,
              })
            }
          >
            Open in SQL scratchpad
          </button>
        </div>
      ) : null}
      {empty ? (
        <p className="empty-line muted dash-empty">
          {chart.id === 'rule-precision' ? 'No backtests yet: backtest a rule in the Rules lab to add its line.' : 'No data in this window.'}
        </p>
      ) : option ? (
        <Chart ref={ref} option={option} label={`${chart.title} chart`} height={230} testId={`chart-${chart.id}`} />
      ) : (
        <div className="dash-loading" style={{ height: 230 }} aria-busy="true" />
      )}
    </Panel>
  );
}

export function DashboardScreen() {
  const dates = useDateWindow();
  const { window, invalid } = dates;
  const first = useQuery('dashboard.chart', { chartId: DASHBOARD_CHARTS[0]!.id, ...(window ? { window } : {}) }, { refetchOn: refetch });
  useReportScreenReady('dashboard', !first.loading);
  return (
    <div className="screen dashboard-screen" data-testid="screen-dashboard">
      <ScreenHeader
        title="Dashboard"
        subtitle="Case volume, backlog, SLA, decisions, appeals and rule precision: every chart is a query you can read and rerun."
        actions={<DateWindowInputs state={dates} idPrefix="dash" label="From" />}
      />
      {invalid ? <p className="text-danger field-help">Give both dates, the second on or after the first; until then the charts show all time.</p> : null}
      <div className="dash-grid">
        {DASHBOARD_CHARTS.map((chart) => (
          <ChartPanel key={chart.id} chart={chart} window={window} />
        ))}
      </div>
    </div>
  );
}
