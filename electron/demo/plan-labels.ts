/**
 * Labels: past decisions (what an analyst trains and backtests against) and upstream cases
 * (open alerts, plus the closed cases behind past decisions). Ground truth records which cases
 * are true positives; ~25% of open alerts deliberately land on benign look-alikes.
 */
import type { PolicyCode, Sanction, SeverityTier } from '../../shared/domain/model.js';
import { REVIEWERS } from './names.js';
import type { Rng } from './rng.js';
import {
  DAY,
  FLAG_SOLO_GAMER,
  FLAG_TAKEOVER,
  HOUR,
  WINDOW_END,
  type BenignGroup,
  type Plan,
  type PlannedCase,
  type PlannedDecision,
  type Ring,
  type RingKind,
} from './types.js';

const RING_POLICY: Readonly<Record<RingKind, PolicyCode>> = {
  device_farm: 'multiple_accounts',
  shared_payout: 'payout_fraud',
  referral_ring: 'collusion',
  task_gaming: 'task_quality_gaming',
};

const RATIONALE: Readonly<Record<RingKind, string>> = {
  device_farm: 'Account is one of several created within hours on the same device and proxy IPs; operated as a farm.',
  shared_payout: 'Payouts route to an instrument shared with other accounts that have no legitimate relationship.',
  referral_ring: 'Referral bonuses farmed through a burst of linked referrals sharing a device or payout instrument.',
  task_gaming: 'Submissions duplicate answers shared with linked accounts and were completed in an impossible time.',
};

const SLA_MS: Readonly<Record<string, number>> = { P1: DAY, P2: 3 * DAY, P3: 7 * DAY, P4: 14 * DAY };

function addDecision(plan: Plan, account: number, d: PlannedDecision): void {
  const list = plan.decisions.get(account);
  if (list) list.push(d);
  else plan.decisions.set(account, [d]);
}

function newCase(
  rng: Rng,
  fields: Omit<PlannedCase, 'id' | 'slaDueAt' | 'priority' | 'assignee'> & { priority?: string },
): PlannedCase {
  const priority = fields.priority ?? (['P1', 'P2', 'P3', 'P4'][rng.weighted([1, 4, 4, 1])] as string);
  const open = fields.status === 'new';
  const assignee = open && rng.chance(0.85) ? '' : rng.pick(REVIEWERS);
  return { ...fields, id: '', priority, assignee, slaDueAt: fields.openedAt + (SLA_MS[priority] as number) };
}

function tier(rng: Rng): SeverityTier {
  return (['S1', 'S2', 'S3', 'S4'] as const)[rng.weighted([15, 45, 35, 5])] as SeverityTier;
}

/** The sanction ladder applied by severity, with the lifecycle state it leaves the account in. */
function sanctionFor(t: SeverityTier, rng: Rng): Pick<PlannedDecision, 'sanction' | 'lifecycle' | 'stopsActivity'> {
  let sanction: Sanction;
  if (t === 'S1') sanction = 'offboarding';
  else if (t === 'S2') sanction = rng.chance(0.5) ? 'offboarding' : 'suspension_pending_review';
  else if (t === 'S3') sanction = rng.chance(0.6) ? 'temporary_suspension' : 'warning';
  else sanction = 'warning';
  const lifecycle =
    sanction === 'offboarding'
      ? 'offboarded'
      : sanction === 'suspension_pending_review'
        ? 'suspended'
        : sanction === 'temporary_suspension'
          ? rng.chance(0.5)
            ? 'suspended'
            : 'reactivation_eligible'
          : 'active';
  return { sanction, lifecycle, stopsActivity: sanction !== 'warning' };
}

function ringMaxCreated(plan: Plan, ring: Ring): number {
  let m = 0;
  for (const a of ring.members) m = Math.max(m, plan.createdAt[a] as number);
  return m;
}

