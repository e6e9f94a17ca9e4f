/**
 * Cases: the queue on the left, the open case's workspace on the right (or the full width when
 * none is open). The audit chain head sits in the header. `n` opens a new case.
 */
import { useEffect, useState } from 'react';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useReportScreenReady } from '../../lib/readiness';
import { useSettings } from '../../lib/settings';
import { AuditHead } from './AuditHead';
import { CaseQueue } from './CaseQueue';
import { CaseWorkspace } from './CaseWorkspace';
import { NewCaseDialog } from './NewCaseDialog';
import { useOpenCaseId } from './caseRoute';
import './cases.css';

export function CasesScreen() {
  const settings = useSettings();
  const zone = settings?.displayZone ?? 'utc';
  const me = settings?.identity ? `${settings.identity.name}` : null;
  const openId = useOpenCaseId();
  const [creating, setCreating] = useState(false);
  useReportScreenReady('cases', settings !== null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === 'n' && !e.ctrlKey && !e.metaKey && !e.altKey && !target?.closest('input, textarea, select, [contenteditable], dialog')) {
        e.preventDefault();
        setCreating(true);
      }
    };
    window.addEventListener('keydown', onKey);
    const onOpen = () => setCreating(true);
    window.addEventListener('ringside:new-case', onOpen);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('ringside:new-case', onOpen);
    };
  }, []);

  return (
    <div className={openId ? 'screen cases cases-split' : 'screen cases'} data-testid="screen-cases">
      <ScreenHeader
        title="Cases"
        subtitle={settings?.identity ? `Acting as ${settings.identity.name} <${settings.identity.email}>` : 'Set your name and email in Settings before deciding: every act records who made it.'}
        actions={
          <>
            <AuditHead />
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} title="New case (n)">
              New case
            </button>
          </>
        }
      />
      <div className="cases-layout">
        <CaseQueue zone={zone} me={me} openId={openId} />
        {openId ? <CaseWorkspace key={openId} caseId={openId} zone={zone} me={me} /> : null}
      </div>
      {creating ? <NewCaseDialog onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
