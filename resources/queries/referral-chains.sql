-- name: Referral fan-out
-- description: Accounts that referred many others, with how fast the referred accounts were created.
-- tags: referrals, rings

SELECT r.src_account_id AS referrer,
       count(*) AS referred,
       (max(a.created_at) - min(a.created_at)) / 3600000.0 AS creation_spread_hours
FROM relations AS r
JOIN accounts AS a ON a.id = r.dst_account_id
WHERE r.kind = 'referral'
GROUP BY r.src_account_id
HAVING count(*) >= 3
ORDER BY referred DESC
LIMIT 500