/** Past decisions on ~60% of rings, covering 50-85% of their members (~35% of ring members). */
function ringDecisions(plan: Plan, rng: Rng): void {
  for (const ring of plan.rings) {
    if (!rng.chance(0.6)) continue;
    const maxC = ringMaxCreated(plan, ring);
    let bust = maxC + rng.range(7, 60) * DAY;
    if (bust > WINDOW_END - 2 * DAY) {
      if (maxC + 2 * DAY >= WINDOW_END - DAY) continue;
      bust = rng.range(maxC + 2 * DAY, WINDOW_END - DAY);
    }
    const shuffled = rng.shuffle([...ring.members]);
    const count = Math.max(1, Math.round(ring.members.length * rng.range(0.5, 0.85)));
    const decided = shuffled.slice(0, count).sort((a, b) => a - b);
    const policy = ring.kind === 'referral_ring' && rng.chance(0.3) ? 'multiple_accounts' : RING_POLICY[ring.kind];
    const t = tier(rng);
    const kase = newCase(rng, {
      title: `${ring.members.length} linked accounts (${ring.kind.replace('_', ' ')})`,
      status: rng.chance(0.7) ? 'decided' : 'closed',
      severity: t,
      policy,
      originRule: ORIGIN[ring.kind][0],
      truePositive: true,
      openedAt: Math.floor(Math.max(maxC + HOUR, bust - rng.range(1, 6) * DAY)),
      subjects: decided.map((a, k) => ({ account: a, role: k === 0 ? 'primary' : 'related' })),
    });
    plan.cases.push(kase);
    const reviewer = rng.pick(REVIEWERS);
    for (const a of decided) {
      const s = sanctionFor(t, rng);
      addDecision(plan, a, {
        caseRef: kase,
        policy,
        tier: t,
        ...s,
        decidedBy: reviewer,
        rationale: RATIONALE[ring.kind],
        decidedAt: Math.floor(Math.min(bust + rng.range(0, 36) * HOUR, WINDOW_END - HOUR)),
        appealOutcome: s.sanction !== 'warning' && rng.chance(0.12) ? 'upheld' : '',
      });
    }
  }
}

/** Cleared benign accounts (no_action) and overturned sanctions: the false positives of the past. */
function benignDecisions(plan: Plan, rng: Rng): void {
  const groups = [...plan.groups, ...plan.hubs];
  if (groups.length === 0) return;
  const nCleared = Math.max(1, Math.round(plan.accounts / 400));
  const nOverturned = Math.max(1, Math.round(plan.accounts / 1000));
  for (let k = 0; k < nCleared + nOverturned; k++) {
    const group = rng.pick(groups);
    const eligible = group.members.filter(
      (a) =>
        plan.ringOf[a] === -1 &&
        ((plan.flags[a] as number) & (FLAG_TAKEOVER | FLAG_SOLO_GAMER)) === 0 &&
        !plan.decisions.has(a) &&
        (plan.createdAt[a] as number) < WINDOW_END - 12 * DAY,
    );
    if (eligible.length === 0) continue;
    const subjects = rng
      .shuffle(eligible)
      .slice(0, rng.int(1, 2))
      .sort((a, b) => a - b);
    const latest = Math.max(...subjects.map((a) => plan.createdAt[a] as number));
    const decidedAt = Math.floor(rng.range(latest + 5 * DAY, WINDOW_END - 2 * DAY));
    const overturned = k >= nCleared;
    const kase = newCase(rng, {
      title: benignTitle(group),
      status: 'closed',
      severity: 'S3',
      policy: 'multiple_accounts',
      originRule: benignRule(group),
      truePositive: false,
      openedAt: decidedAt - Math.floor(rng.range(1, 4) * DAY),
      subjects: subjects.map((a, j) => ({ account: a, role: j === 0 ? 'primary' : 'related' })),
    });
    plan.cases.push(kase);
    for (const a of subjects) {
      addDecision(plan, a, {
        caseRef: kase,
        policy: 'multiple_accounts',
        tier: overturned ? 'S3' : 'S4',
        sanction: overturned ? (rng.chance(0.5) ? 'temporary_suspension' : 'warning') : 'no_action',
        lifecycle: 'active',
        stopsActivity: false,
        decidedAt,
        decidedBy: rng.pick(REVIEWERS),
        rationale: overturned
          ? 'Shared identifier treated as coordination; reversed on appeal (household / shared network, separate payouts).'
          : 'Shared identifier explained by a household or shared network; separate payouts and no coordinated activity.',
        appealOutcome: overturned ? 'overturned' : '',
      });
    }
  }
}

const ORIGIN: Readonly<Record<RingKind, readonly [string, string]>> = {
  device_farm: ['device_velocity_v2', 'shared_device_v2'],
  shared_payout: ['shared_payout_instrument_v1', 'payout_velocity_v1'],
  referral_ring: ['referral_burst_v3', 'shared_device_v2'],
  task_gaming: ['task_speed_anomaly_v1', 'duplicate_answers_v2'],
};

