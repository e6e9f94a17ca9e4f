/**
 * The graph domain's handlers: thin adapters from shared/contract/graph.ts to the engine
 * (build.ts), the stored results (store.ts) and the live queries (queries.ts, account.ts).
 */
import type { JobHandlers, ReadHandlers, WriteHandlers } from '../service/context.js';
import { actorName } from '../workspace/settings.js';
import { accountDetail } from './account.js';
import { buildGraph } from './build.js';
import { resolveParams } from './params.js';
import { expand, identifierNeighbours, shortestPath } from './queries.js';
import { getRing, graphStatus, listHubs, listRings, markReviewed } from './store.js';

export const graphReadHandlers = {
  'graph.status': (_req, { db }) => graphStatus(db),
  'graph.rings': (req, { db }) => listRings(db, req),
  'graph.ring': (req, { db }) => getRing(db, req.ringId),
  'graph.hubs': (req, { db }) => listHubs(db, req.kind, req.limit),
  'graph.expand': (req, { db }) => expand(db, resolveParams(req), req.accounts, req.hops, req.limit, req.hideHubs, req.expandAccounts),
  'graph.path': (req, { db }) => shortestPath(db, resolveParams(req), req.from, req.to, { timeOrdered: req.timeOrdered, maxHops: req.maxHops, hideHubs: req.hideHubs }),
  'graph.identifierNeighbours': (req, { db }) => identifierNeighbours(db, resolveParams({}), req.kind, req.value, req.limit),
  'graph.account': (req, { db }) => accountDetail(db, req.accountId),
} satisfies Partial<ReadHandlers>;

export const graphWriteHandlers = {
  'graph.markReviewed': (req, ctx) => {
    const out = markReviewed(ctx.db, req.ringId, req.reviewed, actorName(ctx.db), req.note);
    ctx.changed('ring_reviews');
    return out;
  },
} satisfies Partial<WriteHandlers>;

export const graphJobHandlers = {
  'graph.build': (req, ctx) => buildGraph(req, ctx, actorName(ctx.db)),
} satisfies Partial<JobHandlers>;
