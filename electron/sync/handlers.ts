/**
 * The sync domain's handlers: sources, runs, quarantine, outbox and the folder browser. Each is
 * a thin adapter from the contract (shared/contract/sync.ts) to the engine's functions, which
 * document their failure modes.
 */
import type { JobHandlers, ReadHandlers, WriteHandlers } from '../service/context.js';
import { actorName } from '../workspace/settings.js';
import { RingsideError } from '../../shared/contract/errors.js';
import { syncSource } from './engine.js';
import { listFolder } from './folders.js';
import { flushOutbox, listOutbox } from './outbox.js';
import { getRun, listQuarantine, listRunFiles, listRuns } from './runs.js';
import { addSource, listSources, removeSource, sourceInfo } from './sources.js';

export const syncReadHandlers = {
  'sources.list': (_req, { db }) => listSources(db),
  'sync.runs': (req, { db }) => listRuns(db, req.sourceId, req.limit),
  'sync.runFiles': (req, { db }) => {
    if (!getRun(db, req.runId))
      throw new RingsideError('NOT_FOUND', `Sync run #${req.runId} does not exist.`, { runId: req.runId });
    return listRunFiles(db, req.runId);
  },
  'sync.quarantine': (req, { db }) => listQuarantine(db, req.runId, req.offset, req.limit),
  'outbox.list': (req, { db }) => listOutbox(db, req.pendingOnly),
  'files.listFolder': (req) => listFolder(req.path),
} satisfies Partial<ReadHandlers>;

export const syncWriteHandlers = {
  'sources.add': (req, ctx) => {
    const source = addSource(ctx.db, req.location, { name: req.name, actor: actorName(ctx.db) });
    ctx.changed('sync_sources');
    return sourceInfo(ctx.db, source);
  },
  'sources.remove': (req, ctx) => {
    const removed = removeSource(ctx.db, req.sourceId);
    if (removed) ctx.changed('sync_sources');
    return { removed };
  },
} satisfies Partial<WriteHandlers>;

export const syncJobHandlers = {
  'sync.run': (req, ctx) => syncSource(ctx, req.sourceId, { actor: actorName(ctx.db) }),
  'outbox.flush': (req, ctx) => flushOutbox(ctx, req.sourceId),
} satisfies Partial<JobHandlers>;
