/** `app.info`, read once at start (and on Retry): version, workspace, schema, transport mode. */
import type { ApiError } from '../../../shared/contract/errors';
import type { AppInfo } from '../../../shared/contract/types';
import { client } from './client';
import { createStore, useStore } from './store';

export interface AppInfoState {
  readonly info: AppInfo | null;
  readonly error: ApiError | null;
}

export const appInfoStore = createStore<AppInfoState>({ info: null, error: null });

export async function loadAppInfo(): Promise<boolean> {
  const outcome = await client.call('app.info', {});
  appInfoStore.set(outcome.ok ? { info: outcome.value, error: null } : { info: null, error: outcome.error });
  return outcome.ok;
}

export function useAppInfo(): AppInfo | null {
  return useStore(appInfoStore).info;
}

/** Whether this build's host serves a method (features lists the methods that exist). */
export function useHasFeature(method: string): boolean {
  const info = useAppInfo();
  return info === null || info.features.includes(method);
}
