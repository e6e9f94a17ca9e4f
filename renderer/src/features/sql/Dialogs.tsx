/**
 * Two small dialogs of the scratchpad: saving a tab as a query file (name, description, tags),
 * and pinning a result to a case (which re-runs it and stores rows, query, parameters, time and
 * the SHA-256 of the rows as evidence).
 */
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../../shared/contract/errors';
import type { SavedQuery, SqlValue } from '../../../../shared/contract/sql';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { client } from '../../lib/client';
import { formatInt } from '../../lib/format';
import { pushToast } from '../../lib/toasts';
import { useQuery } from '../../lib/useQuery';

export function SaveDialog({
  open,
  onClose,
  sql,
  from,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  sql: string;
  from: SavedQuery | null;
  onSaved: (saved: SavedQuery) => void;
}) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setName(from?.name ?? '');
    setDescription(from?.description ?? '');
    setTags(from?.tags.join(', ') ?? '');
    setError(null);
  }, [open, from]);

  const save = async () => {
    setBusy(true);
    const outcome = await client.call('sql.saved.save', {
      name,
      description,
      tags: tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      sql,
      ...(from && !from.readOnly ? { id: from.id } : {}),
    });
    setBusy(false);
    if (!outcome.ok) return setError(outcome.error);
    pushToast({ kind: 'success', title: `Saved ${outcome.value.id}`, message: outcome.value.file });
    onSaved(outcome.value);
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={from && !from.readOnly ? `Save "${from.name}"` : 'Save query'}
      labelledBy="sql-save-title"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="sql-save-form" className="btn btn-primary" disabled={busy || !name.trim()}>
            Save
          </button>
        </>
      }
    >
      <form
        id="sql-save-form"
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {from?.readOnly ? (
          <p className="form-lead muted">Starter queries are read-only: this saves a copy in the workspace.</p>
        ) : null}
        <div className="field">
          <label htmlFor="sql-save-name">Name</label>
          <input
            id="sql-save-name"
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoFocus
            required
          />
        </div>
        <div className="field">
          <label htmlFor="sql-save-desc">Description</label>
          <textarea
            id="sql-save-desc"
            className="input sql-textarea"
            rows={3}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sql-save-tags">Tags</label>
          <input
            id="sql-save-tags"
            className="input"
            value={tags}
            onChange={(e) => setTags(e.target.value)}
            placeholder="payouts, rings"
          />
          <span className="field-help">
            Comma-separated. Stored as a header comment in queries/&lt;name&gt;.sql, so the file can live in git.
          </span>
        </div>
        {error ? <ErrorNotice what="Could not save the query" error={error} /> : null}
      </form>
    </Dialog>
  );
}

export function PinDialog({
  open,
  onClose,
  sql,
  params,
  timeoutS,
}: {
  open: boolean;
  onClose: () => void;
  sql: string;
  params: Readonly<Record<string, SqlValue>>;
  timeoutS: number;
}) {
  const cases = useQuery('cases.list', { limit: 200 }, { enabled: open });
  const [caseId, setCaseId] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setTitle(`Query: ${sql.replace(/\s+/g, ' ').slice(0, 80)}`);
    setError(null);
  }, [open, sql]);
  useEffect(() => {
    const first = cases.data?.rows[0];
    if (first && !caseId) setCaseId(first.id);
  }, [cases.data, caseId]);

  const pin = async () => {
    setBusy(true);
    const outcome = await client.call('sql.pin', {
      caseId,
      title,
      sql,
      params: { ...params },
      timeoutMs: timeoutS * 1000,
    });
    setBusy(false);
    if (!outcome.ok) return setError(outcome.error);
    const v = outcome.value;
    pushToast({
      kind: 'success',
      title: `Pinned to ${v.caseId}`,
      message: `${formatInt(v.rowCount)} rows${v.truncated ? ' (first 5,000 stored)' : ''} · SHA-256 ${v.sha256.slice(0, 12)}…`,
    });
    onClose();
  };

  const list = cases.data?.rows ?? [];
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Pin result to a case"
      labelledBy="sql-pin-title"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form="sql-pin-form"
            className="btn btn-primary"
            disabled={busy || !caseId || !title.trim()}
          >
            {busy ? 'Pinning…' : 'Pin as evidence'}
          </button>
        </>
      }
    >
      <form
        id="sql-pin-form"
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void pin();
        }}
      >
        <p className="form-lead muted">
          The query runs again now; its rows (up to 5,000, with the full count), the query, parameters, time, cache
          snapshot and the SHA-256 of the rows are stored on the case.
        </p>
        <div className="field">
          <label htmlFor="sql-pin-case">Case</label>
          {list.length > 0 ? (
            <select id="sql-pin-case" className="select" value={caseId} onChange={(e) => setCaseId(e.target.value)}>
              {list.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id} · {c.title} ({c.status})
                </option>
              ))}
            </select>
          ) : (
            <p className="muted">
              {cases.loading ? 'Loading cases…' : 'No cases yet: open one from the Cases screen or a ring first.'}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="sql-pin-title">Evidence title</label>
          <input id="sql-pin-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        {error ? <ErrorNotice what="Could not pin the result" error={error} /> : null}
      </form>
    </Dialog>
  );
}
