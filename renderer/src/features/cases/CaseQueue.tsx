/**
 * The case queue: every case in an AG Grid (sortable, resizable), most urgent SLA first, with
 * filters for status group, SLA state and assignee, a search over id and title, and bulk actions
 * on the checked rows (assign, move, priority). Enter or a click opens a case in the workspace.
 */
import type { ColDef, GridApi, ICellRendererParams, SelectionChangedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useRef, useState } from 'react';
import type { CASE_STATUS_VALUES, CaseSummary } from '../../../../shared/contract/cases';
import { gridTheme } from '../../app/gridTheme';
import { ErrorNotice } from '../../components/ErrorNotice';
import { callOrToast, client } from '../../lib/client';
import { formatDateTime, type DisplayZone } from '../../lib/format';
import { pushToast } from '../../lib/toasts';
import { useQuery } from '../../lib/useQuery';
import { ActionDialog } from './DecisionsSection';
import { MANUAL_MOVES, SLA_LABEL, STATUS_LABEL, openCase } from './caseRoute';

type StatusGroup = 'open' | 'decided' | 'closed' | 'all';
const GROUPS: Record<StatusGroup, readonly (typeof CASE_STATUS_VALUES)[number][] | undefined> = {
  open: ['new', 'in_review', 'escalated', 'appealed'],
  decided: ['decided'],
  closed: ['closed'],
  all: undefined,
};

function SlaCell({ data }: ICellRendererParams<CaseSummary>) {
  if (!data) return null;
  return (
    <span className={`sla sla-${data.slaState}`} data-sla={data.slaState}>
      {SLA_LABEL[data.slaState]}
    </span>
  );
}
function StatusCell({ data }: ICellRendererParams<CaseSummary>) {
  return data ? <span className={`case-status case-status-${data.status}`}>{STATUS_LABEL[data.status] ?? data.status}</span> : null;
}

function columns(zone: DisplayZone): ColDef<CaseSummary>[] {
  return [
    { field: 'id', headerName: 'Case', width: 120, cellClass: 'mono' },
    { field: 'title', headerName: 'Title', flex: 1, minWidth: 200 },
    { field: 'status', headerName: 'Status', width: 112, cellRenderer: StatusCell },
    { field: 'priority', headerName: 'Pri', width: 66 },
    { field: 'severity', headerName: 'Sev', width: 66, valueFormatter: (p) => p.value ?? '—' },
    { field: 'policy', headerName: 'Policy', width: 160, valueFormatter: (p) => (p.value ? String(p.value).replace(/_/g, ' ') : '—') },
    { field: 'assignee', headerName: 'Assignee', width: 140, valueFormatter: (p) => p.value ?? 'Unassigned' },
    { field: 'slaState', headerName: 'SLA', width: 100, cellRenderer: SlaCell, comparator: (a: string, b: string) => ['breached', 'at_risk', 'on_track', 'none'].indexOf(a) - ['breached', 'at_risk', 'on_track', 'none'].indexOf(b) },
    { field: 'slaDueAt', headerName: `Due (${zone === 'utc' ? 'UTC' : 'local'})`, width: 200, cellClass: 'tabular', valueFormatter: (p) => (p.value ? formatDateTime(p.value, zone) : '—') },
    { field: 'subjects', headerName: 'Subj', width: 72, type: 'rightAligned' },
  ];
}

