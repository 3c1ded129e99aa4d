-- The sessions table is pgxstore's; these are its queries with the
-- request's context, which pgxstore itself does not pass (internal/web).

-- name: SessionFind :one
SELECT data, expiry FROM sessions WHERE token = @token AND current_timestamp < expiry;

-- name: SessionCommit :exec
INSERT INTO sessions (token, data, expiry) VALUES (@token, @data, @expiry)
ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry;

-- name: SessionDelete :exec
DELETE FROM sessions WHERE token = @token;
