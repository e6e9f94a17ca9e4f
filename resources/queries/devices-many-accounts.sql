-- name: Devices with many accounts
-- description: Devices seen on several accounts. Families share a device too: compare creation spread and payouts before acting.
-- tags: devices, rings, identifiers

SELECT i.value AS device,
       count(DISTINCT i.account_id) AS accounts,
       (max(a.created_at) - min(a.created_at)) / 86400000.0 AS creation_spread_days,
       group_concat(DISTINCT i.account_id) AS account_ids
FROM identifiers AS i
JOIN accounts AS a ON a.id = i.account_id
WHERE i.kind = 'device'
GROUP BY i.value
HAVING count(DISTINCT i.account_id) >= :min_accounts
ORDER BY accounts DESC, creation_spread_days ASC
LIMIT 500
