-- +goose Up

-- Root causes are a list supervisors manage, so reports count causes the
-- organisation recognises. A cause that was used is retired, never
-- deleted: resolved issues keep pointing at it.
CREATE TABLE root_causes (
    key        text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    label_en   text NOT NULL CHECK (label_en <> ''),
    label_fa   text NOT NULL CHECK (label_fa <> ''),
    position   integer NOT NULL DEFAULT 0,
    active     boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO root_causes (key, label_en, label_fa, position) VALUES
    ('product_defect', 'Product defect', 'ایراد کالا', 1),
    ('delivery', 'Delivery', 'ارسال', 2),
    ('staff_behaviour', 'Staff behaviour', 'رفتار کارکنان', 3),
    ('price_billing', 'Price or billing', 'قیمت یا صورت‌حساب', 4),
    ('information', 'Information given', 'اطلاعات داده‌شده', 5),
    ('other', 'Other', 'سایر', 6);

ALTER TABLE issues DROP CONSTRAINT issues_root_cause_check;
ALTER TABLE issues ADD CONSTRAINT issues_root_cause_fkey FOREIGN KEY (root_cause) REFERENCES root_causes (key);
-- Raised by a trigger of the script, or by an agent by hand from the call.
ALTER TABLE issues ADD COLUMN origin text NOT NULL DEFAULT 'trigger' CHECK (origin IN ('trigger', 'manual'));
CREATE INDEX issues_assignee_id ON issues (assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX issues_customer_id ON issues (customer_id);
-- The desk's lists of finished issues, latest change first.
CREATE INDEX issues_finished_updated ON issues (updated_at DESC) WHERE state NOT IN ('open', 'in_progress');
-- An issue page reads the changes of one issue.
CREATE INDEX audit_log_entity_key ON audit_log (entity, entity_key, at, id);

-- What service staff wrote while working an issue, and the agent's note of
-- an issue raised by hand.
CREATE TABLE issue_notes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issue_id   bigint NOT NULL REFERENCES issues (id),
    author_id  bigint NOT NULL REFERENCES users (id),
    body       text NOT NULL CHECK (body <> ''),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX issue_notes_issue_id ON issue_notes (issue_id, created_at);

-- The supervisors' inbox: things that went wrong and need a person to
-- look, such as a missed deadline. Read by one supervisor is read for all:
-- it is a shared desk, not a personal mailbox.
CREATE TABLE inbox_entries (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       text NOT NULL CHECK (kind IN ('issue_breached')),
    issue_id   bigint NOT NULL REFERENCES issues (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at    timestamptz,
    read_by    bigint REFERENCES users (id),
    UNIQUE (kind, issue_id)
);
CREATE INDEX inbox_entries_unread ON inbox_entries (created_at) WHERE read_at IS NULL;

-- +goose Down
DROP TABLE inbox_entries;
DROP TABLE issue_notes;
DROP INDEX audit_log_entity_key;
DROP INDEX issues_finished_updated;
DROP INDEX issues_customer_id;
DROP INDEX issues_assignee_id;
ALTER TABLE issues DROP COLUMN origin;
ALTER TABLE issues DROP CONSTRAINT issues_root_cause_fkey;
-- Causes supervisors added have no place in the fixed list.
UPDATE issues SET root_cause = 'other'
WHERE root_cause NOT IN ('product_defect', 'delivery', 'staff_behaviour', 'price_billing', 'information', 'other');
ALTER TABLE issues ADD CONSTRAINT issues_root_cause_check CHECK (root_cause IN (
    'product_defect', 'delivery', 'staff_behaviour', 'price_billing', 'information', 'other'));
DROP TABLE root_causes;
