-- +goose Up

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
    display_name  text NOT NULL DEFAULT '',
    role          text NOT NULL CHECK (role IN ('agent', 'supervisor', 'service', 'admin')),
    locale        text NOT NULL DEFAULT 'en',
    timezone      text NOT NULL DEFAULT 'UTC',
    password_hash text NOT NULL,
    disabled_at   timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- scs's pgxstore table.
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- Failed sign-ins per username, to slow down guessing. Kept in the
-- database so that every copy of the server sees the same count.
CREATE TABLE login_failures (
    username     text PRIMARY KEY,
    failures     integer NOT NULL,
    last_failure timestamptz NOT NULL
);

-- A script has a name and a locale; its versions are immutable once
-- published, and answers point at the version they answered.
CREATE TABLE scripts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL,
    locale     text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (name, locale)
);

CREATE TABLE script_versions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    script_id    bigint NOT NULL REFERENCES scripts (id),
    number       integer NOT NULL,
    -- The whole version (intro, questions, closing) as scripts.Version JSON.
    body         jsonb NOT NULL,
    published_at timestamptz,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (script_id, number)
);

CREATE TABLE responses (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    follow_up_id      bigint NOT NULL REFERENCES follow_ups (id),
    script_version_id bigint NOT NULL REFERENCES script_versions (id),
    channel           text NOT NULL,
    captured_by       text NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now()
);
-- One response per follow-up: a double submit must not store two.
CREATE UNIQUE INDEX responses_follow_up_id ON responses (follow_up_id);

CREATE TABLE answers (
    response_id  bigint NOT NULL REFERENCES responses (id),
    question_key text NOT NULL,
    value        text NOT NULL,
    PRIMARY KEY (response_id, question_key)
);

ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_state_check;
ALTER TABLE follow_ups ADD CONSTRAINT follow_ups_state_check CHECK (state IN (
    'scheduled', 'due', 'claimed', 'completed', 'no_answer', 'callback',
    'unreachable', 'cancelled', 'opted_out', 'refused'));
-- The agent who promised a callback gets it first.
ALTER TABLE follow_ups ADD COLUMN callback_by bigint REFERENCES users (id);

-- Retries and callbacks wait like scheduled follow-ups and are made due by
-- the same due-minute jobs.
DROP INDEX follow_ups_scheduled_due_at;
CREATE INDEX follow_ups_waiting_due_at ON follow_ups (due_at) WHERE state IN ('scheduled', 'no_answer', 'callback');
-- The queue: due follow-ups by priority, then due time.
CREATE INDEX follow_ups_queue ON follow_ups (priority DESC, due_at) WHERE state = 'due';

ALTER TABLE attempts ADD COLUMN user_id bigint REFERENCES users (id);
CREATE INDEX attempts_user_id_at ON attempts (user_id, at);

-- +goose Down
DROP INDEX attempts_user_id_at;
ALTER TABLE attempts DROP COLUMN user_id;
DROP INDEX follow_ups_queue;
DROP INDEX follow_ups_waiting_due_at;
CREATE INDEX follow_ups_scheduled_due_at ON follow_ups (due_at) WHERE state = 'scheduled';
ALTER TABLE follow_ups DROP COLUMN callback_by;
ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_state_check;
ALTER TABLE follow_ups ADD CONSTRAINT follow_ups_state_check CHECK (state IN (
    'scheduled', 'due', 'claimed', 'completed', 'no_answer', 'callback',
    'unreachable', 'cancelled', 'opted_out'));
DROP TABLE answers;
DROP TABLE responses;
DROP TABLE script_versions;
DROP TABLE scripts;
DROP TABLE login_failures;
DROP TABLE sessions;
DROP TABLE users;
