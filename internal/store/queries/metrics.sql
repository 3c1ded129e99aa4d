-- Follow-ups by state and channel for /metrics. Callers depend only on the
-- rows, so the body can move to a cheaper source without touching them.
-- name: FollowUpCountByStateChannel :many
SELECT state, channel, count(*) AS count
FROM follow_ups
GROUP BY state, channel;
