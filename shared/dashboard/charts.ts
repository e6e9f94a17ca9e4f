/**
 * The T&S dashboard's charts: each one is a read-only SQL query over the cache (run by
 * `dashboard.chart` in the query runner) plus how to draw its result. The SQL is the single
 * source of truth: the screen shows it one click away and can open it in the SQL scratchpad.
 *
 * Result shapes:
 *  - wide: the first column is the x category, every other column a series (numbers);
 *  - long: `pivot` names the x, series and value columns (e.g. precision by month per rule).
 * Parameters: :from / :to (epoch ms, the dashboard's window) and :now (epoch ms).
 * Columns listed in `percent` are ratios in [0, 1], drawn as lines on a right-hand % axis.
 */
export interface DashboardChart {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly kind: 'bar' | 'stacked' | 'line';
  readonly sql: string;
  readonly percent?: readonly string[];
  readonly pivot?: { readonly x: string; readonly series: string; readonly value: string };
  /** Axis label of the main (left) axis. */
  readonly unit: string;
}

const OPEN = "('new', 'in_review', 'escalated', 'appealed')";
const WEEK = (col: string) => `date(${col} / 1000, 'unixepoch', 'weekday 1', '-7 days')`;
const MONTH = (col: string) => `strftime('%Y-%m', ${col} / 1000, 'unixepoch')`;

