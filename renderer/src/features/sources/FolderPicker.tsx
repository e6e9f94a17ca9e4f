/**
 * A folder browser over `files.listFolder`, for both transports: browsers cannot reveal a
 * folder's path, so the host lists folders for us. Folders open on click or Enter; files are
 * shown (dimmed) so you can tell you found the right extract.
 */
import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { formatBytes } from '../../lib/format';
import { useQuery } from '../../lib/useQuery';

export function FolderPicker({
  open,
  initialPath,
  onChoose,
  onClose,
}: {
  open: boolean;
  initialPath: string | undefined;
  onChoose: (path: string) => void;
  onClose: () => void;
}) {
  const [path, setPath] = useState<string | undefined>(initialPath);
  const [typed, setTyped] = useState('');
  // Opened on a path that does not exist (a typo in the field): walk up to the nearest folder
  // that does, and say so, instead of opening on an error.
  const [walkedFrom, setWalkedFrom] = useState<string | null>(null);
  const [walking, setWalking] = useState(false);
  const listing = useQuery('files.listFolder', path ? { path } : {}, { enabled: open, refetchOn: () => false });

  useEffect(() => {
    if (!open) return;
    setPath(initialPath);
    setWalking(initialPath !== undefined);
    setWalkedFrom(null);
  }, [open, initialPath]);

  useEffect(() => {
    if (listing.data) {
      setTyped(listing.data.path);
      setWalking(false);
    }
  }, [listing.data]);

  useEffect(() => {
    if (!walking || !listing.error || path === undefined) return;
    setWalkedFrom((from) => from ?? path);
    setPath(parentOf(path));
  }, [walking, listing.error, path]);

  const data = listing.data;
  const entries = data
    ? [...data.entries].sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.name.localeCompare(b.name))
    : [];
  const join = (name: string) =>
    data
      ? `${data.path.replace(/[\\/]+$/, '')}${data.path.includes('\\') && !data.path.includes('/') ? '\\' : '/'}${name}`
      : name;
  const fileCount = entries.filter((e) => !e.isDir).length;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Choose a source folder"
      labelledBy="picker-title"
      className="picker"
      footer={
        <>
          <span className="picker-foot-note faint truncate">{data ? data.path : ''}</span>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!data}
            onClick={() => data && onChoose(data.path)}
          >
            Choose this folder
          </button>
        </>
      }
    >
      <form
        className="picker-path"
        onSubmit={(event) => {
          event.preventDefault();
          if (typed.trim()) setPath(typed.trim());
        }}
      >
        <button
          type="button"
          className="btn btn-sm"
          disabled={!data?.parent}
          onClick={() => data?.parent && setPath(data.parent)}
          aria-label="Up to the parent folder"
          title="Up to the parent folder"
        >
          <Icon name="arrowUp" size={14} />
        </button>
        <label className="visually-hidden" htmlFor="picker-path-input">
          Folder path
        </label>
        <input
          id="picker-path-input"
          className="input mono"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          spellCheck={false}
        />
        <button type="submit" className="btn btn-sm">
          Go
        </button>
      </form>
      {walkedFrom && listing.data ? (
        <p className="field-note picker-walked">
          <Icon name="info" size={13} /> <span className="mono">{walkedFrom}</span> was not found; showing the nearest
          folder that exists.
        </p>
      ) : null}
      {listing.error && !walking ? (
        <ErrorNotice
          what="Cannot list this folder"
          error={listing.error}
          onRetry={path ? () => setPath(undefined) : listing.reload}
          retryLabel={path ? 'Open home folder' : 'Retry'}
        />
      ) : null}
      <ul className="picker-list" aria-label="Folder contents" aria-busy={listing.fetching}>
        {listing.loading && !data ? <li className="picker-empty muted">Listing…</li> : null}
        {data && entries.length === 0 ? <li className="picker-empty muted">This folder is empty.</li> : null}
        {entries.map((entry) =>
          entry.isDir ? (
            <li key={entry.name}>
              <button type="button" className="picker-entry" onClick={() => setPath(join(entry.name))}>
                <Icon name="folder" size={14} />
                <span className="truncate">{entry.name}</span>
                <Icon name="chevronRight" size={12} className="faint" />
              </button>
            </li>
          ) : (
            <li key={entry.name} className="picker-entry picker-file">
              <Icon name="file" size={14} />
              <span className="truncate">{entry.name}</span>
              <span className="num faint">{formatBytes(entry.bytes)}</span>
            </li>
          ),
        )}
      </ul>
      {data ? (
        <p className="faint picker-hint">
          {fileCount > 0 ? `${fileCount} file${fileCount === 1 ? '' : 's'} here. ` : ''}A source is a folder of extract
          files; files that map to no table are listed, not loaded.
        </p>
      ) : null}
    </Dialog>
  );
}

/** The folder above `path`, by text (the host resolves it); undefined means the home folder. */
function parentOf(path: string): string | undefined {
  const trimmed = path.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (cut < 0) return undefined;
  if (cut === 0) return trimmed.charAt(0);
  return trimmed.slice(0, cut);
}
