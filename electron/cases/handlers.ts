/** Case handlers: the seam used by the graph, timeline and SQL screens (see seam.ts). */
import type { ReadHandlers, WriteHandlers } from '../service/context.js';
import { actorName } from '../workspace/settings.js';
import { addEvidence, addSubjects, createCase, listCases } from './seam.js';

export const casesReadHandlers = {
  'cases.list': (req, { db }) => listCases(db, req),
} satisfies Partial<ReadHandlers>;

export const casesWriteHandlers = {
  'cases.create': (req, ctx) => {
    const created = createCase(ctx.db, req, actorName(ctx.db));
    ctx.changed('cases', 'case_subjects', 'audit_log');
    return created;
  },
  'cases.addSubjects': (req, ctx) => {
    const result = addSubjects(ctx.db, req.caseId, req.accounts, actorName(ctx.db));
    ctx.changed('case_subjects', 'cases', 'audit_log');
    return result;
  },
  'cases.addEvidence': (req, ctx) => {
    const item = addEvidence(ctx.db, req, actorName(ctx.db));
    ctx.changed('evidence_items', 'cases', 'audit_log');
    return item;
  },
} satisfies Partial<WriteHandlers>;
