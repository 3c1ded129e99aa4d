-- The recovery report (docs/recovery.md): of the ended follow-ups of
-- sales due in a range, how many of their customers bought again within
-- 30, 90 and 180 days of the outcome, by outcome, and by outcome and
-- branch or category. A unit counts for a window of N days once the UTC
-- day of its anchor lies more than N days before today's UTC day: a
-- customer who had no time to come back would look like one who did not.

-- name: RecoveryReport :many
-- The definition, computed from the base tables: the page's live tail
-- (follow-ups due since the rollup's end, a few thousand) and the
-- reference the rollup is tested against. Per unit, x is whether its
-- answers raised or added to an issue and the moment a recovery of one
-- of its issues was confirmed (the recovery call's answers were stored
-- and raised no trigger, as the reports page counts "recovered"), read
-- through responses_follow_up_id and issue_triggers_response_id; each
-- unit whose 30 days have passed then probes sales_customer_sold_at for
-- the customer's first uncancelled sale after its anchor.
SELECT GROUPING(y.branch_id, y.category)::int AS grp,
       y.outcome::text AS outcome,
       coalesce(y.branch_id, 0)::bigint AS branch_id,
       coalesce(y.category, '')::text AS category,
       count(*) AS n30, sum(y.bought30)::bigint AS bought30,
       sum(y.n90)::bigint AS n90, sum(y.bought90)::bigint AS bought90,
       sum(y.n180)::bigint AS n180, sum(y.bought180)::bigint AS bought180
FROM (
    SELECT v.outcome, v.branch_id, v.category,
           coalesce(v.next_at <= v.anchor + interval '30 days', false)::int AS bought30,
           (v.anchor_day < v.today - 90)::int AS n90,
           coalesce(v.anchor_day < v.today - 90 AND v.next_at <= v.anchor + interval '90 days', false)::int AS bought90,
           (v.anchor_day < v.today - 180)::int AS n180,
           coalesce(v.anchor_day < v.today - 180 AND v.next_at <= v.anchor + interval '180 days', false)::int AS bought180
    FROM (
    SELECT u.outcome, u.branch_id, u.category, u.anchor, u.anchor_day, u.today,
           (SELECT min(s.sold_at) FROM sales s
            WHERE s.customer_id = u.customer_id AND s.sold_at > u.anchor AND s.sold_at <= u.anchor + interval '180 days'
              AND s.cancelled_at IS NULL) AS next_at
    FROM (
        SELECT w.customer_id, w.branch_id, w.category, w.outcome, w.anchor, w.today,
               timezone('UTC', w.anchor)::date AS anchor_day
        FROM (
        SELECT f.customer_id, coalesce(f.branch_id, 0) AS branch_id, f.product_category AS category,
               CASE WHEN f.state = 'unreachable' THEN 'silent'
                    WHEN x.raised IS NULL THEN 'satisfied'
                    WHEN x.recovered_at IS NOT NULL THEN 'recovered'
                    ELSE 'unhappy' END AS outcome,
               coalesce(x.recovered_at, f.updated_at) AS anchor,
               timezone('UTC', @now::timestamptz)::date AS today
        FROM follow_ups f
        LEFT JOIN LATERAL (
            SELECT true AS raised,
                   max(rr.created_at) FILTER (WHERE rr.id IS NOT NULL AND NOT EXISTS (
                       SELECT 1 FROM issue_triggers t2 WHERE t2.response_id = rr.id)) AS recovered_at
            FROM responses r
            JOIN issue_triggers t ON t.response_id = r.id
            JOIN issues i ON i.id = t.issue_id
            LEFT JOIN responses rr ON rr.follow_up_id = i.recovery_follow_up_id
            WHERE r.follow_up_id = f.id
            HAVING count(*) > 0
        ) x ON true
        WHERE f.kind = 'sale' AND f.state IN ('completed', 'unreachable')
          AND f.due_at >= @from_at AND f.due_at < @to_at
          AND (@branch_id::bigint = 0 OR f.branch_id = @branch_id::bigint)
          AND (@category::text = '' OR f.product_category = @category::text)
          -- A walk-in customer (00029) stands for every buyer of a branch
          -- who gave no number: not one customer who comes back.
          AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = f.customer_id AND c.walk_in)
        ) w
    ) u
    WHERE u.anchor_day < u.today - 30
    -- OFFSET 0 keeps the planner from inlining next_at into the three
    -- windows' expressions, which probed sales three times per unit.
    OFFSET 0
    ) v
) y
GROUP BY GROUPING SETS ((y.outcome), (y.outcome, y.branch_id), (y.outcome, y.category));

