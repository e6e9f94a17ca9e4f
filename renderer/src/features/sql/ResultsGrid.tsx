/**
 * A run's rows in AG Grid's infinite row model: the first page comes with sql.run, later blocks
 * are pulled with sql.page from the runner's open cursor as the analyst scrolls, so a result of
 * millions of rows shows at once and never sits whole in memory. Columns are typed from the
 * declared type (numbers right-aligned, NULL shown as such); a cell or a row copies with
 * Ctrl/Cmd+C (cell) or the context actions of the toolbar.
 */
import type {
  CellKeyDownEvent,
  ColDef,
  GridApi,
  IDatasource,
  IHeaderParams,
  ValueFormatterParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useRef } from 'react';
import type { SqlColumn, SqlRunResult, SqlValue } from '../../../../shared/contract/sql';
import { gridTheme } from '../../app/gridTheme';
import { client } from '../../lib/client';
import { pushToast } from '../../lib/toasts';

const BLOCK = 200;

type Row = Record<string, SqlValue>;

export interface GridHandle {
  /** The focused cell's value and its whole row (as tab-separated text), for copying. */
  focused(): { cell: SqlValue; row: SqlValue[] } | null;
}

function isNumeric(column: SqlColumn): boolean {
  return column.affinity === 'INTEGER' || column.affinity === 'REAL' || column.affinity === 'NUMERIC';
}

/** Integer columns named like our epoch-millisecond timestamps are shown as UTC date-times. */
const TIME_COLUMN = /(_at|^first_seen|^last_seen|_time|^ts)$/i;

function isTimeColumn(c: SqlColumn, sample: SqlValue | undefined): boolean {
  return (
    c.affinity === 'INTEGER' &&
    TIME_COLUMN.test(c.name) &&
    (sample === undefined ||
      sample === null ||
      (typeof sample === 'number' && sample > 946_684_800_000 && sample < 4_102_444_800_000))
  );
}

function formatTime(p: ValueFormatterParams<Row>): string {
  const v = p.value as SqlValue | undefined;
  if (typeof v !== 'number') return formatCell(p);
  return new Date(v)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.000Z$/, 'Z')
    .replace(/\.(\d{3})Z$/, '.$1Z');
}

/** A starting width from the header (name + type) and the first page's text. */
function widthFor(c: SqlColumn, index: number, rows: readonly (readonly SqlValue[])[], time: boolean): number {
  const header = c.name.length * 7.5 + (c.declaredType ?? c.affinity).length * 6 + 44;
  let longest = 0;
  for (const row of rows.slice(0, 50)) {
    const v = row[index];
    longest = Math.max(longest, v === null || v === undefined ? 4 : String(v).length);
  }
  const content = (time ? 24 : Math.min(longest, 60)) * 7.5 + 28;
  return Math.round(Math.min(420, Math.max(72, header, content)));
}

function formatCell(p: ValueFormatterParams<Row>): string {
  const v = p.value as SqlValue | undefined;
  if (v === undefined) return '';
  if (v === null) return 'NULL';
  if (typeof v === 'number')
    return Number.isInteger(v) ? String(v) : v.toLocaleString('en-US', { maximumFractionDigits: 6 });
  return v.length > 500 ? `${v.slice(0, 500)}…` : v;
}

/** Column header: the name, and its type in small print (so numbers vs text is visible). */
function TypedHeader({ displayName, type }: IHeaderParams<Row> & { type: string }) {
  return (
    <span className="sql-head">
      <span className="sql-head-name">{displayName}</span>
      <span className="sql-head-type">{type}</span>
    </span>
  );
}

export function rowText(values: readonly SqlValue[]): string {
  return values.map((v) => (v === null ? '' : String(v))).join('\t');
}

async function copy(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    pushToast({ kind: 'success', title: `${what} copied` });
  } catch (err) {
    pushToast({ kind: 'error', title: `Could not copy the ${what.toLowerCase()}`, message: (err as Error).message });
  }
}

