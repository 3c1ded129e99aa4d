-- name: CalendarGet :one
SELECT working_days, holidays, window_start, window_end FROM calendar;

-- name: CalendarSet :exec
UPDATE calendar SET working_days = @working_days, holidays = @holidays,
    window_start = @window_start, window_end = @window_end, updated_at = now();

-- name: RuleList :many
SELECT * FROM followup_rules ORDER BY category;

-- name: RuleUpsert :exec
INSERT INTO followup_rules (category, delay_days, channel, script_name, priority, max_attempts, retry_spacing_minutes)
VALUES (@category, @delay_days, @channel, @script_name, @priority, @max_attempts, @retry_spacing_minutes)
ON CONFLICT (category) DO UPDATE SET
    delay_days = excluded.delay_days, channel = excluded.channel, script_name = excluded.script_name,
    priority = excluded.priority, max_attempts = excluded.max_attempts,
    retry_spacing_minutes = excluded.retry_spacing_minutes, updated_at = now();
