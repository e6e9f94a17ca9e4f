/**
 * The scratchpad's side panel: the schema browser (tables, columns with types; clicking inserts
 * the name), the query library (saved queries and the starter library, searchable by name,
 * description and tag) and the run history (searchable; shows duration, rows or the error).
 */
import { useMemo, useState } from 'react';
import type { SavedQuery, SqlSchemaTable } from '../../../../shared/contract/sql';
import { confirm } from '../../components/Confirm';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { callOrToast } from '../../lib/client';
import { formatAgo, formatDuration, formatInt } from '../../lib/format';
import { useQuery } from '../../lib/useQuery';

type Pane = 'schema' | 'library' | 'history';

export function SidePanel({
  schema,
  onInsert,
  onOpen,
}: {
  schema: readonly SqlSchemaTable[];
  onInsert: (text: string) => void;
  onOpen: (sql: string, from?: SavedQuery) => void;
}) {
  const [pane, setPane] = useState<Pane>('schema');
  const [filter, setFilter] = useState('');
  return (
    <aside className="sql-side" aria-label="Schema, library and history">
      <div className="sql-side-tabs" role="tablist">
        {(['schema', 'library', 'history'] as const).map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            aria-selected={pane === p}
            className={pane === p ? 'active' : ''}
            onClick={() => setPane(p)}
          >
            {p === 'schema' ? 'Schema' : p === 'library' ? 'Library' : 'History'}
          </button>
        ))}
      </div>
      <div className="sql-side-search">
        <Icon name="search" size={14} />
        <input
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder={
            pane === 'schema'
              ? 'Filter tables and columns'
              : pane === 'library'
                ? 'Search name, tag, description'
                : 'Search SQL and errors'
          }
          aria-label={`Search ${pane}`}
        />
      </div>
      <div className="sql-side-body">
        {pane === 'schema' ? <SchemaTree schema={schema} filter={filter} onInsert={onInsert} /> : null}
        {pane === 'library' ? <Library filter={filter} onOpen={onOpen} /> : null}
        {pane === 'history' ? <History filter={filter} onOpen={onOpen} /> : null}
      </div>
    </aside>
  );
}

const DATA_TABLES = new Set(['accounts', 'events', 'identifiers', 'relations']);

