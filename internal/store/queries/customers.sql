-- name: CustomerListByPhones :many
SELECT id, phone, name, timezone, locale, opted_out_at
FROM customers
WHERE phone = ANY(@phones::text[]);

-- A concurrent insert of the same phone wins quietly; the caller reads the
-- missing ids back with CustomerListByPhones.
-- name: CustomerInsertMany :many
INSERT INTO customers (phone, name, timezone, locale)
SELECT unnest(@phone::text[]), unnest(@name::text[]), unnest(@timezone::text[]), unnest(@locale::text[])
ON CONFLICT (phone) DO NOTHING
RETURNING id, phone, timezone, locale;

-- name: CustomerUpdateMany :exec
UPDATE customers AS c
SET name = u.name, timezone = u.timezone, locale = u.locale, updated_at = now()
FROM (SELECT unnest(@id::bigint[]) AS id, unnest(@name::text[]) AS name,
             unnest(@timezone::text[]) AS timezone, unnest(@locale::text[]) AS locale) AS u
WHERE c.id = u.id;

-- name: CustomerGetZone :one
SELECT timezone, locale, opted_out_at FROM customers WHERE id = @id;
