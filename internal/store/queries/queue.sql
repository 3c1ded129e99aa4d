-- The (zone, language) pairs with due agent calls, and how many each has,
-- from the counts the triggers keep (migration 00011), each with the
-- calendar, so a claim learns both in one statement: the caller decides
-- in Go which zones are inside their calling window now. No rows: nothing
-- is due anywhere, and the calendar does not matter.
-- name: QueueDuePairs :many
SELECT p.timezone, p.locale, p.due, c.working_days, c.holidays, c.window_start, c.window_end
FROM (
    SELECT timezone, locale, sum(n)::bigint AS due
    FROM follow_up_counts
    WHERE state = 'due' AND channel = 'agent'
    GROUP BY timezone, locale
    HAVING sum(n) > 0
) p CROSS JOIN calendar c;

-- When the next agent call falls due, for a queue with none due now: the
-- waiting index gives the earliest first.
-- name: QueueNextDue :one
SELECT due_at FROM follow_ups
WHERE state IN ('scheduled', 'no_answer', 'callback') AND channel = 'agent'
ORDER BY due_at
LIMIT 1;

-- The follow-up this agent already holds, so a second tab resumes it.
-- name: FollowUpHeldBy :one
SELECT id FROM follow_ups
WHERE state = 'claimed' AND claimed_by = @user_id AND claim_expires_at > now()
ORDER BY claim_expires_at DESC
LIMIT 1;

-- Serialises one agent's claims, so that two tabs asking at once get one
-- call between them, and reads the languages the agent speaks (their UI
-- language unless an admin set others).
-- name: UserLockForClaim :one
SELECT coalesce(languages, ARRAY[locale])::text[] AS languages FROM users WHERE id = @id FOR NO KEY UPDATE;

-- The languages an agent speaks, for their queue page.
-- name: UserLanguages :one
SELECT coalesce(languages, ARRAY[locale])::text[] AS languages FROM users WHERE id = @id;

-- Every language some enabled agent speaks: what the supervisors' queue
-- page compares the waiting customers' languages with.
-- name: AgentLanguages :many
SELECT DISTINCT unnest(coalesce(languages, ARRAY[locale]))::text AS language
FROM users WHERE role = 'agent' AND disabled_at IS NULL
ORDER BY 1;

