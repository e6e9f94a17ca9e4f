/**
 * Packets: export a case as an evidence packet anyone can read and verify (#8), see what the
 * redaction profile replaces first, download packets, and verify a packet dropped on the screen.
 * `#/packets?case=ID` preselects a case (the Cases screen links here).
 */
import { useEffect, useState } from 'react';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useReportScreenReady } from '../../lib/readiness';
import { routeParams } from '../../lib/workbench';
import { ExportPanel } from './ExportPanel';
import { PacketList } from './PacketList';
import { VerifyPanel } from './VerifyPanel';
import './packets.css';

export function PacketsScreen() {
  const [caseId, setCaseId] = useState(() => routeParams().get('case') ?? '');
  useReportScreenReady('packets', true);
  useEffect(() => {
    const onHash = () => {
      const next = routeParams().get('case');
      if (next) setCaseId(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return (
    <div className="screen packets" data-testid="screen-packets">
      <ScreenHeader
        title="Evidence packets"
        subtitle="Export a case as one ZIP anyone can read without Ringside and prove unaltered; verify packets you receive."
      />
      <div className="packets-grid">
        <ExportPanel caseId={caseId} setCaseId={setCaseId} />
        <div className="packets-side">
          <VerifyPanel />
          <PacketList />
        </div>
      </div>
    </div>
  );
}
