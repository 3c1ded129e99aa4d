-- +goose Up

-- An issue is a case for service staff, raised when an answer fires its
-- question's trigger. A customer has at most one pending issue per
-- category: a second bad answer about the same thing adds to the case
-- already being worked instead of opening a rival one.
CREATE TABLE issues (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id      bigint NOT NULL REFERENCES customers (id),
    sale_id          bigint NOT NULL REFERENCES sales (id),
    -- The follow-up whose answers raised it; later triggers are in
    -- issue_triggers.
    follow_up_id     bigint NOT NULL REFERENCES follow_ups (id),
    category         text NOT NULL CHECK (category <> ''),
    severity         text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    state            text NOT NULL DEFAULT 'open' CHECK (state IN (
                         'open', 'in_progress', 'resolved', 'closed', 'wont_fix')),
    assignee_id      bigint REFERENCES users (id),
    -- The SLA deadline, fixed when the issue is raised.
    deadline_at      timestamptz NOT NULL,
    breached_at      timestamptz,
    root_cause       text CHECK (root_cause IN (
                         'product_defect', 'delivery', 'staff_behaviour', 'price_billing', 'information', 'other')),
    root_cause_note  text NOT NULL DEFAULT '',
    wont_fix_reason  text NOT NULL DEFAULT '',
    resolved_at      timestamptz,
    recovery_follow_up_id bigint REFERENCES follow_ups (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    -- The domain checks these too; the database keeps a bug from storing
    -- a resolution nobody can learn from.
    CHECK (state NOT IN ('resolved', 'closed') OR (root_cause IS NOT NULL AND root_cause_note <> '')),
    CHECK (state <> 'wont_fix' OR wont_fix_reason <> '')
);
CREATE UNIQUE INDEX issues_one_pending_per_category ON issues (customer_id, category)
    WHERE state IN ('open', 'in_progress');
CREATE INDEX issues_pending_deadline ON issues (deadline_at) WHERE state IN ('open', 'in_progress');

-- Every answer that fired a trigger of an issue, the first one included.
CREATE TABLE issue_triggers (
    issue_id     bigint NOT NULL REFERENCES issues (id),
    response_id  bigint NOT NULL REFERENCES responses (id),
    question_key text NOT NULL,
    value        text NOT NULL,
    severity     text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (issue_id, response_id, question_key)
);
CREATE INDEX issue_triggers_response_id ON issue_triggers (response_id);

-- +goose Down
DROP TABLE issue_triggers;
DROP TABLE issues;
