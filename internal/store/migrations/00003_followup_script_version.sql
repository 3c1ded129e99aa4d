-- +goose Up

-- The script version a follow-up will be called with, fixed when it is
-- scheduled: publishing a new version changes only new follow-ups unless a
-- supervisor moves the waiting ones. NULL (follow-ups written before any
-- version existed) means the current version when the call starts.
ALTER TABLE follow_ups ADD COLUMN script_version_id bigint REFERENCES script_versions (id);
CREATE INDEX follow_ups_script_version_id ON follow_ups (script_version_id)
    WHERE state IN ('scheduled', 'due', 'no_answer', 'callback');

UPDATE follow_ups f
SET script_version_id = (
    SELECT v.id FROM script_versions v JOIN scripts s ON s.id = v.script_id
    WHERE s.name = f.script_name AND s.locale IN (c.locale, 'en') AND v.published_at IS NOT NULL
    ORDER BY (s.locale = c.locale) DESC, v.number DESC
    LIMIT 1)
FROM customers c
WHERE c.id = f.customer_id;

-- While an agent holds a call, the customer is held too, so no other agent
-- calls them about another purchase at the same time. The hold lives on
-- the customer row because the claim locks that row: a claimer that waited
-- for it re-reads the hold and moves on, where a check of other follow-ups
-- would still see the snapshot from before the first claim committed.
ALTER TABLE customers ADD COLUMN held_by bigint REFERENCES users (id);
ALTER TABLE customers ADD COLUMN held_until timestamptz;

-- +goose Down
ALTER TABLE customers DROP COLUMN held_until;
ALTER TABLE customers DROP COLUMN held_by;
DROP INDEX follow_ups_script_version_id;
ALTER TABLE follow_ups DROP COLUMN script_version_id;
