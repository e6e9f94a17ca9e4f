/**
 * The rules lab's reader and writer handlers: list, get, save (versioned, audited), starter
 * install, and recording backtests. (Backtests, comparisons and dashboard charts run in the
 * query runner: see service.ts.)
 */
import type { ReadHandlers, WriteHandlers } from '../service/context.js';
import { actorName } from '../workspace/settings.js';
import { getRule, installStarterRules, listRules, recordRun, saveRule } from './store.js';

export const rulesReadHandlers = {
  'rules.list': (_req, { db }) => listRules(db),
  'rules.get': (req, { db }) => getRule(db, req.id, req.version),
} satisfies Partial<ReadHandlers>;

export const rulesWriteHandlers = {
  'rules.save': (req, ctx) => {
    const saved = saveRule(ctx.db, ctx.workspace, req, actorName(ctx.db));
    if (saved.created) ctx.changed('rules', 'audit_log');
    return saved;
  },
  'rules.installStarters': (_req, ctx) => {
    const installed = installStarterRules(ctx.db, ctx.workspace, actorName(ctx.db));
    if (installed.length > 0) ctx.changed('rules', 'audit_log');
    return { installed };
  },
  'rules.recordRun': (req, ctx) => {
    const id = recordRun(ctx.db, req, actorName(ctx.db));
    ctx.changed('rule_runs');
    return { id };
  },
} satisfies Partial<WriteHandlers>;
