-- Reports read follow_ups through its covering index follow_ups_report
-- (see migration 00008) and group in the database: one scan gives the
-- trend buckets, the branches and the categories at once. The neutral
-- ranges (silence_settings) are passed in as values: the planner then
-- sees one scan, not a join with a table it has no statistics for.

-- name: ReportFollowUps :many
-- Two levels: the days before the rollup's end come from report_days and
-- the rest from follow_ups, each grouped by (bucket, branch, category)
-- into a few thousand rows at most; the grouping sets then run over those.
-- Rolled-up days are UTC days; the live part uses the reader's zone.
SELECT GROUPING(x.bucket, x.branch_id, x.category)::int AS grp,
       coalesce(x.bucket, '2000-01-01'::date)::date AS bucket,
       coalesce(x.branch_id, 0)::bigint AS branch_id,
       coalesce(x.category, '')::text AS category,
       sum(x.due)::bigint AS due,
       sum(x.completed)::bigint AS completed,
       sum(x.unreachable)::bigint AS unreachable,
       sum(x.ended)::bigint AS ended,
       sum(x.silent)::bigint AS silent,
       sum(x.rating_n)::bigint AS rating_n,
       sum(x.rating_top)::bigint AS rating_top,
       sum(x.nps_n)::bigint AS nps_n,
       sum(x.nps_promoters)::bigint AS nps_promoters,
       sum(x.nps_detractors)::bigint AS nps_detractors
FROM (
    SELECT date_bin(sqlc.arg(stride_days)::int * interval '1 day', timezone(sqlc.arg(tz)::text, f.due_at), sqlc.arg(origin)::date + time '00:00')::date AS bucket,
           coalesce(f.branch_id, 0) AS branch_id, f.product_category AS category,
           count(*) AS due,
           count(*) FILTER (WHERE f.state = 'completed') AS completed,
           count(*) FILTER (WHERE f.state = 'unreachable') AS unreachable,
           count(*) FILTER (WHERE f.state IN ('completed', 'unreachable', 'refused')) AS ended,
           count(*) FILTER (WHERE follow_up_silent(f.state, f.commented, f.rating_n, f.rating_lo, f.rating_hi, f.nps_n, f.nps_lo, f.nps_hi,
                                                   sqlc.arg(neutral_rating_lo)::smallint, sqlc.arg(neutral_rating_hi)::smallint,
                                                   sqlc.arg(neutral_nps_lo)::smallint, sqlc.arg(neutral_nps_hi)::smallint)) AS silent,
           sum(f.rating_n) AS rating_n, sum(f.rating_top) AS rating_top,
           sum(f.nps_n) AS nps_n, sum(f.nps_promoters) AS nps_promoters, sum(f.nps_detractors) AS nps_detractors
    FROM follow_ups f
    WHERE f.due_at >= sqlc.arg(live_from) AND f.due_at < sqlc.arg(to_at)
      AND (sqlc.arg(branch_id)::bigint = 0 OR f.branch_id = sqlc.arg(branch_id)::bigint)
      AND (sqlc.arg(category)::text = '' OR f.product_category = sqlc.arg(category)::text)
      AND (sqlc.arg(script)::text = '' OR f.script_name = sqlc.arg(script)::text)
    GROUP BY 1, 2, 3
    UNION ALL
    SELECT date_bin(sqlc.arg(stride_days)::int * interval '1 day', d.day + time '00:00', sqlc.arg(origin)::date + time '00:00')::date,
           d.branch_id, d.category,
           sum(d.due), sum(d.completed), sum(d.unreachable), sum(d.ended), sum(d.silent),
           sum(d.rating_n), sum(d.rating_top), sum(d.nps_n), sum(d.nps_promoters), sum(d.nps_detractors)
    FROM report_days d
    WHERE d.day >= sqlc.arg(rolled_from)::date AND d.day < sqlc.arg(rolled_to)::date
      AND (sqlc.arg(branch_id)::bigint = 0 OR d.branch_id = sqlc.arg(branch_id)::bigint)
      AND (sqlc.arg(category)::text = '' OR d.category = sqlc.arg(category)::text)
      AND (sqlc.arg(script)::text = '' OR d.script = sqlc.arg(script)::text)
    GROUP BY 1, 2, 3
) x
GROUP BY GROUPING SETS ((x.bucket), (x.branch_id), (x.category));

