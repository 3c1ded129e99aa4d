-- The zones that have due follow-ups; the caller decides in Go which of
-- them are inside their calling window now.
-- name: QueueDueZones :many
SELECT DISTINCT c.timezone
FROM follow_ups f JOIN customers c ON c.id = f.customer_id
WHERE f.state = 'due' AND f.channel = 'agent';

-- The follow-up this agent already holds, so a second tab resumes it.
-- name: FollowUpHeldBy :one
SELECT id FROM follow_ups
WHERE state = 'claimed' AND claimed_by = @user_id AND claim_expires_at > now()
ORDER BY claim_expires_at DESC
LIMIT 1;

-- Serialises one agent's claims, so that two tabs asking at once get one
-- call between them.
-- name: UserLockForClaim :exec
SELECT 1 FROM users WHERE id = @id FOR NO KEY UPDATE;

-- Claims the next call in one statement, holding the customer too. SKIP
-- LOCKED lets agents claim side by side; a claimer that meets a customer
-- another agent just took re-reads the customer row (it is locked, so
-- PostgreSQL re-checks the condition on the newest version) and moves on.
-- NO KEY UPDATE, because a sale being stored for the same customer takes a
-- key-share lock on its row and must not wait for a claim.
-- name: FollowUpClaimNext :one
WITH next AS (
    SELECT f.id, f.customer_id
    FROM follow_ups f JOIN customers c ON c.id = f.customer_id
    WHERE f.state = 'due' AND f.channel = 'agent'
      AND c.timezone = ANY(@open_zones::text[])
      AND c.opted_out_at IS NULL
      AND (c.held_until IS NULL OR c.held_until < now())
    ORDER BY (f.callback_by IS NOT DISTINCT FROM @user_id::bigint) DESC, f.priority DESC, f.due_at
    LIMIT 1
    FOR NO KEY UPDATE OF f, c SKIP LOCKED
), claimed AS (
    UPDATE follow_ups f
    SET state = 'claimed', claimed_by = @user_id, claim_expires_at = now() + make_interval(secs => @ttl_seconds::int),
        updated_at = now()
    FROM next
    WHERE f.id = next.id
    RETURNING f.id
), held AS (
    UPDATE customers c
    SET held_by = @user_id, held_until = now() + make_interval(secs => @ttl_seconds::int)
    FROM next
    WHERE c.id = next.customer_id
), logged AS (
    INSERT INTO follow_up_events (follow_up_id, from_state, to_state, actor)
    SELECT id, 'due', 'claimed', @actor FROM claimed
)
SELECT id FROM claimed;

-- Only a live claim is extended: an expired one may already have let
-- another agent take the customer.
-- name: FollowUpExtendClaim :one
WITH extended AS (
    UPDATE follow_ups SET claim_expires_at = now() + make_interval(secs => @ttl_seconds::int)
    WHERE follow_ups.id = @id AND follow_ups.state = 'claimed' AND follow_ups.claimed_by = @user_id
      AND follow_ups.claim_expires_at > now()
    RETURNING follow_ups.customer_id, follow_ups.claim_expires_at
), held AS (
    UPDATE customers c SET held_by = @user_id, held_until = extended.claim_expires_at
    FROM extended WHERE c.id = extended.customer_id
      AND (c.held_by = @user_id OR c.held_until IS NULL OR c.held_until < now())
)
SELECT count(*) FROM extended;

-- name: QueueCounts :one
SELECT
    (SELECT count(*) FROM follow_ups f JOIN customers c ON c.id = f.customer_id
     WHERE f.state = 'due' AND f.channel = 'agent' AND c.timezone = ANY(@open_zones::text[])
       AND c.opted_out_at IS NULL)::bigint AS due_now,
    (SELECT count(*) FROM follow_ups f JOIN customers c ON c.id = f.customer_id
     WHERE f.state = 'due' AND f.channel = 'agent' AND NOT (c.timezone = ANY(@open_zones::text[]))
       AND c.opted_out_at IS NULL)::bigint AS due_outside_window,
    (SELECT count(*) FROM follow_ups
     WHERE state IN ('scheduled', 'no_answer', 'callback') AND channel = 'agent'
       AND due_at > now() AND due_at < @day_end::timestamptz)::bigint AS later_today,
    (SELECT count(*) FROM follow_ups
     WHERE state IN ('callback', 'due') AND callback_by = @user_id::bigint)::bigint AS my_callbacks,
    (SELECT count(*) FROM attempts
     WHERE user_id = @user_id::bigint AND disposition = 'completed' AND at >= @day_start::timestamptz)::bigint AS completed_today;

-- name: QueueList :many
SELECT f.id, f.kind, f.priority, f.due_at, f.attempt_count, f.callback_by, c.name AS customer_name,
       c.timezone, c.locale, s.product_name, s.product_sku, s.branch
FROM follow_ups f
JOIN customers c ON c.id = f.customer_id
JOIN sales s ON s.id = f.sale_id
WHERE f.state = 'due' AND f.channel = 'agent' AND c.timezone = ANY(@open_zones::text[])
  AND c.opted_out_at IS NULL
ORDER BY (f.callback_by IS NOT DISTINCT FROM @user_id::bigint) DESC, f.priority DESC, f.due_at
LIMIT @max_rows;
