-- The recovery report (docs/recovery.md): of the ended follow-ups of
-- sales due in a range, how many of their customers bought again within
-- 30, 90 and 180 days of the outcome, by outcome, and by outcome and
-- branch or category.

-- name: RecoveryReport :many
-- x holds every follow-up whose answers raised or added to an issue (a
-- few percent of them, read whole through issue_triggers) with the
-- moment a recovery of one of its issues was confirmed: the recovery
-- call's answers were stored and raised no trigger, as the reports page
-- counts "recovered". The units join x by hash (a year is read by a
-- sequential scan of follow_ups; short ranges can use follow_ups_outcome);
-- each unit whose 30 days have passed then probes sales_customer_sold_at
-- for the customer's first uncancelled sale after its anchor. A unit counts for a window only once that window has
-- passed (anchor <= now - days): the later ones would look like
-- customers who did not come back.
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
           (v.anchor <= v.now_at - interval '90 days')::int AS n90,
           coalesce(v.anchor <= v.now_at - interval '90 days' AND v.next_at <= v.anchor + interval '90 days', false)::int AS bought90,
           (v.anchor <= v.now_at - interval '180 days')::int AS n180,
           coalesce(v.anchor <= v.now_at - interval '180 days' AND v.next_at <= v.anchor + interval '180 days', false)::int AS bought180
    FROM (
    SELECT u.outcome, u.branch_id, u.category, u.anchor, u.now_at,
           (SELECT min(s.sold_at) FROM sales s
            WHERE s.customer_id = u.customer_id AND s.sold_at > u.anchor AND s.sold_at <= u.anchor + interval '180 days'
              AND s.cancelled_at IS NULL) AS next_at
    FROM (
        SELECT f.customer_id, coalesce(f.branch_id, 0) AS branch_id, f.product_category AS category,
               CASE WHEN f.state = 'unreachable' THEN 'silent'
                    WHEN x.follow_up_id IS NULL THEN 'satisfied'
                    WHEN x.recovered_at IS NOT NULL THEN 'recovered'
                    ELSE 'unhappy' END AS outcome,
               coalesce(x.recovered_at, f.updated_at) AS anchor,
               @now::timestamptz AS now_at
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
          AND f.due_at >= @from_at AND f.due_at < @to_at
          AND (@branch_id::bigint = 0 OR f.branch_id = @branch_id::bigint)
          AND (@category::text = '' OR f.product_category = @category::text)
    ) u
    WHERE u.anchor <= u.now_at - interval '30 days'
    -- OFFSET 0 keeps the planner from inlining next_at into the three
    -- windows' expressions, which probed sales three times per unit.
    OFFSET 0
    ) v
) y
GROUP BY GROUPING SETS ((y.outcome), (y.outcome, y.branch_id), (y.outcome, y.category));
