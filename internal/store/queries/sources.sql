-- name: SourceEnsure :one
INSERT INTO sources (name) VALUES (@name)
ON CONFLICT (name) DO UPDATE SET name = excluded.name
RETURNING *;
