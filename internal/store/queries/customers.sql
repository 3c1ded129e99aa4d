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
