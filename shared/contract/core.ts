/** Core methods of the foundation: app info, jobs, workspace overview, settings, demo data. */
import { z } from 'zod';
import { empty, job, method } from './define.js';
import type { AccountRow, AppInfo, DemoLoadResult, JobInfo, Page, Settings, WorkspaceSummary } from './types.js';

export const coreMethods = {
  'app.info': method<AppInfo>()('host', empty, 'Version, workspace, schema version and transport mode.'),

  'jobs.list': method<readonly JobInfo[]>()('host', empty, 'Running, queued and recently finished jobs.'),
  'jobs.cancel': method<{ readonly cancelled: boolean }>()(
    'host',
    z.object({ jobId: z.string().min(1) }).strict(),
    'Cancel a queued or running job; its work is rolled back. False when it had already finished.',
  ),

  'workspace.summary': method<WorkspaceSummary>()(
    'read',
    empty,
    'Row counts per table, lifecycle mix, event range and the last sync run.',
  ),
  'accounts.list': method<Page<AccountRow>>()(
    'read',
    z
      .object({
        search: z.string().max(200).optional(),
        lifecycleState: z.enum(['active', 'suspended', 'reactivation_eligible', 'offboarded']).optional(),
        sort: z.enum(['id', 'createdAt', 'riskScore', 'events']).default('riskScore'),
        direction: z.enum(['asc', 'desc']).default('desc'),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    'A page of accounts with event, identifier and open-case counts.',
  ),

  'settings.get': method<Settings>()('read', empty, 'Workspace settings (identity, theme, display zone).'),
  'settings.update': method<Settings>()(
    'write',
    z
      .object({
        identity: z
          .object({
            name: z.string().trim().min(1, 'Name is required').max(200),
            email: z.string().trim().email('Not a valid email address').max(320),
          })
          .strict()
          .optional(),
        theme: z.enum(['system', 'light', 'dark']).optional(),
        displayZone: z.enum(['utc', 'local']).optional(),
      })
      .strict(),
    'Change settings; returns the settings after the change.',
  ),

  'demo.load': job<DemoLoadResult>()(
    'Loading demo data',
    z
      .object({
        seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
        accounts: z.number().int().min(10).max(1_000_000).default(5000),
      })
      .strict(),
    'Generate the synthetic demo extract into the workspace and load it into the cache.',
  ),
} as const;
