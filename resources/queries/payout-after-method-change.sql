-- name: Payouts right after a payout-method change
-- description: Payouts within :hours hours after the account changed its payout method: the account-takeover cash-out pattern.
-- tags: payouts, takeover

SELECT c.account_id,
       c.occurred_at AS method_changed_at,
       p.occurred_at AS payout_at,
       round((p.occurred_at - c.occurred_at) / 3600000.0, 2) AS hours_after,
       p.amount,
       p.device,
       p.ip
FROM events AS c
JOIN events AS p
  ON p.account_id = c.account_id
 AND p.type = 'payout'
 AND p.occurred_at BETWEEN c.occurred_at AND c.occurred_at + :hours * 3600000
WHERE c.type = 'payout_method_change'
ORDER BY hours_after ASC
LIMIT 1000
