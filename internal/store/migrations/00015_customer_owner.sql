-- +goose Up

-- A customer is one row per phone, so that nobody gets two calls, but its
-- name, time zone and language belong to the source that created it (#13):
-- a sale from another shop with the same phone used to rename the customer
-- and move their calls to another zone. source_id is that owner; NULL is a
-- customer no shop's sale created (demo and test data), which the first
-- shop to send a sale to it claims.
ALTER TABLE customers ADD COLUMN source_id bigint REFERENCES sources (id);

-- The owner of an existing customer is the source of its earliest sale.
UPDATE customers c SET source_id = first.source_id
FROM (SELECT DISTINCT ON (customer_id) customer_id, source_id
      FROM sales ORDER BY customer_id, created_at, id) AS first
WHERE c.id = first.customer_id;

-- A sale from a source that does not own its customer keeps the customer
-- as that source sent it (defaults applied), and that source reads it
-- back from here; the customer row is left alone. NULL on the owner's own
-- sales, whose customer is the customer row: most sales pay nothing.
ALTER TABLE sales
    ADD COLUMN customer_name text,
    ADD COLUMN customer_timezone text,
    ADD COLUMN customer_locale text,
    ADD CONSTRAINT sales_customer_as_sent CHECK (
        (customer_name IS NULL) = (customer_timezone IS NULL)
        AND (customer_name IS NULL) = (customer_locale IS NULL));

-- +goose Down

ALTER TABLE sales
    DROP CONSTRAINT sales_customer_as_sent,
    DROP COLUMN customer_locale,
    DROP COLUMN customer_timezone,
    DROP COLUMN customer_name;
ALTER TABLE customers DROP COLUMN source_id;
