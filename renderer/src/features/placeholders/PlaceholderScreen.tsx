/**
 * Screens whose issue is not built yet. They say so plainly and describe what the screen will
 * do, so nobody mistakes an empty view for missing data. Nothing here pretends to work.
 */
import { ScreenHeader } from '../../components/ScreenHeader';
import { useReportScreenReady } from '../../lib/readiness';
import { ROUTES } from '../../app/routes';

type PlaceholderId = 'cases' | 'graph' | 'timeline' | 'sql' | 'rules';

const PLANS: Record<PlaceholderId, { who: string; summary: string; will: readonly string[] }> = {
  cases: {
    who: 'Reviewers',
    summary: 'Case queue and decisions under the written policy.',
    will: [
      'List cases with their subjects, notes and evidence items, filtered by status, policy and severity tier (S1–S4).',
      'Record a decision from the sanctions ladder; validate lifecycle transitions (active, suspended, reactivation eligible, offboarded).',
      'Require a second, different reviewer for high-severity or precedent-setting decisions, and route appeals to someone other than the decider.',
      'Export an evidence packet whose integrity anyone can verify, with every change in the hash-chained audit log.',
    ],
  },
  graph: {
    who: 'Investigators',
    summary: 'Linked-account map for finding and explaining fraud rings.',
    will: [
      'Start from a flagged account or a ring Ringside detected.',
      'Show every account that shares a device, IP, payout instrument, phone, address or referral with it.',
      'Explain why two accounts are linked: the shared identifier values and when each was seen.',
    ],
  },
  timeline: {
    who: 'Investigators',
    summary: "A ring's or an account's activity over time.",
    will: [
      'Plot signups, KYC checks, logins, password resets, payout method changes, task submissions, payouts and enforcement on one time axis.',
      'Line up several accounts to see coordinated behaviour, in UTC or local time.',
    ],
  },
  sql: {
    who: 'Analysts',
    summary: 'Ad hoc, read-only SQL against the local cache.',
    will: [
      'Run queries on a read-only connection in a separate process that Cancel and timeouts can stop.',
      'Browse results in a grid, keep a query history, and save and share queries as files in the workspace.',
    ],
  },
  rules: {
    who: 'Analysts',
    summary: 'Detection rules built from queries, measured against past decisions.',
    will: [
      'Turn a saved query into a detection rule.',
      'Backtest a rule and report its precision and recall against decisions already made.',
    ],
  },
};

export function PlaceholderScreen({ route }: { route: PlaceholderId }) {
  const plan = PLANS[route];
  const label = ROUTES.find((r) => r.id === route)?.label ?? route;
  useReportScreenReady(route, true);
  return (
    <div className="screen placeholder" data-testid={`screen-${route}`}>
      <ScreenHeader title={label} subtitle={plan.summary} />
      <section className="placeholder-card" aria-label={`${label}: not built yet`}>
        <span className="pill pill-neutral">Not built yet</span>
        <h2>The {label} screen is not built yet.</h2>
        <p className="muted">
          Nothing on this screen works today. It belongs to a later issue; this is what it will let{' '}
          {plan.who.toLowerCase()} do:
        </p>
        <ul>
          {plan.will.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
