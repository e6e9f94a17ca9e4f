/**
 * Workspace settings (identity, theme, time display), read once at start and re-read when the
 * host says the `settings` table changed, e.g. after another window saved them.
 */
import type { RequestOf } from '../../../shared/contract/methods';
import type { Settings } from '../../../shared/contract/types';
import { client, toastError } from './client';
import { onReconnect } from './connection';
import { createStore, useStore } from './store';

export const settingsStore = createStore<Settings | null>(null);

export async function loadSettings(): Promise<boolean> {
  const outcome = await client.call('settings.get', {});
  if (!outcome.ok) {
    toastError('Reading settings', outcome.error);
    return false;
  }
  settingsStore.set(outcome.value);
  return true;
}

let started = false;
export function startSettingsTracking(): void {
  if (started) return;
  started = true;
  client.on('data.changed', ({ tables }) => {
    if (tables.includes('settings')) void loadSettings();
  });
  onReconnect(() => void loadSettings());
}

/**
 * Saves a change. Returns the outcome so forms can place field errors; toasts nothing itself
 * except through the caller.
 */
export async function updateSettings(changes: RequestOf<'settings.update'>) {
  const outcome = await client.call('settings.update', changes);
  if (outcome.ok) settingsStore.set(outcome.value);
  return outcome;
}

export function useSettings(): Settings | null {
  return useStore(settingsStore);
}
