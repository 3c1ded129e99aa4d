-- +goose Up

-- Who changed a setting, when, and what it was before and after: rules
-- and the calendar decide when customers are called, so a supervisor must
-- be able to see why calls moved. A row is written in the same transaction
-- as the change it records, so no change goes unrecorded and no record
-- describes a change that was rolled back. before is NULL for an addition,
-- after for a deletion.
CREATE TABLE audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text NOT NULL,
    entity     text NOT NULL CHECK (entity <> ''), -- 'rule', 'calendar', …
    entity_key text NOT NULL DEFAULT '',           -- the rule's category; '' for the calendar
    before     jsonb,
    after      jsonb,
    CHECK (before IS NOT NULL OR after IS NOT NULL)
);
-- The settings page shows the latest changes of one kind of entity.
CREATE INDEX audit_log_entity_at ON audit_log (entity, at DESC);

-- A holiday's name ("Nowruz") is only for people reading the calendar; the
-- scheduler needs the dates alone, so the names sit beside them, keyed by
-- ISO date, rather than changing the holidays column that intake reads.
ALTER TABLE calendar ADD COLUMN holiday_names jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(holiday_names) = 'object');

-- +goose Down
ALTER TABLE calendar DROP COLUMN holiday_names;
DROP TABLE audit_log;
