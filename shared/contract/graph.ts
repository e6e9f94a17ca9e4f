/**
 * Account-link graph methods (issue #5): build rings in the background, read them, and query the
 * graph around accounts (expand, path, identifier neighbours, account details). Link kinds are
 * identifier kinds (accounts sharing a value) plus the account-to-account relations that signal
 * collusion (referral, payment).
 */
import { z } from 'zod';
import { IDENTIFIER_KINDS } from '../domain/model.js';
import { accountIdSchema, job, method } from './define.js';

export const LINK_KINDS = [...IDENTIFIER_KINDS, 'referral', 'payment'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const linkKindSchema = z.enum(LINK_KINDS);

/** Inclusive UTC-ms window; either end may be open. */
export const windowSchema = z
  .object({ from: z.number().int().nullable().default(null), to: z.number().int().nullable().default(null) })
  .strict();
export type TimeWindow = z.output<typeof windowSchema>;

/** Hub thresholds: a value shared by MORE than K accounts is infrastructure, not a link. */
export const hubThresholdsSchema = z.record(z.string(), z.number().int().min(2).max(100_000));

export const graphParamsSchema = z
  .object({
    kinds: z.array(linkKindSchema).min(1).optional(),
    window: windowSchema.optional(),
    hubThresholds: hubThresholdsSchema.optional(),
  })
  .strict();
export type GraphParamsInput = z.input<typeof graphParamsSchema>;

/** The parameters a build actually used, defaults filled in. */
export interface GraphParams {
  readonly kinds: readonly LinkKind[];
  readonly window: { readonly from: number | null; readonly to: number | null };
  readonly hubThresholds: Readonly<Record<string, number>>;
}

export interface BindingIdentifier {
  readonly kind: LinkKind;
  /** The identifier value, or for relations "src -> dst". */
  readonly value: string;
  /** Accounts of the whole cache sharing this value (relations: 2). */
  readonly accounts: number;
  /** Of which in this ring. */
  readonly inRing: number;
  readonly weight: number;
}

/** One factor of a ring's score: its 0..1 value, its weight in the score, and why. */
export interface ScoreFactor {
  readonly name: 'size' | 'sanctioned' | 'payout' | 'velocity' | 'strength' | 'gaming' | 'recency';
  readonly value: number;
  readonly weight: number;
  readonly detail: string;
}

export interface RingExplanation {
  readonly factors: readonly ScoreFactor[];
  readonly kinds: readonly LinkKind[];
  readonly binding: readonly BindingIdentifier[];
  readonly createdFrom: number;
  readonly createdTo: number;
  readonly lastActivity: number | null;
  readonly sanctioned: number;
  readonly flagged: number;
  /** Whether the ring is one community of a larger component (split by Louvain). */
  readonly community: boolean;
}

export interface RingSummary {
  readonly id: string;
  readonly size: number;
  readonly score: number;
  readonly componentSize: number;
  readonly kinds: readonly LinkKind[];
  /** One line: the top factors, e.g. "shared payout · created within 6 h · 40% sanctioned". */
  readonly headline: string;
  readonly reviewedAt: number | null;
  readonly reviewedBy: string | null;
}

export interface RingDetail extends RingSummary {
  readonly explanation: RingExplanation;
  readonly members: readonly {
    readonly id: string;
    readonly lifecycleState: string;
    readonly riskScore: number | null;
    readonly createdAt: number;
  }[];
}

export interface GraphBuildInfo {
  readonly id: number;
  readonly builtAt: number;
  readonly builtBy: string;
  readonly params: GraphParams;
  readonly syncRunId: number | null;
  readonly accounts: number;
  readonly links: number;
  readonly rings: number;
  readonly hubs: number;
  readonly durationMs: number;
  /** Phase timings of the build that just ran (only in graph.build's result, not stored). */
  readonly timings?: { readonly linksMs: number; readonly componentsMs: number; readonly communitiesMs: number; readonly scoringMs: number; readonly saveMs: number };
}

export interface GraphStatus {
  readonly build: GraphBuildInfo | null;
  /** The newest finished sync run; rings are stale when it is newer than the build's. */
  readonly latestSyncRunId: number | null;
  readonly stale: boolean;
}

export interface HubInfo {
  readonly kind: LinkKind;
  readonly value: string;
  readonly accounts: number;
  readonly threshold: number;
}

export interface GraphNode {
  readonly id: string;
  readonly type: 'account' | 'identifier';
  /** Accounts: lifecycle state; identifiers: their kind. */
  readonly state: string;
  readonly kind?: LinkKind;
  readonly label: string;
  readonly riskScore?: number | null;
  /** Accounts sharing the identifier (identifier nodes) . */
  readonly accounts?: number;
  readonly hub?: boolean;
  readonly ringId?: string | null;
  /** Hops from the seed accounts. */
  readonly depth: number;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: LinkKind;
  /** Identifier value (or relation id) behind the edge. */
  readonly via: string;
  readonly weight: number;
  /** Accounts sharing `via` (2 for relations). */
  readonly shared: number;
  readonly hub: boolean;
  /** When the link came into existence (latest first_seen of the two, or the relation's time). */
  readonly since: number | null;
}

export interface GraphView {
  readonly nodes: readonly GraphNode[];
  /** Account-to-account edges (collapsed view). */
  readonly edges: readonly GraphEdge[];
  /** Account-to-identifier edges (bipartite view). */
  readonly memberships: readonly { readonly account: string; readonly identifier: string; readonly kind: LinkKind }[];
  readonly truncated: boolean;
  readonly limit: number;
}

export interface PathHop {
  readonly from: string;
  readonly to: string;
  readonly kind: LinkKind;
  readonly via: string;
  readonly shared: number;
  readonly since: number | null;
}

export interface AccountDetail {
  readonly id: string;
  readonly displayName: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly country: string | null;
  readonly createdAt: number;
  readonly lifecycleState: string;
  readonly riskScore: number | null;
  readonly attrs: Readonly<Record<string, unknown>>;
  readonly ringId: string | null;
  readonly identifiers: readonly { readonly kind: string; readonly value: string; readonly accounts: number; readonly hub: boolean }[];
  readonly events: readonly { readonly id: string; readonly occurredAt: number; readonly type: string; readonly ip: string | null; readonly device: string | null; readonly amount: number | null }[];
  readonly cases: readonly { readonly id: string; readonly title: string; readonly status: string; readonly role: string }[];
  readonly decisions: readonly { readonly id: string; readonly sanction: string; readonly policy: string; readonly decidedAt: number; readonly status: string }[];
}

const viewQuery = {
  kinds: z.array(linkKindSchema).min(1).optional(),
  window: windowSchema.optional(),
  hideHubs: z.boolean().default(true),
  hubThresholds: hubThresholdsSchema.optional(),
};

export const graphMethods = {
  'graph.build': job<GraphBuildInfo>()(
    'Building the account-link graph',
    graphParamsSchema,
    'Build the account-link graph and detect rings (components, Louvain communities, explained scores); replaces the stored rings.',
  ),
  'graph.status': method<GraphStatus>()('read', z.object({}).strict(), 'The latest ring build and whether a newer sync run makes it stale.'),
  'graph.rings': method<{ readonly rings: readonly RingSummary[]; readonly total: number }>()(
    'read',
    z
      .object({
        minSize: z.number().int().min(2).default(2),
        includeReviewed: z.boolean().default(true),
        search: z.string().max(200).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(200),
      })
      .strict(),
    'Rings of the latest build, highest score first; search matches a ring id or a member account id.',
  ),
  'graph.ring': method<RingDetail>()('read', z.object({ ringId: z.string().min(1) }).strict(), 'One ring with its members and explanation.'),
  'graph.markReviewed': method<{ readonly ringId: string; readonly reviewedAt: number | null }>()(
    'write',
    z.object({ ringId: z.string().min(1), reviewed: z.boolean().default(true), note: z.string().max(2000).optional() }).strict(),
    'Mark a ring reviewed (or clear the mark); the mark survives rebuilds.',
  ),
  'graph.hubs': method<{ readonly hubs: readonly HubInfo[]; readonly total: number }>()(
    'read',
    z.object({ kind: linkKindSchema.optional(), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    'Identifier values treated as infrastructure by the latest build (shared by more than K accounts).',
  ),
  'graph.expand': method<GraphView>()(
    'read',
    z
      .object({
        accounts: z.array(accountIdSchema).min(1).max(5000),
        hops: z.number().int().min(0).max(4).default(1),
        /** Accounts grown by one more hop each, on top of the N-hop view (the screen's per-node expand). */
        expandAccounts: z.array(accountIdSchema).max(5000).default([]),
        limit: z.number().int().min(1).max(20_000).default(2000),
        ...viewQuery,
      })
      .strict(),
    'Accounts within N hops of the given accounts, plus one hop around each of expandAccounts, under the same filters; nodes and edges, capped (truncated flag).',
  ),
  'graph.path': method<{ readonly found: boolean; readonly hops: readonly PathHop[]; readonly explored: number }>()(
    'read',
    z
      .object({
        from: accountIdSchema,
        to: accountIdSchema,
        timeOrdered: z.boolean().default(false),
        maxHops: z.number().int().min(1).max(12).default(8),
        ...viewQuery,
      })
      .strict(),
    'Shortest link path between two accounts with the identifier on every hop; timeOrdered keeps only hops whose links came into existence in sequence.',
  ),
  'graph.identifierNeighbours': method<{ readonly kind: LinkKind; readonly value: string; readonly accounts: readonly { readonly id: string; readonly lifecycleState: string; readonly firstSeen: number | null; readonly lastSeen: number | null }[]; readonly total: number; readonly hub: boolean }>()(
    'read',
    z.object({ kind: linkKindSchema, value: z.string().min(1).max(1000), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    'Accounts that share one identifier value, with when each was seen.',
  ),
  'graph.account': method<AccountDetail>()('read', z.object({ accountId: accountIdSchema }).strict(), 'One account for the details panel: attributes, identifiers with share counts, latest events, cases, decisions.'),
} as const;