export function ResultsGrid({
  result,
  onRowCount,
  onError,
  handleRef,
}: {
  result: SqlRunResult;
  onRowCount: (n: number) => void;
  onError: (message: string) => void;
  handleRef: { current: GridHandle | null };
}) {
  const apiRef = useRef<GridApi<Row> | null>(null);
  const keys = useMemo(() => result.columns.map((_, i) => `c${i}`), [result.columns]);
  const toRow = useMemo(
    () => (values: readonly SqlValue[]) => Object.fromEntries(keys.map((k, i) => [k, values[i] ?? null])) as Row,
    [keys],
  );

  const columnDefs = useMemo<ColDef<Row>[]>(
    () => [
      {
        headerName: '#',
        colId: '__row',
        width: 64,
        pinned: 'left',
        sortable: false,
        resizable: false,
        cellClass: 'num faint',
        valueGetter: (p) => (p.node?.rowIndex ?? 0) + 1,
      },
      ...result.columns.map<ColDef<Row>>((c, i) => {
        const time = isTimeColumn(c, result.firstPage[0]?.[i]);
        return {
          field: keys[i] as string,
          headerName: c.name,
          headerTooltip: `${c.name}: ${c.declaredType ?? `${c.affinity} (expression)`}${c.table ? ` from ${c.table}` : ''}`,
          headerComponent: TypedHeader,
          headerComponentParams: { type: (c.declaredType ?? c.affinity).toLowerCase() },
          sortable: false,
          resizable: true,
          minWidth: 60,
          width: widthFor(c, i, result.firstPage, time),
          type: isNumeric(c) && !time ? 'rightAligned' : undefined,
          cellClass: (p) => [isNumeric(c) && !time ? 'num' : 'tabular', p.value === null ? 'sql-null' : ''].join(' '),
          valueFormatter: time ? formatTime : formatCell,
          // The raw value stays one hover away (and is what copy and export use).
          tooltipValueGetter: time ? (p) => String(p.value ?? '') : undefined,
        };
      }),
    ],
    [result.columns, result.firstPage, keys],
  );

  const datasource = useMemo<IDatasource>(() => {
    const first = result.firstPage.map(toRow);
    return {
      getRows: (params) => {
        const { startRow, endRow } = params;
        if (endRow <= first.length || result.done) {
          const rows = first.slice(startRow, endRow);
          params.successCallback(rows, result.done ? first.length : -1);
          if (result.done) onRowCount(first.length);
          return;
        }
        void client
          .call('sql.page', { queryId: result.queryId, offset: startRow, limit: endRow - startRow, timeoutMs: 60_000 })
          .then((outcome) => {
            if (!outcome.ok) {
              params.failCallback();
              onError(`${outcome.error.code}: ${outcome.error.message}`);
              return;
            }
            const rows = outcome.value.rows.map(toRow);
            const last = outcome.value.done ? startRow + rows.length : -1;
            params.successCallback(rows, last);
            if (last >= 0) onRowCount(last);
          });
      },
    };
  }, [result, toRow, onRowCount, onError]);

  handleRef.current = {
    focused: () => {
      const api = apiRef.current;
      const cell = api?.getFocusedCell();
      if (!api || !cell) return null;
      const node = api.getDisplayedRowAtIndex(cell.rowIndex);
      if (!node?.data) return null;
      const row = keys.map((k) => node.data?.[k] ?? null);
      const index = keys.indexOf(cell.column.getColId());
      return { cell: index >= 0 ? (row[index] ?? null) : null, row };
    },
  };

  const onCellKeyDown = (event: CellKeyDownEvent<Row>) => {
    const e = event.event as KeyboardEvent | null;
    if (!e || !(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'c') return;
    const focused = handleRef.current?.focused();
    if (!focused) return;
    e.preventDefault();
    if (e.shiftKey) void copy(rowText(focused.row), 'Row');
    else void copy(focused.cell === null ? '' : String(focused.cell), 'Cell');
  };

  return (
    <div className="sql-grid" data-testid="sql-grid">
      <AgGridReact<Row>
        key={result.queryId}
        theme={gridTheme}
        rowModelType="infinite"
        datasource={datasource}
        columnDefs={columnDefs}
        cacheBlockSize={BLOCK}
        maxBlocksInCache={50}
        infiniteInitialRowCount={Math.min(result.firstPage.length, BLOCK)}
        rowBuffer={20}
        enableCellTextSelection
        ensureDomOrder
        suppressMovableColumns={false}
        onGridReady={(e) => {
          apiRef.current = e.api;
        }}
        onCellKeyDown={onCellKeyDown}
        overlayNoRowsTemplate='<span class="muted">The query returned no rows.</span>'
      />
    </div>
  );
}
