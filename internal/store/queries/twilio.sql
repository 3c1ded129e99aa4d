-- A follow-up with what an automated step needs, locked for the step's
-- change.
-- name: TwilioFollowUpLock :one
SELECT f.id, f.state, f.channel, f.ladder, f.ladder_step, f.survey_state, f.script_name, f.script_version_id,
       f.attempt_count, f.max_attempts, f.retry_spacing_minutes,
       c.id AS customer_id, c.name AS customer_name, c.phone, c.timezone, c.locale, c.opted_out_at,
       s.id AS sale_id, s.product_sku, s.product_name, s.branch, s.cancelled_at,
       coalesce(b.name_en, '')::text AS branch_name_en, coalesce(b.name_fa, '')::text AS branch_name_fa
FROM follow_ups f
JOIN customers c ON c.id = f.customer_id
JOIN sales s ON s.id = f.sale_id
LEFT JOIN branches b ON b.id = s.branch_id
WHERE f.id = @id
FOR NO KEY UPDATE OF f;

-- The customer's SMS survey awaiting a reply, newest first.
-- name: TwilioSMSConversation :one
SELECT f.id FROM follow_ups f
WHERE f.customer_id = @customer_id AND f.state = 'due' AND f.channel = 'sms' AND f.survey_state IS NOT NULL
ORDER BY f.updated_at DESC, f.id DESC
LIMIT 1;

-- name: CustomerGetByPhone :one
SELECT id, locale, opted_out_at FROM customers WHERE phone = @phone;

-- name: CustomerOptIn :exec
UPDATE customers SET opted_out_at = NULL, updated_at = now() WHERE id = @id;

-- Whether the customer is in the middle of answering follow-up id: a
-- text from them within the last @quiet_minutes (by the database's clock,
-- which stamped it), or a call placed whose final status has not come.
-- name: TwilioFollowUpInConversation :one
SELECT (EXISTS (
           SELECT 1 FROM twilio_messages m
           WHERE m.follow_up_id = @id::bigint AND m.direction = 'inbound'
             AND m.created_at > now() - make_interval(mins => @quiet_minutes::int))
    OR EXISTS (
           SELECT 1 FROM twilio_calls k
           WHERE k.follow_up_id = @id::bigint AND (k.state = 'sending'
              OR (k.state = 'sent' AND k.status NOT IN ('completed', 'busy', 'no-answer', 'failed', 'canceled')))))::bool AS busy;

-- name: FollowUpSetSurveyState :exec
UPDATE follow_ups SET survey_state = @survey_state, updated_at = now() WHERE id = @id;

-- Moves a follow-up whose step went unanswered to the next step of its
-- ladder; only from the step the caller read, so a second run does nothing.
-- The next step gets its own attempts (the history stays in attempts).
-- name: FollowUpNextStep :one
WITH moved AS (
    UPDATE follow_ups
    SET ladder_step = @to_step, channel = @channel, survey_state = NULL, due_at = @due_at, attempt_count = 0, updated_at = now()
    WHERE follow_ups.id = @id AND follow_ups.state = 'due' AND follow_ups.ladder_step = @from_step
    RETURNING follow_ups.id
), logged AS (
    INSERT INTO follow_up_events (follow_up_id, from_state, to_state, actor, note)
    SELECT id, 'due', 'due', @actor, 'next channel: ' || @channel::text FROM moved
)
SELECT count(*) FROM moved;

-- Ends an automated follow-up: completed, or unreachable when its last
-- step went unanswered.
-- name: FollowUpEndAutomated :one
WITH ended AS (
    UPDATE follow_ups SET state = @to_state, survey_state = NULL, updated_at = now()
    WHERE follow_ups.id = @id AND follow_ups.state = 'due' AND follow_ups.ladder_step = @step
    RETURNING follow_ups.id
), logged AS (
    INSERT INTO follow_up_events (follow_up_id, from_state, to_state, actor)
    SELECT id, 'due', @to_state, @actor FROM ended
)
SELECT count(*) FROM ended;

