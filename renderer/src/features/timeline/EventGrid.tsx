/**
 * The events of the brushed range (or of the current window when nothing is brushed), paged
 * from `timeline.events` with AG Grid's infinite row model, so a window of a million events
 * scrolls without loading them. Clicking a row selects the event (highlighting its account);
 * an event picked on the canvas is scrolled to and selected here.
 */
import type { ColDef, GridApi, IDatasource } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiError } from '../../../../shared/contract/errors';
import type { TimelineEventRow } from '../../../../shared/contract/timeline';
import { gridTheme } from '../../app/gridTheme';
import { ErrorNotice } from '../../components/ErrorNotice';
import { client } from '../../lib/client';
import type { DisplayZone } from '../../lib/format';
import { typeColour } from './palette';
import { formatInstant, type Viewport } from './scale';

function TypeCell({ value }: { value: string | undefined }) {
  if (!value) return null;
  return (
    <span className="type-cell">
      <span className="type-swatch" style={{ background: typeColour(value) }} aria-hidden="true" />
      {value}
    </span>
  );
}

function attrsText(attrs: string | undefined): string {
  if (!attrs || attrs === '{}') return '';
  try {
    return Object.entries(JSON.parse(attrs) as Record<string, unknown>)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join('  ');
  } catch {
    return attrs;
  }
}

export const EventGrid = memo(function EventGrid({
  accounts,
  range,
  types,
  zone,
  selected,
  onSelect,
  onTotal,
}: {
  accounts: readonly string[];
  range: Viewport;
  types: readonly string[];
  zone: DisplayZone;
  selected: { readonly id: string; readonly at: number } | null;
  onSelect: (row: TimelineEventRow) => void;
  onTotal: (total: number) => void;
}) {
  const apiRef = useRef<GridApi<TimelineEventRow> | null>(null);
  // State, not just the ref: an event picked before the grid is ready must be applied once it is.
  const [gridReady, setGridReady] = useState(false);
  const pendingIndexRef = useRef<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const selectedEventId = selected?.id ?? null;
  const selectedRef = useRef(selectedEventId);
  selectedRef.current = selectedEventId;
  const onTotalRef = useRef(onTotal);
  onTotalRef.current = onTotal;
  const accountsKey = accounts.join(',');
  const typesKey = types.join(',');

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params) => {
        void client
          .call('timeline.events', {
            accounts: [...accounts],
            from: range.from,
            to: Math.max(range.to, range.from + 1),
            offset: params.startRow,
            limit: params.endRow - params.startRow,
            ...(types.length > 0 ? { types: [...types] } : {}),
          })
          .then((outcome) => {
            if (!outcome.ok) {
              setError(outcome.error);
              params.failCallback();
              return;
            }
            setError(null);
            onTotalRef.current(outcome.value.total);
            params.successCallback([...outcome.value.rows], outcome.value.total);
            const selected = selectedRef.current;
            const node = selected ? apiRef.current?.getRowNode(selected) : undefined;
            if (node) node.setSelected(true, true);
            // The picked event lies in a block not loaded yet (a scroll asked before the grid knew
            // its row count is dropped): ask again now that the first rows are in.
            else if (selected && pendingIndexRef.current !== null) apiRef.current?.ensureIndexVisible(pendingIndexRef.current, 'middle');
          });
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [accountsKey, range.from, range.to, typesKey],
  );

  // An event picked on the canvas: find its position in the range, scroll there, select it.
  useEffect(() => {
    const api = apiRef.current;
    pendingIndexRef.current = null;
    if (!api || !selected) return undefined;
    const node = api.getRowNode(selected.id);
    if (node) {
      node.setSelected(true, true);
      if (node.rowIndex !== null) api.ensureIndexVisible(node.rowIndex, 'middle');
      return undefined;
    }
    let live = true;
    void (async () => {
      const index = await findIndex(accounts, range, types, selected);
      if (!live || index === null) return;
      pendingIndexRef.current = index;
      api.ensureIndexVisible(index, 'middle');
    })();
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedEventId, gridReady]);

  const columnDefs = useMemo<ColDef<TimelineEventRow>[]>(
    () => [
      { field: 'at', headerName: `Time (${zone === 'utc' ? 'UTC' : 'local'})`, width: 204, cellClass: 'tabular', valueFormatter: (p) => (p.value ? formatInstant(p.value as number, zone) : '') },
      { field: 'accountId', headerName: 'Account', width: 130, cellClass: 'mono' },
      { field: 'type', headerName: 'Type', width: 170, cellRenderer: TypeCell },
      { field: 'ip', headerName: 'IP', width: 120, cellClass: 'mono' },
      { field: 'device', headerName: 'Device', width: 150, cellClass: 'mono' },
      { field: 'amount', headerName: 'Amount', width: 96, type: 'rightAligned', cellClass: 'num', valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : Number(p.value).toFixed(2)) },
      { field: 'attrs', headerName: 'Details', flex: 1, minWidth: 200, cellClass: 'mono faint', valueFormatter: (p) => attrsText(p.value as string | undefined) },
    ],
    [zone],
  );

  return (
    <div className="timeline-grid" data-testid="timeline-grid" data-range={`${range.from},${range.to}`}>
      {error ? <ErrorNotice what="Could not read the events" error={error} onRetry={() => apiRef.current?.refreshInfiniteCache()} /> : null}
      <AgGridReact<TimelineEventRow>
        theme={gridTheme}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={200}
        maxBlocksInCache={20}
        columnDefs={columnDefs}
        defaultColDef={{ sortable: false, resizable: true }}
        getRowId={(p) => p.data.id}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onGridReady={(e) => {
          apiRef.current = e.api;
          setGridReady(true);
        }}
        onRowClicked={(e) => e.data && onSelect(e.data)}
        overlayNoRowsTemplate="No events in this range"
      />
    </div>
  );
});

/**
 * Position of an event in the range's (occurred_at, id) order: the number of earlier events,
 * then its place among the events that share or follow its timestamp.
 */
async function findIndex(accounts: readonly string[], range: Viewport, types: readonly string[], event: { id: string; at: number }): Promise<number | null> {
  if (event.at < range.from || event.at >= range.to) return null;
  const base = { accounts: [...accounts], from: range.from, ...(types.length > 0 ? { types: [...types] } : {}) };
  const before = event.at > range.from ? await client.call('timeline.events', { ...base, to: event.at, offset: 0, limit: 1 }) : null;
  if (before && !before.ok) return null;
  const offset = before ? before.value.total : 0;
  const page = await client.call('timeline.events', { ...base, to: range.to, offset, limit: 500 });
  if (!page.ok) return null;
  const at = page.value.rows.findIndex((r) => r.id === event.id);
  return at >= 0 ? offset + at : null;
}
