/** The toast stack (bottom right, above the status bar). Errors are announced assertively. */
import { dismissToast, toastStore } from '../lib/toasts';
import { useStore } from '../lib/store';
import { Icon } from './Icon';

export function Toasts() {
  const toasts = useStore(toastStore);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
          <Icon name={toast.kind === 'error' ? 'alert' : toast.kind === 'success' ? 'check' : 'info'} />
          <div className="toast-body">
            <strong>{toast.title}</strong>
            {toast.message ? <span>{toast.message}</span> : null}
            {toast.code ? <code className="notice-code">{toast.code}</code> : null}
          </div>
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => dismissToast(toast.id)}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
