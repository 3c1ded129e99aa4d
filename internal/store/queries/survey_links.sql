-- Survey links and branch satisfaction cards (migration 00029,
-- docs/survey-links.md).

-- name: SurveyLinkKey :one
SELECT secret FROM survey_link_key;

-- A follow-up as its survey link page shows it: the customer's first name
-- and language, and whether it was answered.
-- name: SurveyLinkFollowUp :one
SELECT f.id, f.state, f.channel, f.script_name, f.script_version_id,
       c.name AS customer_name, c.locale,
       EXISTS (SELECT 1 FROM responses r WHERE r.follow_up_id = f.id) AS answered
FROM follow_ups f JOIN customers c ON c.id = f.customer_id
WHERE f.id = @id;

-- name: BranchGet :one
SELECT id, code, name_en, name_fa, created_at FROM branches WHERE id = @id;

-- The script a branch's card asks: the default rule's.
-- name: RuleDefaultScript :one
SELECT script_name FROM followup_rules WHERE category = '';

-- The sale a receipt number names at a branch (sales_branch_external_id).
-- name: CardSaleByReceipt :one
SELECT s.id, s.customer_id FROM sales s JOIN customers c ON c.id = s.customer_id
WHERE s.branch_id = @branch_id AND s.external_id = @receipt AND s.cancelled_at IS NULL AND NOT c.walk_in
ORDER BY s.id
LIMIT 1
-- Two answers with one receipt at once: the second waits, then sees the
-- first (CardReceiptAnswered).
FOR UPDATE OF s;

-- Whether a sale's receipt has answered its branch's card already
-- (follow_ups_card_sale).
-- name: CardReceiptAnswered :one
SELECT EXISTS (SELECT 1 FROM follow_ups WHERE sale_id = @sale_id AND kind = 'card');

-- One client's card answers are counted one request at a time, so two at
-- once cannot both slip under the limit.
-- name: CardClientLock :exec
SELECT pg_advisory_xact_lock(hashtextextended('card_answers:' || encode(@client::bytea, 'hex'), 0));

-- How many card answers a client sent since a moment, and the earliest
-- of them (card_answers_client).
-- name: CardClientAnswers :one
SELECT count(*)::int AS answers, coalesce(min(answered_at), now())::timestamptz AS first_answer
FROM card_answers WHERE client = @client AND answered_at > @since;

-- name: CardAnswerInsert :exec
INSERT INTO card_answers (follow_up_id, client, answered_at) VALUES (@follow_up_id, @client, @answered_at);

-- The branch's walk-in sale, made with its walk-in customer the first time
-- (migration 00029). The no-op updates make RETURNING give the row that
-- already exists.
-- name: CardWalkInSale :one
WITH src AS (
    INSERT INTO sources (name) VALUES ('branch-card')
    ON CONFLICT (name) DO UPDATE SET name = excluded.name
    RETURNING id
), cust AS (
    INSERT INTO customers (phone, name, timezone, locale, walk_in, opted_out_at)
    VALUES ('walk-in:' || @branch_id::bigint, @name, 'UTC', @locale, true, now())
    ON CONFLICT (phone) DO UPDATE SET phone = excluded.phone
    RETURNING id
)
INSERT INTO sales (source_id, external_id, customer_id, product_sku, branch, sold_at, content_hash)
SELECT src.id, 'walk-in:' || @branch_id::bigint, cust.id, '', @branch_code::text, now(), '\x00'::bytea
FROM src, cust
ON CONFLICT (source_id, external_id) DO UPDATE SET external_id = excluded.external_id
RETURNING id, customer_id;

-- A card answer's follow-up, completed as it is made.
-- name: CardFollowUpInsert :one
INSERT INTO follow_ups (kind, sale_id, customer_id, state, due_at, channel, ladder, script_name,
                        script_version_id, priority, max_attempts, retry_spacing_minutes)
VALUES ('card', @sale_id, @customer_id, 'completed', now(), 'card', '[{"channel": "card", "wait_minutes": 0}]',
        @script_name, @script_version_id, 0, 1, 1)
RETURNING id;
