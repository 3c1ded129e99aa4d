-- name: CallGet :one
SELECT f.id, f.kind, f.state, f.due_at, f.channel, f.script_name, f.script_version_id, f.priority, f.max_attempts,
       f.retry_spacing_minutes, f.attempt_count, f.claimed_by, f.claim_expires_at,
       c.id AS customer_id, c.name AS customer_name, c.phone, c.timezone, c.locale,
       s.id AS sale_id, s.external_id, s.product_sku, s.product_name, s.product_category,
       s.branch, s.sold_at
FROM follow_ups f
JOIN customers c ON c.id = f.customer_id
JOIN sales s ON s.id = f.sale_id
WHERE f.id = @id;

-- name: CustomerHistory :many
SELECT f.id, f.kind, f.state, f.due_at, f.updated_at, s.product_name, s.product_sku, s.sold_at,
       r.id AS response_id
FROM follow_ups f
JOIN sales s ON s.id = f.sale_id
LEFT JOIN responses r ON r.follow_up_id = f.id
WHERE f.customer_id = @customer_id AND f.id <> @exclude_id
-- A recovery call is dated by when it is due, not by its sale.
ORDER BY CASE WHEN f.kind = 'recovery' THEN f.due_at ELSE s.sold_at END DESC, f.id DESC
LIMIT 20;

-- name: AnswerListForResponses :many
SELECT a.response_id, a.question_key, a.value, v.body
FROM answers a
JOIN responses r ON r.id = a.response_id
JOIN script_versions v ON v.id = r.script_version_id
WHERE a.response_id = ANY(@response_ids::bigint[])
ORDER BY a.response_id;

-- name: AttemptListForFollowUps :many
SELECT follow_up_id, at, channel, disposition, notes, actor
FROM attempts
WHERE follow_up_id = ANY(@follow_up_ids::bigint[])
ORDER BY at DESC;

-- name: AttemptInsert :exec
INSERT INTO attempts (follow_up_id, channel, actor, user_id, disposition, notes)
VALUES (@follow_up_id, @channel, @actor, @user_id, @disposition, @notes);

-- Ends a claimed call and records its attempt (the outcome as the
-- disposition) in one statement. The claim condition makes a second
-- submit (double click, back button) change nothing.
-- name: FollowUpFinishCall :execrows
WITH done AS (
    UPDATE follow_ups
    SET state = @to_state, due_at = coalesce(sqlc.narg('next_due_at')::timestamptz, due_at),
        attempt_count = attempt_count + 1, claimed_by = NULL, claim_expires_at = NULL,
        callback_by = sqlc.narg('callback_by')::bigint, updated_at = now()
    WHERE follow_ups.id = @follow_up_id AND follow_ups.state = 'claimed' AND follow_ups.claimed_by = @user_id
    RETURNING follow_ups.id, follow_ups.customer_id
), released AS (
    UPDATE customers c SET held_by = NULL, held_until = NULL
    FROM done WHERE c.id = done.customer_id AND c.held_by = @user_id
), logged AS (
    INSERT INTO follow_up_events (follow_up_id, from_state, to_state, actor, note)
    SELECT done.id, 'claimed', @to_state, @actor, @note FROM done
), attempted AS (
    INSERT INTO attempts (follow_up_id, channel, actor, user_id, disposition, notes)
    SELECT done.id, 'agent', @actor, @user_id, @note, @notes FROM done
)
SELECT count(*) FROM done;

-- name: ResponseInsert :one
INSERT INTO responses (follow_up_id, script_version_id, channel, captured_by)
VALUES (@follow_up_id, @script_version_id, @channel, @captured_by)
RETURNING id;

-- Stores a response's answers with their question types, and in the same
-- statement sums them up on the follow-up, where reports read them.
-- name: AnswerInsertMany :exec
WITH typed AS (
    SELECT a.k, a.v, coalesce(q.qtype, '') AS qtype,
           CASE WHEN q.qtype IN ('rating', 'nps') AND a.v ~ '^[0-9]{1,2}$' THEN a.v::smallint END AS score
    FROM (SELECT unnest(@question_key::text[]) AS k, unnest(@value::text[]) AS v) a
    LEFT JOIN LATERAL (
        SELECT qq->>'type' AS qtype
        FROM responses r
        JOIN script_versions sv ON sv.id = r.script_version_id
        CROSS JOIN LATERAL jsonb_array_elements(sv.body->'questions') qq
        WHERE r.id = @response_id AND qq->>'key' = a.k
        LIMIT 1
    ) q ON true
), stored AS (
    INSERT INTO answers (response_id, question_key, value, qtype)
    SELECT @response_id, k, v, qtype FROM typed
)
UPDATE follow_ups f SET
    rating_n = s.rating_n, rating_top = s.rating_top, rating_lo = s.rating_lo, rating_hi = s.rating_hi,
    nps_n = s.nps_n, nps_promoters = s.nps_promoters, nps_detractors = s.nps_detractors,
    nps_lo = s.nps_lo, nps_hi = s.nps_hi, commented = s.commented
