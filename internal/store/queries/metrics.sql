-- Follow-ups by state and channel for /metrics, from the counts the
-- triggers keep (migration 00011), so a scrape never scans follow_ups.
-- name: FollowUpCountByStateChannel :many
SELECT state, channel, sum(n)::bigint AS count
FROM follow_up_counts
GROUP BY state, channel
HAVING sum(n) <> 0;
