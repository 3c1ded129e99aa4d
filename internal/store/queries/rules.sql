-- name: CalendarGet :one
SELECT working_days, holidays, window_start, window_end FROM calendar;

-- name: CalendarSet :exec
UPDATE calendar SET working_days = @working_days, holidays = @holidays,
    window_start = @window_start, window_end = @window_end, updated_at = now();

-- name: RuleList :many
SELECT * FROM followup_rules ORDER BY category;

-- A rule of one channel: its ladder is that channel alone.
-- name: RuleUpsert :exec
INSERT INTO followup_rules (category, delay_days, channel, ladder, script_name, priority, max_attempts, retry_spacing_minutes)
VALUES (@category, @delay_days, @channel, jsonb_build_array(jsonb_build_object('channel', @channel::text, 'wait_minutes', 0)),
        @script_name, @priority, @max_attempts, @retry_spacing_minutes)
ON CONFLICT (category) DO UPDATE SET
    delay_days = excluded.delay_days, channel = excluded.channel, ladder = excluded.ladder, script_name = excluded.script_name,
    priority = excluded.priority, max_attempts = excluded.max_attempts,
    retry_spacing_minutes = excluded.retry_spacing_minutes, updated_at = now();

-- The calendar with its holiday names, locked until the transaction ends
-- so that the audit row's "before" is what the change replaced.
-- name: CalendarGetForUpdate :one
SELECT working_days, holidays, holiday_names, window_start, window_end FROM calendar FOR UPDATE;

-- name: CalendarGetWithNames :one
SELECT working_days, holidays, holiday_names, window_start, window_end FROM calendar;

-- name: CalendarSave :exec
UPDATE calendar SET working_days = @working_days, holidays = @holidays, holiday_names = @holiday_names,
    window_start = @window_start, window_end = @window_end, updated_at = now();

-- name: RuleGetForUpdate :one
SELECT * FROM followup_rules WHERE category = @category FOR UPDATE;

-- Adds a rule for a category that has none; no row comes back when the
-- category already has one.
-- name: RuleInsert :one
INSERT INTO followup_rules (category, delay_days, channel, ladder, script_name, priority, max_attempts, retry_spacing_minutes, sms_texts, ask_once_days)
VALUES (@category, @delay_days, @channel, @ladder, @script_name, @priority, @max_attempts, @retry_spacing_minutes, @sms_texts, @ask_once_days)
ON CONFLICT (category) DO NOTHING
RETURNING *;

-- name: RuleUpdate :one
UPDATE followup_rules SET
    delay_days = @delay_days, channel = @channel, ladder = @ladder, script_name = @script_name,
    priority = @priority, max_attempts = @max_attempts,
    retry_spacing_minutes = @retry_spacing_minutes, sms_texts = @sms_texts, ask_once_days = @ask_once_days, updated_at = now()
WHERE category = @category
RETURNING *;

-- The default rule (category '') is never deleted: every sale needs a rule.
-- name: RuleDelete :one
DELETE FROM followup_rules WHERE category = @category AND category <> ''
RETURNING *;

-- The first SMS texts of a follow-up's rule: its sale category's, else the
-- default rule's, read when its SMS step starts so that a supervisor's
-- rewording reaches the next text sent. Two primary-key look-ups.
-- name: RuleSMSTextsOfFollowUp :one
SELECT r.sms_texts
FROM follow_ups f
JOIN sales s ON s.id = f.sale_id
JOIN followup_rules r ON r.category IN (s.product_category, '')
WHERE f.id = @follow_up_id
ORDER BY r.category = ''
LIMIT 1;

-- Tests that sell one customer several times to pin other behaviour give
-- every sale its own follow-up.
-- name: RulesAskAboutEverySale :exec
UPDATE followup_rules SET ask_once_days = 0;