-- name: RecoveryRollup :many
-- The page's query for the due days rolled up, [rolled_from, rolled_to):
-- sums of recovery_days (a few rows per day, branch and category), each
-- window counting the anchor days it has passed by today.
SELECT GROUPING(d.branch_id, d.category)::int AS grp,
       d.outcome::text AS outcome,
       coalesce(d.branch_id, 0)::bigint AS branch_id,
       coalesce(d.category, '')::text AS category,
       coalesce(sum(d.units) FILTER (WHERE d.anchor_day < sqlc.arg(today)::date - 30), 0)::bigint AS n30,
       coalesce(sum(d.bought30) FILTER (WHERE d.anchor_day < sqlc.arg(today)::date - 30), 0)::bigint AS bought30,
       coalesce(sum(d.units) FILTER (WHERE d.anchor_day < sqlc.arg(today)::date - 90), 0)::bigint AS n90,
       coalesce(sum(d.bought90) FILTER (WHERE d.anchor_day < sqlc.arg(today)::date - 90), 0)::bigint AS bought90,
       coalesce(sum(d.units) FILTER (WHERE d.anchor_day < sqlc.arg(today)::date - 180), 0)::bigint AS n180,
       coalesce(sum(d.bought180) FILTER (WHERE d.anchor_day < sqlc.arg(today)::date - 180), 0)::bigint AS bought180
FROM recovery_days d
WHERE d.due_day >= @rolled_from::date AND d.due_day < @rolled_to::date
  AND d.anchor_day < sqlc.arg(today)::date - 30
  AND (@branch_id::bigint = 0 OR d.branch_id = @branch_id::bigint)
  AND (@category::text = '' OR d.category = @category::text)
GROUP BY GROUPING SETS ((d.outcome), (d.outcome, d.branch_id), (d.outcome, d.category));

-- name: RecoveryDaysState :one
SELECT built_through FROM recovery_days_state;

-- name: RecoveryDaysStateForUpdate :one
SELECT built_through FROM recovery_days_state FOR UPDATE;

-- name: RecoveryDaysDelete :exec
DELETE FROM recovery_days WHERE due_day >= @from_day::date AND due_day < @to_day::date;

-- name: RecoveryDaysInsert :execrows
-- Counts the units due on [from_day, to_day) (UTC days) by RecoveryReport's
-- definition, every unit whatever its anchor (the page decides which
-- windows have passed), bought counted with the sales stored now. Over
-- months the issue part is cheaper read whole (a few percent of
-- follow-ups, through issue_triggers) and joined by hash than probed
-- per unit.
INSERT INTO recovery_days (due_day, anchor_day, branch_id, category, outcome, units, bought30, bought90, bought180)
SELECT v.due_day, timezone('UTC', v.anchor)::date, v.branch_id, v.category, v.outcome, count(*),
       count(*) FILTER (WHERE v.next_at <= v.anchor + interval '30 days'),
       count(*) FILTER (WHERE v.next_at <= v.anchor + interval '90 days'),
       count(*) FILTER (WHERE v.next_at <= v.anchor + interval '180 days')
FROM (
    SELECT u.due_day, u.branch_id, u.category, u.outcome, u.anchor,
           (SELECT min(s.sold_at) FROM sales s
            WHERE s.customer_id = u.customer_id AND s.sold_at > u.anchor AND s.sold_at <= u.anchor + interval '180 days'
              AND s.cancelled_at IS NULL) AS next_at
    FROM (
        SELECT f.customer_id, timezone('UTC', f.due_at)::date AS due_day,
               coalesce(f.branch_id, 0) AS branch_id, f.product_category AS category,
               CASE WHEN f.state = 'unreachable' THEN 'silent'
                    WHEN x.follow_up_id IS NULL THEN 'satisfied'
                    WHEN x.recovered_at IS NOT NULL THEN 'recovered'
                    ELSE 'unhappy' END AS outcome,
               coalesce(x.recovered_at, f.updated_at) AS anchor
        FROM follow_ups f
        LEFT JOIN (
            SELECT r.follow_up_id,
                   max(rr.created_at) FILTER (WHERE rr.id IS NOT NULL AND NOT EXISTS (
                       SELECT 1 FROM issue_triggers t2 WHERE t2.response_id = rr.id)) AS recovered_at
            FROM issue_triggers t
            JOIN responses r ON r.id = t.response_id
            JOIN issues i ON i.id = t.issue_id
            LEFT JOIN responses rr ON rr.follow_up_id = i.recovery_follow_up_id
            GROUP BY r.follow_up_id
        ) x ON x.follow_up_id = f.id
        WHERE f.kind = 'sale' AND f.state IN ('completed', 'unreachable')
          AND f.due_at >= timezone('UTC', sqlc.arg(from_day)::date + time '00:00')
          AND f.due_at < timezone('UTC', sqlc.arg(to_day)::date + time '00:00')
          AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = f.customer_id AND c.walk_in)
    ) u
    OFFSET 0
) v
GROUP BY 1, 2, 3, 4, 5;

-- name: RecoveryDaysSetBuilt :exec
UPDATE recovery_days_state SET built_through = @built_through::date;
