-- name: FollowUpInsertMany :copyfrom
INSERT INTO follow_ups (sale_id, customer_id, due_at, channel, ladder, script_name, script_version_id,
                        priority, max_attempts, retry_spacing_minutes)
VALUES (@sale_id, @customer_id, @due_at, @channel, @ladder, @script_name, @script_version_id,
        @priority, @max_attempts, @retry_spacing_minutes);

-- name: FollowUpListBySaleIDs :many
SELECT id, sale_id, state, due_at FROM follow_ups
WHERE kind = 'sale' AND sale_id = ANY(@sale_ids::bigint[]);

-- A source reads the follow-ups of its own sales, including one that
-- belongs to another source's sale but covers one of its own (contact
-- frequency); external_id is then its own covered sale's, so that no
-- source learns another's sale ids.
-- name: FollowUpGetForSource :one
SELECT f.id, f.kind, f.state, f.due_at, f.channel, f.priority, f.max_attempts,
       f.attempt_count, f.created_at, f.updated_at, x.external_id
FROM follow_ups f
JOIN LATERAL (
    SELECT s.external_id, 0 AS rank, s.sold_at, s.id FROM sales s WHERE s.id = f.sale_id AND s.source_id = @source_id
    UNION ALL
    SELECT c.external_id, 1, c.sold_at, c.id FROM sales c
    WHERE f.kind = 'sale' AND c.covered_by = f.id AND c.source_id = @source_id
    ORDER BY 2, 3, 4
    LIMIT 1
) x ON true
WHERE f.id = @id;

-- name: FollowUpGetForSale :one
SELECT id, kind, state, due_at, channel, priority, max_attempts, attempt_count, created_at, updated_at
FROM follow_ups
WHERE sale_id = @sale_id AND kind = 'sale';

-- Pending follow-ups of a cancelled sale are cancelled; finished ones keep
-- their outcome.
-- The rows are locked first: a lock that waited for a concurrent change
-- reads the newest state, where a self-join would log a stale one.
-- name: FollowUpCancelForSale :many
WITH locked AS (
    SELECT fl.id, fl.customer_id, fl.state FROM follow_ups fl
    WHERE fl.sale_id = @sale_id AND fl.state IN ('scheduled', 'due', 'claimed', 'no_answer', 'callback')
    FOR NO KEY UPDATE
), cancelled AS (
    UPDATE follow_ups f SET state = 'cancelled', claimed_by = NULL, claim_expires_at = NULL, updated_at = now()
    FROM locked
    WHERE f.id = locked.id
    RETURNING f.id, locked.customer_id, locked.state AS from_state
), released AS (
    UPDATE customers c SET held_by = NULL, held_until = NULL
    FROM cancelled WHERE c.id = cancelled.customer_id AND cancelled.from_state = 'claimed'
)
INSERT INTO follow_up_events (follow_up_id, from_state, to_state, actor, note)
SELECT id, from_state, 'cancelled', @actor, 'sale cancelled' FROM cancelled
RETURNING follow_up_id;

-- Makes every waiting follow-up (scheduled, a retry after no answer, or a
-- promised callback) whose time has come due, or cancels it when its sale
-- was cancelled or its customer opted out in the meantime. SKIP LOCKED lets
-- several workers share the work; the state condition makes a second pass
-- over the same row change nothing.
-- name: FollowUpMakeDue :many
WITH picked AS (
    SELECT f.id, f.state AS from_state,
           CASE WHEN s.cancelled_at IS NOT NULL THEN 'cancelled'
                WHEN c.opted_out_at IS NOT NULL THEN 'opted_out'
                ELSE 'due' END AS to_state
    FROM follow_ups f
    JOIN sales s ON s.id = f.sale_id
    JOIN customers c ON c.id = f.customer_id
    WHERE f.state IN ('scheduled', 'no_answer', 'callback') AND f.due_at <= @now::timestamptz
    ORDER BY f.due_at
    LIMIT @max_rows
    FOR NO KEY UPDATE OF f SKIP LOCKED
), moved AS (
    UPDATE follow_ups f SET state = p.to_state, updated_at = now()
    FROM picked p
    WHERE f.id = p.id
    RETURNING f.id, p.from_state, f.state, f.channel, f.ladder_step, f.due_at
), logged AS (
    INSERT INTO follow_up_events (follow_up_id, from_state, to_state, actor)
    SELECT id, from_state, state, @actor FROM moved
)
SELECT id, state, channel, ladder_step, due_at FROM moved;

-- name: FollowUpReleaseExpiredClaims :many
WITH released AS (
    UPDATE follow_ups
    SET state = 'due', claimed_by = NULL, claim_expires_at = NULL, updated_at = now()
    WHERE state = 'claimed' AND claim_expires_at < @now::timestamptz
    RETURNING id, customer_id
), unheld AS (
    UPDATE customers c SET held_by = NULL, held_until = NULL
    FROM released WHERE c.id = released.customer_id AND c.held_until < @now::timestamptz
), logged AS (
    INSERT INTO follow_up_events (follow_up_id, from_state, to_state, actor, note)
    SELECT id, 'claimed', 'due', 'system', 'claim expired' FROM released
)
SELECT id FROM released;

-- name: FollowUpEventList :many
SELECT at, from_state, to_state, actor, note
FROM follow_up_events
WHERE follow_up_id = @follow_up_id
ORDER BY id;

-- From the counts the triggers keep (migration 00011), not a scan.
-- name: FollowUpCountByState :many
SELECT state, sum(n)::bigint AS count FROM follow_up_counts
GROUP BY state HAVING sum(n) <> 0 ORDER BY state;

