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

-- name: ScriptList :many
SELECT s.id, s.name, s.locale,
       coalesce(max(v.number) FILTER (WHERE v.published_at IS NOT NULL), 0)::int AS published_number,
       coalesce(bool_or(v.published_at IS NULL), false)::boolean AS has_draft,
       coalesce(max(v.created_at), s.created_at)::timestamptz AS changed_at
FROM scripts s LEFT JOIN script_versions v ON v.script_id = s.id
GROUP BY s.id
ORDER BY s.name, s.locale;

-- name: ScriptGet :one
SELECT id, name, locale FROM scripts WHERE id = @id;

-- name: ScriptGetByName :one
SELECT id, name, locale FROM scripts WHERE name = @name AND locale = @locale;

-- name: ScriptNames :many
SELECT DISTINCT name FROM scripts ORDER BY name;

-- name: ScriptVersionList :many
SELECT v.id, v.number, v.body, v.published_at, v.created_by, v.created_at,
       (SELECT count(*) FROM responses r WHERE r.script_version_id = v.id) AS responses,
       (SELECT count(*) FROM follow_ups f WHERE f.script_version_id = v.id
          AND f.state IN ('scheduled', 'due', 'no_answer', 'callback')) AS waiting
FROM script_versions v
WHERE v.script_id = @script_id
ORDER BY v.number DESC;

-- name: ScriptVersionByNumber :one
SELECT id, number, body, published_at, created_by, created_at
FROM script_versions WHERE script_id = @script_id AND number = @number;

-- The draft of a script, if one is being edited.
-- name: ScriptDraftGet :one
SELECT id, number, body, created_by, created_at
FROM script_versions WHERE script_id = @script_id AND published_at IS NULL
ORDER BY number DESC LIMIT 1;

-- Only drafts change: a published version is immutable.
-- name: ScriptDraftUpdate :execrows
UPDATE script_versions SET body = @body, created_by = @created_by, created_at = now()
WHERE id = @id AND published_at IS NULL;

-- name: ScriptVersionPublish :execrows
UPDATE script_versions SET published_at = now() WHERE id = @id AND published_at IS NULL;

-- Moves the waiting follow-ups of older versions of a script to a newer
-- one; follow-ups already answered keep theirs.
-- name: FollowUpMoveScriptVersion :execrows
UPDATE follow_ups SET script_version_id = @to_version, updated_at = now()
WHERE state IN ('scheduled', 'due', 'no_answer', 'callback')
  AND script_version_id IN (SELECT id FROM script_versions WHERE script_id = @script_id AND id <> @to_version);
