/**
 * What the command palette offers: every screen, then actions that depend on current state
 * (a sync per source, cancel per running job). Built fresh each time the palette opens.
 */
import type { SourceInfo } from '../../../shared/contract/sync';
import type { JobInfo } from '../../../shared/contract/types';
import { cancelJob } from '../components/JobProgress';
import { updateSettings } from '../lib/settings';
import { client, toastError } from '../lib/client';
import { pushToast } from '../lib/toasts';
import { timelineCommands } from '../features/timeline/commands';
import { loadDemoWithConfirm, syncSource } from './actions';
import { navigate, ROUTES, shortcutLabel } from './routes';
import { setThemePreference, toggleTheme } from './theme';
import { startGraphBuild } from '../features/graph/useGraphBuild';
import { sqlCommands } from '../features/sql/commands';

export interface Command {
  readonly id: string;
  readonly section: 'Go to' | 'Sync' | 'Actions' | 'Jobs';
  readonly title: string;
  /** Extra words to match on, not shown. */
  readonly keywords?: string;
  readonly hint?: string;
  run(): void;
}

export interface CommandContext {
  readonly sources: readonly SourceInfo[];
  readonly activeJobs: readonly JobInfo[];
  readonly displayZone: 'utc' | 'local';
  readonly openJobs: () => void;
}

export function buildCommands(ctx: CommandContext): Command[] {
  const commands: Command[] = ROUTES.map((route) => ({
    id: `go:${route.id}`,
    section: 'Go to',
    title: `Go to ${route.label}`,
    keywords: 'navigate screen open',
    hint: shortcutLabel(route),
    run: () => navigate(route.id),
  }));
  commands.push({
    id: 'source:add',
    section: 'Sync',
    title: 'Add a source…',
    keywords: 'folder url import new',
    run: () => {
      navigate('sources');
      // The field exists once the Sources screen has rendered.
      requestAnimationFrame(() => document.getElementById('source-location')?.focus());
    },
  });
  for (const source of ctx.sources) {
    commands.push({
      id: `sync:${source.id}`,
      section: 'Sync',
      title: `Sync now: ${source.name}`,
      keywords: `${source.location} refresh import`,
      run: () => {
        void syncSource(source);
      },
    });
  }
  for (const job of ctx.activeJobs) {
    commands.push({
      id: `cancel:${job.id}`,
      section: 'Jobs',
      title: `Cancel running job: ${job.label}`,
      keywords: 'stop abort',
      run: () => cancelJob(job),
    });
  }
  commands.push(
    {
      id: 'jobs:show',
      section: 'Jobs',
      title: 'Show recent jobs',
      keywords: 'history status',
      run: ctx.openJobs,
    },
    {
      id: 'demo:load',
      section: 'Actions',
      title: 'Load demo data…',
      keywords: 'sample synthetic generate',
      run: () => void loadDemoWithConfirm(),
    },
    {
      id: 'theme:toggle',
      section: 'Actions',
      title: 'Toggle light / dark theme',
      keywords: 'appearance colour color mode',
      run: () => void toggleTheme(),
    },
    {
      id: 'theme:system',
      section: 'Actions',
      title: 'Theme: follow the system',
      keywords: 'appearance os auto',
      run: () => void setThemePreference('system'),
    },
    {
      id: 'zone:toggle',
      section: 'Actions',
      title: ctx.displayZone === 'utc' ? 'Show times in local time' : 'Show times in UTC',
      keywords: 'time zone timezone display',
      run: () =>
        void updateSettings({ displayZone: ctx.displayZone === 'utc' ? 'local' : 'utc' }).then((outcome) => {
          if (!outcome.ok) toastError('Changing the time display', outcome.error);
        }),
    },
    {
      id: 'packets:export',
      section: 'Actions',
      title: 'Export an evidence packet…',
      keywords: 'case zip bagit pdf report redact share evidence',
      run: () => navigate('packets'),
    },
    {
      id: 'packets:verify',
      section: 'Actions',
      title: 'Verify an evidence packet…',
      keywords: 'check hash integrity bagit zip tamper',
      run: () => {
        navigate('packets');
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="verify-input"]')?.focus());
      },
    },
  );
  commands.push(...timelineCommands());
  commands.push(
    {
      id: 'cases:new',
      section: 'Actions',
      title: 'New case…',
      keywords: 'open case investigation ring selection',
      hint: 'n',
      run: () => {
        navigate('cases');
        // The Cases screen listens for this once it has rendered.
        requestAnimationFrame(() => window.dispatchEvent(new Event('ringside:new-case')));
      },
    },
    {
      id: 'audit:verify',
      section: 'Actions',
      title: 'Verify the audit chain',
      keywords: 'tamper hash integrity log',
      run: () =>
        void client.call('audit.verify', {}).then((outcome) => {
          if (!outcome.ok) return toastError('Verifying the audit chain', outcome.error);
          const r = outcome.value;
          pushToast(r.ok ? { kind: 'success', title: `Audit chain intact: ${r.entries} entries` } : { kind: 'error', title: `Audit chain broken at entry #${r.firstBad?.seq}`, message: r.firstBad?.reason });
        }),
    },
    {
      id: 'graph:rebuild',
      section: 'Actions',
      title: 'Rebuild fraud rings (account-link graph)',
      keywords: 'graph rings detect links communities',
      run: () => void startGraphBuild(),
    },
    {
      id: 'graph:focus',
      section: 'Actions',
      title: 'Find an account in the graph…',
      keywords: 'graph search focus account links',
      run: () => {
        navigate('graph');
        requestAnimationFrame(() => document.getElementById('graph-search')?.focus());
      },
    },
  );
  commands.push(...sqlCommands());
  return commands;
}