function ringTitle(ring: Ring, rule: string): string {
  const k = ring.members.length;
  switch (rule) {
    case 'device_velocity_v2':
      return `Device velocity: ${k} sign-ups from one device within hours`;
    case 'shared_device_v2':
      return `Shared device across ${k} accounts`;
    case 'shared_payout_instrument_v1':
      return `${k} accounts paying out to one instrument`;
    case 'payout_velocity_v1':
      return 'Payout velocity above cohort baseline';
    case 'referral_burst_v3':
      return `Referral burst: ${k - 1} referrals within days`;
    case 'task_speed_anomaly_v1':
      return 'Task submissions faster than humanly possible';
    default:
      return 'Duplicate answers across accounts';
  }
}

function benignRule(group: BenignGroup): string {
  return group.kind === 'family_device'
    ? 'shared_device_v2'
    : group.kind === 'coworking_address'
      ? 'shared_address_v1'
      : 'ip_cluster_v1';
}

function benignTitle(group: BenignGroup): string {
  const k = group.members.length;
  return group.kind === 'family_device'
    ? `Shared device across ${k} accounts`
    : group.kind === 'coworking_address'
      ? `${k} accounts registered at one address`
      : `IP cluster: ${k} accounts behind one address`;
}

/** Opened within the last three weeks, status mostly new / in review. */
function openStatus(rng: Rng): PlannedCase['status'] {
  return (['new', 'in_review', 'escalated'] as const)[rng.weighted([55, 35, 10])] as PlannedCase['status'];
}

/**
 * Open cases, ~1 per 40 accounts: 75% true (rings, recent takeovers), 25% false alerts on
 * benign look-alikes. Each ring / group gets at most one open case; subjects are a few members
 * (the investigator must expand to the rest).
 */
function openCases(plan: Plan, rng: Rng): void {
  const target = Math.round(plan.accounts / 40);
  const nFalse = Math.round(target * 0.25);
  const nTrue = target - nFalse;
  const recentCut = WINDOW_END - 40 * DAY;
  const openedAt = (after: number): number =>
    Math.floor(Math.min(WINDOW_END - HOUR, Math.max(after + 6 * HOUR, WINDOW_END - rng.range(0.5, 21) * DAY)));

  let made = 0;
  const takeovers = [...plan.takeoverAt].filter(([, at]) => at >= recentCut);
  for (const [victim, at] of takeovers.slice(0, Math.ceil(nTrue * 0.35))) {
    plan.cases.push(
      newCase(rng, {
        title: 'Password reset and payout change within hours of a new-device login',
        status: openStatus(rng),
        priority: rng.chance(0.6) ? 'P1' : 'P2',
        severity: rng.chance(0.5) ? 'S1' : 'S2',
        policy: 'account_takeover',
        originRule: 'ato_sequence_v1',
        truePositive: true,
        openedAt: Math.floor(Math.min(WINDOW_END - HOUR, at + rng.range(1, 10) * HOUR)),
        subjects: [{ account: victim, role: 'primary' }],
      }),
    );
    made++;
  }
  for (const ring of rng.shuffle([...plan.rings])) {
    if (made >= nTrue) break;
    const rule = ORIGIN[ring.kind][rng.chance(0.7) ? 0 : 1];
    const undecided = ring.members.filter((a) => !plan.decisions.has(a));
    const pool = rng.shuffle(undecided.length > 0 ? undecided : [...ring.members]);
    const others = rng.shuffle(ring.members.filter((a) => a !== pool[0]));
    const subjects = [pool[0] as number, ...others.slice(0, rng.int(1, 3))];
    plan.cases.push(
      newCase(rng, {
        title: ringTitle(ring, rule),
        status: openStatus(rng),
        severity: (['S1', 'S2', 'S3'] as const)[rng.weighted([2, 5, 3])] as SeverityTier,
        policy: RING_POLICY[ring.kind],
        originRule: rule,
        truePositive: true,
        openedAt: openedAt(ringMaxCreated(plan, ring)),
        subjects: subjects.map((a, k) => ({ account: a, role: k === 0 ? 'primary' : 'related' })),
      }),
    );
    made++;
  }
  // False alerts, alternating over hubs, families and coworking spaces.
  const kinds = [
    plan.hubs,
    plan.groups.filter((g) => g.kind === 'family_device'),
    plan.groups.filter((g) => g.kind === 'coworking_address'),
  ].map((list) => rng.shuffle([...list]));
  for (let k = 0, madeFalse = 0; madeFalse < nFalse && k < nFalse * 3; k++) {
    const group = kinds[k % 3]?.[Math.floor(k / 3)];
    if (!group) continue;
    const members = rng.shuffle(
      group.members.filter((a) => plan.ringOf[a] === -1 && ((plan.flags[a] as number) & FLAG_TAKEOVER) === 0),
    );
    if (members.length < 2) continue;
    const subjects = members.slice(0, rng.int(2, group.kind === 'family_device' ? 2 : 4)).sort((a, b) => a - b);
    plan.cases.push(
      newCase(rng, {
        title: benignTitle(group),
        status: openStatus(rng),
        severity: (['S1', 'S2', 'S3'] as const)[rng.weighted([2, 5, 3])] as SeverityTier,
        policy: 'multiple_accounts',
        originRule: benignRule(group),
        truePositive: false,
        openedAt: openedAt(Math.max(...subjects.map((a) => plan.createdAt[a] as number))),
        subjects: subjects.map((a, j) => ({ account: a, role: j === 0 ? 'primary' : 'related' })),
      }),
    );
    madeFalse++;
  }
}