-- An outbound message is a row before it is a request (docs/twilio.md).
-- The caller holds the follow-up's lock, which makes seq safe to count.
-- name: TwilioMessageInsertOutbound :one
INSERT INTO twilio_messages (direction, follow_up_id, customer_id, seq, kind, ladder_step, to_number, from_number, body, state)
VALUES ('outbound', @follow_up_id, @customer_id,
        CASE WHEN sqlc.narg(follow_up_id)::bigint IS NULL THEN NULL
             ELSE (SELECT coalesce(max(seq), 0) + 1 FROM twilio_messages WHERE follow_up_id = sqlc.narg(follow_up_id)) END,
        @kind, sqlc.narg(ladder_step), @to_number, @from_number, @body, 'pending')
RETURNING id;

-- name: TwilioMessageLock :one
SELECT m.id, m.follow_up_id, m.customer_id, m.kind, m.to_number, m.body, m.state, m.sid, m.sending_at, m.slot_at,
       -- By the database's clock, which the rate limit's slots are on.
       coalesce(extract(epoch FROM m.slot_at - now()), 0)::float8 AS slot_wait_seconds,
       coalesce(extract(epoch FROM now() - m.sending_at), 0)::float8 AS sending_age_seconds,
       m.ladder_step, c.opted_out_at, c.timezone, f.state AS follow_up_state, f.channel AS follow_up_channel,
       f.ladder_step AS follow_up_step, f.ladder AS follow_up_ladder, f.retry_spacing_minutes
FROM twilio_messages m
LEFT JOIN customers c ON c.id = m.customer_id
LEFT JOIN follow_ups f ON f.id = m.follow_up_id
WHERE m.id = @id AND m.direction = 'outbound'
FOR NO KEY UPDATE OF m;

-- Which of sids tamas already holds for a message or call: a look-up
-- must not claim another row's message.
-- name: TwilioSidsKnown :many
SELECT sid::text FROM twilio_messages WHERE sid = ANY(@sids::text[])
UNION ALL
SELECT sid::text FROM twilio_calls WHERE sid = ANY(@sids::text[]);

-- Whether message id is the first survey text of its ladder step: the
-- one whose sending is the step's attempt.
-- name: TwilioMessageFirstOfStep :one
SELECT (min(m.id) = @id::bigint)::bool AS first FROM twilio_messages m
WHERE m.follow_up_id = @follow_up_id::bigint AND m.ladder_step = @ladder_step::int AND m.kind = 'survey';

-- name: TwilioMessageSetSlot :exec
UPDATE twilio_messages SET slot_at = @slot_at, updated_at = now() WHERE id = @id;

-- name: TwilioMessageSending :exec
UPDATE twilio_messages
SET state = 'sending', attempts = attempts + 1, sending_at = coalesce(sending_at, now()), updated_at = now()
WHERE id = @id;

-- name: TwilioMessageSent :exec
UPDATE twilio_messages
SET state = 'sent', sid = @sid, status = CASE WHEN status = '' THEN 'queued' ELSE status END, error = '', updated_at = now()
WHERE id = @id AND state <> 'sent';

-- A failure that is not the end: the error is kept for the supervisors'
-- page; state is pending when Twilio surely created nothing, and the next
-- request then takes a new rate-limit slot (its old one has passed).
-- name: TwilioMessageFailedAttempt :exec
UPDATE twilio_messages
SET state = @state, error = @error, updated_at = now(),
    slot_at = CASE WHEN @state::text = 'pending' THEN NULL ELSE slot_at END
WHERE id = @id AND state <> 'sent';

-- name: TwilioMessageEnd :exec
UPDATE twilio_messages SET state = @state, error = @error, updated_at = now()
WHERE id = @id AND state IN ('pending', 'sending');

-- Inbound texts are unique on their MessageSid: Twilio retries webhooks,
-- and a retried one returns no row.
-- name: TwilioMessageInsertInbound :one
INSERT INTO twilio_messages (direction, customer_id, follow_up_id, to_number, from_number, body, state, status, sid)
VALUES ('inbound', @customer_id, @follow_up_id, @to_number, @from_number, @body, 'received', 'received', @sid)
ON CONFLICT (sid) DO NOTHING
RETURNING id;

