-- The customer of a sale, as its source sees it, is the customer as the
-- source sent it (sales.customer_*) when another source owns the customer,
-- else the customer row (see migration 00015).
-- name: SaleListByExternalIDs :many
SELECT s.external_id, s.content_hash, f.id AS follow_up_id, f.state, f.due_at,
       coalesce(s.customer_name, c.name)::text AS customer_name, c.phone AS customer_phone,
       coalesce(s.customer_timezone, c.timezone)::text AS customer_timezone,
       coalesce(s.customer_locale, c.locale)::text AS customer_locale
FROM sales s
JOIN follow_ups f ON f.sale_id = s.id AND f.kind = 'sale'
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
       s.sold_at, s.cancelled_at, s.created_at,
       coalesce(s.customer_name, c.name)::text AS customer_name, c.phone AS customer_phone,
       coalesce(s.customer_timezone, c.timezone)::text AS customer_timezone,
       coalesce(s.customer_locale, c.locale)::text AS customer_locale
FROM sales s JOIN customers c ON c.id = s.customer_id
WHERE s.source_id = @source_id AND s.external_id = @external_id;

-- name: SaleCancel :one
UPDATE sales SET cancelled_at = coalesce(cancelled_at, now())
WHERE source_id = @source_id AND external_id = @external_id
RETURNING id, cancelled_at;
