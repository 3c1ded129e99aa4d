-- name: AuditInsert :exec
INSERT INTO audit_log (actor, entity, entity_key, before, after)
VALUES (@actor, @entity, @entity_key, @before, @after);

-- The newest changes to one kind of entity, newest first.
-- name: AuditListRecent :many
SELECT id, at, actor, entity, entity_key, before, after
FROM audit_log
WHERE entity = @entity
ORDER BY at DESC, id DESC
LIMIT @max_rows;
