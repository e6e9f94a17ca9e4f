/**
 * Light/dark theme: follows the OS (`prefers-color-scheme`) unless Settings override it. The
 * resolved theme goes on <html> as `data-theme` (our CSS variables) and `data-ag-theme-mode`
 * (AG Grid's dark variant). The last choice is cached locally so a reload does not flash the
 * wrong theme before settings arrive.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { Settings } from '../../../shared/contract/types';
import { toastError } from '../lib/client';
import { setRootAttribute } from '../lib/readiness';
import { settingsStore, updateSettings, useSettings } from '../lib/settings';

type Preference = Settings['theme'];
export type ResolvedTheme = 'light' | 'dark';

const CACHE_KEY = 'ringside.theme';
const media = () => window.matchMedia('(prefers-color-scheme: dark)');

function subscribeOs(listener: () => void): () => void {
  const query = media();
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

function osTheme(): ResolvedTheme {
  return media().matches ? 'dark' : 'light';
}

function cachedPreference(): Preference {
  try {
    const value = window.localStorage.getItem(CACHE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function resolveTheme(preference: Preference, os: ResolvedTheme): ResolvedTheme {
  return preference === 'system' ? os : preference;
}

export function applyTheme(theme: ResolvedTheme): void {
  setRootAttribute('data-theme', theme);
  setRootAttribute('data-ag-theme-mode', theme);
}

/** Mounted once by the shell: keeps <html> in step with Settings and the OS. */
export function useThemeController(): ResolvedTheme {
  const settings = useSettings();
  const os = useSyncExternalStore(subscribeOs, osTheme);
  const preference = settings?.theme ?? cachedPreference();
  const resolved = resolveTheme(preference, os);
  useEffect(() => {
    applyTheme(resolved);
    try {
      window.localStorage.setItem(CACHE_KEY, preference);
    } catch {
      // Storage can be unavailable (private windows); the theme still applies for this session.
    }
  }, [resolved, preference]);
  return resolved;
}

export async function setThemePreference(theme: Preference): Promise<void> {
  const outcome = await updateSettings({ theme });
  if (!outcome.ok) toastError('Saving the theme', outcome.error);
}

/** Flips between light and dark from whatever is showing now (an explicit choice, not system). */
export function toggleTheme(): Promise<void> {
  const current = document.documentElement.getAttribute('data-theme') === 'dark' ? 'dark' : 'light';
  return setThemePreference(current === 'dark' ? 'light' : 'dark');
}

export function initialTheme(): void {
  applyTheme(resolveTheme(settingsStore.get()?.theme ?? cachedPreference(), osTheme()));
}
