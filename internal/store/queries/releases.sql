-- An agent hands back a call they hold ("not for me / cannot take it
-- now"): it is due again at its old place in the queue, with no attempt
-- counted, the customer is free for other agents, and the claim skips it
-- for this agent until @away_seconds from now (follow_up_releases). Only
-- a live claim of this agent is released. The agent's releases that have
-- run out are removed here, so the table holds only live ones.
-- name: FollowUpRelease :one
WITH released AS (
    UPDATE follow_ups f
    SET state = 'due', claimed_by = NULL, claim_expires_at = NULL, updated_at = now()
    WHERE f.id = @id AND f.state = 'claimed' AND f.claimed_by = @user_id::bigint AND f.claim_expires_at > now()
    RETURNING f.id, f.customer_id
), unheld AS (
    UPDATE customers c SET held_by = NULL, held_until = NULL
    FROM released WHERE c.id = released.customer_id AND c.held_by = @user_id::bigint
), logged AS (
    INSERT INTO follow_up_events (follow_up_id, from_state, to_state, actor, note)
    SELECT id, 'claimed', 'due', @actor, @note FROM released
), kept AS (
    INSERT INTO follow_up_releases (user_id, follow_up_id, until)
    SELECT @user_id::bigint, id, now() + make_interval(secs => @away_seconds::int) FROM released
    ON CONFLICT (user_id, follow_up_id) DO UPDATE SET until = excluded.until
), swept AS (
    DELETE FROM follow_up_releases r
    WHERE r.user_id = @user_id::bigint AND r.until < now() AND r.follow_up_id <> @id
)
SELECT count(*) FROM released;