/** Takeovers handled in the past (protective hold) and warnings for solo gamers / harassment. */
function otherDecisions(plan: Plan, rng: Rng): void {
  for (const [victim, at] of plan.takeoverAt) {
    if (at >= WINDOW_END - 40 * DAY) continue;
    const decidedAt = Math.floor(at + rng.range(14, 48) * HOUR);
    const kase = newCase(rng, {
      title: 'Password reset and payout change within hours of a new-device login',
      status: 'decided',
      priority: 'P1',
      severity: 'S2',
      policy: 'account_takeover',
      originRule: 'ato_sequence_v1',
      truePositive: true,
      openedAt: Math.floor(at + rng.range(1, 10) * HOUR),
      subjects: [{ account: victim, role: 'primary' }],
    });
    plan.cases.push(kase);
    addDecision(plan, victim, {
      caseRef: kase,
      policy: 'account_takeover',
      tier: 'S2',
      sanction: 'temporary_suspension',
      lifecycle: 'reactivation_eligible',
      stopsActivity: true,
      decidedAt,
      decidedBy: rng.pick(REVIEWERS),
      appealOutcome: '',
      rationale:
        'Protective hold: account taken over (new device, password reset, payout change); restore after credential reset.',
    });
  }
  for (let a = 0; a < plan.accounts; a++) {
    const solo = (plan.flags[a] as number) & FLAG_SOLO_GAMER;
    const harass = !solo && plan.ringOf[a] === -1 && plan.groupOf[a] === -1 && plan.flags[a] === 0 && rng.chance(0.001);
    if ((!solo || !rng.chance(0.5)) && !harass) continue;
    const c = plan.createdAt[a] as number;
    if (c > WINDOW_END - 12 * DAY) continue;
    addDecision(plan, a, {
      caseRef: null,
      policy: solo ? 'task_quality_gaming' : 'harassment',
      tier: 'S4',
      sanction: 'warning',
      lifecycle: 'active',
      stopsActivity: false,
      decidedAt: Math.floor(rng.range(c + 10 * DAY, WINDOW_END - DAY)),
      decidedBy: rng.pick(REVIEWERS),
      appealOutcome: '',
      rationale: solo
        ? 'Repeated duplicate answers and sub-3-second submissions; first warning under the task quality policy.'
        : 'Abusive messages to another contributor; first warning.',
    });
  }
}

/**
 * Plans decisions and cases into `plan.decisions` / `plan.cases`, then orders cases by
 * opened_at and gives them ids. Requires rings, groups, hubs and takeovers to be planned.
 */
export function planLabels(plan: Plan, rng: Rng): void {
  ringDecisions(plan, rng);
  benignDecisions(plan, rng);
  otherDecisions(plan, rng);
  openCases(plan, rng);
  plan.cases.sort((a, b) => a.openedAt - b.openedAt);
  const width = Math.max(6, String(plan.cases.length).length);
  plan.cases.forEach((c, k) => (c.id = `case_${String(k + 1).padStart(width, '0')}`));
}
