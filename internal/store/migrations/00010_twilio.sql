-- +goose Up

-- A rule's channel ladder: ordered steps {channel, wait_minutes}
-- (schedule.Ladder). The channel column stays, always the first step's, so
-- code and reports that read it keep working.
ALTER TABLE followup_rules ADD COLUMN ladder jsonb;
UPDATE followup_rules SET ladder = jsonb_build_array(jsonb_build_object('channel', channel, 'wait_minutes', 0));
ALTER TABLE followup_rules ALTER COLUMN ladder SET NOT NULL;
ALTER TABLE followup_rules ADD CONSTRAINT followup_rules_ladder_first
    CHECK (jsonb_typeof(ladder) = 'array' AND ladder -> 0 ->> 'channel' = channel);

-- A follow-up copies its rule's ladder, so a rule change affects only new
-- follow-ups. channel is the current step's channel: the agent queue reads
-- only follow-ups whose step is the agent's.
ALTER TABLE follow_ups ADD COLUMN ladder jsonb;
UPDATE follow_ups SET ladder = jsonb_build_array(jsonb_build_object('channel', channel, 'wait_minutes', 0));
ALTER TABLE follow_ups ALTER COLUMN ladder SET DEFAULT '[{"channel": "agent", "wait_minutes": 0}]';
ALTER TABLE follow_ups ALTER COLUMN ladder SET NOT NULL;
ALTER TABLE follow_ups ADD COLUMN ladder_step integer NOT NULL DEFAULT 0;
-- The SMS conversation (survey.State) while the SMS step runs.
ALTER TABLE follow_ups ADD COLUMN survey_state jsonb;

-- Every text sent or received. An outbound message is a row before it is a
-- request to Twilio (docs/twilio.md): state pending → sending → sent, so a
-- job that runs twice, or a request whose answer was lost, never sends a
-- second copy.
CREATE TABLE twilio_messages (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    direction     text NOT NULL CHECK (direction IN ('outbound', 'inbound')),
    follow_up_id  bigint REFERENCES follow_ups (id),
    customer_id   bigint REFERENCES customers (id),
    -- Outbound: the message's place in its follow-up's conversation.
    seq           integer,
    -- survey: part of a survey, never sent to an opted-out customer or
    -- outside the calling window, nor once its follow-up has left the SMS
    -- step it was written for (ladder_step); closing: the thanks after the
    -- last answer, sent though the follow-up is completed; notice: the
    -- answer to STOP or START, which the customer is owed at once.
    kind          text NOT NULL DEFAULT 'survey' CHECK (kind IN ('survey', 'closing', 'notice')),
    ladder_step   integer,
    to_number     text NOT NULL,
    from_number   text NOT NULL,
    body          text NOT NULL,
    state         text NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled', 'received')),
    -- Twilio's delivery status from status callbacks.
    status        text NOT NULL DEFAULT '',
    sid           text UNIQUE,
    attempts      integer NOT NULL DEFAULT 0,
    error         text NOT NULL DEFAULT '',
    sending_at    timestamptz,
    -- The rate-limit slot this message holds, kept across snoozes so a
    -- job that waits does not take a second one.
    slot_at       timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (follow_up_id, seq)
);
CREATE INDEX twilio_messages_created_at ON twilio_messages (created_at);

-- Automated calls, with the same intent-first pattern as messages.
CREATE TABLE twilio_calls (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    follow_up_id  bigint NOT NULL REFERENCES follow_ups (id),
    attempt       integer NOT NULL,
    to_number     text NOT NULL,
    from_number   text NOT NULL,
    state         text NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
    status        text NOT NULL DEFAULT '',
    sid           text UNIQUE,
    attempts      integer NOT NULL DEFAULT 0,
    error         text NOT NULL DEFAULT '',
    sending_at    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (follow_up_id, attempt)
);
CREATE INDEX twilio_calls_created_at ON twilio_calls (created_at);

-- One keypad answer per call and question: Twilio retries webhooks.
CREATE TABLE twilio_gathers (
    call_sid   text NOT NULL,
    step       integer NOT NULL,
    digits     text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (call_sid, step)
);

-- The per-sender rate limit, shared by every process: each send takes the
-- next slot (docs/twilio.md).
CREATE TABLE twilio_senders (
    sender  text PRIMARY KEY,
    next_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE twilio_senders;
DROP TABLE twilio_gathers;
DROP TABLE twilio_calls;
DROP TABLE twilio_messages;
ALTER TABLE follow_ups DROP COLUMN survey_state;
ALTER TABLE follow_ups DROP COLUMN ladder_step;
ALTER TABLE follow_ups DROP COLUMN ladder;
ALTER TABLE followup_rules DROP CONSTRAINT followup_rules_ladder_first;
ALTER TABLE followup_rules DROP COLUMN ladder;
