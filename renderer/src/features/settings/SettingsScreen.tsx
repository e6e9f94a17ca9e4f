/**
 * Settings: identity, appearance (theme, time display), the workspace's facts, and demo data.
 * Theme and time display save on change; identity has an explicit Save because it is recorded
 * on everything you do.
 */
import { useState } from 'react';
import type { Settings } from '../../../../shared/contract/types';
import { DEFAULT_DEMO_ACCOUNTS, loadDemoWithConfirm } from '../../app/actions';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon, type IconName } from '../../components/Icon';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useAppInfo } from '../../lib/appInfo';
import { toastError } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import { useActiveJobs } from '../../lib/jobs';
import { useReportScreenReady } from '../../lib/readiness';
import { updateSettings, useSettings } from '../../lib/settings';
import { useQuery } from '../../lib/useQuery';
import { IdentityForm } from './IdentityForm';

export function SettingsScreen() {
  const settings = useSettings();
  const info = useAppInfo();
  // Settings arrive through the shared store; this read is what makes the screen "ready" and
  // surfaces a read error inline.
  const read = useQuery('settings.get', {}, { refetchOn: (t) => t.includes('settings') });
  useReportScreenReady('settings', !read.loading);
  const current = settings ?? read.data;

  const save = async (changes: Partial<Pick<Settings, 'theme' | 'displayZone'>>, what: string) => {
    const outcome = await updateSettings(changes);
    if (!outcome.ok) toastError(what, outcome.error);
  };

  return (
    <div className="screen settings" data-testid="screen-settings">
      <ScreenHeader title="Settings" subtitle="Stored in this workspace, so they travel with it." />
      {read.error ? <ErrorNotice what="Could not read settings" error={read.error} onRetry={read.reload} /> : null}
      <div className="settings-grid">
        <Panel title="Identity" id="identity">
          {current ? <IdentityForm identity={current.identity} /> : <p className="muted">Loading…</p>}
        </Panel>

        <Panel title="Appearance" id="appearance">
          <div className="field">
            <span className="label" id="theme-label">
              Theme
            </span>
            <Segmented
              labelledBy="theme-label"
              value={current?.theme ?? 'system'}
              options={[
                { value: 'system', label: 'System', icon: 'settings' },
                { value: 'light', label: 'Light', icon: 'sun' },
                { value: 'dark', label: 'Dark', icon: 'moon' },
              ]}
              onChange={(theme) => void save({ theme }, 'Saving the theme')}
            />
            <p className="field-help faint">System follows your OS light/dark setting.</p>
          </div>
          <div className="field">
            <span className="label" id="zone-label">
              Time display
            </span>
            <Segmented
              labelledBy="zone-label"
              value={current?.displayZone ?? 'utc'}
              options={[
                { value: 'utc', label: 'UTC' },
                { value: 'local', label: 'Local time' },
              ]}
              onChange={(displayZone) => void save({ displayZone }, 'Changing the time display')}
            />
            <p className="field-help faint">
              Times are stored in UTC; this only changes how they are shown. Now:{' '}
              {formatDateTime(Date.now(), current?.displayZone ?? 'utc')}
            </p>
          </div>
        </Panel>

        <Panel title="Workspace" id="workspace">
          <dl className="kv">
            <dt>Folder</dt>
            <dd className="mono break">{info?.workspace ?? '…'}</dd>
            <dt>Cache</dt>
            <dd className="mono break">{info?.cachePath ?? '…'}</dd>
            <dt>Schema version</dt>
            <dd className="num">{info?.schemaVersion ?? '…'}</dd>
            <dt>App version</dt>
            <dd>{info?.version ?? '…'}</dd>
            <dt>Mode</dt>
            <dd>{info ? (info.mode === 'desktop' ? 'Desktop' : 'Browser (ringside serve)') : '…'}</dd>
            <dt>Platform</dt>
            <dd>{info?.platform ?? '…'}</dd>
          </dl>
        </Panel>

        <Panel title="Demo data" id="demo">
          <DemoLoader />
        </Panel>
      </div>
    </div>
  );
}

function DemoLoader() {
  const [accounts, setAccounts] = useState(DEFAULT_DEMO_ACCOUNTS);
  const running = useActiveJobs().some((job) => job.method === 'demo.load');
  const valid = Number.isInteger(accounts) && accounts >= 10 && accounts <= 1_000_000;
  return (
    <div className="form">
      <p className="muted form-lead">
        A synthetic extract of a gig marketplace with injected fraud rings, synced in as the source “Demo extract”.
        Useful for trying Ringside without real data; it is added alongside whatever the workspace holds.
      </p>
      <div className="field field-inline">
        <label htmlFor="demo-accounts">Accounts</label>
        <input
          id="demo-accounts"
          className={valid ? 'input input-num' : 'input input-num input-invalid'}
          type="number"
          min={10}
          max={1_000_000}
          step={1000}
          value={Number.isNaN(accounts) ? '' : accounts}
          onChange={(e) => setAccounts(e.target.valueAsNumber)}
          aria-invalid={valid ? undefined : true}
          aria-describedby="demo-accounts-help"
        />
        <span className="field-help faint" id="demo-accounts-help">
          {valid ? '10 to 1,000,000; 5,000 loads in seconds.' : 'Enter a whole number from 10 to 1,000,000.'}
        </span>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          disabled={!valid || running}
          onClick={() => void loadDemoWithConfirm(accounts)}
        >
          <Icon name="database" size={14} /> {running ? 'Loading demo data…' : 'Load demo data…'}
        </button>
      </div>
    </div>
  );
}

function Segmented<T extends string>({
  value,
  options,
  onChange,
  labelledBy,
}: {
  value: T;
  options: readonly { value: T; label: string; icon?: IconName }[];
  onChange: (value: T) => void;
  labelledBy: string;
}) {
  return (
    <div className="segmented" role="group" aria-labelledby={labelledBy}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={option.value === value}
          onClick={() => option.value !== value && onChange(option.value)}
        >
          {option.icon ? <Icon name={option.icon} size={13} /> : null}
          {option.label}
        </button>
      ))}
    </div>
  );
}
