-- Account takeover sequence: a password reset followed within 6 hours by a payout method
-- change on the same account.
-- score: 1 for the sequence, +1 when a payout follows the change within 24 hours (cash-out),
-- +1 when the reset came from a device the account had never used before (an hour's grace).
-- (`+c.type` keeps SQLite on the per-account time index instead of scanning every account's
-- events of that type in the time range.)
WITH seq AS (
  SELECT r.account_id, r.occurred_at AS reset_at, r.device, min(c.occurred_at) AS change_at
  FROM events AS r
  JOIN events AS c
    ON c.account_id = r.account_id
   AND +c.type = 'payout_method_change'
   AND c.occurred_at BETWEEN r.occurred_at AND r.occurred_at + 6 * 3600000
  WHERE r.type = 'password_reset'
  GROUP BY r.account_id, r.occurred_at
)
SELECT account_id,
       max(1
         + EXISTS (SELECT 1 FROM events AS p
                   WHERE p.account_id = seq.account_id AND +p.type = 'payout'
                     AND p.occurred_at BETWEEN seq.change_at AND seq.change_at + 24 * 3600000)
         + NOT EXISTS (SELECT 1 FROM events AS o
                       WHERE o.account_id = seq.account_id AND o.device = seq.device
                         AND o.occurred_at < seq.reset_at - 3600000)) AS score
FROM seq
GROUP BY account_id
