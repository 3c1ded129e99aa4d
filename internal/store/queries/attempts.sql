-- name: AttemptList :many
SELECT id, at, channel, actor, disposition, notes
FROM attempts
WHERE follow_up_id = @follow_up_id
ORDER BY id;
