/**
 * The app's one typed client over the chosen transport. Modules import `client` directly: there
 * is exactly one host per window, and a module singleton keeps hooks free of context plumbing.
 */
import { createClient, type RingsideClient } from '../../../shared/contract/client';
import type { MethodName, RequestOf, ResultOf } from '../../../shared/contract/methods';
import { createTransport } from './transport';
import { pushToast } from './toasts';

export const client: RingsideClient = createClient(createTransport());

/**
 * Calls a method and, on failure, shows a toast naming the method, code and message, so a failed
 * action never goes unnoticed. Returns the value, or null after a failure.
 */
export async function callOrToast<M extends MethodName>(method: M, params: RequestOf<M>): Promise<ResultOf<M> | null> {
  const outcome = await client.call(method, params);
  if (outcome.ok) return outcome.value;
  toastError(method, outcome.error);
  return null;
}

export function toastError(what: string, error: { readonly code: string; readonly message: string }): void {
  pushToast({ kind: 'error', title: `${what} failed`, message: error.message, code: error.code });
}
