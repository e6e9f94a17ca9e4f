/**
 * The investigator's working set, shared by the screens that must move together (graph,
 * timeline, cases, SQL): which accounts are selected, which one is highlighted, and the time
 * window being looked at. Selecting accounts in the graph sets the timeline's lanes; clicking an
 * event highlights its account in the graph; brushing a range narrows the graph's window.
 * It lives in memory for the window's lifetime; screens that need it across reloads encode it
 * in their hash (e.g. `#/timeline?accounts=acc_1,acc_2`).
 */
import { createStore, useStore } from './store';

export interface TimeWindow {
  /** UTC epoch milliseconds, inclusive. */
  readonly from: number;
  readonly to: number;
}

export interface Workbench {
  readonly selectedAccounts: readonly string[];
  readonly highlightedAccount: string | null;
  readonly timeWindow: TimeWindow | null;
  /** Where the selection came from, for labels like "12 accounts from ring R-07". */
  readonly origin: { readonly kind: 'ring' | 'graph' | 'case' | 'query' | 'timeline'; readonly ref: string } | null;
}

export const workbench = createStore<Workbench>({
  selectedAccounts: [],
  highlightedAccount: null,
  timeWindow: null,
  origin: null,
});

export function useWorkbench(): Workbench {
  return useStore(workbench);
}

export function selectAccounts(accounts: readonly string[], origin: Workbench['origin'] = null): void {
  const unique = [...new Set(accounts)];
  workbench.set((prev) => ({ ...prev, selectedAccounts: unique, origin }));
}

export function highlightAccount(account: string | null): void {
  workbench.set((prev) => (prev.highlightedAccount === account ? prev : { ...prev, highlightedAccount: account }));
}

export function setTimeWindow(window: TimeWindow | null): void {
  workbench.set((prev) => ({ ...prev, timeWindow: window }));
}

/** Query parameters of the current hash route (`#/graph?account=acc_1` -> { account: 'acc_1' }). */
export function routeParams(): URLSearchParams {
  const hash = window.location.hash;
  const q = hash.indexOf('?');
  return new URLSearchParams(q >= 0 ? hash.slice(q + 1) : '');
}

/** Navigates to a screen with parameters, e.g. openScreen('timeline', { accounts: 'a,b' }). */
export function openScreen(screen: string, params: Record<string, string> = {}): void {
  const query = new URLSearchParams(params).toString();
  window.location.hash = `/${screen}${query ? `?${query}` : ''}`;
}
