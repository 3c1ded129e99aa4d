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

-- name: LoginFailureGet :one
SELECT failures, last_failure FROM login_failures WHERE username = @username;

-- name: LoginFailureRecord :exec
INSERT INTO login_failures (username, failures, last_failure) VALUES (@username, 1, now())
ON CONFLICT (username) DO UPDATE SET failures = login_failures.failures + 1, last_failure = now();

-- name: LoginFailureClear :exec
DELETE FROM login_failures WHERE username = @username;

-- Serialises sign-in attempts for one username, so parallel guesses wait
-- their turn and each sees the failures before it.
-- name: LoginLock :exec
SELECT pg_advisory_xact_lock(hashtextextended('tamas-login:' || @username::text, 0));