FROM responses r, (
    SELECT count(*) FILTER (WHERE qtype = 'rating' AND score IS NOT NULL)::smallint AS rating_n,
           count(*) FILTER (WHERE qtype = 'rating' AND score >= 4)::smallint AS rating_top,
           min(score) FILTER (WHERE qtype = 'rating') AS rating_lo,
           max(score) FILTER (WHERE qtype = 'rating') AS rating_hi,
           count(*) FILTER (WHERE qtype = 'nps' AND score IS NOT NULL)::smallint AS nps_n,
           count(*) FILTER (WHERE qtype = 'nps' AND score >= 9)::smallint AS nps_promoters,
           count(*) FILTER (WHERE qtype = 'nps' AND score <= 6)::smallint AS nps_detractors,
           min(score) FILTER (WHERE qtype = 'nps') AS nps_lo,
           max(score) FILTER (WHERE qtype = 'nps') AS nps_hi,
           coalesce(bool_or(qtype = 'text' AND btrim(v) <> ''), false) AS commented
    FROM typed
) s
WHERE r.id = @response_id AND f.id = r.follow_up_id;

-- name: CustomerOptOut :exec
UPDATE customers SET opted_out_at = coalesce(opted_out_at, now()), updated_at = now() WHERE id = @id;

-- Every pending follow-up of an opted-out customer ends, so nobody calls
-- someone who asked not to be called.
-- name: FollowUpOptOutPending :many
WITH locked AS (
    SELECT fl.id, fl.state FROM follow_ups fl
    WHERE fl.customer_id = @customer_id AND fl.state IN ('scheduled', 'due', 'claimed', 'no_answer', 'callback')
    FOR NO KEY UPDATE
), ended AS (
    UPDATE follow_ups f SET state = 'opted_out', claimed_by = NULL, claim_expires_at = NULL, updated_at = now()
    FROM locked
    WHERE f.id = locked.id
    RETURNING f.id, locked.state AS from_state
), released AS (
    UPDATE customers c SET held_by = NULL, held_until = NULL WHERE c.id = @customer_id
)
INSERT INTO follow_up_events (follow_up_id, from_state, to_state, actor, note)
SELECT id, from_state, 'opted_out', @actor, 'customer asked not to be contacted' FROM ended
RETURNING follow_up_id;

-- The issues a follow-up's answers raised or added to, each once, with
-- its category: what the agent is told after saving the call.
-- name: IssuesRaisedByFollowUp :many
SELECT DISTINCT i.id, i.category
FROM responses r
JOIN issue_triggers t ON t.response_id = r.id
JOIN issues i ON i.id = t.issue_id
WHERE r.follow_up_id = @follow_up_id
ORDER BY i.id;

-- The sales a follow-up asks about: its own, then the ones the contact
-- frequency rule linked to it (sales_covered_by), oldest first. A linked
-- sale since cancelled is not asked about.
-- name: FollowUpSales :many
SELECT x.id, x.external_id, x.product_sku, x.product_name, x.branch, x.sold_at,
       coalesce(b.code, '')::text AS branch_code, coalesce(b.name_en, '')::text AS branch_name_en,
       coalesce(b.name_fa, '')::text AS branch_name_fa
FROM (
    SELECT s.id, s.external_id, s.product_sku, s.product_name, s.branch, s.branch_id, s.sold_at, 0 AS rank
    FROM follow_ups f JOIN sales s ON s.id = f.sale_id
    WHERE f.id = @id
    UNION ALL
    SELECT s.id, s.external_id, s.product_sku, s.product_name, s.branch, s.branch_id, s.sold_at, 1
    FROM sales s
    WHERE s.covered_by = @id AND s.cancelled_at IS NULL
) x
LEFT JOIN branches b ON b.id = x.branch_id
ORDER BY x.rank, x.sold_at, x.id;
