/**
 * Sync methods: sources (a local folder or an HTTP(S) manifest URL), runs with provenance,
 * quarantine, the outbox, and a folder browser for picking a source in either transport.
 */
import { z } from 'zod';
import { empty, job, method } from './define.js';
import type { Page } from './types.js';

export type SourceKind = 'folder' | 'http';
export type SyncRunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'partial';
export type SyncFileStatus = 'applied' | 'skipped' | 'failed' | 'cancelled';

export interface SyncRunInfo {
  readonly id: number;
  readonly sourceId: number;
  readonly sourceName: string;
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly status: SyncRunStatus;
  readonly actor: string;
  readonly filesApplied: number;
  readonly filesSkipped: number;
  readonly filesFailed: number;
  readonly rowsInserted: number;
  readonly rowsUpdated: number;
  readonly rowsDeleted: number;
  readonly rowsQuarantined: number;
  readonly durationMs: number | null;
  readonly error: string | null;
}

export interface SyncFileInfo {
  readonly id: number;
  readonly runId: number;
  readonly path: string;
  readonly entity: string | null;
  readonly format: string | null;
  readonly sha256: string | null;
  readonly bytes: number | null;
  readonly status: SyncFileStatus;
  readonly rowsInserted: number;
  readonly rowsUpdated: number;
  readonly rowsDeleted: number;
  readonly rowsQuarantined: number;
  readonly error: string | null;
}

/** What `sync.run` (and the CLI) report when a run ends. */
export interface SyncRunSummary extends SyncRunInfo {
  readonly files: readonly SyncFileInfo[];
  /** Files in the source that map to no entity (e.g. README, ground_truth.json): listed, not loaded. */
  readonly ignored: readonly string[];
}

export interface SourceInfo {
  readonly id: number;
  readonly name: string;
  readonly kind: SourceKind;
  readonly location: string;
  readonly addedAt: number;
  readonly addedBy: string;
  readonly lastRun: SyncRunInfo | null;
}

export interface QuarantineRow {
  readonly id: number;
  readonly runId: number;
  readonly filePath: string;
  readonly line: number | null;
  readonly column: string | null;
  readonly reason: string;
  readonly raw: string;
  readonly createdAt: number;
}

export interface OutboxItem {
  readonly id: number;
  readonly idempotencyKey: string;
  readonly kind: 'decision' | 'lifecycle';
  readonly entityId: string;
  readonly payload: unknown;
  readonly createdAt: number;
  readonly sourceId: number | null;
  readonly sentAt: number | null;
  readonly attempts: number;
  readonly lastError: string | null;
}

export interface FolderListing {
  readonly path: string;
  readonly parent: string | null;
  readonly entries: readonly { readonly name: string; readonly isDir: boolean; readonly bytes: number | null }[];
}

const sourceId = z.number().int().positive();

export const syncMethods = {
  'sources.list': method<readonly SourceInfo[]>()('read', empty, 'Registered sources with their last run.'),
  'sources.add': method<SourceInfo>()(
    'write',
    z
      .object({
        location: z.string().trim().min(1, 'A folder path or an http(s) URL is required').max(4096),
        name: z.string().trim().min(1).max(200).optional(),
      })
      .strict(),
    'Register a folder or an HTTP(S) manifest URL as a source (validated: the folder must exist, the URL must be http(s)).',
  ),
  'sources.remove': method<{ readonly removed: boolean }>()(
    'write',
    z.object({ sourceId }).strict(),
    'Forget a source. Data it loaded and its run history stay in the cache.',
  ),
  'sync.run': job<SyncRunSummary>()(
    'Syncing',
    z.object({ sourceId }).strict(),
    'Sync a source: each changed file loads in one transaction; unchanged files are skipped by hash.',
  ),
  'sync.runs': method<readonly SyncRunInfo[]>()(
    'read',
    z.object({ sourceId: sourceId.optional(), limit: z.number().int().min(1).max(1000).default(50) }).strict(),
    'Run history, newest first.',
  ),
  'sync.runFiles': method<readonly SyncFileInfo[]>()(
    'read',
    z.object({ runId: z.number().int().positive() }).strict(),
    'The files of one run with their hashes and row counts.',
  ),
  'sync.quarantine': method<Page<QuarantineRow>>()(
    'read',
    z
      .object({
        runId: z.number().int().positive().optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    'Rows that could not be read, with file, line, column, reason and raw text.',
  ),
  'outbox.list': method<readonly OutboxItem[]>()(
    'read',
    z.object({ pendingOnly: z.boolean().default(false) }).strict(),
    'Decisions and lifecycle changes waiting to go upstream, and those sent.',
  ),
  'outbox.flush': job<{ readonly sent: number; readonly alreadySent: number; readonly failed: number }>()(
    'Sending outbox',
    z.object({ sourceId }).strict(),
    'Send pending outbox items to a source (JSONL in the folder, or POST to the HTTP source), idempotently.',
  ),
  'files.listFolder': method<FolderListing>()(
    'read',
    z.object({ path: z.string().max(4096).optional() }).strict(),
    'List a local folder (default: the home folder) for the source picker.',
  ),
} as const;
