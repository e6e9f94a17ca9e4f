-- name: Accounts sharing a payout instrument
-- description: Payment instruments and bank accounts used by two or more accounts, largest groups first.
--   Shared payout destinations are the strongest single link between ring members.
-- tags: payouts, rings, identifiers

SELECT i.kind,
       i.value,
       count(DISTINCT i.account_id) AS accounts,
       group_concat(DISTINCT i.account_id) AS account_ids,
       min(i.first_seen) AS first_seen
FROM identifiers AS i
WHERE i.kind IN ('payment_instrument', 'bank_account')
GROUP BY i.kind, i.value
HAVING count(DISTINCT i.account_id) >= :min_accounts
ORDER BY accounts DESC
LIMIT 500
