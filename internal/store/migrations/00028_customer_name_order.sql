-- +goose Up
-- The header's search lists customers whose name starts with what was
-- typed, in name order, a page at a time. A text_pattern_ops index serves
-- the LIKE but not the ORDER BY, so a common first name (25,000 «مریم» on
-- the large demo) was fetched whole and sorted: 180 ms a page. Under the
-- "C" collation one btree serves both and the scan stops after a page.
CREATE INDEX customers_name_c ON customers ((lower(name) COLLATE "C"), id);
DROP INDEX customers_name_prefix;

-- +goose Down
CREATE INDEX customers_name_prefix ON customers (lower(name) text_pattern_ops, id);
DROP INDEX customers_name_c;
