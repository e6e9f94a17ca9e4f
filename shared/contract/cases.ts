/**
 * Case methods. This file starts with the seam other screens need (create a case from a ring,
 * a graph selection or a query result; add subjects; pin evidence; pick a case) and grows with
 * the cases issue (queue, transitions, decisions, appeals, precedent, audit).
 */
import { z } from 'zod';
import { accountIdSchema, method } from './define.js';
import type { Page } from './types.js';

export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'none';

export interface CaseSummary {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly priority: string;
  readonly severity: string | null;
  readonly policy: string | null;
  readonly assignee: string | null;
  readonly openedAt: number;
  readonly slaDueAt: number | null;
  readonly slaState: SlaState;
  readonly origin: string;
  readonly originRule: string | null;
  readonly subjects: number;
  readonly updatedAt: number | null;
}

export interface EvidenceItemInfo {
  readonly id: number;
  readonly caseId: string;
  readonly kind: 'query' | 'graph' | 'timeline' | 'note' | 'file';
  readonly title: string;
  readonly createdAt: number;
  readonly createdBy: string;
  /** SHA-256 of the canonical JSON of the payload. */
  readonly sha256: string;
}

export const caseOriginSchema = z
  .object({
    kind: z.enum(['ring', 'graph', 'query', 'timeline', 'manual']),
    /** e.g. the ring id, the query text's hash, a graph view name. */
    ref: z.string().max(500).optional(),
  })
  .strict();

export const casesSeamMethods = {
  'cases.create': method<CaseSummary>()(
    'write',
    z
      .object({
        title: z.string().trim().min(3, 'A title of at least 3 characters is required').max(300),
        subjects: z.array(accountIdSchema).min(1, 'A case needs at least one subject account').max(5000),
        policy: z.string().max(100).optional(),
        severity: z.enum(['S1', 'S2', 'S3', 'S4']).optional(),
        priority: z.enum(['P1', 'P2', 'P3', 'P4']).default('P3'),
        origin: caseOriginSchema.default({ kind: 'manual' }),
      })
      .strict(),
    'Open a new case on accounts (from a ring, a graph selection, a query result, or by hand). Unknown accounts are refused.',
  ),
  'cases.addSubjects': method<{ readonly added: number; readonly alreadyPresent: number }>()(
    'write',
    z.object({ caseId: z.string().min(1), accounts: z.array(accountIdSchema).min(1).max(5000) }).strict(),
    'Add accounts to a case as subjects; accounts already on it are left alone.',
  ),
  'cases.addEvidence': method<EvidenceItemInfo>()(
    'write',
    z
      .object({
        caseId: z.string().min(1),
        kind: z.enum(['query', 'graph', 'timeline', 'note', 'file']),
        title: z.string().trim().min(1).max(300),
        payload: z.record(z.string(), z.unknown()),
      })
      .strict(),
    'Pin an evidence item (query result, graph or timeline snapshot, note) to a case; stores the SHA-256 of its payload.',
  ),
  'cases.list': method<Page<CaseSummary>>()(
    'read',
    z
      .object({
        search: z.string().max(200).optional(),
        statuses: z.array(z.enum(['new', 'in_review', 'escalated', 'decided', 'appealed', 'closed'])).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    'Cases, most urgent SLA first, filtered by status and a search over id and title.',
  ),
} as const;
