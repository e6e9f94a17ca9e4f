/**
 * Case methods. This file starts with the seam other screens need (create a case from a ring,
 * a graph selection or a query result; add subjects; pin evidence; pick a case) and grows with
 * the cases issue (queue, transitions, decisions, appeals, precedent, audit).
 */
import { z } from 'zod';
import { accountIdSchema, method } from './define.js';
import type { Page } from './types.js';
import type { AppealInfo, AuditEntryInfo, DecisionInfo } from './decisions.js';

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

export const CASE_STATUS_VALUES = ['new', 'in_review', 'escalated', 'decided', 'appealed', 'closed'] as const;

export interface CaseSubjectInfo {
  readonly id: string;
  readonly displayName: string | null;
  readonly email: string | null;
  readonly country: string | null;
  readonly lifecycleState: string;
  readonly createdAt: number | null;
  readonly role: string;
  /** Standing sanctions on record (any policy, upstream and Ringside). */
  readonly priorSanctions: number;
}

export interface CaseNoteInfo {
  readonly id: number;
  readonly caseId: string;
  readonly author: string;
  readonly createdAt: number;
  readonly tz: string;
  readonly bodyMd: string;
}

/** The case workspace: everything about one case. */
export interface CaseDetail extends CaseSummary {
  readonly createdFrom: { readonly kind: string; readonly ref?: string } | null;
  /** Rings referenced by the case's origin or its evidence payloads (`ringId`). */
  readonly linkedRings: readonly string[];
  readonly subjectAccounts: readonly CaseSubjectInfo[];
  readonly evidence: readonly (EvidenceItemInfo & { readonly payload: Readonly<Record<string, unknown>> })[];
  readonly notes: readonly CaseNoteInfo[];
  readonly decisions: readonly DecisionInfo[];
  readonly appeals: readonly AppealInfo[];
  /** Audit entries of the case, its decisions, appeals and lifecycle changes, newest first. */
  readonly activity: readonly AuditEntryInfo[];
}

const caseIdsSchema = z.array(z.string().min(1)).min(1, 'Select at least one case').max(1000);

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
        /** Cases assigned to this person ('' = unassigned). */
        assignee: z.string().max(300).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    'Cases, most urgent SLA first, filtered by status and a search over id and title.',
  ),
} as const;

/** The case queue and workspace methods of issue #4 (beyond the seam above). */
export const casesMethods = {
  'cases.get': method<CaseDetail>()('read', z.object({ caseId: z.string().min(1) }).strict(), 'One case with subjects, evidence, notes, decisions, appeals and activity.'),
  'cases.transition': method<CaseSummary[]>()(
    'write',
    z.object({ caseIds: caseIdsSchema, to: z.enum(CASE_STATUS_VALUES), reason: z.string().max(2000).optional() }).strict(),
    'Move cases to a status; only allowed transitions (CONFLICT names the allowed ones). All-or-nothing for a bulk move.',
  ),
  'cases.assign': method<CaseSummary[]>()(
    'write',
    z.object({ caseIds: caseIdsSchema, assignee: z.string().trim().max(300).nullable() }).strict(),
    'Assign cases to a person (null or empty unassigns). All-or-nothing.',
  ),
  'cases.update': method<CaseSummary[]>()(
    'write',
    z
      .object({
        caseIds: caseIdsSchema,
        priority: z.enum(['P1', 'P2', 'P3', 'P4']).optional(),
        severity: z.enum(['S1', 'S2', 'S3', 'S4']).nullable().optional(),
        policy: z.string().max(100).nullable().optional(),
        title: z.string().trim().min(3).max(300).optional(),
      })
      .strict(),
    'Change triage fields of cases (priority re-computes the SLA due time).',
  ),
  'cases.addNote': method<CaseNoteInfo>()(
    'write',
    z.object({ caseId: z.string().min(1), bodyMd: z.string().trim().min(1, 'A note cannot be empty').max(50_000) }).strict(),
    'Append a Markdown note to a case (notes are never edited).',
  ),
} as const;
