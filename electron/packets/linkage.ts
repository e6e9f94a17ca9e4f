/**
 * "Why linked": the explanation a reader of a packet needs. For the case's subjects, the
 * identifiers they share (kind, value, which subjects, how many accounts in the whole cache) and
 * the referral/payment relations between them; then the groups of subjects those links join
 * (union-find). Identifiers shared by many accounts overall (office/VPN hub IPs, coworking
 * addresses) are flagged as hubs and do not join groups: they link everyone and prove nothing.
 */
import type { Db } from '../db/open.js';
import { cmp, type CaseData } from './collect.js';

/** An identifier held by at least this many accounts overall is a hub, not a link. */
export const HUB_THRESHOLD = 30;

export interface SharedIdentifier {
  readonly kind: string;
  readonly value: string;
  readonly subjects: readonly string[];
  readonly accountsOverall: number;
  readonly hub: boolean;
}

export interface LinkedGroup {
  readonly members: readonly string[];
  /** Identifier kinds and relation kinds that bind the group, with counts. */
  readonly because: readonly string[];
}

export interface Linkage {
  readonly shared: readonly SharedIdentifier[];
  readonly relations: readonly {
    readonly src: string;
    readonly dst: string;
    readonly kind: string;
    readonly occurredAt: number;
    readonly amount: number | null;
  }[];
  readonly groups: readonly LinkedGroup[];
}

export function computeLinkage(db: Db, data: CaseData): Linkage {
  const byKey = new Map<string, { kind: string; value: string; subjects: Set<string> }>();
  for (const row of data.identifiers) {
    const kind = String(row['kind']);
    const value = String(row['value']);
    const key = `${kind}\u0000${value}`;
    const entry = byKey.get(key) ?? { kind, value, subjects: new Set<string>() };
    entry.subjects.add(String(row['account_id']));
    byKey.set(key, entry);
  }
  const overall = db.prepare('SELECT count(DISTINCT account_id) FROM identifiers WHERE kind = ? AND value = ?').pluck();
  const shared: SharedIdentifier[] = [];
  for (const entry of byKey.values()) {
    if (entry.subjects.size < 2) continue;
    const accountsOverall = overall.get(entry.kind, entry.value) as number;
    shared.push({
      kind: entry.kind,
      value: entry.value,
      subjects: [...entry.subjects].sort(),
      accountsOverall,
      hub: accountsOverall >= HUB_THRESHOLD,
    });
  }
  shared.sort(
    (a, b) =>
      Number(a.hub) - Number(b.hub) ||
      b.subjects.length - a.subjects.length ||
      cmp(a.kind, b.kind) ||
      cmp(a.value, b.value),
  );
  const relations = data.relations.map((r) => ({
    src: String(r['src_account_id']),
    dst: String(r['dst_account_id']),
    kind: String(r['kind']),
    occurredAt: Number(r['occurred_at']),
    amount: typeof r['amount'] === 'number' ? r['amount'] : null,
  }));
  return {
    shared,
    relations,
    groups: groupSubjects(
      data.subjects.map((s) => s.id),
      shared,
      relations,
    ),
  };
}

function groupSubjects(
  ids: readonly string[],
  shared: readonly SharedIdentifier[],
  relations: Linkage['relations'],
): LinkedGroup[] {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const reasons: { a: string; label: string }[] = [];
  for (const s of shared) {
    if (s.hub) continue;
    const [first, ...rest] = s.subjects;
    if (!first) continue;
    for (const other of rest) union(first, other);
    reasons.push({ a: first, label: `shared ${s.kind}` });
  }
  for (const r of relations) {
    if (!parent.has(r.src) || !parent.has(r.dst)) continue;
    union(r.src, r.dst);
    reasons.push({ a: r.src, label: `${r.kind} relation` });
  }
  const members = new Map<string, string[]>();
  for (const id of ids) {
    const root = find(id);
    members.set(root, [...(members.get(root) ?? []), id]);
  }
  const groups: LinkedGroup[] = [];
  for (const [root, list] of members) {
    if (list.length < 2) continue;
    const counts = new Map<string, number>();
    for (const reason of reasons)
      if (find(reason.a) === root) counts.set(reason.label, (counts.get(reason.label) ?? 0) + 1);
    const because = [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).map(([label, n]) => `${n} × ${label}`);
    groups.push({ members: list.sort(), because });
  }
  return groups.sort((a, b) => b.members.length - a.members.length || cmp(a.members[0], b.members[0]));
}
