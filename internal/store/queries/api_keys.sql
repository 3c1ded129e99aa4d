-- name: APIKeyInsert :one
INSERT INTO api_keys (source_id, prefix, key_hash)
VALUES (@source_id, @prefix, @key_hash)
RETURNING *;

-- name: APIKeyGetActiveByHash :one
SELECT api_keys.id, api_keys.source_id, sources.name AS source_name
FROM api_keys JOIN sources ON sources.id = api_keys.source_id
WHERE api_keys.key_hash = @key_hash AND api_keys.revoked_at IS NULL;

-- Touching at most once a minute keeps a busy shop from turning every read
-- into a write.
-- name: APIKeyTouch :exec
UPDATE api_keys SET last_used_at = now()
WHERE id = @id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute');

-- name: APIKeyList :many
SELECT api_keys.id, api_keys.prefix, sources.name AS source_name,
       api_keys.created_at, api_keys.last_used_at, api_keys.revoked_at
FROM api_keys JOIN sources ON sources.id = api_keys.source_id
ORDER BY api_keys.id;

-- name: APIKeyRevoke :execrows
UPDATE api_keys SET revoked_at = now() WHERE id = @id AND revoked_at IS NULL;
