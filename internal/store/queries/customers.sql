-- name: CustomerListByPhones :many
SELECT id, phone, name, timezone, locale, opted_out_at, source_id
FROM customers
WHERE phone = ANY(@phones::text[]);

-- A concurrent insert of the same phone wins quietly; the caller reads the
-- missing ids back with CustomerListByPhones.
-- name: CustomerInsertMany :many
INSERT INTO customers (phone, name, timezone, locale, source_id)
SELECT unnest(@phone::text[]), unnest(@name::text[]), unnest(@timezone::text[]), unnest(@locale::text[]),
       @source_id::bigint
ON CONFLICT (phone) DO NOTHING
RETURNING id, phone, name, timezone, locale, source_id;

-- Only the source that owns a customer changes it; a customer without an
-- owner becomes the source's. The ids returned are the rows changed: one
-- missing was claimed by another source since the caller read it.
-- name: CustomerUpdateMany :many
UPDATE customers AS c
SET name = u.name, timezone = u.timezone, locale = u.locale, source_id = @source_id::bigint, updated_at = now()
FROM (SELECT unnest(@id::bigint[]) AS id, unnest(@name::text[]) AS name,
             unnest(@timezone::text[]) AS timezone, unnest(@locale::text[]) AS locale) AS u
WHERE c.id = u.id AND (c.source_id IS NULL OR c.source_id = @source_id::bigint)
RETURNING c.id;

-- name: CustomerGetZone :one
SELECT timezone, locale, opted_out_at FROM customers WHERE id = @id;

-- name: CustomerGet :one
SELECT id, phone, name, timezone, locale, opted_out_at, created_at FROM customers WHERE id = @id;

-- The header's search by name: customers whose lowered name starts with
-- @prefix (lowered, LIKE wildcards escaped by the caller), in name order,
-- one page at a time; customers_name_c serves both the LIKE and the order
-- only when both say COLLATE "C". A branch's walk-in customer stands for
-- many people and is found through its branch's issues instead.
-- name: CustomerSearchByName :many
SELECT id, phone, name FROM customers
WHERE lower(name) COLLATE "C" LIKE @prefix::text || '%' AND NOT walk_in
ORDER BY lower(name) COLLATE "C", id
LIMIT @max_rows OFFSET @skip;

-- name: CustomerSales :many
SELECT id, external_id, product_sku, product_name, product_category, branch, sold_at, cancelled_at
FROM sales WHERE customer_id = @customer_id
ORDER BY sold_at DESC, id DESC LIMIT @max_rows;

-- name: CustomerFollowUps :many
SELECT id, kind, sale_id, state, due_at, channel, script_name, attempt_count
FROM follow_ups WHERE customer_id = @customer_id
ORDER BY due_at DESC, id DESC LIMIT @max_rows;

-- The answers of the customer's latest responses, newest response first.
-- name: CustomerAnswers :many
WITH latest AS (
    SELECT r.id, r.follow_up_id, r.created_at, r.captured_by
    FROM follow_ups f JOIN responses r ON r.follow_up_id = f.id
    WHERE f.customer_id = @customer_id
    ORDER BY r.created_at DESC, r.id DESC LIMIT @max_responses
)
SELECT l.id AS response_id, l.follow_up_id, l.created_at, l.captured_by, a.question_key, a.value
FROM latest l JOIN answers a ON a.response_id = l.id
ORDER BY l.created_at DESC, l.id DESC, a.question_key;

-- name: CustomerIssues :many
SELECT id, category, severity, state, origin, deadline_at, breached_at, created_at
FROM issues WHERE customer_id = @customer_id
ORDER BY id DESC LIMIT @max_rows;

-- name: CustomerNotes :many
SELECT n.id, n.body, n.created_at,
       coalesce(nullif(u.display_name, ''), u.username)::text AS author
FROM customer_notes n JOIN users u ON u.id = n.author_id
WHERE n.customer_id = @customer_id
ORDER BY n.id DESC LIMIT @max_rows;

-- name: CustomerNoteInsert :exec
INSERT INTO customer_notes (customer_id, author_id, body) VALUES (@customer_id, @author_id, @body);

-- The follow-up a complaint heard outside a call hangs on: that of the
-- customer's latest sale, the sale the complaint most likely concerns. A
-- sale asked about by an earlier sale's follow-up (contact frequency)
-- hangs on that one.
-- name: CustomerLatestSaleFollowUp :one
SELECT coalesce(s.covered_by, f.id)::bigint AS id, s.id AS sale_id
FROM sales s LEFT JOIN follow_ups f ON f.sale_id = s.id AND f.kind = 'sale'
WHERE s.customer_id = @customer_id AND (s.covered_by IS NOT NULL OR f.id IS NOT NULL)
ORDER BY s.sold_at DESC, s.id DESC LIMIT 1;

-- The contact-frequency rule reads a customer's follow-ups and then may
-- add one; the lock keeps two sales of one customer, in concurrent
-- transactions, from both finding none. Taken in id order so that batches
-- sharing customers cannot deadlock. NO KEY: inserting a sale only needs
-- a key-share lock on its customer, which this must not block.
-- name: CustomerLockMany :exec
SELECT id FROM customers WHERE id = ANY(@ids::bigint[]) ORDER BY id FOR NO KEY UPDATE;
