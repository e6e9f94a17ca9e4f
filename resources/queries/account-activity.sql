-- name: One account's activity
-- description: Every event of one account, newest first, with its extra attributes.
-- tags: accounts, timeline

SELECT occurred_at, type, ip, device, amount, attrs
FROM events
WHERE account_id = :account_id
ORDER BY occurred_at DESC
LIMIT 1000
