/**
 * Readiness signals for people and for tests (which wait on attributes, never on sleeps):
 *  - `<html data-app-state>`: `loading` until app.info has answered and the first screen has
 *    its data, then `ready`; `error` (with a visible message) when the host cannot be reached.
 *  - `<html data-screen-state>`: the current screen's own loading/ready, for later navigations.
 *  - `<html data-jobs>`: `busy` while any job is queued or running, else `idle`.
 */
import { useEffect } from 'react';
import { createStore } from './store';

export const screenReadyStore = createStore<{ screen: string; ready: boolean }>({ screen: '', ready: false });

/** A screen calls this with `true` once its primary data (or its error) has arrived. */
export function useReportScreenReady(screen: string, ready: boolean): void {
  useEffect(() => {
    screenReadyStore.set({ screen, ready });
  }, [screen, ready]);
}

export function setRootAttribute(name: string, value: string): void {
  if (document.documentElement.getAttribute(name) !== value) document.documentElement.setAttribute(name, value);
}
