/**
 * The scratchpad's tabs: text, parameter values, timeout and the saved query a tab came from.
 * Kept in localStorage under a key per workspace path, so each workspace reopens with its own
 * tabs after a restart. localStorage rather than settings: tabs change on every keystroke, and
 * that must not go through the writer or announce `data.changed` to every screen. Results are not
 * persisted (they can be large and go stale); a tab reopens with its query ready to run.
 */
import { createStore, useStore } from '../../lib/store';

export interface SqlTab {
  readonly id: string;
  readonly title: string;
  readonly sql: string;
  readonly params: Readonly<Record<string, string>>;
  readonly timeoutS: number;
  /** The saved query (file id) this tab edits, if any. */
  readonly savedId: string | null;
}

export interface TabsState {
  readonly tabs: readonly SqlTab[];
  readonly activeId: string;
}

export const DEFAULT_TIMEOUT_S = 30;
const STORAGE_PREFIX = 'ringside.sql.tabs:';
const FIRST_QUERY = `-- Read-only SQL on the cache. Ctrl+Enter runs the statement under the cursor.
SELECT type, count(*) AS events, count(DISTINCT account_id) AS accounts
FROM events
GROUP BY type
ORDER BY events DESC;
`;

let storageKey: string | null = null;

function newId(): string {
  return `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

function blankTab(n: number, sql = ''): SqlTab {
  return { id: newId(), title: `Query ${n}`, sql, params: {}, timeoutS: DEFAULT_TIMEOUT_S, savedId: null };
}

function initial(): TabsState {
  const tab = blankTab(1, FIRST_QUERY);
  return { tabs: [tab], activeId: tab.id };
}

export const tabsStore = createStore<TabsState>(initial());

function isTabsState(value: unknown): value is TabsState {
  const v = value as TabsState | null;
  return (
    !!v &&
    Array.isArray(v.tabs) &&
    v.tabs.length > 0 &&
    typeof v.activeId === 'string' &&
    v.tabs.every((t) => typeof t.id === 'string' && typeof t.sql === 'string')
  );
}

/** Loads the tabs of `workspace` (once per workspace); a damaged entry starts fresh. */
export function loadTabs(workspace: string): void {
  const key = STORAGE_PREFIX + workspace;
  if (storageKey === key) return;
  storageKey = key;
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
    if (isTabsState(parsed)) {
      const tabs = parsed.tabs.map((t) => ({
        ...t,
        params: t.params ?? {},
        timeoutS: t.timeoutS || DEFAULT_TIMEOUT_S,
        savedId: t.savedId ?? null,
      }));
      tabsStore.set({
        tabs,
        activeId: tabs.some((t) => t.id === parsed.activeId) ? parsed.activeId : (tabs[0] as SqlTab).id,
      });
      return;
    }
  } catch {
    // Unreadable JSON: fall through to a fresh set.
  }
  tabsStore.set(initial());
}

tabsStore.subscribe(() => {
  if (!storageKey) return;
  try {
    localStorage.setItem(storageKey, JSON.stringify(tabsStore.get()));
  } catch {
    // Storage full or disabled: tabs still work for this session.
  }
});

export function useTabs(): TabsState {
  return useStore(tabsStore);
}

export function activeTab(state: TabsState): SqlTab {
  return state.tabs.find((t) => t.id === state.activeId) ?? (state.tabs[0] as SqlTab);
}

export function updateTab(id: string, change: Partial<Omit<SqlTab, 'id'>>): void {
  tabsStore.set((s) => ({ ...s, tabs: s.tabs.map((t) => (t.id === id ? { ...t, ...change } : t)) }));
}

/** Opens a new tab (optionally with a query) and makes it active; returns its id. */
export function openTab(init: Partial<Omit<SqlTab, 'id'>> = {}): string {
  const used = new Set(tabsStore.get().tabs.map((t) => t.title));
  let n = tabsStore.get().tabs.length + 1;
  while (used.has(`Query ${n}`)) n++;
  const tab = { ...blankTab(n), ...init };
  tabsStore.set((s) => ({ tabs: [...s.tabs, tab], activeId: tab.id }));
  return tab.id;
}

export function closeTab(id: string): void {
  tabsStore.set((s) => {
    const index = s.tabs.findIndex((t) => t.id === id);
    const tabs = s.tabs.filter((t) => t.id !== id);
    if (tabs.length === 0) return initial();
    const activeId = s.activeId === id ? (tabs[Math.max(0, index - 1)] as SqlTab).id : s.activeId;
    return { tabs, activeId };
  });
}

export function activateTab(id: string): void {
  tabsStore.set((s) => (s.activeId === id ? s : { ...s, activeId: id }));
}
