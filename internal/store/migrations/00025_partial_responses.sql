-- +goose Up

-- The answers of an automated survey the customer began and did not finish
-- before the ladder moved on (#15). A partial is not a response: reports,
-- issues and webhooks count the finished ones, and the next step (another
-- channel or an agent) may still get a whole response. One per ladder step:
-- the job that moves the ladder on may run twice.
CREATE TABLE partial_responses (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    follow_up_id      bigint NOT NULL REFERENCES follow_ups (id),
    ladder_step       integer NOT NULL,
    channel           text NOT NULL CHECK (channel IN ('sms', 'voice')),
    script_version_id bigint NOT NULL REFERENCES script_versions (id),
    answers           jsonb NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (follow_up_id, ladder_step)
);

-- +goose Down

DROP TABLE partial_responses;