-- name: TwilioMessageSetFollowUp :exec
UPDATE twilio_messages SET follow_up_id = @follow_up_id WHERE id = @id;

-- A status callback moves a message's status forward only: Twilio's
-- callbacks can arrive out of order and be retried. The callback URL names
-- the row, so a message whose create answer was lost gets its sid here.
-- name: TwilioMessageStatus :one
UPDATE twilio_messages
SET status = @status, sid = coalesce(sid, @sid::text),
    state = CASE WHEN state IN ('pending', 'sending') THEN 'sent' ELSE state END, updated_at = now()
WHERE id = @id AND direction = 'outbound' AND (sid IS NULL OR sid = @sid::text)
  AND coalesce(array_position(ARRAY['', 'accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'read'], status), 0)
    < coalesce(array_position(ARRAY['', 'accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'read'], @status::text), 0)
RETURNING id;

-- Takes the sender's next send slot, shared by every process: the slot is
-- the later of now and the previous slot's end.
-- name: TwilioSenderTake :one
INSERT INTO twilio_senders AS t (sender, next_at)
VALUES (@sender, now() + make_interval(secs => @interval_seconds::float8))
ON CONFLICT (sender) DO UPDATE
SET next_at = greatest(t.next_at, now()) + make_interval(secs => @interval_seconds::float8)
RETURNING (next_at - make_interval(secs => @interval_seconds::float8))::timestamptz AS slot_at,
          extract(epoch FROM next_at - make_interval(secs => @interval_seconds::float8) - now())::float8 AS wait_seconds;

-- name: TwilioMessageListRecent :many
SELECT m.id, m.direction, m.follow_up_id, m.kind, m.to_number, m.from_number, m.body, m.state, m.status,
       m.sid, m.attempts, m.error, m.created_at, m.updated_at, c.name AS customer_name
FROM twilio_messages m
LEFT JOIN customers c ON c.id = m.customer_id
ORDER BY m.created_at DESC, m.id DESC
LIMIT @max_rows;

-- name: TwilioMessageListForFollowUp :many
SELECT id, direction, seq, kind, body, state, status, sid, attempts, error, created_at
FROM twilio_messages WHERE follow_up_id = @follow_up_id ORDER BY id;

-- name: TwilioCallInsert :one
INSERT INTO twilio_calls (follow_up_id, attempt, to_number, from_number, state)
VALUES (@follow_up_id, (SELECT coalesce(max(attempt), 0) + 1 FROM twilio_calls WHERE follow_up_id = @follow_up_id),
        @to_number, @from_number, 'pending')
RETURNING id;

-- name: TwilioCallLock :one
SELECT k.id, k.follow_up_id, k.to_number, k.state, k.sid, k.sending_at,
       coalesce(extract(epoch FROM now() - k.sending_at), 0)::float8 AS sending_age_seconds,
       c.opted_out_at, c.timezone, f.state AS follow_up_state, f.channel AS follow_up_channel
FROM twilio_calls k
JOIN follow_ups f ON f.id = k.follow_up_id
JOIN customers c ON c.id = f.customer_id
WHERE k.id = @id
FOR NO KEY UPDATE OF k;

-- name: TwilioCallSending :exec
UPDATE twilio_calls
SET state = 'sending', attempts = attempts + 1, sending_at = coalesce(sending_at, now()), updated_at = now()
WHERE id = @id;

-- name: TwilioCallSent :exec
UPDATE twilio_calls
SET state = 'sent', sid = @sid, status = CASE WHEN status = '' THEN 'queued' ELSE status END, error = '', updated_at = now()
WHERE id = @id AND state <> 'sent';

-- name: TwilioCallFailedAttempt :exec
UPDATE twilio_calls SET state = @state, error = @error, updated_at = now() WHERE id = @id AND state <> 'sent';

-- name: TwilioCallEnd :exec
UPDATE twilio_calls SET state = @state, error = @error, updated_at = now()
WHERE id = @id AND state IN ('pending', 'sending');

-- A call's final status is recorded once; the row that changed comes back
-- so the caller acts on the outcome once, however often Twilio retries.
-- name: TwilioCallStatus :one
UPDATE twilio_calls
SET status = @status, sid = coalesce(sid, @sid::text),
    state = CASE WHEN state IN ('pending', 'sending') THEN 'sent' ELSE state END, updated_at = now()
WHERE id = @id AND (sid IS NULL OR sid = @sid::text)
  AND status NOT IN ('completed', 'busy', 'no-answer', 'failed', 'canceled')
  AND status IS DISTINCT FROM @status::text
RETURNING id, follow_up_id;

-- name: TwilioGatherGet :one
SELECT digits FROM twilio_gathers WHERE call_sid = @call_sid AND step = @step;

-- name: TwilioGatherInsert :one
INSERT INTO twilio_gathers (call_sid, step, digits) VALUES (@call_sid, @step, @digits)
ON CONFLICT DO NOTHING
RETURNING step;

-- name: FollowUpAutomatedNoAnswer :one
WITH moved AS (
    UPDATE follow_ups SET attempt_count = attempt_count + 1, updated_at = now()
    WHERE follow_ups.id = @id AND follow_ups.state = 'due' AND follow_ups.ladder_step = @step
    RETURNING follow_ups.id
)
SELECT count(*) FROM moved;

-- name: TwilioCallListRecent :many
SELECT k.id, k.follow_up_id, k.attempt, k.to_number, k.state, k.status, k.sid, k.attempts, k.error,
       k.created_at, k.updated_at, c.name AS customer_name
FROM twilio_calls k
JOIN follow_ups f ON f.id = k.follow_up_id
JOIN customers c ON c.id = f.customer_id
ORDER BY k.created_at DESC, k.id DESC
LIMIT @max_rows;

-- The current published version of every script in every language, with
-- its body: the rules page shows how long its first SMS is.
-- name: ScriptVersionCurrentBodies :many
SELECT DISTINCT ON (s.name, s.locale) v.id, s.name, s.locale, v.body
FROM script_versions v JOIN scripts s ON s.id = v.script_id
WHERE v.published_at IS NOT NULL
ORDER BY s.name, s.locale, v.number DESC;

-- Keeps the answers of a survey left half-answered when its step ended; a
-- second run of the same move stores nothing.
-- name: PartialResponseInsert :exec
INSERT INTO partial_responses (follow_up_id, ladder_step, channel, script_version_id, answers)
VALUES (@follow_up_id, @ladder_step, @channel, @script_version_id, @answers)
ON CONFLICT (follow_up_id, ladder_step) DO NOTHING;

-- Moves a follow-up waiting on an automated step to the agents' step, when
-- the server has lost its Twilio settings; the event says why.
-- name: FollowUpToAgents :one
WITH moved AS (
    UPDATE follow_ups
    SET ladder_step = @to_step, channel = 'agent', survey_state = NULL, due_at = @due_at, attempt_count = 0, updated_at = now()
    WHERE follow_ups.id = @id AND follow_ups.state = 'due' AND follow_ups.channel IN ('sms', 'voice', 'link')
    RETURNING follow_ups.id
), logged AS (
    INSERT INTO follow_up_events (follow_up_id, from_state, to_state, actor, note)
    SELECT id, 'due', 'due', @actor, @note::text FROM moved
)
SELECT count(*) FROM moved;

-- What a customer answered on the automated steps of a follow-up before
-- it reached an agent, with the versions the answers belong to. The
-- unique (follow_up_id, ladder_step) index serves it.
-- name: PartialResponseListForFollowUp :many
SELECT p.ladder_step, p.channel, p.answers, p.created_at, p.script_version_id, v.body
FROM partial_responses p
JOIN script_versions v ON v.id = p.script_version_id
WHERE p.follow_up_id = @follow_up_id
ORDER BY p.ladder_step;