-- Folds the counter rows of backends that have gone into slot 0 and drops
-- rows that count nothing, so follow_up_counts stays a few hundred rows. A
-- live backend's rows are left alone: it may be writing them.
-- name: FollowUpCountsFold :exec
WITH gone AS (
    DELETE FROM follow_up_counts
    WHERE slot <> 0 AND slot NOT IN (SELECT pid FROM pg_catalog.pg_stat_activity WHERE pid IS NOT NULL)
    RETURNING state, channel, timezone, locale, n
)
INSERT INTO follow_up_counts AS fc (state, channel, timezone, locale, slot, n)
SELECT state, channel, timezone, locale, 0, sum(n)::bigint FROM gone
GROUP BY state, channel, timezone, locale
ORDER BY state, channel, timezone, locale
ON CONFLICT (state, channel, timezone, locale, slot) DO UPDATE SET n = fc.n + excluded.n;

-- name: FollowUpCountsDropZeros :exec
DELETE FROM follow_up_counts WHERE slot = 0 AND n = 0;

-- Demo data: a follow-up answered before the demo starts.
-- name: FollowUpCompleteWithAttempt :one
WITH done AS (
    UPDATE follow_ups
    SET state = 'completed', attempt_count = attempt_count + 1, updated_at = now()
    WHERE follow_ups.id = @follow_up_id AND follow_ups.state = 'due'
    RETURNING follow_ups.id, follow_ups.channel
), attempt AS (
    INSERT INTO attempts (follow_up_id, channel, actor, disposition, notes)
    SELECT done.id, done.channel, @actor, 'completed', @notes FROM done
), logged AS (
    INSERT INTO follow_up_events (follow_up_id, from_state, to_state, actor)
    SELECT done.id, 'due', 'completed', @actor FROM done
)
SELECT count(*) FROM done;

-- A recovery follow-up asks whether the fix held. It copies the sale
-- follow-up's rule values so it is worked like any other call.
-- name: FollowUpInsertRecovery :one
INSERT INTO follow_ups (kind, sale_id, customer_id, due_at, channel, script_name, script_version_id,
                        priority, max_attempts, retry_spacing_minutes)
SELECT 'recovery', f.sale_id, f.customer_id, @due_at, 'agent', @script_name, @script_version_id,
       f.priority, f.max_attempts, f.retry_spacing_minutes
FROM follow_ups f WHERE f.id = @from_follow_up_id
RETURNING id;

-- Who claimed a follow-up last, by the events: an agent whose hold lapsed
-- is still the one who spoke to the customer.
-- name: FollowUpLastClaimer :one
SELECT actor FROM follow_up_events
WHERE follow_up_id = @follow_up_id AND to_state = 'claimed'
ORDER BY id DESC
LIMIT 1;

-- name: FollowUpParties :one
SELECT sale_id, customer_id FROM follow_ups WHERE id = @id;

-- A customer's recovery call still waiting to be made, if any: resolving a
-- second issue of theirs does not call them twice.
-- name: FollowUpPendingRecovery :one
SELECT id FROM follow_ups
WHERE customer_id = @customer_id AND kind = 'recovery'
  AND state IN ('scheduled', 'due', 'claimed', 'no_answer', 'callback')
ORDER BY id LIMIT 1;

-- The sale follow-ups that may cover a new sale of these customers under
-- the contact-frequency rule: every pending one, and those that asked
-- (reached, refused or gave up) since ended_since. updated_at is when a
-- finished follow-up reached its final state: nothing changes it after.
-- Recovery follow-ups never cover. Oldest due first: a new sale rides
-- along with the call that comes first.
-- name: FollowUpListAsked :many
SELECT id, customer_id, state, due_at, updated_at FROM follow_ups
WHERE customer_id = ANY(@customer_ids::bigint[]) AND kind = 'sale'
  AND (state IN ('scheduled', 'due', 'claimed', 'no_answer', 'callback')
       OR (state IN ('completed', 'refused', 'unreachable') AND updated_at >= @ended_since))
ORDER BY customer_id, due_at, id;

-- name: FollowUpGet :one
SELECT id, kind, state, due_at, channel, priority, max_attempts, attempt_count, created_at, updated_at
FROM follow_ups
WHERE id = @id;

-- A cancelled sale's pending follow-up that also covers other sales still
-- standing is not cancelled: it moves to the earliest of them, which stops
-- being covered, and the cancelled sale becomes covered by it. Its branch
-- and category follow the sale it now belongs to. Returns no row when the
-- follow-up is not pending or covers no standing sale.
-- name: FollowUpMoveToCoveredSale :one
WITH heir AS (
    SELECT s.id, s.branch, s.branch_id, s.product_category FROM sales s
    WHERE s.covered_by = @follow_up_id::bigint AND s.cancelled_at IS NULL
    ORDER BY s.sold_at, s.id
    LIMIT 1
), moved AS (
    UPDATE follow_ups f SET sale_id = heir.id, branch = heir.branch, branch_id = heir.branch_id,
        product_category = heir.product_category, updated_at = now()
    FROM heir
    WHERE f.id = @follow_up_id::bigint AND f.state IN ('scheduled', 'due', 'claimed', 'no_answer', 'callback')
    RETURNING f.id, f.state, heir.id AS heir_id
), uncovered AS (
    UPDATE sales s SET covered_by = NULL FROM moved WHERE s.id = moved.heir_id
), covered AS (
    UPDATE sales s SET covered_by = moved.id FROM moved WHERE s.id = @cancelled_sale_id
), logged AS (
    INSERT INTO follow_up_events (follow_up_id, from_state, to_state, actor, note)
    SELECT id, state, state, @actor, 'sale cancelled; moved to another sale it covers' FROM moved
)
SELECT id, heir_id FROM moved;
