-- name: SourceEnsure :one
INSERT INTO sources (name) VALUES (@name)
ON CONFLICT (name) DO UPDATE SET name = excluded.name
RETURNING *;

-- name: SourceExists :one
SELECT EXISTS (SELECT 1 FROM sources WHERE name = @name);
