-- Accounts that pay out to a payment instrument or bank account used by other accounts.
-- score: the number of accounts on the most-shared payout destination (2 = a pair).
-- Destinations shared by more than 25 accounts (payroll or marketplace escrow accounts)
-- are not ring links.
WITH shared AS (
  SELECT kind, value, count(DISTINCT account_id) AS n
  FROM identifiers
  WHERE kind IN ('payment_instrument', 'bank_account')
  GROUP BY kind, value
  HAVING n BETWEEN 2 AND 25
)
SELECT i.account_id, max(s.n) AS score
FROM identifiers AS i
JOIN shared AS s ON s.kind = i.kind AND s.value = i.value
GROUP BY i.account_id
