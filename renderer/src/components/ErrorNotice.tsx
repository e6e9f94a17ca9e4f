/** An inline error: what could not be done, the host's message and its code, and a retry. */
import type { ApiError } from '../../../shared/contract/errors';
import { Icon } from './Icon';

export function ErrorNotice({
  what,
  error,
  onRetry,
  retryLabel = 'Retry',
}: {
  what: string;
  error: ApiError;
  onRetry?: () => void;
  retryLabel?: string;
}) {
  return (
    <div className="notice notice-error" role="alert">
      <Icon name="alert" />
      <div className="notice-body">
        <strong>{what}</strong>
        <span>
          {error.message} <code className="notice-code">{error.code}</code>
        </span>
      </div>
      {onRetry ? (
        <button type="button" className="btn btn-sm" onClick={onRetry}>
          {retryLabel}
        </button>
      ) : null}
    </div>
  );
}
