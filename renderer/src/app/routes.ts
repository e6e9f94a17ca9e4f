/**
 * The screens, in rail order, with their `g <key>` shortcut. Routing is by hash (`#/sources`)
 * so a reload keeps the screen and no server routes are needed in either transport.
 */
import { useSyncExternalStore } from 'react';
import type { IconName } from '../components/Icon';

export const ROUTES = [
  { id: 'overview', label: 'Overview', icon: 'overview', key: 'o' },
  { id: 'dashboard', label: 'Dashboard', icon: 'dashboard', key: 'd' },
  { id: 'cases', label: 'Cases', icon: 'cases', key: 'c' },
  { id: 'graph', label: 'Graph', icon: 'graph', key: 'g' },
  { id: 'timeline', label: 'Timeline', icon: 'timeline', key: 't' },
  { id: 'sql', label: 'SQL', icon: 'sql', key: 'q' },
  { id: 'packets', label: 'Packets', icon: 'packets', key: 'p' },
  { id: 'sources', label: 'Sources', icon: 'sources', key: 's' },
  { id: 'rules', label: 'Rules', icon: 'rules', key: 'r' },
  { id: 'settings', label: 'Settings', icon: 'settings', key: ',' },
] as const satisfies readonly { id: string; label: string; icon: IconName; key: string }[];

export type RouteId = (typeof ROUTES)[number]['id'];
export type Route = (typeof ROUTES)[number];

export function routeFromHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return ROUTES.some((r) => r.id === id) ? (id as RouteId) : 'overview';
}

export function hrefFor(id: RouteId): string {
  return `#/${id}`;
}

export function navigate(id: RouteId): void {
  if (routeFromHash(window.location.hash) !== id || window.location.hash === '') window.location.hash = `/${id}`;
}

function subscribeHash(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): RouteId {
  return useSyncExternalStore(subscribeHash, () => routeFromHash(window.location.hash));
}

export function shortcutLabel(route: Route): string {
  return `G ${route.key === ',' ? ',' : route.key.toUpperCase()}`;
}
