-- Reports read follow_ups through its covering index follow_ups_report
-- (see migration 00008) and group in the database: one scan gives the
-- trend buckets, the branches and the categories at once. The neutral
-- ranges (silence_settings) are passed in as values: the planner then
-- sees one scan, not a join with a table it has no statistics for.

-- name: ReportFollowUps :many
-- Two levels: the scan groups by (bucket, branch, category), which the
-- planner may split across parallel workers, into a few thousand rows at
-- most; the grouping sets then run over those, not over the scan.
SELECT GROUPING(x.bucket, x.branch, x.category)::int AS grp,
       coalesce(x.bucket, '2000-01-01'::date)::date AS bucket,
       coalesce(x.branch, '')::text AS branch,
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
           f.branch, f.product_category AS category,
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
    WHERE f.due_at >= sqlc.arg(from_at) AND f.due_at < sqlc.arg(to_at)
      AND (sqlc.arg(branch)::text = '' OR f.branch = sqlc.arg(branch)::text)
      AND (sqlc.arg(category)::text = '' OR f.product_category = sqlc.arg(category)::text)
      AND (sqlc.arg(script)::text = '' OR f.script_name = sqlc.arg(script)::text)
    GROUP BY 1, 2, 3
) x
GROUP BY GROUPING SETS ((x.bucket), (x.branch), (x.category));

-- Issues opened, resolved and breached in the range, the median time to
-- resolve, and recoveries: resolved issues whose recovery call was
-- answered (checked), and of those the ones whose recovery answers raised
-- no new trigger (recovered).
-- name: ReportIssues :many
SELECT GROUPING(f.branch, f.product_category)::int AS grp,
       coalesce(f.branch, '')::text AS branch,
       coalesce(f.product_category, '')::text AS category,
       count(*) FILTER (WHERE i.created_at >= @from_at AND i.created_at < @to_at) AS opened,
       count(*) FILTER (WHERE i.resolved_at >= @from_at AND i.resolved_at < @to_at) AS resolved,
       count(*) FILTER (WHERE i.breached_at >= @from_at AND i.breached_at < @to_at) AS breached,
       coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.resolved_at - i.created_at))
           FILTER (WHERE i.resolved_at >= @from_at AND i.resolved_at < @to_at), 0)::float8 AS median_resolve_seconds,
       count(*) FILTER (WHERE i.resolved_at >= @from_at AND i.resolved_at < @to_at AND rr.id IS NOT NULL) AS recovery_checked,
       count(*) FILTER (WHERE i.resolved_at >= @from_at AND i.resolved_at < @to_at AND rr.id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM issue_triggers t WHERE t.response_id = rr.id)) AS recovered
FROM issues i
JOIN follow_ups f ON f.id = i.follow_up_id
LEFT JOIN follow_ups rf ON rf.id = i.recovery_follow_up_id AND rf.state = 'completed'
LEFT JOIN responses rr ON rr.follow_up_id = rf.id
WHERE ((i.created_at >= @from_at AND i.created_at < @to_at)
       OR (i.resolved_at >= @from_at AND i.resolved_at < @to_at)
       OR (i.breached_at >= @from_at AND i.breached_at < @to_at))
  AND (@branch::text = '' OR f.branch = @branch::text)
  AND (@category::text = '' OR f.product_category = @category::text)
  AND (@script::text = '' OR f.script_name = @script::text)
GROUP BY GROUPING SETS ((), (f.branch), (f.product_category));

-- Root causes of the issues resolved in the range, commonest first.
-- name: ReportRootCauses :many
SELECT i.root_cause::text AS root_cause, count(*) AS issues
FROM issues i
JOIN follow_ups f ON f.id = i.follow_up_id
WHERE i.resolved_at >= @from_at AND i.resolved_at < @to_at AND i.root_cause IS NOT NULL
  AND (@branch::text = '' OR f.branch = @branch::text)
  AND (@category::text = '' OR f.product_category = @category::text)
  AND (@script::text = '' OR f.script_name = @script::text)
GROUP BY i.root_cause
ORDER BY issues DESC, root_cause;

-- Silent follow-ups in the range, newest first: the index gives them in
-- order, so a page stops reading after its rows.
-- name: SilentList :many
SELECT f.id, f.due_at, f.updated_at, f.state, f.attempt_count, f.branch, f.product_category,
       f.rating_n, f.rating_lo, f.rating_hi, f.nps_n, f.nps_lo, f.nps_hi,
       c.name AS customer_name, c.phone, s.external_id, s.product_name, s.product_sku
FROM follow_ups f
JOIN customers c ON c.id = f.customer_id
JOIN sales s ON s.id = f.sale_id
WHERE f.due_at >= @from_at AND f.due_at < @to_at
  AND (@branch::text = '' OR f.branch = @branch::text)
  AND (@category::text = '' OR f.product_category = @category::text)
  AND follow_up_silent(f.state, f.commented, f.rating_n, f.rating_lo, f.rating_hi, f.nps_n, f.nps_lo, f.nps_hi,
                       @neutral_rating_lo::smallint, @neutral_rating_hi::smallint, @neutral_nps_lo::smallint, @neutral_nps_hi::smallint)
ORDER BY f.due_at DESC, f.id DESC
LIMIT @max_rows OFFSET @skip_rows;

-- name: SilenceSettingsGet :one
SELECT rating_lo, rating_hi, nps_lo, nps_hi, updated_at FROM silence_settings;

-- name: SilenceSettingsGetForUpdate :one
SELECT rating_lo, rating_hi, nps_lo, nps_hi, updated_at FROM silence_settings FOR UPDATE;

-- name: SilenceSettingsSave :exec
UPDATE silence_settings
SET rating_lo = @rating_lo, rating_hi = @rating_hi, nps_lo = @nps_lo, nps_hi = @nps_hi, updated_at = now();

-- name: SaleDimensionList :many
SELECT kind, value FROM sale_dimensions ORDER BY kind, value;
