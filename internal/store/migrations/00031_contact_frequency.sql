-- +goose Up

-- A customer is asked at most once every ask_once_days days (#15): a sale
-- inside that window of a pending or recent follow-up of the customer gets
-- no follow-up of its own. 0 asks about every sale.
ALTER TABLE followup_rules ADD COLUMN ask_once_days integer NOT NULL DEFAULT 30
    CHECK (ask_once_days BETWEEN 0 AND 365);

-- The follow-up that asks about this sale together with the sale it
-- belongs to; NULL when the sale has a follow-up of its own. Reports count
-- these sales as "not asked again: asked recently".
ALTER TABLE sales ADD COLUMN covered_by bigint REFERENCES follow_ups (id);
-- The call page lists the sales a follow-up covers, and a cancelled sale's
-- follow-up finds the sales it must move to.
CREATE INDEX sales_covered_by ON sales (covered_by) WHERE covered_by IS NOT NULL;
-- The report counts covered sales by sale time.
CREATE INDEX sales_covered_sold_at ON sales (sold_at) WHERE covered_by IS NOT NULL;

-- +goose Down
DROP INDEX sales_covered_sold_at;
DROP INDEX sales_covered_by;
ALTER TABLE sales DROP COLUMN covered_by;
ALTER TABLE followup_rules DROP COLUMN ask_once_days;