-- Issues opened, resolved and breached in the range, the median time to
-- resolve, and recoveries: resolved issues whose recovery call was
-- answered (checked), and of those the ones whose recovery answers raised
-- no new trigger (recovered). The recovery response is looked up per
-- issue (LIMIT keeps the planner from hashing all responses).
-- name: ReportIssues :many
SELECT GROUPING(coalesce(i.branch_id, 0), i.product_category)::int AS grp,
       coalesce(coalesce(i.branch_id, 0), 0)::bigint AS branch_id,
       coalesce(i.product_category, '')::text AS category,
       count(*) FILTER (WHERE i.created_at >= @from_at AND i.created_at < @to_at) AS opened,
       count(*) FILTER (WHERE i.resolved_at >= @from_at AND i.resolved_at < @to_at) AS resolved,
       count(*) FILTER (WHERE i.breached_at >= @from_at AND i.breached_at < @to_at) AS breached,
       coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.resolved_at - i.created_at))
           FILTER (WHERE i.resolved_at >= @from_at AND i.resolved_at < @to_at), 0)::float8 AS median_resolve_seconds,
       count(*) FILTER (WHERE i.resolved_at >= @from_at AND i.resolved_at < @to_at AND rec.id IS NOT NULL) AS recovery_checked,
       count(*) FILTER (WHERE i.resolved_at >= @from_at AND i.resolved_at < @to_at AND rec.id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM issue_triggers t WHERE t.response_id = rec.id)) AS recovered
FROM issues i
LEFT JOIN LATERAL (
    SELECT rr.id FROM responses rr
    WHERE rr.follow_up_id = i.recovery_follow_up_id AND i.resolved_at >= @from_at AND i.resolved_at < @to_at
    LIMIT 1
) rec ON true
WHERE ((i.created_at >= @from_at AND i.created_at < @to_at)
       OR (i.resolved_at >= @from_at AND i.resolved_at < @to_at)
       OR (i.breached_at >= @from_at AND i.breached_at < @to_at))
  AND (@branch_id::bigint = 0 OR i.branch_id = @branch_id::bigint)
  AND (@category::text = '' OR i.product_category = @category::text)
  AND (@script::text = '' OR i.script_name = @script::text)
GROUP BY GROUPING SETS ((), (coalesce(i.branch_id, 0)), (i.product_category));

-- Root causes of the issues resolved in the range, commonest first.
-- name: ReportRootCauses :many
SELECT i.root_cause::text AS root_cause, count(*) AS issues
FROM issues i
WHERE i.resolved_at >= @from_at AND i.resolved_at < @to_at AND i.root_cause IS NOT NULL
  AND (@branch_id::bigint = 0 OR i.branch_id = @branch_id::bigint)
  AND (@category::text = '' OR i.product_category = @category::text)
  AND (@script::text = '' OR i.script_name = @script::text)
GROUP BY i.root_cause
ORDER BY issues DESC, root_cause;

-- Silent follow-ups in the range, newest first: the index gives them in
-- order, so a page stops reading after its rows, and only the page's rows
-- are joined with customers and sales.
-- name: SilentList :many
SELECT f.id, f.due_at, f.updated_at, f.state, f.attempt_count, f.branch, f.branch_id, f.product_category,
       f.rating_n, f.rating_lo, f.rating_hi, f.nps_n, f.nps_lo, f.nps_hi,
       c.name AS customer_name, c.phone, s.external_id, s.product_name, s.product_sku
