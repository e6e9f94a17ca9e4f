/**
 * `confirm()` for actions that change a lot at once (load demo data): a promise-returning,
 * styled replacement for window.confirm, rendered once by the app shell.
 */
import { createStore, useStore } from '../lib/store';
import { Dialog } from './Dialog';

interface ConfirmRequest {
  readonly title: string;
  readonly body: string;
  readonly confirmLabel: string;
  readonly resolve: (ok: boolean) => void;
}

const confirmStore = createStore<ConfirmRequest | null>(null);

export function confirm(options: Omit<ConfirmRequest, 'resolve'>): Promise<boolean> {
  return new Promise((resolve) => {
    confirmStore.get()?.resolve(false);
    confirmStore.set({ ...options, resolve });
  });
}

export function ConfirmHost() {
  const request = useStore(confirmStore);
  const settle = (ok: boolean) => {
    if (!request) return;
    confirmStore.set(null);
    request.resolve(ok);
  };
  return (
    <Dialog
      open={request !== null}
      onClose={() => settle(false)}
      title={request?.title ?? ''}
      labelledBy="confirm-title"
      className="dialog-confirm"
      footer={
        <>
          <button type="button" className="btn" onClick={() => settle(false)}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => settle(true)} autoFocus>
            {request?.confirmLabel ?? 'OK'}
          </button>
        </>
      }
    >
      <p>{request?.body}</p>
    </Dialog>
  );
}
