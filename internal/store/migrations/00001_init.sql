-- +goose Up

-- A source is one shop system; external ids are unique per source.
CREATE TABLE sources (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL UNIQUE CHECK (name <> '' AND length(name) <= 100),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Only a SHA-256 of each key is kept: keys are 256-bit random strings, so a
-- slow KDF would add latency to every API call without adding safety.
CREATE TABLE api_keys (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id    bigint NOT NULL REFERENCES sources (id),
    prefix       text NOT NULL,
    key_hash     bytea NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- A customer is identified by their E.164 phone number: shops know people by
-- phone, and two sales to one phone must not mean two calls a week apart to
-- the same person without the agent seeing both.
CREATE TABLE customers (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone        text NOT NULL UNIQUE CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    name         text NOT NULL CHECK (name <> ''),
    timezone     text NOT NULL,
    locale       text NOT NULL,
    opted_out_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sales (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id        bigint NOT NULL REFERENCES sources (id),
    external_id      text NOT NULL CHECK (external_id <> ''),
    customer_id      bigint NOT NULL REFERENCES customers (id),
    product_sku      text NOT NULL,
    product_name     text NOT NULL DEFAULT '',
    product_category text NOT NULL DEFAULT '',
    branch           text NOT NULL DEFAULT '',
    sold_at          timestamptz NOT NULL,
    -- Hash of the sale as submitted (normalised), so that a resubmission can
    -- be told apart from a conflicting one without comparing every column.
    content_hash     bytea NOT NULL,
    cancelled_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_id, external_id)
);
CREATE INDEX sales_customer_id ON sales (customer_id);

-- The organisation calendar: one row.
CREATE TABLE calendar (
    id           boolean PRIMARY KEY DEFAULT true CHECK (id),
    -- Indexed by weekday, Sunday first, as Go's time.Weekday.
    working_days boolean[] NOT NULL CHECK (cardinality(working_days) = 7),
    holidays     date[] NOT NULL DEFAULT '{}',
    -- Minutes since midnight in the customer's local time.
    window_start smallint NOT NULL CHECK (window_start BETWEEN 0 AND 1439),
    window_end   smallint NOT NULL CHECK (window_end BETWEEN 1 AND 1440),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (window_start < window_end)
);
INSERT INTO calendar (working_days, window_start, window_end)
VALUES ('{f,t,t,t,t,t,f}', 600, 1140);

-- Rules per product category; the empty category is the default rule.
CREATE TABLE followup_rules (
    category              text PRIMARY KEY,
    delay_days            integer NOT NULL CHECK (delay_days BETWEEN 0 AND 365),
    channel               text NOT NULL CHECK (channel IN ('agent', 'sms', 'voice')),
    script_name           text NOT NULL,
    priority              integer NOT NULL CHECK (priority BETWEEN 0 AND 100),
    max_attempts          integer NOT NULL CHECK (max_attempts BETWEEN 1 AND 20),
    retry_spacing_minutes integer NOT NULL CHECK (retry_spacing_minutes BETWEEN 1 AND 43200),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
INSERT INTO followup_rules (category, delay_days, channel, script_name, priority, max_attempts, retry_spacing_minutes)
VALUES ('', 7, 'agent', 'default', 50, 3, 1440);

-- A follow-up copies its rule when it is created, so that editing a rule
-- later does not silently change calls that are already promised.
CREATE TABLE follow_ups (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind                  text NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'recovery')),
    sale_id               bigint NOT NULL REFERENCES sales (id),
    customer_id           bigint NOT NULL REFERENCES customers (id),
    state                 text NOT NULL DEFAULT 'scheduled' CHECK (state IN (
                              'scheduled', 'due', 'claimed', 'completed', 'no_answer',
                              'callback', 'unreachable', 'cancelled', 'opted_out')),
    due_at                timestamptz NOT NULL,
    channel               text NOT NULL CHECK (channel IN ('agent', 'sms', 'voice')),
    script_name           text NOT NULL,
    priority              integer NOT NULL,
    max_attempts          integer NOT NULL,
    retry_spacing_minutes integer NOT NULL,
    attempt_count         integer NOT NULL DEFAULT 0,
    claimed_by            bigint,
    claim_expires_at      timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
-- One follow-up per sale; recovery follow-ups are extra and point at the
-- same sale.
CREATE UNIQUE INDEX follow_ups_one_per_sale ON follow_ups (sale_id) WHERE kind = 'sale';
CREATE INDEX follow_ups_customer_id ON follow_ups (customer_id);
-- The due-bucket job looks only at scheduled rows whose time has come.
CREATE INDEX follow_ups_scheduled_due_at ON follow_ups (due_at) WHERE state = 'scheduled';
CREATE INDEX follow_ups_claim_expires_at ON follow_ups (claim_expires_at) WHERE state = 'claimed';

-- Every state change after creation, with who made it: the history agents
-- and supervisors read, and the proof that no change happened twice.
CREATE TABLE follow_up_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    follow_up_id bigint NOT NULL REFERENCES follow_ups (id),
    at           timestamptz NOT NULL DEFAULT now(),
    from_state   text NOT NULL,
    to_state     text NOT NULL,
    actor        text NOT NULL,
    note         text NOT NULL DEFAULT ''
);
CREATE INDEX follow_up_events_follow_up_id ON follow_up_events (follow_up_id);

CREATE TABLE attempts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    follow_up_id bigint NOT NULL REFERENCES follow_ups (id),
    at           timestamptz NOT NULL DEFAULT now(),
    channel      text NOT NULL,
    actor        text NOT NULL,
    disposition  text NOT NULL,
    notes        text NOT NULL DEFAULT ''
);
CREATE INDEX attempts_follow_up_id ON attempts (follow_up_id);

-- +goose Down
DROP TABLE attempts;
DROP TABLE follow_up_events;
DROP TABLE follow_ups;
DROP TABLE followup_rules;
DROP TABLE calendar;
DROP TABLE sales;
DROP TABLE customers;
DROP TABLE api_keys;
DROP TABLE sources;
