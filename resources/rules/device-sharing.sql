-- Accounts that share a device with other accounts.
-- score: the number of accounts on the most-shared device the account uses (2 = a pair).
-- Devices seen on more than 12 accounts are infrastructure (shared kiosks, emulators at
-- scale, test rigs) and are left to the hub review of the Graph screen.
WITH shared AS (
  SELECT value, count(DISTINCT account_id) AS n
  FROM identifiers
  WHERE kind = 'device'
  GROUP BY value
  HAVING n BETWEEN 2 AND 12
)
SELECT i.account_id, max(s.n) AS score
FROM identifiers AS i
JOIN shared AS s ON s.value = i.value
WHERE i.kind = 'device'
GROUP BY i.account_id
