-- +goose Up

-- Any staff member can log a complaint heard outside a call (#15). It is
-- an issue like a triggered one, told apart by its origin.
ALTER TABLE issues DROP CONSTRAINT issues_origin_check;
ALTER TABLE issues ADD CONSTRAINT issues_origin_check CHECK (origin IN ('trigger', 'manual', 'complaint'));

-- What staff know about a customer that belongs to no sale or issue.
CREATE TABLE customer_notes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    author_id   bigint NOT NULL REFERENCES users (id),
    body        text NOT NULL CHECK (body <> ''),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_notes_customer_id ON customer_notes (customer_id, id);

-- The header's search finds customers by the start of their name, in any
-- case. pg_trgm would find any part of it, but it is an extension a
-- managed PostgreSQL may not offer; a btree on the lowered name serves a
-- prefix LIKE over millions of customers without one.
CREATE INDEX customers_name_prefix ON customers (lower(name) text_pattern_ops, id);

-- +goose Down
DROP INDEX customers_name_prefix;
DROP TABLE customer_notes;
UPDATE issues SET origin = 'manual' WHERE origin = 'complaint';
ALTER TABLE issues DROP CONSTRAINT issues_origin_check;
ALTER TABLE issues ADD CONSTRAINT issues_origin_check CHECK (origin IN ('trigger', 'manual'));
