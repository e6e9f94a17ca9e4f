-- name: Hub IPs (offices, VPNs)
-- description: IPs shared by very many accounts. These are usually benign hubs: suppress them when linking accounts, but look for ring members among their users.
-- tags: ips, benign, suppression

SELECT value AS ip,
       count(DISTINCT account_id) AS accounts,
       min(first_seen) AS first_seen,
       max(last_seen) AS last_seen
FROM identifiers
WHERE kind = 'ip'
GROUP BY value
HAVING count(DISTINCT account_id) >= 30
ORDER BY accounts DESC