export function CaseQueue({ zone, me, openId }: { zone: DisplayZone; me: string | null; openId: string | null }) {
  const [group, setGroup] = useState<StatusGroup>('open');
  const [search, setSearch] = useState('');
  const [sla, setSla] = useState('');
  const [mine, setMine] = useState(false);
  const [selected, setSelected] = useState<CaseSummary[]>([]);
  const [assignTo, setAssignTo] = useState('');
  const [closing, setClosing] = useState(false);
  const apiRef = useRef<GridApi<CaseSummary> | null>(null);
  const statuses = GROUPS[group];
  const list = useQuery('cases.list', { statuses: statuses ? [...statuses] : undefined, search: search || undefined, assignee: mine && me ? me : undefined, limit: 1000 });
  const rows = useMemo(() => (list.data?.rows ?? []).filter((c) => !sla || c.slaState === sla), [list.data, sla]);
  const columnDefs = useMemo(() => columns(zone), [zone]);
  const ids = selected.map((c) => c.id);
  const moves = [...new Set(selected.flatMap((c) => MANUAL_MOVES[c.status] ?? []))];

  const bulk = async (what: string, run: () => Promise<unknown>) => {
    const result = await run();
    if (result) {
      pushToast({ kind: 'success', title: `${what}: ${ids.length} case${ids.length === 1 ? '' : 's'}` });
      apiRef.current?.deselectAll();
    }
  };
  const counts = list.data ? `${rows.length.toLocaleString('en-US')}${list.data.total > list.data.rows.length ? ` of ${list.data.total}` : ''}` : '…';

  return (
    <section className="panel case-queue" aria-labelledby="case-queue-title">
      <header className="panel-head">
        <h2 id="case-queue-title">
          Queue <span className="panel-count">{counts}</span>
        </h2>
        <div className="panel-actions queue-filters">
          <div className="segmented" role="group" aria-label="Status">
            {(['open', 'decided', 'closed', 'all'] as const).map((g) => (
              <button key={g} type="button" aria-pressed={group === g} onClick={() => setGroup(g)}>
                {g === 'open' ? 'Open' : g === 'decided' ? 'Decided' : g === 'closed' ? 'Closed' : 'All'}
              </button>
            ))}
          </div>
          <select className="select select-sm" aria-label="SLA state" value={sla} onChange={(e) => setSla(e.target.value)}>
            <option value="">Any SLA</option>
            <option value="breached">Breached</option>
            <option value="at_risk">At risk</option>
            <option value="on_track">On track</option>
          </select>
          <label className="check-inline" title={me ? `Cases assigned to ${me}` : 'Set your identity in Settings first'}>
            <input type="checkbox" checked={mine} disabled={!me} onChange={(e) => setMine(e.target.checked)} /> Mine
          </label>
          <input className="input queue-search" type="search" placeholder="Search id or title" aria-label="Search cases" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      </header>
      {selected.length > 0 ? (
        <div className="bulk-bar" role="toolbar" aria-label="Bulk actions" data-testid="bulk-bar">
          <strong>{selected.length} selected</strong>
          <input className="input input-sm" placeholder="Assignee" aria-label="Assign selected to" value={assignTo} onChange={(e) => setAssignTo(e.target.value)} list="case-assignees" />
          <button type="button" className="btn btn-sm" onClick={() => void bulk('Assigned', () => callOrToast('cases.assign', { caseIds: ids, assignee: assignTo.trim() || null }))}>
            {assignTo.trim() ? 'Assign' : 'Unassign'}
          </button>
          {me ? (
            <button type="button" className="btn btn-sm" onClick={() => void bulk('Assigned to you', () => callOrToast('cases.assign', { caseIds: ids, assignee: me }))}>
              Assign to me
            </button>
          ) : null}
          <select className="select select-sm" aria-label="Move selected to" value="" onChange={(e) => {
            const to = e.target.value as CaseSummary['status'] & ('new' | 'in_review' | 'escalated' | 'closed');
            if (!to) return;
            if (to === 'closed') return setClosing(true);
            void bulk(`Moved to ${STATUS_LABEL[to]}`, () => callOrToast('cases.transition', { caseIds: ids, to }));
          }}>
            <option value="">Move to…</option>
            {moves.map((m) => <option key={m} value={m}>{STATUS_LABEL[m]}</option>)}
          </select>
          <select className="select select-sm" aria-label="Set priority" value="" onChange={(e) => {
            const priority = e.target.value as 'P1' | 'P2' | 'P3' | 'P4';
            if (priority) void bulk(`Priority ${priority}`, () => callOrToast('cases.update', { caseIds: ids, priority }));
          }}>
            <option value="">Priority…</option>
            {['P1', 'P2', 'P3', 'P4'].map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </div>
      ) : null}
      {closing ? (
        <ActionDialog title={`Close ${ids.length} case${ids.length === 1 ? '' : 's'}`} label="Close" fieldLabel="Reason" minLength={3} onClose={() => setClosing(false)}
          intro="All or nothing: if one case cannot be closed, none is."
          submit={async (reason) => {
            const outcome = await client.call('cases.transition', { caseIds: ids, to: 'closed', reason });
            if (outcome.ok) apiRef.current?.deselectAll();
            return outcome.ok ? null : outcome.error;
          }} />
      ) : null}
      {list.error ? <ErrorNotice what="Could not list cases" error={list.error} onRetry={list.reload} /> : null}
      <datalist id="case-assignees">
        {[...new Set((list.data?.rows ?? []).map((c) => c.assignee).filter((a): a is string => !!a))].map((a) => <option key={a} value={a} />)}
      </datalist>
      <div className="grid-host grid-cases">
        <AgGridReact<CaseSummary>
          theme={gridTheme}
          rowData={rows}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, sortable: true, suppressHeaderMenuButton: true, suppressMovable: true }}
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false }}
          getRowId={(p) => p.data.id}
          getRowClass={(p) => (p.data?.id === openId ? 'row-open' : undefined)}
          onGridReady={(e) => (apiRef.current = e.api)}
          onSelectionChanged={(e: SelectionChangedEvent<CaseSummary>) => setSelected(e.api.getSelectedRows())}
          onRowClicked={(e) => {
            const target = e.event?.target as HTMLElement | undefined;
            if (e.data && !target?.closest('.ag-selection-checkbox')) openCase(e.data.id);
          }}
          onCellKeyDown={(e) => {
            if ((e.event as KeyboardEvent | undefined)?.key === 'Enter' && e.data) openCase(e.data.id);
          }}
          overlayNoRowsTemplate={list.loading ? 'Loading cases…' : 'No case matches these filters.'}
        />
      </div>
    </section>
  );
}
