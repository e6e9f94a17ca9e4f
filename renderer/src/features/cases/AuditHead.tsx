/**
 * The audit chain head (newest entry and its hash), shown on the Cases screen so a reviewer can
 * note it (e.g. in an evidence packet) and later prove nothing before it changed; Verify
 * recomputes the whole chain and names the first bad entry.
 */
import { useState } from 'react';
import type { AuditVerifyResult } from '../../../../shared/contract/decisions';
import { callOrToast } from '../../lib/client';
import { useQuery } from '../../lib/useQuery';

export function AuditHead() {
  const head = useQuery('audit.head', {}, { refetchOn: (tables) => tables.includes('audit_log') });
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setResult(await callOrToast('audit.verify', {}));
    setBusy(false);
  };
  const h = head.data;
  const state = result === null ? 'unverified' : result.ok ? 'ok' : 'broken';
  return (
    <div className={`audit-head audit-${state}`} data-testid="audit-head" title={h ? `Audit chain head #${h.seq}\n${h.hash}` : undefined}>
      <span className="faint">Audit head</span>
      {h && h.seq === 0 ? (
        <span className="muted">empty</span>
      ) : (
        <>
          <span className="mono">#{h?.seq ?? '…'}</span>
          <span className="mono audit-hash">{h ? h.hash.slice(0, 16) : ''}</span>
        </>
      )}
      {result ? (
        <span className={result.ok ? 'text-success' : 'text-danger'} data-testid="audit-verify-result">
          {result.ok ? `Intact · ${result.entries} entries` : `Broken at #${result.firstBad?.seq}: ${result.firstBad?.reason}`}
        </span>
      ) : null}
      <button type="button" className="btn btn-xs" disabled={busy} onClick={() => void verify()}>
        {busy ? 'Verifying…' : 'Verify'}
      </button>
    </div>
  );
}
