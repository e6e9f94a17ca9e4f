/**
 * The ring list: rings of the latest build by score, each with its one-line explanation and a
 * score bar; a search over ring and account ids; "hide reviewed". Arrow keys move, Enter opens.
 */
import { useState, type KeyboardEvent } from 'react';
import type { RingSummary } from '../../../../shared/contract/graph';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useQuery } from '../../lib/useQuery';

export function RingList({ activeRing, onOpen }: { activeRing: string | null; onOpen(ringId: string): void }) {
  const [search, setSearch] = useState('');
  const [hideReviewed, setHideReviewed] = useState(false);
  const rings = useQuery('graph.rings', { search: search || undefined, includeReviewed: !hideReviewed, limit: 500 });
  const list = rings.data?.rings ?? [];

  const onKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const i = list.findIndex((r) => r.id === activeRing);
    const next = list[Math.max(0, Math.min(list.length - 1, i + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      onOpen(next.id);
      document.getElementById(`ring-${next.id}`)?.focus();
    }
  };

  return (
    <div className="ring-list" data-testid="ring-list">
      <div className="ring-list-tools">
        <input
          className="input"
          type="search"
          placeholder="Filter by ring or account id"
          aria-label="Filter rings by ring or account id"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={hideReviewed} onChange={(e) => setHideReviewed(e.target.checked)} /> Hide reviewed
        </label>
        <span className="muted small">{rings.data ? `${list.length} of ${rings.data.total}` : ''}</span>
      </div>
      {rings.error ? <ErrorNotice what="Could not list rings" error={rings.error} onRetry={rings.reload} /> : null}
      {rings.data && list.length === 0 ? <p className="empty-line">No rings{search ? ' match this filter' : ' yet: build the graph'}.</p> : null}
      <ul className="ring-items" role="listbox" aria-label="Rings by score" onKeyDown={onKey}>
        {list.map((ring) => (
          <RingItem key={ring.id} ring={ring} active={ring.id === activeRing} onOpen={onOpen} />
        ))}
      </ul>
    </div>
  );
}

function RingItem({ ring, active, onOpen }: { ring: RingSummary; active: boolean; onOpen(id: string): void }) {
  return (
    <li
      id={`ring-${ring.id}`}
      role="option"
      aria-selected={active}
      tabIndex={active ? 0 : -1}
      className={`ring-item${active ? ' active' : ''}${ring.reviewedAt ? ' reviewed' : ''}`}
      data-ring={ring.id}
      onClick={() => onOpen(ring.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(ring.id);
      }}
    >
      <div className="ring-item-head">
        <span className="ring-score" title="Score out of 100">{ring.score.toFixed(0)}</span>
        <span className="ring-bar" aria-hidden="true">
          <span style={{ width: `${Math.min(100, ring.score)}%` }} />
        </span>
        <span className="ring-size">{ring.size} acc</span>
        {ring.reviewedAt ? <span className="pill pill-success">reviewed</span> : null}
      </div>
      <div className="ring-id mono">{ring.id}</div>
      <div className="ring-headline">{ring.headline}</div>
    </li>
  );
}
