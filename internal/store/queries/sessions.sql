-- The sessions table is pgxstore's; these are its queries with the
-- request's context, which pgxstore itself does not pass (internal/web).

-- name: SessionFind :one
SELECT data FROM sessions WHERE token = @token AND current_timestamp < expiry;

-- scs commits every request's session to move its idle expiry on. A
-- session whose data did not change is rewritten only when its expiry
-- moves by more than a minute (of a two-hour idle timeout), so an agent's
-- requests do not each leave a dead row and two index entries behind.
-- name: SessionCommit :exec
INSERT INTO sessions (token, data, expiry) VALUES (@token, @data, @expiry)
ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry
WHERE sessions.data <> EXCLUDED.data OR sessions.expiry < EXCLUDED.expiry - interval '1 minute';

-- name: SessionDelete :exec
DELETE FROM sessions WHERE token = @token;
