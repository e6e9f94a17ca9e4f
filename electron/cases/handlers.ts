/**
 * Case, decision, appeal, precedent, policy and audit handlers. Write handlers that depend on the
 * policy load it first (a broken policy file refuses the act with BAD_INPUT naming the field) and
 * record a `config.policy_loaded` audit entry whenever the policy in force changed.
 */
import type { ReadHandlers, WriteHandlers } from '../service/context.js';
import type { WriteContext } from '../service/context.js';
import { auditHead } from '../audit/audit.js';
import { verifyAudit } from '../audit/verify.js';
import { loadPolicy } from '../policy/load.js';
import { recordPolicyInUse } from '../policy/audit.js';
import { actorName } from '../workspace/settings.js';
import { openAppeal, reviewAppeal } from './appeals.js';
import { createDecisions, proposeDecision, reviewDecision, setPrecedent } from './decisions.js';
import { caseDetail, listAudit } from './detail.js';
import { addNote, assignCases, updateCases } from './manage.js';
import { similarDecisions } from './precedent.js';
import { addEvidence, addSubjects, createCase, listCases } from './seam.js';
import { transitionCases } from './transitions.js';

const DECISION_TABLES = ['decisions', 'cases', 'accounts', 'outbox', 'audit_log', 'approvals', 'appeals'] as const;

function policyFor(ctx: WriteContext) {
  const policy = loadPolicy(ctx.workspace);
  recordPolicyInUse(ctx.db, policy, actorName(ctx.db));
  return policy;
}

export const casesReadHandlers = {
  'cases.list': (req, { db }) => listCases(db, req),
  'cases.get': (req, { db }) => caseDetail(db, req.caseId),
  'policy.get': (_req, { workspace }) => loadPolicy(workspace),
  'decisions.propose': (req, { db, workspace }) => proposeDecision(db, loadPolicy(workspace), req),
  'decisions.similar': (req, { db }) => ({ rows: similarDecisions(db, req) }),
  'audit.head': (_req, { db }) => {
    const head = auditHead(db);
    const row = db.prepare('SELECT at, actor FROM audit_log WHERE seq = ?').get(head.seq) as { at: number; actor: string } | undefined;
    return { ...head, at: row?.at ?? null, actor: row?.actor ?? null };
  },
  'audit.verify': (_req, { db }) => verifyAudit(db),
  'audit.list': (req, { db }) => ({ rows: listAudit(db, req) }),
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
  'cases.transition': (req, ctx) => {
    const rows = transitionCases(ctx.db, req.caseIds, req.to, actorName(ctx.db), req.reason);
    ctx.changed('cases', 'audit_log');
    return rows;
  },
  'cases.assign': (req, ctx) => {
    const rows = assignCases(ctx.db, req.caseIds, req.assignee === '' ? null : req.assignee, actorName(ctx.db));
    ctx.changed('cases', 'audit_log');
    return rows;
  },
  'cases.update': (req, ctx) => {
    const { caseIds, ...update } = req;
    const rows = updateCases(ctx.db, caseIds, update, actorName(ctx.db));
    ctx.changed('cases', 'audit_log');
    return rows;
  },
  'cases.addNote': (req, ctx) => {
    const note = addNote(ctx.db, req.caseId, req.bodyMd, actorName(ctx.db));
    ctx.changed('notes', 'cases', 'audit_log');
    return note;
  },
  'decisions.create': (req, ctx) => {
    const decisions = createDecisions(ctx.db, policyFor(ctx), req);
    ctx.changed(...DECISION_TABLES);
    return { decisions };
  },
  'decisions.review': (req, ctx) => {
    const decision = reviewDecision(ctx.db, policyFor(ctx), req.decisionId, req.verdict, req.comment);
    ctx.changed(...DECISION_TABLES);
    return decision;
  },
  'decisions.setPrecedent': (req, ctx) => {
    const decision = setPrecedent(ctx.db, policyFor(ctx), req.decisionId, req.precedent);
    ctx.changed('decisions', 'audit_log');
    return decision;
  },
  'appeals.open': (req, ctx) => {
    const appeal = openAppeal(ctx.db, req.decisionId, req.reason);
    ctx.changed(...DECISION_TABLES);
    return appeal;
  },
  'appeals.review': (req, ctx) => {
    const appeal = reviewAppeal(ctx.db, policyFor(ctx), req);
    ctx.changed(...DECISION_TABLES);
    return appeal;
  },
} satisfies Partial<WriteHandlers>;
