/**
 * SQL: the analyst's scratchpad on the cache. Tabs of queries (kept across restarts), an editor
 * with schema-aware completion, a parameter form for `:named` parameters, and results that
 * stream into a grid. Everything runs read-only in the query runner, a process the host kills on
 * Cancel or timeout; refusals and SQLite errors say what and where.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SavedQuery, SqlValue } from '../../../../shared/contract/sql';
import { namedParams } from '../../../../shared/contract/sqlLexer';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useAppInfo } from '../../lib/appInfo';
import { useReportScreenReady } from '../../lib/readiness';
import { useQuery } from '../../lib/useQuery';
import { routeParams, useWorkbench } from '../../lib/workbench';
import { SaveDialog } from './Dialogs';
import { ResultsPane } from './ResultsPane';
import { cancelRun, runQuery, useRun } from './runs';
import { SidePanel } from './SidePanel';
import { SqlEditor, type EditorCommands } from './SqlEditor';
import { activateTab, activeTab, closeTab, loadTabs, openTab, updateTab, useTabs } from './tabs';
import './sql.css';

export function SqlScreen() {
  const info = useAppInfo();
  if (info) loadTabs(info.workspace);
  const state = useTabs();
  const tab = activeTab(state);
  const run = useRun(tab.id);
  const schema = useQuery('sql.schema', {}, { refetchOn: () => false });
  const [saveOpen, setSaveOpen] = useState(false);
  const [savedFrom, setSavedFrom] = useState<SavedQuery | null>(null);
  const { selectedAccounts } = useWorkbench();
  useReportScreenReady('sql', !schema.loading);

  const params = useMemo(() => namedParams(tab.sql), [tab.sql]);
  const bound = useCallback(
    (text: string): Record<string, SqlValue> => {
      const out: Record<string, SqlValue> = {};
      for (const name of namedParams(text)) out[name] = tab.params[name] ?? '';
      return out;
    },
    [tab.params],
  );

  const commands = useMemo<EditorCommands>(
    () => ({
      run: (text) => {
        if (text.trim()) void runQuery(tab.id, text, bound(text), tab.timeoutS);
      },
      explain: (text) => {
        if (text.trim()) void runQuery(tab.id, text, bound(text), tab.timeoutS, 'plan');
      },
      cancel: () => void cancelRun(tab.id),
    }),
    [tab.id, tab.timeoutS, bound],
  );

  // Escape stops a running query from anywhere on the screen (not only the editor).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) void cancelRun(tab.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tab.id]);

  // Another screen can hand a query over: `#/sql?sql=...&title=...` opens it in a new tab (once).
  useEffect(() => {
    if (!info) return;
    const handed = routeParams();
    const sql = handed.get('sql');
    if (!sql) return;
    openTab({ sql, title: handed.get('title') ?? 'Opened query' });
    history.replaceState(null, '', '#/sql');
  }, [info]);

  const openQuery = (sql: string, from?: SavedQuery) => {
    const id = openTab({ sql, title: from?.name ?? 'From history', savedId: from && !from.readOnly ? from.id : null });
    setSavedFrom(from ?? null);
    return id;
  };

  const running = run?.status === 'running';
  return (
    <div className="screen sql-screen" data-testid="sql-screen">
      <ScreenHeader
        title="SQL"
        subtitle="Read-only SQL on the cache. Queries run in a separate process: Cancel or the timeout stops any query at once, and nothing can write."
      />
      <div className="sql-layout">
        {schema.error ? (
          <aside className="sql-side">
            <ErrorNotice what="Could not read the schema" error={schema.error} onRetry={schema.reload} />
          </aside>
        ) : (
          <SidePanel
            schema={schema.data ?? []}
            onInsert={(text) =>
              updateTab(tab.id, {
                sql: tab.sql + (tab.sql.endsWith(' ') || tab.sql.endsWith('\n') || !tab.sql ? '' : ' ') + text,
              })
            }
            onOpen={openQuery}
          />
        )}
        <section className="sql-main" aria-label="Query editor and results">
          <div className="sql-tabs" role="tablist" aria-label="Query tabs">
            {state.tabs.map((t) => (
              <div key={t.id} className={t.id === tab.id ? 'sql-tab active' : 'sql-tab'}>
                <button
                  type="button"
                  role="tab"
                  aria-selected={t.id === tab.id}
                  className="sql-tab-title"
                  onClick={() => activateTab(t.id)}
                  title={t.title}
                >
                  {t.title}
                </button>
                <button
                  type="button"
                  className="sql-tab-close"
                  aria-label={`Close ${t.title}`}
                  onClick={() => closeTab(t.id)}
                >
                  <Icon name="close" size={12} />
                </button>
              </div>
            ))}
            <button
              type="button"
              className="sql-tab-new"
              aria-label="New query tab"
              title="New query tab"
              onClick={() => openTab()}
            >
              <Icon name="plus" size={14} />
            </button>
          </div>
          <div className="sql-toolbar">
            <button
              type="button"
              className="btn btn-primary btn-sm"
              disabled={running}
              onClick={() => commands.run(tab.sql, 'all')}
              data-testid="sql-run"
              title="Run the whole text (Shift+Ctrl+Enter); Ctrl+Enter in the editor runs the statement under the cursor"
            >
              <Icon name="arrowUp" size={14} className="rot90" /> Run
            </button>
            <button
              type="button"
              className="btn btn-sm"
              disabled={running}
              onClick={() => commands.explain(tab.sql)}
              title="EXPLAIN QUERY PLAN (Ctrl+Shift+E)"
            >
              Explain
            </button>
            <label className="sql-timeout">
              Timeout
              <input
                type="number"
                className="input input-num"
                min={1}
                max={3600}
                value={tab.timeoutS}
                onChange={(e) =>
                  updateTab(tab.id, { timeoutS: Math.min(3600, Math.max(1, Number(e.target.value) || 30)) })
                }
                aria-label="Timeout in seconds"
              />
              s
            </label>
            <span className="sql-spacer" />
            <span className="faint sql-keys">
              <kbd>Ctrl</kbd>+<kbd>Enter</kbd> statement · <kbd>Shift</kbd>+<kbd>Ctrl</kbd>+<kbd>Enter</kbd> all ·{' '}
              <kbd>Ctrl</kbd>+<kbd>Space</kbd> complete
            </span>
            <button type="button" className="btn btn-sm" onClick={() => setSaveOpen(true)}>
              Save…
            </button>
          </div>
          <div className="sql-editor-wrap">
            <SqlEditor
              tabId={tab.id}
              value={tab.sql}
              onChange={(sql) => updateTab(tab.id, { sql })}
              schema={schema.data ?? []}
              commands={commands}
            />
          </div>
          {params.length > 0 ? (
            <div className="sql-params" aria-label="Parameters">
              {params.map((name) => (
                <label key={name} className="sql-param">
                  <code>:{name}</code>
                  <input
                    className="input mono"
                    value={tab.params[name] ?? ''}
                    placeholder={name.includes('account') && selectedAccounts[0] ? selectedAccounts[0] : 'value'}
                    onChange={(e) => updateTab(tab.id, { params: { ...tab.params, [name]: e.target.value } })}
                    aria-label={`Value of :${name}`}
                  />
                </label>
              ))}
              <span className="faint sql-param-note">Numbers are bound as numbers; everything else as text.</span>
            </div>
          ) : null}
          <ResultsPane tabId={tab.id} run={run} timeoutS={tab.timeoutS} />
        </section>
      </div>
      <SaveDialog
        open={saveOpen}
        onClose={() => setSaveOpen(false)}
        sql={tab.sql}
        from={savedFrom && (savedFrom.id === tab.savedId || savedFrom.readOnly) ? savedFrom : null}
        onSaved={(saved) => {
          updateTab(tab.id, { title: saved.name, savedId: saved.id });
          setSavedFrom(saved);
        }}
      />
    </div>
  );
}