FROM (
    SELECT fl.id FROM follow_ups fl
    WHERE fl.due_at >= @from_at AND fl.due_at < @to_at
      AND (@branch_id::bigint = 0 OR fl.branch_id = @branch_id::bigint)
      AND (@category::text = '' OR fl.product_category = @category::text)
      AND follow_up_silent(fl.state, fl.commented, fl.rating_n, fl.rating_lo, fl.rating_hi, fl.nps_n, fl.nps_lo, fl.nps_hi,
                           @neutral_rating_lo::smallint, @neutral_rating_hi::smallint, @neutral_nps_lo::smallint, @neutral_nps_hi::smallint)
    ORDER BY fl.due_at DESC, fl.id DESC
    LIMIT @max_rows OFFSET @skip_rows
) page
JOIN follow_ups f ON f.id = page.id
JOIN customers c ON c.id = f.customer_id
JOIN sales s ON s.id = f.sale_id
ORDER BY f.due_at DESC, f.id DESC;

-- name: SilenceSettingsGet :one
SELECT rating_lo, rating_hi, nps_lo, nps_hi, updated_at FROM silence_settings;

-- name: SilenceSettingsGetForUpdate :one
SELECT rating_lo, rating_hi, nps_lo, nps_hi, updated_at FROM silence_settings FOR UPDATE;

-- name: SilenceSettingsSave :exec
UPDATE silence_settings
SET rating_lo = @rating_lo, rating_hi = @rating_hi, nps_lo = @nps_lo, nps_hi = @nps_hi, updated_at = now();

-- name: SaleDimensionList :many
SELECT kind, value FROM sale_dimensions ORDER BY kind, value;

-- name: ReportDaysState :one
SELECT built_through FROM report_days_state;

-- name: ReportDaysStateForUpdate :one
SELECT built_through FROM report_days_state FOR UPDATE;

-- name: ReportDaysDelete :exec
DELETE FROM report_days WHERE day >= @from_day::date AND day < @to_day::date;

-- Counts the follow-ups due on [from_day, to_day) (UTC days) under the
-- neutral ranges stored now.
-- name: ReportDaysInsert :execrows
INSERT INTO report_days (day, branch_id, category, script, due, completed, unreachable, ended, silent,
                         rating_n, rating_top, nps_n, nps_promoters, nps_detractors)
SELECT timezone('UTC', f.due_at)::date, coalesce(f.branch_id, 0), f.product_category, f.script_name,
       count(*),
       count(*) FILTER (WHERE f.state = 'completed'),
       count(*) FILTER (WHERE f.state = 'unreachable'),
       count(*) FILTER (WHERE f.state IN ('completed', 'unreachable', 'refused')),
       count(*) FILTER (WHERE follow_up_silent(f.state, f.commented, f.rating_n, f.rating_lo, f.rating_hi, f.nps_n, f.nps_lo, f.nps_hi,
                                               st.rating_lo, st.rating_hi, st.nps_lo, st.nps_hi)),
       sum(f.rating_n), sum(f.rating_top), sum(f.nps_n), sum(f.nps_promoters), sum(f.nps_detractors)
FROM follow_ups f, silence_settings st
WHERE f.due_at >= timezone('UTC', sqlc.arg(from_day)::date + time '00:00')
  AND f.due_at < timezone('UTC', sqlc.arg(to_day)::date + time '00:00')
GROUP BY 1, 2, 3, 4;

-- name: ReportDaysSetBuilt :exec
UPDATE report_days_state SET built_through = @built_through::date;

-- Sales sold in the range that the contact frequency rule linked to an
-- earlier follow-up of their customer instead of giving them one ("not
-- asked again: asked recently"); cancelled ones are not counted. The
-- partial index sales_covered_sold_at holds only linked sales. A script
-- filter is the linked follow-up's script.
-- name: ReportAskedRecently :one
SELECT count(*) AS sales
FROM sales s
WHERE s.covered_by IS NOT NULL AND s.sold_at >= @from_at AND s.sold_at < @to_at
  AND s.cancelled_at IS NULL
  AND (@branch_id::bigint = 0 OR s.branch_id = @branch_id::bigint)
  AND (@category::text = '' OR s.product_category = @category::text)
  AND (@script::text = '' OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.id = s.covered_by AND f.script_name = @script::text));