function SchemaTree({
  schema,
  filter,
  onInsert,
}: {
  schema: readonly SqlSchemaTable[];
  filter: string;
  onInsert: (text: string) => void;
}) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(['accounts', 'events']));
  const f = filter.trim().toLowerCase();
  const tables = useMemo(() => {
    const sorted = [...schema].sort(
      (a, b) => Number(DATA_TABLES.has(b.name)) - Number(DATA_TABLES.has(a.name)) || a.name.localeCompare(b.name),
    );
    if (!f) return sorted.map((t) => ({ table: t, columns: t.columns }));
    return sorted
      .map((t) => ({
        table: t,
        columns: t.name.includes(f) ? t.columns : t.columns.filter((c) => c.name.toLowerCase().includes(f)),
      }))
      .filter((t) => t.columns.length > 0 || t.table.name.includes(f));
  }, [schema, f]);
  return (
    <ul className="sql-tree" data-testid="sql-schema">
      {tables.map(({ table, columns }) => {
        const expanded = f.length > 0 || open.has(table.name);
        return (
          <li key={table.name}>
            <div className="sql-tree-table">
              <button
                type="button"
                className="sql-tree-toggle"
                aria-expanded={expanded}
                aria-label={`${expanded ? 'Collapse' : 'Expand'} ${table.name}`}
                onClick={() =>
                  setOpen((prev) => {
                    const next = new Set(prev);
                    if (next.has(table.name)) next.delete(table.name);
                    else next.add(table.name);
                    return next;
                  })
                }
              >
                <Icon name="chevronRight" size={12} className={expanded ? 'rot90' : ''} />
              </button>
              <button
                type="button"
                className="sql-tree-name"
                title={`Insert ${table.name}`}
                onClick={() => onInsert(table.name)}
              >
                <Icon name="database" size={12} /> {table.name}
              </button>
              {table.kind === 'view' ? <span className="sql-tree-type">view</span> : null}
            </div>
            {expanded ? (
              <ul>
                {columns.map((c) => (
                  <li key={c.name}>
                    <button
                      type="button"
                      className="sql-tree-col"
                      title={`Insert ${c.name}`}
                      onClick={() => onInsert(c.name)}
                    >
                      <span className={c.pk ? 'sql-tree-colname pk' : 'sql-tree-colname'}>{c.name}</span>
                      <span className="sql-tree-type">{c.type.toLowerCase()}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function Library({ filter, onOpen }: { filter: string; onOpen: (sql: string, from?: SavedQuery) => void }) {
  const saved = useQuery('sql.saved.list', {}, { refetchOn: (t) => t.includes('saved_queries') });
  const f = filter.trim().toLowerCase();
  const list = (saved.data ?? []).filter(
    (q) =>
      !f ||
      q.name.toLowerCase().includes(f) ||
      q.description.toLowerCase().includes(f) ||
      q.tags.some((t) => t.toLowerCase().includes(f)),
  );
  if (saved.error)
    return <ErrorNotice what="Could not list saved queries" error={saved.error} onRetry={saved.reload} />;
  const mine = list.filter((q) => !q.readOnly);
  const starter = list.filter((q) => q.readOnly);
  const remove = async (q: SavedQuery) => {
    const ok = await confirm({
      title: `Delete "${q.name}"?`,
      body: `This deletes ${q.file} from the workspace.`,
      confirmLabel: 'Delete',
    });
    if (ok) await callOrToast('sql.saved.delete', { id: q.id });
  };
  const item = (q: SavedQuery) => (
    <li key={q.id} className="sql-lib-row">
      <button type="button" className="sql-lib-item" onClick={() => onOpen(q.sql, q)} title={q.file}>
        <span className="sql-lib-name">{q.name}</span>
        {q.description ? <span className="sql-lib-desc">{q.description.split('\n')[0]}</span> : null}
        <span className="sql-lib-tags">
          {q.tags.map((t) => (
            <span key={t} className="pill pill-neutral">
              {t}
            </span>
          ))}
        </span>
      </button>
      {q.readOnly ? null : (
        <button
          type="button"
          className="icon-btn sql-lib-delete"
          aria-label={`Delete ${q.name}`}
          title="Delete this saved query"
          onClick={() => void remove(q)}
        >
          <Icon name="trash" size={14} />
        </button>
      )}
    </li>
  );
  return (
    <div className="sql-lib" data-testid="sql-library">
      <h3>Saved in this workspace</h3>
      {mine.length > 0 ? (
        <ul>{mine.map(item)}</ul>
      ) : (
        <p className="muted sql-empty">
          {f ? 'No match.' : 'None yet. Save a tab with Save… (files go to queries/ in the workspace).'}
        </p>
      )}
      <h3>Starter library</h3>
      {starter.length > 0 ? <ul>{starter.map(item)}</ul> : <p className="muted sql-empty">No match.</p>}
    </div>
  );
}

function History({ filter, onOpen }: { filter: string; onOpen: (sql: string) => void }) {
  const search = filter.trim();
  const history = useQuery(
    'sql.history',
    { limit: 200, ...(search ? { search } : {}) },
    { refetchOn: (t) => t.includes('query_history') },
  );
  if (history.error)
    return <ErrorNotice what="Could not read the history" error={history.error} onRetry={history.reload} />;
  const rows = history.data?.rows ?? [];
  return (
    <div data-testid="sql-history">
      <p className="muted sql-side-note">
        {history.data
          ? `${formatInt(history.data.total)} run${history.data.total === 1 ? '' : 's'}${search ? ' match' : ''}`
          : 'Loading…'}
      </p>
      <ul className="sql-hist">
        {rows.map((h) => (
          <li key={h.id}>
            <button type="button" className="sql-hist-item" onClick={() => onOpen(h.sql)} title={h.sql}>
              <code className="sql-hist-sql">
                {h.sql
                  .replace(/--[^\n]*(\n|$)/g, ' ')
                  .replace(/\s+/g, ' ')
                  .trim()
                  .slice(0, 160)}
              </code>
              <span className="sql-hist-meta">
                {h.error ? (
                  <span className="text-danger">{h.error.split(':')[0]}</span>
                ) : (
                  <span>
                    {formatInt(h.rows)} row{h.rows === 1 ? '' : 's'}
                  </span>
                )}
                <span>{formatDuration(h.durationMs)}</span>
                <span>{formatAgo(h.startedAt)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
