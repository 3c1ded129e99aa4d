-- name: ScriptEnsure :one
INSERT INTO scripts (name, locale) VALUES (@name, @locale)
ON CONFLICT (name, locale) DO UPDATE SET name = excluded.name
RETURNING id;

-- name: ScriptVersionInsert :one
INSERT INTO script_versions (script_id, number, body, published_at, created_by)
VALUES (@script_id,
        (SELECT coalesce(max(number), 0) + 1 FROM script_versions WHERE script_id = @script_id),
        @body, @published_at, @created_by)
RETURNING id, number;

-- The version new calls use: the newest published one of the script in
-- the customer's language, else in English.
-- name: ScriptVersionCurrent :one
SELECT v.id, v.number, v.body, s.name, s.locale
FROM script_versions v JOIN scripts s ON s.id = v.script_id
WHERE s.name = @name AND s.locale IN (@locale, 'en') AND v.published_at IS NOT NULL
ORDER BY (s.locale = @locale) DESC, v.number DESC
LIMIT 1;

-- name: ScriptVersionGet :one
SELECT v.id, v.number, v.body, s.name, s.locale
FROM script_versions v JOIN scripts s ON s.id = v.script_id
WHERE v.id = @id;

-- name: ScriptVersionCount :one
SELECT count(*) FROM script_versions;

-- The current published version of every script in every language.
-- name: ScriptVersionCurrentAll :many
SELECT DISTINCT ON (s.name, s.locale) v.id, s.name, s.locale
FROM script_versions v JOIN scripts s ON s.id = v.script_id
WHERE v.published_at IS NOT NULL
ORDER BY s.name, s.locale, v.number DESC;
