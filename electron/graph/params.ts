/**
 * Graph parameters and their defaults, tuned on the demo extract (see docs/README-graph.md):
 *  - Default link kinds leave out `ip` and `email`: shared IPs are mostly infrastructure (office
 *    NAT, VPN exits) and every ring the demo injects is recovered without them; they stay
 *    available as a filter. Referral and payment relations are links; review/message are not.
 *  - Hub threshold K per kind: a value shared by MORE than K accounts is infrastructure. Device
 *    farms run up to ~20 accounts on one handset, so device K is 25; coworking addresses (10-20
 *    tenants) are suppressed by address K = 8; IP hubs in the field are 30-200 accounts.
 *  - Weights: rarity times a kind multiplier, w = m(kind) / log2(1 + n), so a payout account
 *    shared by 3 (3/2 = 1.5) outweighs an IP shared by 40 (0.5/5.36 = 0.09).
 */
import type { GraphParams, GraphParamsInput, LinkKind } from '../../shared/contract/graph.js';
import { IDENTIFIER_KINDS, type IdentifierKind } from '../../shared/domain/model.js';

export const DEFAULT_KINDS: readonly LinkKind[] = ['device', 'payment_instrument', 'bank_account', 'phone', 'address', 'referral', 'payment'];

export const DEFAULT_HUB_THRESHOLDS: Readonly<Record<string, number>> = {
  ip: 20,
  device: 25,
  address: 8,
  payment_instrument: 15,
  bank_account: 15,
  phone: 10,
  email: 10,
};

export const KIND_MULTIPLIER: Readonly<Record<LinkKind, number>> = {
  payment_instrument: 3,
  bank_account: 3,
  device: 2,
  phone: 1.5,
  email: 1.5,
  address: 1.2,
  ip: 0.5,
  referral: 1.5,
  payment: 2,
};

/** Louvain splits components larger than this; smaller ones are rings as they are. */
export const COMMUNITY_THRESHOLD = 30;

export function isIdentifierKind(kind: LinkKind): kind is IdentifierKind {
  return (IDENTIFIER_KINDS as readonly string[]).includes(kind);
}

/** The weight of one shared value: kind multiplier over log2(1 + sharing accounts). */
export function linkWeight(kind: LinkKind, shared: number): number {
  return KIND_MULTIPLIER[kind] / Math.log2(1 + Math.max(2, shared));
}

/** Fills defaults in; unknown threshold kinds are ignored rather than refused (forward compatible). */
export function resolveParams(input: GraphParamsInput | undefined): GraphParams {
  const kinds = [...new Set(input?.kinds ?? DEFAULT_KINDS)];
  return {
    kinds,
    window: { from: input?.window?.from ?? null, to: input?.window?.to ?? null },
    hubThresholds: { ...DEFAULT_HUB_THRESHOLDS, ...(input?.hubThresholds ?? {}) },
  };
}

export function hubThreshold(params: GraphParams, kind: LinkKind): number {
  return params.hubThresholds[kind] ?? 10;
}
