/**
 * Rules lab: detection rules as versioned read-only SQL, backtested against past decisions.
 * Left: the rules with their latest precision and recall. Right: the rule's fields and SQL
 * (CodeMirror with schema completion), Backtest (Ctrl+Enter; Escape or Cancel stops it), the
 * result (BacktestView), and the versions with a side-by-side comparison of two of them.
 * Saving makes a new immutable version (Ctrl+S); an unchanged save makes none.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../../../shared/contract/errors';
import type { BacktestResult, CompareResult, LabelScope, RuleVersion } from '../../../../shared/contract/rules';
import { DateWindowInputs, useDateWindow } from '../../components/DateWindow';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { callOrToast, client } from '../../lib/client';
import { formatAgo, formatInt } from '../../lib/format';
import { useActiveJobs } from '../../lib/jobs';
import { useReportScreenReady } from '../../lib/readiness';
import { pushToast } from '../../lib/toasts';
import { useQuery } from '../../lib/useQuery';
import { routeParams } from '../../lib/workbench';
import { SqlEditor, type EditorCommands } from '../sql/SqlEditor';
import { AccountTable, BacktestView, MatrixTable, MetricLine, pct } from './BacktestView';
import '../sql/sql.css';
import './rules.css';

const NEW = '__new__';

interface Draft {
  name: string;
  description: string;
  owner: string;
  policy: string;
  sql: string;
  threshold: string;
}

const TEMPLATE: Draft = {
  name: 'New rule',
  description: '',
  owner: '',
  policy: '',
  threshold: '',
  sql: `-- Return one row per flagged account: account_id, and optionally a numeric score
-- (higher = more suspicious). :from and :to are the backtest window (epoch ms).
SELECT account_id, count(*) AS score
FROM events
WHERE type = 'password_reset' AND occurred_at >= :from AND occurred_at < :to
GROUP BY account_id
HAVING count(*) >= 2`,
};

function fromRule(r: RuleVersion): Draft {
  return {
    name: r.name,
    description: r.description,
    owner: r.owner,
    policy: r.policy ?? '',
    sql: r.sql,
    threshold: r.threshold === null ? '' : String(r.threshold),
  };
}

function parseThreshold(text: string): number | null | 'invalid' {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : 'invalid';
}


export function RulesScreen() {
  const refetch = (t: readonly string[]) => t.includes('rules') || t.includes('rule_runs');
  const list = useQuery('rules.list', {}, { refetchOn: refetch });
  const policy = useQuery('policy.get', {}, { refetchOn: () => false });
  const schema = useQuery('sql.schema', {}, { refetchOn: () => false });
  const [selected, setSelected] = useState<string | null>(() => routeParams().get('rule'));
  const isNew = selected === NEW;
  const detail = useQuery('rules.get', { id: selected && !isNew ? selected : 'none' }, { enabled: selected !== null && !isNew, refetchOn: refetch });
  const [draft, setDraft] = useState<Draft>(TEMPLATE);
  const loadedKey = useRef('');
  const [note, setNote] = useState('');
  const [scope, setScope] = useState<LabelScope>('policy');
  const dates = useDateWindow();
  const [result, setResult] = useState<{ value: BacktestResult; seq: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [running, setRunning] = useState(false);
  const seq = useRef(0);
  const job = useActiveJobs().find((j) => j.method === 'rules.backtest' || j.method === 'rules.compare') ?? null;
  useReportScreenReady('rules', !list.loading && (selected === null || isNew || !detail.loading));

  useEffect(() => {
    if (selected === null && list.data && list.data.length > 0) setSelected((list.data[0] as RuleVersion).id);
  }, [list.data, selected]);

  const rule = !isNew && detail.data?.rule.id === selected ? detail.data.rule : null;
  useEffect(() => {
    const key = rule ? `${rule.id}@${rule.version}` : isNew ? NEW : '';
    if (key === loadedKey.current || key === '') return;
    const sameRule = rule && loadedKey.current.startsWith(`${rule.id}@`);
    loadedKey.current = key;
    setDraft(rule ? fromRule(rule) : TEMPLATE);
    setNote('');
    // A new version of the same rule (just saved) keeps the result on screen.
    if (!sameRule) {
      setResult(null);
      setError(null);
    }
  }, [rule, isNew]);

  const threshold = parseThreshold(draft.threshold);
  const dirty = isNew || (rule !== null && JSON.stringify(fromRule(rule)) !== JSON.stringify(draft));
  const timeWindow = dates.window;
  const windowInvalid = dates.invalid;

  const select = (id: string) => {
    setSelected(id);
    history.replaceState(null, '', id === NEW ? '#/rules' : `#/rules?rule=${encodeURIComponent(id)}`);
  };

  const backtest = useCallback(async () => {
    if (threshold === 'invalid' || windowInvalid || running) return;
    const mine = ++seq.current;
    setRunning(true);
    setError(null);
    const saved = rule !== null && !dirty;
    const outcome = await client.call('rules.backtest', {
      ...(saved ? { ruleId: rule.id, version: rule.version } : { sql: draft.sql, policy: draft.policy || null, threshold, ...(rule ? { ruleId: rule.id } : {}) }),
      labelScope: scope,
      ...(timeWindow ? { window: timeWindow } : {}),
    });
    if (mine !== seq.current) return;
    setRunning(false);
    if (outcome.ok) setResult({ value: outcome.value, seq: mine });
    else setError(outcome.error);
  }, [threshold, windowInvalid, running, rule, dirty, draft, scope, timeWindow]);

  const cancel = useCallback(() => {
    if (job) void callOrToast('jobs.cancel', { jobId: job.id });
  }, [job]);

  const save = useCallback(
    async (override?: Partial<{ threshold: number; note: string }>) => {
      const t = override?.threshold ?? threshold;
      if (t === 'invalid') return;
      const saved = await callOrToast('rules.save', {
        ...(rule ? { id: rule.id } : {}),
        name: draft.name,
        description: draft.description,
        owner: draft.owner,
        policy: draft.policy || null,
        sql: draft.sql,
        threshold: t,
        note: override?.note ?? note,
      });
      if (!saved) return;
      pushToast({
        kind: saved.created ? 'success' : 'info',
        title: saved.created ? `Saved ${saved.name} v${saved.version}` : 'Nothing changed',
        message: saved.created ? 'A new immutable version; backtests of older versions stay as they were.' : 'The rule is identical to its latest version.',
      });
      if (saved.id !== selected) select(saved.id);
      else detail.reload();
      list.reload();
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rule, draft, note, threshold, selected],
  );

  const commands = useMemo<EditorCommands>(() => ({ run: () => void backtest(), explain: () => undefined, cancel }), [backtest, cancel]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      } else if (e.key === 'Escape' && running && !document.querySelector('dialog[open]')) cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, cancel, running]);

  const policies = policy.data?.config.policies ?? [];
  const rules = list.data ?? [];

  return (
    <div className="screen rules-screen" data-testid="screen-rules">
      <ScreenHeader
        title="Rules lab"
        subtitle="Detection rules as read-only SQL, measured against past decisions before they reach production."
        actions={
          <button type="button" className="btn btn-sm" onClick={() => select(NEW)}>
            New rule
          </button>
        }
      />
      {list.error ? <ErrorNotice what="Rules" error={list.error} onRetry={list.reload} /> : null}
      <div className="rules-layout">
        <nav className="rules-list" aria-label="Rules">
          {rules.length === 0 && !list.loading ? (
            <div className="rules-empty">
              <p className="muted">No rules yet.</p>
              <button
                type="button"
                className="btn btn-sm btn-primary"
                onClick={() => void callOrToast('rules.installStarters', {}).then(() => list.reload())}
              >
                Add starter rules
              </button>
            </div>
          ) : null}
          {rules.map((r) => (
            <button
              key={r.id}
              type="button"
              className="rule-item"
              aria-current={r.id === selected ? 'true' : undefined}
              onClick={() => select(r.id)}
              data-testid="rule-item"
            >
              <span className="rule-name">{r.name}</span>
              <span className="rule-meta faint">
                {r.id} · v{r.version} · {r.policy ?? 'any policy'}
              </span>
              <span className="rule-meta">
                {r.lastRun ? (
                  <>
                    P <span className="num">{pct(r.lastRun.precision)}</span> · R <span className="num">{pct(r.lastRun.recall)}</span> ·{' '}
                    <span className="num">{formatInt(r.lastRun.flagged)}</span> flagged
                    {r.lastRun.version !== r.version ? <span className="faint"> (v{r.lastRun.version})</span> : null}
                  </>
                ) : (
                  <span className="faint">not backtested</span>
                )}
              </span>
            </button>
          ))}
          {isNew ? (
            <div className="rule-item" aria-current="true">
              <span className="rule-name">{draft.name || 'New rule'}</span>
              <span className="rule-meta faint">unsaved draft</span>
            </div>
          ) : null}
        </nav>
        <div className="rules-main">
          {selected === null ? (
            <p className="empty-line muted">Pick a rule, or start a new one.</p>
          ) : detail.error && !isNew ? (
            <ErrorNotice what="Rule" error={detail.error} onRetry={detail.reload} />
          ) : (
            <>
              <section className="panel rule-form" aria-label="Rule">
                <div className="rule-fields">
                  <div className="field">
                    <label htmlFor="rule-name">Name</label>
                    <input id="rule-name" className="input" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
                  </div>
                  <div className="field">
                    <label htmlFor="rule-policy">Policy</label>
                    <select id="rule-policy" className="select" value={draft.policy} onChange={(e) => setDraft({ ...draft, policy: e.target.value })}>
                      <option value="">(any policy)</option>
                      {policies.map((p) => (
                        <option key={p.code} value={p.code}>
                          {p.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor="rule-owner">Owner</label>
                    <input id="rule-owner" className="input" value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })} />
                  </div>
                  <div className="field">
                    <label htmlFor="rule-threshold">Threshold</label>
                    <input
                      id="rule-threshold"
                      className={`input input-num ${threshold === 'invalid' ? 'input-invalid' : ''}`}
                      value={draft.threshold}
                      placeholder="none"
                      inputMode="decimal"
                      aria-invalid={threshold === 'invalid'}
                      title="Operating point: accounts with score >= threshold are flagged; empty flags every row"
                      onChange={(e) => setDraft({ ...draft, threshold: e.target.value })}
                    />
                  </div>
                  <div className="field rule-desc">
                    <label htmlFor="rule-description">Description</label>
                    <input
                      id="rule-description"
                      className="input"
                      value={draft.description}
                      onChange={(e) => setDraft({ ...draft, description: e.target.value })}
                    />
                  </div>
                </div>
                {threshold === 'invalid' ? <p className="text-danger field-help">The threshold must be a number, or empty.</p> : null}
                <div className="rule-editor">
                  <SqlEditor tabId={selected} value={draft.sql} onChange={(sql) => setDraft((d) => ({ ...d, sql }))} schema={schema.data ?? []} commands={commands} />
                </div>
                <div className="rule-toolbar">
                  <div className="field-inline">
                    <label htmlFor="rule-scope">Labels</label>
                    <select id="rule-scope" className="select select-sm" value={scope} onChange={(e) => setScope(e.target.value as LabelScope)}>
                      <option value="policy">rule's policy</option>
                      <option value="any">any policy</option>
                    </select>
                  </div>
                  <DateWindowInputs state={dates} idPrefix="rule" label="Decided from" />
                  <span className="spacer" />
                  {running ? (
                    <button type="button" className="btn btn-sm" onClick={cancel} disabled={!job}>
                      Cancel
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="btn btn-sm btn-primary"
                    onClick={() => void backtest()}
                    disabled={running || threshold === 'invalid' || windowInvalid}
                    title="Backtest (Ctrl+Enter)"
                    data-testid="backtest-button"
                  >
                    {running ? 'Backtesting…' : dirty ? 'Backtest draft' : 'Backtest'}
                  </button>
                  <input className="input rule-note" placeholder="What changed (version note)" value={note} onChange={(e) => setNote(e.target.value)} aria-label="Version note" />
                  <button type="button" className="btn btn-sm" onClick={() => void save()} disabled={!dirty || threshold === 'invalid'} title="Save a new version (Ctrl+S)">
                    {isNew ? 'Save rule' : rule ? `Save as v${rule.version + 1}` : 'Save'}
                  </button>
                </div>
                {windowInvalid ? <p className="text-danger field-help">Give both dates of the window, the second on or after the first.</p> : null}
                {dirty && !isNew ? <p className="faint field-help">Unsaved changes: the backtest runs the draft and is not recorded.</p> : null}
              </section>
              {error ? <ErrorNotice what="Backtest" error={error} onRetry={() => void backtest()} /> : null}
              {result ? (
                <BacktestView
                  key={result.seq}
                  result={result.value}
                  canSetOperatingPoint={rule !== null && !dirty && result.value.rule?.version === rule.version}
                  onSetOperatingPoint={(t) => void save({ threshold: t, note: `Operating point moved to score >= ${t}` })}
                />
              ) : !running && !error ? (
                <p className="empty-line muted rules-hint">Backtest (Ctrl+Enter) to measure the rule against past decisions.</p>
              ) : null}
              {rule && detail.data ? <VersionsPanel ruleId={rule.id} versions={detail.data.versions} runs={detail.data.runs} scope={scope} window={timeWindow} /> : null}
            </>
          )}
        </div>
      </div>
    </div>
  );
}

function VersionsPanel({
  ruleId,
  versions,
  runs,
  scope,
  window,
}: {
  ruleId: string;
  versions: NonNullable<ReturnType<typeof useQuery<'rules.get'>>['data']>['versions'];
  runs: NonNullable<ReturnType<typeof useQuery<'rules.get'>>['data']>['runs'];
  scope: LabelScope;
  window: { from: number; to: number } | undefined;
}) {
  const newest = versions[0]?.version ?? 1;
  const [a, setA] = useState(Math.max(1, newest - 1));
  const [b, setB] = useState(newest);
  const [compare, setCompare] = useState<CompareResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    setA(Math.max(1, newest - 1));
    setB(newest);
    setCompare(null);
  }, [ruleId, newest]);

  const run = async () => {
    setBusy(true);
    setError(null);
    const outcome = await client.call('rules.compare', { ruleId, a, b, labelScope: scope, ...(window ? { window } : {}) });
    setBusy(false);
    if (outcome.ok) setCompare(outcome.value);
    else setError(outcome.error);
  };

  return (
    <Panel
      title={
        <>
          Versions <span className="panel-count">{versions.length}</span>
        </>
      }
      className="rules-versions"
      actions={
        <div className="field-inline">
          <label htmlFor="cmp-a">Compare v</label>
          <select id="cmp-a" className="select select-sm" value={a} onChange={(e) => setA(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
          <label htmlFor="cmp-b">with v</label>
          <select id="cmp-b" className="select select-sm" value={b} onChange={(e) => setB(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-xs" disabled={a === b || busy} onClick={() => void run()} data-testid="compare-button">
            {busy ? 'Comparing…' : 'Compare'}
          </button>
        </div>
      }
    >
      <table className="table versions-table">
        <thead>
          <tr>
            <th>Version</th>
            <th>Saved</th>
            <th>By</th>
            <th className="num">Threshold</th>
            <th>Note</th>
            <th className="num">Last precision</th>
            <th className="num">Last recall</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => {
            const last = runs.find((r) => r.version === v.version);
            return (
              <tr key={v.version}>
                <td className="num">v{v.version}</td>
                <td>{formatAgo(v.createdAt)}</td>
                <td className="versions-by" title={v.createdBy}>
                  {v.createdBy || '—'}
                </td>
                <td className="num">{v.threshold ?? '—'}</td>
                <td className="muted versions-note">{v.note || '—'}</td>
                <td className="num">{last ? pct(last.precision) : '—'}</td>
                <td className="num">{last ? pct(last.recall) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error ? <ErrorNotice what="Comparison" error={error} /> : null}
      {compare ? (
        <div className="compare" data-testid="compare-result">
          {([['a', compare.a], ['b', compare.b]] as const).map(([key, side]) => (
            <div key={key} className="compare-side">
              <h3>
                v{side.version} <span className="faint">{side.threshold === null ? 'all returned' : `score ≥ ${side.threshold}`}</span>
              </h3>
              <MatrixTable m={side.metrics} />
              <MetricLine m={side.metrics} />
            </div>
          ))}
          <div className="compare-diff">
            <h3>
              v{compare.b.version} adds <span className="num">{formatInt(compare.added.count)}</span>, drops{' '}
              <span className="num">{formatInt(compare.dropped.count)}</span>, keeps <span className="num">{formatInt(compare.kept)}</span>
            </h3>
            <p className="faint">
              Added: {formatInt(compare.added.byLabel.positive)} bad, {formatInt(compare.added.byLabel.negative)} good, {formatInt(compare.added.byLabel.unlabeled)}{' '}
              unreviewed. Dropped: {formatInt(compare.dropped.byLabel.positive)} bad, {formatInt(compare.dropped.byLabel.negative)} good,{' '}
              {formatInt(compare.dropped.byLabel.unlabeled)} unreviewed.
            </p>
            <h4>Added (sample)</h4>
            <AccountTable rows={compare.added.sample} empty="Nothing added." limit={50} />
            <h4>Dropped (sample)</h4>
            <AccountTable rows={compare.dropped.sample} empty="Nothing dropped." limit={50} />
          </div>
        </div>
      ) : null}
    </Panel>
  );
}
