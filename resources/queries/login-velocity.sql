-- name: Login velocity
-- description: Accounts with the most logins in any single hour, with the number of distinct IPs and devices in that hour.
-- tags: logins, velocity, takeover

SELECT account_id,
       occurred_at / 3600000 * 3600000 AS hour_start,
       count(*) AS logins,
       count(DISTINCT ip) AS ips,
       count(DISTINCT device) AS devices
FROM events
WHERE type = 'login'
GROUP BY account_id, hour_start
HAVING count(*) >= :min_logins
ORDER BY logins DESC
LIMIT 500
