-- +goose Up

-- The recovery report (docs/recovery.md) asks, for every ended follow-up
-- of a sale, whether the same customer bought again within 30, 90 or 180
-- days of the outcome: one probe per follow-up for the customer's first
-- sale after a moment. This index answers it from the index alone
-- (cancelled_at is included so cancelled sales are skipped without the
-- heap) and serves every lookup by customer that sales_customer_id did.
CREATE INDEX sales_customer_sold_at ON sales (customer_id, sold_at) INCLUDE (cancelled_at);
DROP INDEX sales_customer_id;

-- The report's units: ended follow-ups of sales by the time they were
-- last due, with what the report groups by and the moment of the outcome
-- (updated_at: an ended follow-up is not changed again).
CREATE INDEX follow_ups_outcome ON follow_ups (due_at) INCLUDE (id, customer_id, state, updated_at, branch_id, product_category)
    WHERE kind = 'sale' AND state IN ('completed', 'unreachable');

-- +goose Down
DROP INDEX follow_ups_outcome;
CREATE INDEX sales_customer_id ON sales (customer_id);
DROP INDEX sales_customer_sold_at;
