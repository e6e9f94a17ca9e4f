/**
 * Adding a source: type a folder path or an http(s) manifest URL, pick a folder with the
 * host-side browser, or drop a folder on the screen (desktop only: see dropNotice). Errors from
 * `sources.add` (no such folder, not http(s), ...) show under the field, naming the problem.
 */
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../../shared/contract/errors';
import type { SourceInfo } from '../../../../shared/contract/sync';
import { Icon } from '../../components/Icon';
import { client } from '../../lib/client';
import { pushToast } from '../../lib/toasts';
import { FolderPicker } from './FolderPicker';

export interface AddSourceProps {
  readonly location: string;
  readonly setLocation: (value: string) => void;
  /** A message about a drop that could not be used (browser mode), shown under the field. */
  readonly dropNotice: string | null;
  readonly clearDropNotice: () => void;
  readonly onAdded: (source: SourceInfo) => void;
  /** The last `sources.add` failure; owned by the screen so a drop can report into it too. */
  readonly error: ApiError | null;
  readonly setError: (error: ApiError | null) => void;
}

/** Field messages from a BAD_REQUEST's `details.issues`, else the error's own message. */
export function fieldMessages(error: ApiError, field: string): string[] {
  const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  if (Array.isArray(issues)) {
    const mine = issues.filter((issue) => issue.path === field || issue.path.startsWith(`${field}.`));
    if (mine.length > 0) return mine.map((issue) => issue.message);
  }
  return [error.message];
}

export async function addSource(location: string, name: string | undefined) {
  return client.call('sources.add', { location, ...(name ? { name } : {}) });
}

export function AddSource({
  location,
  setLocation,
  dropNotice,
  clearDropNotice,
  onAdded,
  error,
  setError,
}: AddSourceProps) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [pickerOpen, setPickerOpen] = useState(false);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    clearDropNotice();
    setBusy(true);
    const outcome = await addSource(location.trim(), name.trim() || undefined);
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.error);
      return;
    }
    setError(null);
    setLocation('');
    setName('');
    pushToast({
      kind: 'success',
      title: `Added source “${outcome.value.name}”`,
      message: 'Press Sync now to load it.',
    });
    onAdded(outcome.value);
  };

  const locationError = error ? fieldMessages(error, 'location') : null;
  const nameError = error
    ? (error.details as { issues?: { path: string }[] } | undefined)?.issues?.some((i) => i.path === 'name')
    : false;
  const looksLikeFolder = location.trim() !== '' && !/^https?:\/\//i.test(location.trim());

  return (
    <form className="add-source" onSubmit={(e) => void submit(e)} noValidate aria-label="Add a source">
      <div className="field field-grow">
        <label htmlFor="source-location">Folder path or http(s) manifest URL</label>
        <div className="input-row">
          <input
            id="source-location"
            className={locationError ? 'input mono input-invalid' : 'input mono'}
            placeholder="/data/extracts/2024-06  or  https://example.org/extract/manifest.json"
            value={location}
            onChange={(e) => {
              setLocation(e.target.value);
              if (error) setError(null);
              clearDropNotice();
            }}
            aria-invalid={locationError ? true : undefined}
            aria-describedby="source-location-help source-location-error"
            spellCheck={false}
            autoComplete="off"
          />
          <button type="button" className="btn" onClick={() => setPickerOpen(true)}>
            <Icon name="folder" size={14} /> Browse…
          </button>
        </div>
        {locationError ? (
          <p className="field-error" id="source-location-error" role="alert" data-testid="source-location-error">
            {locationError.join(' ')} <code className="notice-code">{error?.code}</code>
          </p>
        ) : dropNotice ? (
          <p className="field-note" id="source-location-error" role="status" data-testid="drop-notice">
            <Icon name="info" size={13} /> {dropNotice}
          </p>
        ) : (
          <p className="field-help faint" id="source-location-help">
            {looksLikeFolder
              ? 'A local folder: it must exist now; Ringside reads it on each sync.'
              : 'Or drop a folder anywhere on this screen.'}
          </p>
        )}
      </div>
      <div className="field field-name">
        <label htmlFor="source-name">Name (optional)</label>
        <input
          id="source-name"
          className={nameError ? 'input input-invalid' : 'input'}
          placeholder="From the folder name"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field field-submit">
        <button type="submit" className="btn btn-primary" disabled={busy || location.trim() === ''}>
          <Icon name="plus" size={14} /> Add source
        </button>
      </div>
      <FolderPicker
        open={pickerOpen}
        initialPath={looksLikeFolder ? location.trim() : undefined}
        onClose={() => setPickerOpen(false)}
        onChoose={(path) => {
          setPickerOpen(false);
          setLocation(path);
          setError(null);
          clearDropNotice();
          requestAnimationFrame(() => document.getElementById('source-location')?.focus());
        }}
      />
    </form>
  );
}
