/**
 * Non-blocking notifications. Errors stay longer than confirmations and always carry the error
 * code, so a person can report exactly what failed.
 */
import { createStore } from './store';

export interface Toast {
  readonly id: number;
  readonly kind: 'error' | 'success' | 'info';
  readonly title: string;
  readonly message?: string;
  readonly code?: string;
}

export const toastStore = createStore<readonly Toast[]>([]);
let nextId = 1;

export function pushToast(toast: Omit<Toast, 'id'>): number {
  const id = nextId++;
  toastStore.set((list) => [...list.slice(-4), { ...toast, id }]);
  const ttl = toast.kind === 'error' ? 12000 : 5000;
  setTimeout(() => dismissToast(id), ttl);
  return id;
}

export function dismissToast(id: number): void {
  toastStore.set((list) => (list.some((t) => t.id === id) ? list.filter((t) => t.id !== id) : list));
}
