-- name: UserInsert :one
INSERT INTO users (username, display_name, role, locale, timezone, password_hash)
VALUES (@username, @display_name, @role, @locale, @timezone, @password_hash)
RETURNING id;

-- name: UserGetByUsername :one
SELECT * FROM users WHERE username = @username;

-- name: UserGet :one
SELECT * FROM users WHERE id = @id;

-- name: UserList :many
SELECT * FROM users ORDER BY username;

-- name: UserUpdate :execrows
UPDATE users SET display_name = @display_name, role = @role, locale = @locale,
    timezone = @timezone, updated_at = now()
WHERE id = @id;

-- name: UserSetDisabled :execrows
UPDATE users SET disabled_at = CASE WHEN @disabled::boolean THEN coalesce(disabled_at, now()) END, updated_at = now()
WHERE id = @id;

-- name: UserSetPassword :execrows
UPDATE users SET password_hash = @password_hash, updated_at = now() WHERE id = @id;

-- The sign-in throttle (auth.Window, docs/design.md "Sign-in"): failures
-- counted per (username, client) and per client, each count lasting from
-- its first failure until @since passes it; a count that old reads as none
-- and the next failure starts a new one.

-- name: LoginFailureGet :one
SELECT failures, last_failure FROM login_failures
WHERE username = @username AND client = @client AND first_failure > @since;

-- name: LoginClientFailureGet :one
SELECT failures, last_failure FROM login_client_failures
WHERE client = @client AND first_failure > @since;

-- Counts one failure under both keys.
-- name: LoginFailureRecord :exec
WITH pair AS (
    INSERT INTO login_failures (username, client, failures, first_failure, last_failure)
    VALUES (@username, @client, 1, @now, @now)
    ON CONFLICT (username, client) DO UPDATE SET
        failures = CASE WHEN login_failures.first_failure > @since THEN login_failures.failures + 1 ELSE 1 END,
        first_failure = CASE WHEN login_failures.first_failure > @since THEN login_failures.first_failure ELSE @now END,
        last_failure = @now
)
INSERT INTO login_client_failures (client, failures, first_failure, last_failure)
VALUES (@client, 1, @now, @now)
ON CONFLICT (client) DO UPDATE SET
    failures = CASE WHEN login_client_failures.first_failure > @since THEN login_client_failures.failures + 1 ELSE 1 END,
    first_failure = CASE WHEN login_client_failures.first_failure > @since THEN login_client_failures.first_failure ELSE @now END,
    last_failure = @now;

-- A right password: the account's count from this client is cleared, and
-- the client's loses only the failure counted in advance, so signing in to
-- one account does not let its owner go on guessing others.
-- name: LoginFailureClear :exec
WITH pair AS (
    DELETE FROM login_failures WHERE login_failures.username = @username AND login_failures.client = @client
)
UPDATE login_client_failures SET failures = login_client_failures.failures - 1
WHERE login_client_failures.client = @client AND login_client_failures.failures > 0;

-- Deletes the counts that are over, so names that do not exist do not
-- pile up.
-- name: LoginFailuresForget :one
WITH pairs AS (
    DELETE FROM login_failures WHERE login_failures.first_failure <= @since RETURNING 1
), clients AS (
    DELETE FROM login_client_failures WHERE login_client_failures.first_failure <= @since RETURNING 1
)
SELECT ((SELECT count(*) FROM pairs) + (SELECT count(*) FROM clients))::bigint AS forgotten;

-- Serialise sign-in attempts for one username from one client, and then
-- for the client, so parallel guesses wait their turn and each sees the
-- failures before it. Always taken in this order, so two attempts never
-- wait for each other's locks.
-- name: LoginLock :exec
SELECT pg_advisory_xact_lock(hashtextextended('tamas-login:' || @username::text || ' ' || @client::text, 0));

-- name: LoginClientLock :exec
SELECT pg_advisory_xact_lock(hashtextextended('tamas-login-client:' || @client::text, 0));

-- The names people know these users by, for showing who did something:
-- the display name, else the username.
-- name: UserNamesFor :many
SELECT username, coalesce(nullif(display_name, ''), username)::text AS name
FROM users WHERE username = ANY(@usernames::text[]);
