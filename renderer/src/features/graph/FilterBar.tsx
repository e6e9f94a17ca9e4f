/**
 * The graph toolbar: account search (Enter focuses or loads it), link kinds, hops, hide hubs,
 * collapsed/bipartite, grouping by ring, the path finder (A → B, optionally time-ordered), fit and export.
 */
import { useState } from 'react';
import type { LinkKind } from '../../../../shared/contract/graph';
import { humanize } from '../../lib/format';
import type { TimeWindow } from '../../lib/workbench';
import type { Grouping } from './aggregate';
import type { ViewMode } from './GraphCanvas';
import { KIND_COLOURS } from './graphStyle';

export const VIEW_KINDS: readonly LinkKind[] = ['device', 'payment_instrument', 'bank_account', 'phone', 'address', 'email', 'ip', 'referral', 'payment'];
export const DEFAULT_VIEW_KINDS: readonly LinkKind[] = ['device', 'payment_instrument', 'bank_account', 'phone', 'address', 'referral', 'payment'];

const SHORT: Partial<Record<LinkKind, string>> = { payment_instrument: 'payout', bank_account: 'bank' };

export function FilterBar(props: {
  kinds: LinkKind[];
  onKinds(k: LinkKind[]): void;
  hops: number;
  onHops(n: number): void;
  hideHubs: boolean;
  onHideHubs(v: boolean): void;
  mode: ViewMode;
  onMode(m: ViewMode): void;
  grouping: Grouping;
  onGrouping(g: Grouping): void;
  onSearch(id: string): void;
  onPath(from: string, to: string, timeOrdered: boolean): void;
  onFit(): void;
  onExport(kind: 'png' | 'svg'): void;
  timeWindow: TimeWindow | null;
}) {
  const [search, setSearch] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [timeOrdered, setTimeOrdered] = useState(false);
  const toggle = (k: LinkKind) => {
    const next = props.kinds.includes(k) ? props.kinds.filter((x) => x !== k) : [...props.kinds, k];
    if (next.length > 0) props.onKinds(next);
  };
  return (
    <div className="graph-toolbar">
      <div className="toolbar-row">
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            props.onSearch(search);
          }}
        >
          <input className="input mono" id="graph-search" aria-label="Focus an account id" placeholder="Account id, Enter to focus" value={search} onChange={(e) => setSearch(e.target.value)} />
        </form>
        <div className="segmented" role="group" aria-label="View">
          <button type="button" aria-pressed={props.mode === 'collapsed'} onClick={() => props.onMode('collapsed')} title="Accounts only; an edge per shared identifier">
            Accounts
          </button>
          <button type="button" aria-pressed={props.mode === 'bipartite'} onClick={() => props.onMode('bipartite')} title="Identifier nodes shown between accounts">
            + Identifiers
          </button>
        </div>
        <label className="check" title="Hops from the ring or account">
          Hops
          <select className="select select-sm" value={props.hops} onChange={(e) => props.onHops(Number(e.target.value))} aria-label="Hops">
            {[1, 2, 3].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="check" title="Identifiers shared by more accounts than their threshold (office NAT, VPN exit) are infrastructure">
          <input type="checkbox" checked={props.hideHubs} onChange={(e) => props.onHideHubs(e.target.checked)} /> Hide hubs
        </label>
        <label className="check" title="Draw rings (and linked accounts outside rings) as one node each; Auto does it above 400 accounts">
          Group
          <select className="select select-sm" value={props.grouping} onChange={(e) => props.onGrouping(e.target.value as Grouping)} aria-label="Group accounts">
            <option value="auto">Auto</option>
            <option value="always">By ring</option>
            <option value="never">Never</option>
          </select>
        </label>
      </div>
      <div className="toolbar-row">
        <div className="kind-chips" role="group" aria-label="Link kinds">
          {VIEW_KINDS.map((k) => (
            <button key={k} type="button" className="chip" aria-pressed={props.kinds.includes(k)} onClick={() => toggle(k)} title={humanize(k)}>
              <i className="swatch" style={{ background: KIND_COLOURS[k] }} />
              {SHORT[k] ?? k}
            </button>
          ))}
        </div>
      </div>
      <div className="toolbar-row">
        <form
          className="inline-form path-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (from.trim() && to.trim()) props.onPath(from.trim(), to.trim(), timeOrdered);
          }}
        >
          <input className="input mono input-short" aria-label="Path from account" placeholder="From" value={from} onChange={(e) => setFrom(e.target.value)} />
          <input className="input mono input-short" aria-label="Path to account" placeholder="To" value={to} onChange={(e) => setTo(e.target.value)} />
          <label className="check">
            <input type="checkbox" checked={timeOrdered} onChange={(e) => setTimeOrdered(e.target.checked)} /> in time order
          </label>
          <button type="submit" className="btn btn-sm">
            Find path
          </button>
        </form>
        <span className="toolbar-spacer" />
        <button type="button" className="btn btn-sm" onClick={props.onFit} title="Fit the graph to the view">
          Fit
        </button>
        <button type="button" className="btn btn-sm" onClick={() => props.onExport('png')} title="Export the whole view as PNG">
          PNG
        </button>
        <button type="button" className="btn btn-sm" onClick={() => props.onExport('svg')} title="Export the whole view as SVG">
          SVG
        </button>
      </div>
    </div>
  );
}
