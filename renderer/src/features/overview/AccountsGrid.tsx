/**
 * All accounts, paged from the host with AG Grid's infinite row model (`accounts.list` with
 * offset/limit/sort), so a million-row cache scrolls without loading it all. Only the columns
 * the contract can sort by are sortable. Search and the lifecycle filter restart the paging.
 */
import type { ColDef, GridApi, IDatasource, SortModelItem } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { RequestOf } from '../../../../shared/contract/methods';
import type { AccountRow } from '../../../../shared/contract/types';
import { gridTheme } from '../../app/gridTheme';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { Panel } from '../../components/Panel';
import type { ApiError } from '../../../../shared/contract/errors';
import { client } from '../../lib/client';
import { onReconnect } from '../../lib/connection';
import { formatDate, formatInt, humanize, type DisplayZone } from '../../lib/format';
import { anyDataChange } from '../../lib/useQuery';
import { LifecycleCell, RiskCell } from './cells';

type ListRequest = RequestOf<'accounts.list'>;
type SortKey = NonNullable<ListRequest['sort']>;
const SORT_KEYS: Record<string, SortKey> = {
  id: 'id',
  createdAt: 'createdAt',
  riskScore: 'riskScore',
  events: 'events',
};
const LIFECYCLE_STATES = ['active', 'suspended', 'reactivation_eligible', 'offboarded'] as const;
type Lifecycle = (typeof LIFECYCLE_STATES)[number];

function columns(zone: DisplayZone): ColDef<AccountRow>[] {
  const num = { type: 'rightAligned', cellClass: 'num', sortable: false, width: 84 } as const;
  return [
    { field: 'id', headerName: 'Account', sortable: true, width: 118, cellClass: 'mono' },
    { field: 'displayName', headerName: 'Name', sortable: false, flex: 1, minWidth: 130 },
    { field: 'email', headerName: 'Email', sortable: false, flex: 1.4, minWidth: 170 },
    { field: 'country', headerName: 'Country', sortable: false, width: 82 },
    { field: 'lifecycleState', headerName: 'Lifecycle', sortable: false, width: 150, cellRenderer: LifecycleCell },
    { field: 'riskScore', headerName: 'Risk', sortable: true, sort: 'desc', width: 112, cellRenderer: RiskCell },
    { ...num, field: 'events', headerName: 'Events', sortable: true, valueFormatter: (p) => formatInt(p.value) },
    { ...num, field: 'identifiers', headerName: 'Identifiers', width: 92, valueFormatter: (p) => formatInt(p.value) },
    { ...num, field: 'openCases', headerName: 'Open cases', width: 106, valueFormatter: (p) => formatInt(p.value) },
    {
      field: 'createdAt',
      headerName: `Created (${zone === 'utc' ? 'UTC' : 'local'})`,
      sortable: true,
      width: 124,
      // Left-aligned: dates are fixed-width, and the last column must not sit under an overlay scrollbar.
      cellClass: 'tabular',
      valueFormatter: (p) => formatDate(p.value ?? null, zone),
    },
  ];
}

export function AccountsGrid({ zone }: { zone: DisplayZone }) {
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [lifecycle, setLifecycle] = useState<Lifecycle | ''>('');
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const apiRef = useRef<GridApi<AccountRow> | null>(null);

  // Debounce typing so each keystroke does not restart the paging.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(searchText.trim()), 250);
    return () => clearTimeout(timer);
  }, [searchText]);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params) => {
        const sort = params.sortModel[0] as SortModelItem | undefined;
        const request: ListRequest = {
          offset: params.startRow,
          limit: params.endRow - params.startRow,
          sort: (sort && SORT_KEYS[sort.colId]) ?? 'riskScore',
          direction: sort?.sort ?? 'desc',
          ...(search ? { search } : {}),
          ...(lifecycle ? { lifecycleState: lifecycle } : {}),
        };
        void client.call('accounts.list', request).then((outcome) => {
          if (!outcome.ok) {
            setError(outcome.error);
            params.failCallback();
            return;
          }
          setError(null);
          setTotal(outcome.value.total);
          params.successCallback([...outcome.value.rows], outcome.value.total);
        });
      },
    }),
    [search, lifecycle],
  );

  // New rows after a sync or demo load: re-read the blocks in view, keep the scroll position.
  useEffect(() => {
    const refresh = () => apiRef.current?.refreshInfiniteCache();
    const off = client.on('data.changed', ({ tables }) => anyDataChange(tables) && refresh());
    const offReconnect = onReconnect(refresh);
    return () => {
      off();
      offReconnect();
    };
  }, []);

  const columnDefs = useMemo(() => columns(zone), [zone]);
  const filtered = search !== '' || lifecycle !== '';

  return (
    <Panel
      id="accounts"
      className="accounts-panel"
      flush
      title={
        <>
          Accounts{' '}
          <span className="panel-count num" data-testid="accounts-total">
            {total === null ? '' : `${formatInt(total)}${filtered ? ' matching' : ''}`}
          </span>
        </>
      }
      actions={
        <>
          <label className="search-field">
            <Icon name="search" size={14} />
            <span className="visually-hidden">Search accounts</span>
            <input
              type="search"
              placeholder="Search id, name or email"
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
            />
          </label>
          <label className="visually-hidden" htmlFor="lifecycle-filter">
            Lifecycle state
          </label>
          <select
            id="lifecycle-filter"
            className="select select-sm"
            value={lifecycle}
            onChange={(e) => setLifecycle(e.target.value as Lifecycle | '')}
          >
            <option value="">All lifecycle states</option>
            {LIFECYCLE_STATES.map((state) => (
              <option key={state} value={state}>
                {humanize(state)}
              </option>
            ))}
          </select>
        </>
      }
    >
      {error ? (
        <ErrorNotice
          what="Could not load accounts"
          error={error}
          onRetry={() => apiRef.current?.refreshInfiniteCache()}
        />
      ) : null}
      <div className="grid-host grid-accounts">
        <AgGridReact<AccountRow>
          theme={gridTheme}
          rowModelType="infinite"
          datasource={datasource}
          columnDefs={columnDefs}
          defaultColDef={{ resizable: true, suppressHeaderMenuButton: true, suppressMovable: true }}
          cacheBlockSize={100}
          maxBlocksInCache={40}
          infiniteInitialRowCount={50}
          getRowId={(p) => p.data.id}
          onGridReady={(e) => (apiRef.current = e.api)}
          overlayNoRowsTemplate={filtered ? 'No account matches this search.' : 'No accounts in this workspace yet.'}
        />
      </div>
    </Panel>
  );
}
