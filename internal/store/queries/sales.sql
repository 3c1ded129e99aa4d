-- The customer of a sale, as its source sees it, is the customer as the
-- source sent it (sales.customer_*) when another source owns the customer,
-- else the customer row (see migration 00015).
-- name: SaleListByExternalIDs :many
-- A sale covered by another's follow-up (contact frequency, migration
-- 00031) reads that follow-up; the two arms of the lateral join each use
-- one index.
SELECT s.external_id, s.content_hash, f.id AS follow_up_id, f.state, f.due_at,
       (s.covered_by IS NOT NULL)::bool AS covered,
       coalesce(s.customer_name, c.name)::text AS customer_name, c.phone AS customer_phone,
       coalesce(s.customer_timezone, c.timezone)::text AS customer_timezone,
       coalesce(s.customer_locale, c.locale)::text AS customer_locale
FROM sales s
JOIN LATERAL (
    SELECT o.id, o.state, o.due_at FROM follow_ups o WHERE o.id = s.covered_by
    UNION ALL
    SELECT o.id, o.state, o.due_at FROM follow_ups o WHERE s.covered_by IS NULL AND o.sale_id = s.id AND o.kind = 'sale'
) f ON true
JOIN customers c ON c.id = s.customer_id
WHERE s.source_id = @source_id AND s.external_id = ANY(@external_ids::text[]);

-- A concurrent insert of the same external id wins quietly; the caller
-- classifies the missing ones with SaleListByExternalIDs. The customer_*
-- arrays hold the customer as sent for sales whose customer another source
-- owns, and '' (stored as NULL) for the rest.
-- name: SaleInsertMany :many
INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_name,
                   product_category, branch, sold_at, content_hash,
                   customer_name, customer_timezone, customer_locale)
SELECT @source_id, unnest(@external_id::text[]), unnest(@customer_id::bigint[]),
       unnest(@product_sku::text[]), unnest(@product_name::text[]),
       unnest(@product_category::text[]), unnest(@branch::text[]),
       unnest(@sold_at::timestamptz[]), unnest(@content_hash::bytea[]),
       nullif(unnest(@customer_name::text[]), ''), nullif(unnest(@customer_timezone::text[]), ''),
       nullif(unnest(@customer_locale::text[]), '')
ON CONFLICT (source_id, external_id) DO NOTHING
RETURNING id, external_id;

-- name: SaleGetByExternalID :one
SELECT s.id, s.external_id, s.product_sku, s.product_name, s.product_category, s.branch,
       s.sold_at, s.cancelled_at, s.created_at, s.covered_by,
       coalesce(s.customer_name, c.name)::text AS customer_name, c.phone AS customer_phone,
       coalesce(s.customer_timezone, c.timezone)::text AS customer_timezone,
       coalesce(s.customer_locale, c.locale)::text AS customer_locale
FROM sales s JOIN customers c ON c.id = s.customer_id
WHERE s.source_id = @source_id AND s.external_id = @external_id;

-- name: SaleCancel :one
UPDATE sales SET cancelled_at = coalesce(cancelled_at, now())
WHERE source_id = @source_id AND external_id = @external_id
RETURNING id, customer_id, covered_by, cancelled_at;

-- Sales that the contact-frequency rule linked to another sale's
-- follow-up instead of giving them one.
-- name: SaleCoverMany :exec
UPDATE sales s SET covered_by = x.follow_up_id
FROM (SELECT unnest(@sale_ids::bigint[]) AS sale_id, unnest(@follow_up_ids::bigint[]) AS follow_up_id) x
WHERE s.id = x.sale_id;
