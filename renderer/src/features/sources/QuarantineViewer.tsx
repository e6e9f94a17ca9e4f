/**
 * Rows that could not be read, with where they came from and why (`sync.quarantine`). The grid
 * lists them; the detail pane shows the selected row's raw text exactly as it was in the file,
 * whitespace included, because that is what someone fixing the extract needs to see.
 */
import type { CellFocusedEvent, ColDef, GridApi, RowClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useRef, useState } from 'react';
import type { QuarantineRow } from '../../../../shared/contract/sync';
import { gridTheme } from '../../app/gridTheme';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime, formatInt, type DisplayZone } from '../../lib/format';
import { useQuery } from '../../lib/useQuery';
import { baseName } from './RunFiles';

const LIMIT = 500;

const COLUMNS: ColDef<QuarantineRow>[] = [
  {
    field: 'runId',
    headerName: 'Run',
    width: 72,
    type: 'rightAligned',
    cellClass: 'num',
    valueFormatter: (p) => `#${String(p.value)}`,
  },
  {
    field: 'filePath',
    headerName: 'File',
    width: 150,
    cellClass: 'mono',
    valueFormatter: (p) => baseName(String(p.value ?? '')),
    tooltipField: 'filePath',
  },
  { field: 'line', headerName: 'Line', width: 76, type: 'rightAligned', cellClass: 'num' },
  { field: 'column', headerName: 'Column', width: 110, cellClass: 'mono', valueFormatter: (p) => p.value ?? '—' },
  { field: 'reason', headerName: 'Reason', flex: 1.2, minWidth: 200, tooltipField: 'reason' },
  { field: 'raw', headerName: 'Raw text', flex: 1.5, minWidth: 220, cellClass: 'mono cell-raw' },
];

export function QuarantineViewer({ runId, zone }: { runId: number | null; zone: DisplayZone }) {
  const page = useQuery('sync.quarantine', { ...(runId !== null ? { runId } : {}), limit: LIMIT });
  const [selected, setSelected] = useState<QuarantineRow | null>(null);
  const apiRef = useRef<GridApi<QuarantineRow> | null>(null);
  const rows = useMemo(() => (page.data ? [...page.data.rows] : []), [page.data]);
  const shown = selected && rows.some((r) => r.id === selected.id) ? selected : null;

  const showRowAt = (index: number | null | undefined) => {
    if (index === null || index === undefined) return;
    const node = apiRef.current?.getDisplayedRowAtIndex(index);
    if (node?.data) setSelected(node.data);
  };

  return (
    <div className="quarantine" data-testid="quarantine">
      {page.error ? (
        <ErrorNotice what="Could not read the quarantine" error={page.error} onRetry={page.reload} />
      ) : null}
      <p className="quarantine-count muted" aria-live="polite">
        {page.data
          ? page.data.total === 0
            ? runId !== null
              ? `Run #${runId} quarantined no rows.`
              : 'Nothing quarantined: every row of every sync was read.'
            : `${formatInt(page.data.total)} quarantined row${page.data.total === 1 ? '' : 's'}${runId !== null ? ` in run #${runId}` : ''}${page.data.total > rows.length ? ` · showing the first ${formatInt(rows.length)}` : ''}`
          : 'Loading…'}
      </p>
      {/* An empty quarantine is one line of good news, not a large empty grid. */}
      <div
        className="quarantine-split"
        hidden={page.data !== null && page.data.total === 0}
        style={{ height: Math.max(280, Math.min(420, 36 + rows.length * 30)) }}
      >
        <div className="grid-host grid-quarantine">
          <AgGridReact<QuarantineRow>
            theme={gridTheme}
            rowData={rows}
            columnDefs={COLUMNS}
            defaultColDef={{ resizable: true, sortable: true, suppressHeaderMenuButton: true, suppressMovable: true }}
            getRowId={(p) => String(p.data.id)}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onGridReady={(e) => (apiRef.current = e.api)}
            onRowClicked={(e: RowClickedEvent<QuarantineRow>) => e.data && setSelected(e.data)}
            onCellFocused={(e: CellFocusedEvent<QuarantineRow>) => showRowAt(e.rowIndex)}
            overlayNoRowsTemplate="No quarantined rows."
            tooltipShowDelay={400}
          />
        </div>
        <aside className="quarantine-detail" aria-label="Selected quarantined row">
          {shown ? (
            <>
              <dl className="kv">
                <dt>File</dt>
                <dd className="mono break">{shown.filePath}</dd>
                <dt>Line</dt>
                <dd className="num">{shown.line ?? '—'}</dd>
                <dt>Column</dt>
                <dd className="mono">{shown.column ?? '—'}</dd>
                <dt>Run</dt>
                <dd className="num">#{shown.runId}</dd>
                <dt>When</dt>
                <dd className="num">{formatDateTime(shown.createdAt, zone)}</dd>
              </dl>
              <h3>Reason</h3>
              <p className="quarantine-reason">{shown.reason}</p>
              <h3>Raw text</h3>
              <pre className="raw-text" data-testid="quarantine-raw" tabIndex={0}>
                {shown.raw === '' ? <span className="faint">(empty line)</span> : shown.raw}
              </pre>
            </>
          ) : (
            <p className="muted detail-empty">Select a row to see its raw text and why it was quarantined.</p>
          )}
        </aside>
      </div>
    </div>
  );
}
