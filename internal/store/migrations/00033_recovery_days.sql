-- +goose Up

-- The recovery report (docs/recovery.md) probes the sales of a customer
-- once per ended follow-up: about a million probes for a year, seconds
-- per page view. recovery_days keeps the units counted by the UTC day
-- they were due, the UTC day of their anchor (the outcome), branch,
-- category and outcome, with how many bought again within 30, 90 and 180
-- days of the anchor. A page sums it for the due days before
-- built_through and decides from anchor_day which windows have passed;
-- it reads the days since from follow_ups. The recovery_days job
-- recounts the last 200 due days (new sales, late recoveries) every few
-- minutes and everything once a day.
CREATE TABLE recovery_days (
    due_day    date NOT NULL,
    anchor_day date NOT NULL,
    branch_id  bigint NOT NULL,
    category   text NOT NULL,
    outcome    text NOT NULL,
    units      bigint NOT NULL,
    bought30   bigint NOT NULL,
    bought90   bigint NOT NULL,
    bought180  bigint NOT NULL,
    PRIMARY KEY (due_day, anchor_day, branch_id, category, outcome)
);
CREATE TABLE recovery_days_state (
    id            boolean PRIMARY KEY DEFAULT true CHECK (id),
    built_through date -- NULL: nothing rolled up yet; the page reads follow_ups alone
);
INSERT INTO recovery_days_state (built_through) VALUES (NULL);

-- +goose Down
DROP TABLE recovery_days_state;
DROP TABLE recovery_days;
