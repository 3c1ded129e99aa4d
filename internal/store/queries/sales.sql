-- name: SaleListByExternalIDs :many
SELECT s.external_id, s.content_hash, f.id AS follow_up_id, f.state, f.due_at
FROM sales s
JOIN follow_ups f ON f.sale_id = s.id AND f.kind = 'sale'
WHERE s.source_id = @source_id AND s.external_id = ANY(@external_ids::text[]);

-- A concurrent insert of the same external id wins quietly; the caller
-- classifies the missing ones with SaleListByExternalIDs.
-- name: SaleInsertMany :many
INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_name,
                   product_category, branch, sold_at, content_hash)
SELECT @source_id, unnest(@external_id::text[]), unnest(@customer_id::bigint[]),
       unnest(@product_sku::text[]), unnest(@product_name::text[]),
       unnest(@product_category::text[]), unnest(@branch::text[]),
       unnest(@sold_at::timestamptz[]), unnest(@content_hash::bytea[])
ON CONFLICT (source_id, external_id) DO NOTHING
RETURNING id, external_id;

-- name: SaleGetByExternalID :one
SELECT s.id, s.external_id, s.product_sku, s.product_name, s.product_category, s.branch,
       s.sold_at, s.cancelled_at, s.created_at,
       c.name AS customer_name, c.phone AS customer_phone, c.timezone AS customer_timezone,
       c.locale AS customer_locale
FROM sales s JOIN customers c ON c.id = s.customer_id
WHERE s.source_id = @source_id AND s.external_id = @external_id;

-- name: SaleCancel :one
UPDATE sales SET cancelled_at = coalesce(cancelled_at, now())
WHERE source_id = @source_id AND external_id = @external_id
RETURNING id, cancelled_at;
