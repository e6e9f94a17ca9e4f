/**
 * One backtest, read like an analyst reads it: the confusion matrix and the headline ratios at
 * the chosen threshold, the precision-recall curve with that operating point marked, a threshold
 * slider (arrow keys step through the sweep) that updates both, the friction list (accounts in
 * good standing the rule would touch), and samples to review.
 */
import { useMemo, useRef, useState } from 'react';
import type { BacktestResult, FlaggedAccount, Metrics } from '../../../../shared/contract/rules';
import { baseOption, Chart, chartPalette, type ChartHandle } from '../../components/Chart';
import { Panel } from '../../components/Panel';
import { formatDuration, formatInt } from '../../lib/format';
import { useThemeName } from '../../lib/useThemeName';
import { openScreen } from '../../lib/workbench';

export const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export function MatrixTable({ m, testId }: { m: Metrics; testId?: string }) {
  return (
    <table className="matrix" data-testid={testId}>
      <thead>
        <tr>
          <th />
          <th scope="col">Labelled bad</th>
          <th scope="col">Labelled good</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Flagged</th>
          <td className="matrix-tp" title="True positives">
            <span className="matrix-tag">TP</span>{' '}
            <span className="num" data-testid="matrix-tp">
              {formatInt(m.tp)}
            </span>
          </td>
          <td className="matrix-fp" title="False positives: cleared or overturned accounts the rule flags">
            <span className="matrix-tag">FP</span>{' '}
            <span className="num" data-testid="matrix-fp">
              {formatInt(m.fp)}
            </span>
          </td>
        </tr>
        <tr>
          <th scope="row">Not flagged</th>
          <td className="matrix-fn" title="False negatives: labelled bad accounts the rule misses">
            <span className="matrix-tag">FN</span>{' '}
            <span className="num" data-testid="matrix-fn">
              {formatInt(m.fn)}
            </span>
          </td>
          <td className="matrix-tn" title="True negatives">
            <span className="matrix-tag">TN</span> <span className="num">{formatInt(m.tn)}</span>
          </td>
        </tr>
      </tbody>
    </table>
  );
}

export function MetricLine({ m }: { m: Metrics }) {
  return (
    <dl className="metric-line">
      <div>
        <dt>Precision</dt>
        <dd className="num" data-testid="metric-precision">
          {pct(m.precision)}
        </dd>
      </div>
      <div>
        <dt>Recall</dt>
        <dd className="num" data-testid="metric-recall">
          {pct(m.recall)}
        </dd>
      </div>
      <div>
        <dt>F1</dt>
        <dd className="num">{m.f1 === null ? '—' : m.f1.toFixed(3)}</dd>
      </div>
      <div>
        <dt>Flagged</dt>
        <dd className="num" data-testid="metric-flagged">
          {formatInt(m.flagged)}
        </dd>
      </div>
      <div title="Flagged accounts nobody has decided on yet (outside the matrix)">
        <dt>Unreviewed</dt>
        <dd className="num">{formatInt(m.unreviewed)}</dd>
      </div>
      <div title="Flagged accounts that are active and have no sanction that stands">
        <dt>Good standing</dt>
        <dd className="num">{formatInt(m.goodStanding)}</dd>
      </div>
    </dl>
  );
}

const LABEL_PILL: Record<FlaggedAccount['label'], string> = {
  positive: 'pill-danger',
  negative: 'pill-success',
  other: 'pill-warning',
  unlabeled: 'pill-neutral',
};