-- Claims the next call in one statement, holding the customer too. Its
-- cost does not grow with the backlog (docs/design.md#the-claim): the
-- agent's own callbacks come from their index, and every open (zone,
-- language) pair gives the head of its queue index; the best of those few
-- rows wins. SKIP LOCKED lets agents claim side by side; a claimer that
-- meets a customer another agent just took re-reads the customer row (it
-- is locked, so PostgreSQL re-checks the condition on the newest version)
-- and moves on. NO KEY UPDATE, because a sale being stored for the same
-- customer takes a key-share lock on its row and must not wait for a
-- claim.
-- name: FollowUpClaimNext :one
WITH pairs AS (
    SELECT unnest(@zones::text[]) AS timezone, unnest(@locales::text[]) AS locale
), mine AS (
    SELECT f.id, f.customer_id, f.priority, f.due_at
    FROM follow_ups f JOIN customers c ON c.id = f.customer_id
    WHERE f.callback_by = @user_id::bigint AND f.state = 'due' AND f.channel = 'agent'
      AND (f.timezone, f.locale) IN (SELECT timezone, locale FROM pairs)
      AND c.opted_out_at IS NULL
      AND (c.held_until IS NULL OR c.held_until < now())
      AND NOT EXISTS (SELECT 1 FROM follow_up_releases r
                  WHERE r.user_id = @user_id::bigint AND r.follow_up_id = f.id AND r.until > now())
    ORDER BY f.priority DESC, f.due_at, f.id
    LIMIT 1
    FOR NO KEY UPDATE OF f, c SKIP LOCKED
), heads AS (
    SELECT h.id, h.customer_id, h.priority, h.due_at
    FROM pairs p CROSS JOIN LATERAL (
        SELECT f.id, f.customer_id, f.priority, f.due_at
        FROM follow_ups f JOIN customers c ON c.id = f.customer_id
        WHERE f.state = 'due' AND f.channel = 'agent'
          AND f.timezone = p.timezone AND f.locale = p.locale
          AND f.callback_by IS DISTINCT FROM @user_id::bigint
          AND c.opted_out_at IS NULL
          AND (c.held_until IS NULL OR c.held_until < now())
          AND NOT EXISTS (SELECT 1 FROM follow_up_releases r
                      WHERE r.user_id = @user_id::bigint AND r.follow_up_id = f.id AND r.until > now())
        ORDER BY f.priority DESC, f.due_at, f.id
        LIMIT 1
        FOR NO KEY UPDATE OF f, c SKIP LOCKED
    ) h
), next AS (
    SELECT id, customer_id FROM (
        SELECT id, customer_id, true AS promised, priority, due_at FROM mine
        UNION ALL
        SELECT id, customer_id, false, priority, due_at FROM heads
    ) candidates
    ORDER BY promised DESC, priority DESC, due_at, id
    LIMIT 1
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

-- The counts of the queue page that are not read from follow_up_counts.
-- Calls later today are counted up to @later_cap: past it the page says
-- "at least", and a day with a huge import costs no more than a normal one.
-- name: QueueCounts :one
SELECT
    (SELECT count(*) FROM (
        SELECT 1 FROM follow_ups
        WHERE state IN ('scheduled', 'no_answer', 'callback') AND channel = 'agent'
          AND due_at > now() AND due_at < @day_end::timestamptz
        LIMIT @later_cap::int) later)::bigint AS later_today,
    (SELECT count(*) FROM follow_ups
     WHERE state IN ('callback', 'due') AND callback_by = @user_id::bigint)::bigint AS my_callbacks,
    (SELECT count(*) FROM attempts
     WHERE user_id = @user_id::bigint AND disposition = 'completed' AND at >= @day_start::timestamptz)::bigint AS completed_today;

-- The first calls of the queue in the claim's order, read the claim's way:
-- the agent's callbacks, then the heads of each open pair.
-- name: QueueList :many
WITH pairs AS (
    SELECT unnest(@zones::text[]) AS timezone, unnest(@locales::text[]) AS locale
), picked AS (
    (SELECT f.id, true AS promised, f.priority, f.due_at
     FROM follow_ups f
     WHERE f.callback_by = @user_id::bigint AND f.state = 'due' AND f.channel = 'agent'
       AND (f.timezone, f.locale) IN (SELECT timezone, locale FROM pairs)
       AND NOT EXISTS (SELECT 1 FROM follow_up_releases r
                   WHERE r.user_id = @user_id::bigint AND r.follow_up_id = f.id AND r.until > now())
     ORDER BY f.priority DESC, f.due_at, f.id
     LIMIT @max_rows)
    UNION ALL
    SELECT h.id, false, h.priority, h.due_at
    FROM pairs p CROSS JOIN LATERAL (
        SELECT f.id, f.priority, f.due_at
        FROM follow_ups f
        WHERE f.state = 'due' AND f.channel = 'agent'
          AND f.timezone = p.timezone AND f.locale = p.locale
          AND f.callback_by IS DISTINCT FROM @user_id::bigint
          AND NOT EXISTS (SELECT 1 FROM follow_up_releases r
                      WHERE r.user_id = @user_id::bigint AND r.follow_up_id = f.id AND r.until > now())
        ORDER BY f.priority DESC, f.due_at, f.id
        LIMIT @max_rows
    ) h
), best AS (
    SELECT id, promised, priority, due_at FROM picked
    ORDER BY promised DESC, priority DESC, due_at, id
    LIMIT @max_rows
)
SELECT f.id, f.kind, f.priority, f.due_at, f.attempt_count, b.promised, c.name AS customer_name,
       c.timezone, c.locale, s.product_name, s.product_sku, s.branch,
       coalesce(br.name_en, '')::text AS branch_name_en, coalesce(br.name_fa, '')::text AS branch_name_fa
FROM best b
JOIN follow_ups f ON f.id = b.id
JOIN customers c ON c.id = f.customer_id
JOIN sales s ON s.id = f.sale_id
LEFT JOIN branches br ON br.id = s.branch_id
WHERE c.opted_out_at IS NULL
ORDER BY b.promised DESC, b.priority DESC, b.due_at, b.id;

-- The callbacks this agent promised, the ones QueueCounts counts: when each
-- is due and to whom. A due one is claimed through "Next call", which
-- offers the agent's own callbacks first.
-- name: QueueMyCallbacks :many
SELECT f.id, f.state, f.due_at, c.name AS customer_name, c.timezone, c.locale
FROM follow_ups f
JOIN customers c ON c.id = f.customer_id
WHERE f.state IN ('callback', 'due') AND f.callback_by = @user_id::bigint
ORDER BY f.due_at, f.id
LIMIT @max_rows;
