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

-- Claims the next call in one statement. Locking the customer row too, with
-- SKIP LOCKED, keeps two agents from taking two follow-ups of one customer
-- at the same moment; the NOT EXISTS keeps them apart afterwards. NO KEY
-- UPDATE, because a sale being stored for the same customer takes a key-share
-- lock on its row and must not wait for a claim.
-- Callbacks the agent promised come first, then priority, then due time.
-- name: FollowUpClaimNext :one
WITH next AS (
    SELECT f.id
    FROM follow_ups f JOIN customers c ON c.id = f.customer_id
    WHERE f.state = 'due' AND f.channel = 'agent'
      AND c.timezone = ANY(@open_zones::text[])
      AND c.opted_out_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM follow_ups o
                      WHERE o.customer_id = f.customer_id AND o.state = 'claimed')
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
), logged AS (
    INSERT INTO follow_up_events (follow_up_id, from_state, to_state, actor)
    SELECT id, 'due', 'claimed', @actor FROM claimed
)
SELECT id FROM claimed;

-- name: FollowUpExtendClaim :execrows
UPDATE follow_ups SET claim_expires_at = now() + make_interval(secs => @ttl_seconds::int)
WHERE id = @id AND state = 'claimed' AND claimed_by = @user_id;

-- name: QueueCounts :one
SELECT
    (SELECT count(*) FROM follow_ups f JOIN customers c ON c.id = f.customer_id
     WHERE f.state = 'due' AND f.channel = 'agent' AND c.timezone = ANY(@open_zones::text[])
       AND c.opted_out_at IS NULL)::bigint AS due_now,
    (SELECT count(*) FROM follow_ups f JOIN customers c ON c.id = f.customer_id
     WHERE f.state = 'due' AND f.channel = 'agent' AND NOT (c.timezone = ANY(@open_zones::text[])))::bigint AS due_outside_window,
    (SELECT count(*) FROM follow_ups
     WHERE state IN ('scheduled', 'no_answer', 'callback') AND channel = 'agent'
       AND due_at > now() AND due_at < @day_end::timestamptz)::bigint AS later_today,
    (SELECT count(*) FROM follow_ups
     WHERE state IN ('callback', 'due') AND callback_by = @user_id::bigint)::bigint AS my_callbacks,
    (SELECT count(*) FROM attempts
     WHERE user_id = @user_id::bigint AND disposition = 'completed' AND at >= @day_start::timestamptz)::bigint AS completed_today;

-- name: QueueList :many
SELECT f.id, f.priority, f.due_at, f.attempt_count, f.callback_by, c.name AS customer_name,
       c.timezone, c.locale, s.product_name, s.product_sku, s.branch
FROM follow_ups f
JOIN customers c ON c.id = f.customer_id
JOIN sales s ON s.id = f.sale_id
WHERE f.state = 'due' AND f.channel = 'agent' AND c.timezone = ANY(@open_zones::text[])
  AND c.opted_out_at IS NULL
ORDER BY (f.callback_by IS NOT DISTINCT FROM @user_id::bigint) DESC, f.priority DESC, f.due_at
LIMIT @max_rows;