export function AccountTable({
  rows,
  empty,
  testId,
  limit = 200,
}: {
  rows: readonly FlaggedAccount[];
  empty: string;
  testId?: string;
  limit?: number;
}) {
  if (rows.length === 0) return <p className="empty-line muted">{empty}</p>;
  return (
    <div className="table-scroll rules-table">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th>Account</th>
            <th className="num">Score</th>
            <th>Label</th>
            <th>Lifecycle</th>
            <th>Created</th>
            <th>Country</th>
            <th>Latest decision</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, limit).map((a) => (
            <tr key={a.accountId}>
              <td className="mono">
                <a href={`#/graph?account=${encodeURIComponent(a.accountId)}`} title="Open in the graph">
                  {a.accountId}
                </a>
              </td>
              <td className="num">{a.score ?? '—'}</td>
              <td>
                <span className={`pill ${LABEL_PILL[a.label]}`}>{a.label}</span>
              </td>
              <td>{a.lifecycleState.replace(/_/g, ' ')}</td>
              <td className="num">{a.createdAt === null ? '—' : new Date(a.createdAt).toISOString().slice(0, 10)}</td>
              <td>{a.country ?? '—'}</td>
              <td className="muted">{a.labelReason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > limit ? (
        <p className="faint rules-more">
          Showing {formatInt(limit)} of {formatInt(rows.length)}.
        </p>
      ) : null}
    </div>
  );
}

function ExportButtons({ chart, name }: { chart: React.RefObject<ChartHandle | null>; name: string }) {
  return (
    <>
      <button type="button" className="btn btn-xs btn-ghost" onClick={() => void chart.current?.download('png', name)}>
        PNG
      </button>
      <button type="button" className="btn btn-xs btn-ghost" onClick={() => void chart.current?.download('svg', name)}>
        SVG
      </button>
    </>
  );
}

export { ExportButtons };

export function BacktestView({
  result,
  canSetOperatingPoint,
  onSetOperatingPoint,
}: {
  result: BacktestResult;
  canSetOperatingPoint: boolean;
  onSetOperatingPoint: (threshold: number) => void;
}) {
  const sweep = result.sweep;
  const initial = useMemo(() => {
    if (sweep.length === 0) return 0;
    if (result.threshold === null) return 0;
    const i = sweep.findIndex((p) => p.threshold >= (result.threshold as number));
    return i < 0 ? sweep.length - 1 : i;
  }, [sweep, result.threshold]);
  const [index, setIndex] = useState(initial);
  const [sample, setSample] = useState<'fp' | 'tp' | 'fn'>('fp');
  const curve = useRef<ChartHandle>(null);
  const theme = useThemeName();
  const point = sweep[index] ?? null;
  const metrics: Metrics = point ?? result.metrics;
  const threshold = point?.threshold ?? result.threshold;
  const name = `ringside-rule-${result.rule?.id ?? 'draft'}${result.rule ? `-v${result.rule.version}` : ''}-pr-curve`;

  const option = useMemo(() => {
    const p = chartPalette();
    const base = baseOption(p);
    const pts = sweep
      .filter((s) => s.precision !== null && s.recall !== null)
      .map((s) => [s.recall, s.precision, s.threshold]);
    const here =
      point && point.precision !== null && point.recall !== null
        ? [[point.recall, point.precision, point.threshold]]
        : [];
    return {
      ...base,
      legend: { show: false },
      tooltip: {
        ...base.tooltip,
        trigger: 'item',
        formatter: (params: { value: number[] }) =>
          `score ≥ ${params.value[2]}<br/>precision ${pct(params.value[1] ?? null)} · recall ${pct(params.value[0] ?? null)}`,
      },
      grid: { ...base.grid, top: 12, right: 16, left: 26, bottom: 22 },
      xAxis: {
        type: 'value',
        name: 'Recall',
        nameLocation: 'middle',
        nameGap: 22,
        min: 0,
        max: 1,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
        splitLine: { lineStyle: { color: p.border } },
      },
      yAxis: {
        type: 'value',
        name: 'Precision',
        nameLocation: 'middle',
        nameGap: 44,
        min: 0,
        max: 1,
        axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
        splitLine: { lineStyle: { color: p.border } },
      },
      series: [
        {
          type: 'line',
          data: pts,
          step: false,
          symbol: 'circle',
          symbolSize: 4,
          lineStyle: { width: 2, color: p.accent },
          itemStyle: { color: p.accent },
        },
        {
          type: 'scatter',
          data: here,
          symbolSize: 12,
          itemStyle: { color: p.danger, borderColor: p.surface, borderWidth: 2 },
          z: 10,
        },
      ],
    };
    // theme: colours are read from CSS variables when the option is built
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sweep, point, theme]);

  const friction = result.friction.filter((a) => threshold === null || (a.score !== null && a.score >= threshold));

  return (
    <div className="backtest" data-testid="backtest">
      <Panel
        title="Confusion matrix"
        className="bt-matrix"
        actions={
          <span
            className="faint bt-time"
            title={`In the runner: rule ${formatDuration(result.phases.ruleMs)}, labels ${formatDuration(result.phases.labelsMs)}, arithmetic ${formatDuration(result.phases.metricsMs)}`}
          >
            {formatInt(result.rows)} rule rows · {formatDuration(result.elapsedMs)}
          </span>
        }
      >
        <p className="faint bt-caption">
          {threshold === null ? (
            'Every account the rule returns is flagged.'
          ) : (
            <>
              Flagged when score ≥ <strong data-testid="threshold-value">{threshold}</strong>.
            </>
          )}{' '}
          Labels: {formatInt(result.labels.positive)} bad, {formatInt(result.labels.negative)} good (cleared or
          overturned)
          {result.labels.other > 0 ? `, ${formatInt(result.labels.other)} under other policies` : ''}.
        </p>
        <MatrixTable m={metrics} testId="confusion-matrix" />
        <MetricLine m={metrics} />
        {result.unknownAccounts > 0 ? (
          <p className="text-warning bt-caption">
            {formatInt(result.unknownAccounts)} flagged ids are not accounts in the cache: check the account_id column.
          </p>
        ) : null}
        {sweep.length > 1 ? (
          <div className="threshold-control">
            <label htmlFor="threshold-slider">Threshold</label>
            <input
              id="threshold-slider"
              data-testid="threshold-slider"
              type="range"
              min={0}
              max={sweep.length - 1}
              step={1}
              value={index}
              onChange={(e) => setIndex(Number(e.target.value))}
              aria-valuetext={`score at least ${threshold ?? ''}`}
            />
            <span className="num threshold-readout">≥ {threshold}</span>
            {canSetOperatingPoint ? (
              <button
                type="button"
                className="btn btn-sm"
                disabled={threshold === result.threshold || threshold === null}
                onClick={() => threshold !== null && onSetOperatingPoint(threshold)}
                title="Save a new version of the rule with this threshold as its operating point"
              >
                Set as operating point
              </button>
            ) : null}
          </div>
        ) : (
          <p className="faint bt-caption">
            {result.hasScore
              ? 'One distinct score: no sweep.'
              : 'No score column: return a numeric score to sweep a threshold.'}
          </p>
        )}
      </Panel>
      <Panel
        title="Precision–recall"
        className="bt-curve"
        actions={sweep.length > 0 ? <ExportButtons chart={curve} name={name} /> : undefined}
      >
        {sweep.length > 0 ? (
          <Chart
            ref={curve}
            option={option}
            label="Precision-recall curve over the score threshold"
            height={250}
            testId="pr-curve"
          />
        ) : (
          <p className="empty-line muted">The curve needs a score column.</p>
        )}
      </Panel>
      <Panel
        title={
          <>
            Friction <span className="panel-count">{formatInt(metrics.goodStanding)} in good standing</span>
          </>
        }
        className="bt-friction"
        flush
        actions={
          friction.length > 0 ? (
            <button
              type="button"
              className="btn btn-xs"
              title="Open these accounts (the first 500) and their links in the Graph screen"
              onClick={() =>
                openScreen('graph', {
                  accounts: friction
                    .slice(0, 500)
                    .map((a) => a.accountId)
                    .join(','),
                })
              }
            >
              Open in graph
            </button>
          ) : undefined
        }
      >
        <AccountTable
          rows={friction}
          empty="Nobody in good standing is flagged at this threshold."
          testId="friction-table"
        />
      </Panel>
      <Panel
        title="Review samples"
        className="bt-samples"
        flush
        actions={
          <div className="field-inline">
            <button
              type="button"
              className="btn btn-xs"
              disabled={result.samples[sample].length === 0}
              title="Open this sample's accounts and their links in the Graph screen"
              onClick={() =>
                openScreen('graph', { accounts: result.samples[sample].map((a) => a.accountId).join(',') })
              }
            >
              Open in graph
            </button>
            <div className="segmented" role="group" aria-label="Sample">
              {(
                [
                  ['fp', `False positives (${formatInt(result.samples.fp.length)})`],
                  ['tp', `True positives (${formatInt(result.samples.tp.length)})`],
                  ['fn', `Missed (${formatInt(result.samples.fn.length)})`],
                ] as const
              ).map(([key, label]) => (
                <button key={key} type="button" aria-pressed={sample === key} onClick={() => setSample(key)}>
                  {label}
                </button>
              ))}
            </div>
          </div>
        }
      >
        <p className="faint bt-caption rules-pad">
          At the run's operating point{result.threshold === null ? '' : ` (score ≥ ${result.threshold})`}; first 50 by
          score.
        </p>
        <AccountTable rows={result.samples[sample]} empty="None." limit={50} />
      </Panel>
    </div>
  );
}
