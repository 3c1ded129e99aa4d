-- +goose Up

-- The sign-in throttle counted failures per username alone, so five wrong
-- guesses from anywhere locked the real user out (#13). Failures are now
-- counted per (username, client) here and per client in
-- login_client_failures (auth.ClientKey names the client), each for
-- auth.Window from first_failure; older rows are deleted periodically.
-- The old counts cannot be told apart by client and are dropped, which
-- forgives at most the waits they imposed.
DELETE FROM login_failures;
ALTER TABLE login_failures
    ADD COLUMN client text NOT NULL,
    ADD COLUMN first_failure timestamptz NOT NULL,
    DROP CONSTRAINT login_failures_pkey,
    ADD PRIMARY KEY (username, client);

-- No index on first_failure: rows live an hour, so the periodic delete
-- reads a table only as large as an hour's failed sign-ins.
CREATE TABLE login_client_failures (
    client        text PRIMARY KEY,
    failures      integer NOT NULL,
    first_failure timestamptz NOT NULL,
    last_failure  timestamptz NOT NULL
);

-- +goose Down

DROP TABLE login_client_failures;
DELETE FROM login_failures;
ALTER TABLE login_failures
    DROP CONSTRAINT login_failures_pkey,
    DROP COLUMN client,
    DROP COLUMN first_failure,
    ADD PRIMARY KEY (username);