export const DASHBOARD_CHARTS: readonly DashboardChart[] = [
  {
    id: 'case-volume',
    title: 'Case volume',
    description: 'Cases opened and cases decided per week (weeks start on Monday, UTC).',
    kind: 'bar',
    unit: 'cases',
    sql: `WITH opened AS (
  SELECT ${WEEK('opened_at')} AS week, count(*) AS n
  FROM cases WHERE opened_at >= :from AND opened_at < :to GROUP BY week
), decided AS (
  SELECT ${WEEK('first_decision')} AS week, count(*) AS n
  FROM (SELECT case_id, min(decided_at) AS first_decision FROM decisions
        WHERE case_id IS NOT NULL AND status <> 'pending_approval' GROUP BY case_id)
  WHERE first_decision >= :from AND first_decision < :to GROUP BY week
), weeks AS (SELECT week FROM opened UNION SELECT week FROM decided)
SELECT w.week, coalesce(o.n, 0) AS opened, coalesce(d.n, 0) AS decided
FROM weeks AS w LEFT JOIN opened AS o USING (week) LEFT JOIN decided AS d USING (week)
ORDER BY w.week`,
  },
  {
    id: 'backlog-age',
    title: 'Backlog by age',
    description: 'Open cases (new, in review, escalated, appealed) by how long they have been open, per priority.',
    kind: 'stacked',
    unit: 'open cases',
    sql: `WITH open AS (
  SELECT priority, (:now - opened_at) / 86400000.0 AS days FROM cases WHERE status IN ${OPEN}
), buckets(bucket, lo, hi, ord) AS (
  VALUES ('< 1 day', 0, 1, 1), ('1-3 days', 1, 3, 2), ('3-7 days', 3, 7, 3),
         ('7-14 days', 7, 14, 4), ('14-30 days', 14, 30, 5), ('> 30 days', 30, 1e9, 6)
)
SELECT b.bucket,
  sum(o.priority = 'P1') AS P1, sum(o.priority = 'P2') AS P2,
  sum(o.priority = 'P3') AS P3, sum(o.priority = 'P4') AS P4
FROM buckets AS b LEFT JOIN open AS o ON o.days >= b.lo AND o.days < b.hi
GROUP BY b.bucket ORDER BY min(b.ord)`,
  },
  {
    id: 'sla',
    title: 'SLA adherence',
    description: 'Cases by the week their SLA fell due: decided in time, decided late, still open past due; and the share met.',
    kind: 'stacked',
    unit: 'cases',
    percent: ['met_rate'],
    sql: `WITH c AS (
  SELECT c.id, c.sla_due_at AS due,
    (SELECT min(decided_at) FROM decisions AS d WHERE d.case_id = c.id AND d.status <> 'pending_approval') AS decided_at
  FROM cases AS c
  WHERE c.sla_due_at IS NOT NULL AND c.sla_due_at >= :from AND c.sla_due_at < :to AND c.sla_due_at <= :now
)
SELECT ${WEEK('due')} AS week,
  sum(decided_at IS NOT NULL AND decided_at <= due) AS met,
  sum(decided_at IS NOT NULL AND decided_at > due) AS late,
  sum(decided_at IS NULL) AS open_past_due,
  round(1.0 * sum(decided_at IS NOT NULL AND decided_at <= due) / count(*), 3) AS met_rate
FROM c GROUP BY week ORDER BY week`,
  },
  {
    id: 'time-to-decision',
    title: 'Time to decision',
    description: 'Cases by time from opening to their first decision, per priority.',
    kind: 'stacked',
    unit: 'cases',
    sql: `WITH t AS (
  SELECT c.priority, (min(d.decided_at) - c.opened_at) / 3600000.0 AS hours
  FROM cases AS c JOIN decisions AS d ON d.case_id = c.id AND d.status <> 'pending_approval'
  WHERE c.opened_at >= :from AND c.opened_at < :to
  GROUP BY c.id
), buckets(bucket, lo, hi, ord) AS (
  VALUES ('< 4 h', -1e9, 4, 1), ('4-24 h', 4, 24, 2), ('1-3 days', 24, 72, 3),
         ('3-7 days', 72, 168, 4), ('> 7 days', 168, 1e12, 5)
)
SELECT b.bucket,
  sum(t.priority = 'P1') AS P1, sum(t.priority = 'P2') AS P2,
  sum(t.priority = 'P3') AS P3, sum(t.priority = 'P4') AS P4
FROM buckets AS b LEFT JOIN t ON t.hours >= b.lo AND t.hours < b.hi
GROUP BY b.bucket ORDER BY min(b.ord)`,
  },
  {
    id: 'decision-mix',
    title: 'Decision mix',
    description: 'Decisions by policy and sanction (pending approvals and rejected drafts excluded).',
    kind: 'stacked',
    unit: 'decisions',
    sql: `SELECT policy,
  sum(sanction = 'no_action') AS no_action,
  sum(sanction = 'warning') AS warning,
  sum(sanction = 'temporary_suspension') AS temporary_suspension,
  sum(sanction = 'suspension_pending_review') AS suspension_pending_review,
  sum(sanction = 'offboarding') AS offboarding
FROM decisions
WHERE status NOT IN ('pending_approval', 'rejected') AND decided_at >= :from AND decided_at < :to
GROUP BY policy ORDER BY count(*) DESC`,
  },
  {
    id: 'appeals',
    title: 'Appeals and overturns',
    description:
      'Per month of the decision: sanctions issued, appealed and overturned; appeal rate (appealed / sanctions) and overturn rate (overturned / appealed).',
    kind: 'bar',
    unit: 'decisions',
    percent: ['appeal_rate', 'overturn_rate'],
    sql: `WITH d AS (
  SELECT d.decided_at,
    (coalesce(d.appeal_outcome, '') <> '' OR EXISTS (SELECT 1 FROM appeals AS a WHERE a.decision_id = d.id)) AS appealed,
    (d.status = 'overturned' OR coalesce(d.appeal_outcome, '') IN ('overturned', 'overturn')) AS overturned
  FROM decisions AS d
  WHERE d.sanction <> 'no_action' AND d.status NOT IN ('pending_approval', 'rejected')
    AND d.decided_at >= :from AND d.decided_at < :to
)
SELECT ${MONTH('decided_at')} AS month, count(*) AS sanctions, sum(appealed) AS appealed, sum(overturned) AS overturned,
  round(1.0 * sum(appealed) / count(*), 3) AS appeal_rate,
  CASE WHEN sum(appealed) > 0 THEN round(1.0 * sum(overturned) / sum(appealed), 3) END AS overturn_rate
FROM d GROUP BY month ORDER BY month`,
  },
  {
    id: 'rule-precision',
    title: 'Rule precision over time',
    description:
      "Each rule's latest backtest: precision at its operating point by month of the label's decision. Backtest a rule in the Rules lab to add or refresh its line.",
    kind: 'line',
    unit: 'precision',
    pivot: { x: 'month', series: 'rule', value: 'precision' },
    sql: `WITH latest AS (
  SELECT rule_id, max(id) AS id FROM rule_runs WHERE error IS NULL GROUP BY rule_id
)
SELECT r.rule_id || ' v' || r.rule_version AS rule,
  json_extract(m.value, '$.month') AS month,
  json_extract(m.value, '$.precision') AS precision
FROM latest AS l JOIN rule_runs AS r ON r.id = l.id, json_each(r.metrics, '$.byMonth') AS m
WHERE json_extract(m.value, '$.month') >= ${MONTH(':from')} AND json_extract(m.value, '$.month') <= ${MONTH('(:to - 1)')}
ORDER BY month, rule`,
  },
];

export function dashboardChart(id: string): DashboardChart | undefined {
  return DASHBOARD_CHARTS.find((c) => c.id === id);
}
