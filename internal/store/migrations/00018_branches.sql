-- +goose Up

-- A branch is one shop with one identity, whatever spelling a sale
-- brings: "Tajrish", "tajrish " and "تجریش" may all be the same branch.
-- Sales keep the spelling they were sent with (sales.branch) and point at
-- the branch it maps to (sales.branch_id); reports group by the id and
-- show the name in the reader's language. A spelling never seen before
-- makes a new branch; supervisors merge two branches when it was one.
CREATE TABLE branches (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The first spelling's key: stable, and unique among branches.
    code       text NOT NULL UNIQUE,
    name_en    text NOT NULL DEFAULT '',
    name_fa    text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A spelling's key: case and runs of spaces do not make another branch.
-- (Arabic and Persian letters are already made one by sales intake.)
-- +goose StatementBegin
CREATE FUNCTION branch_key(spelling text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT lower(regexp_replace(btrim(spelling), '\s+', ' ', 'g'))
$$;
-- +goose StatementEnd

-- Every spelling seen, by key, and the branch it maps to; a merge moves
-- the merged branch's spellings to the one it joins.
CREATE TABLE branch_aliases (
    key       text PRIMARY KEY,
    branch_id bigint NOT NULL REFERENCES branches ON DELETE CASCADE
);
CREATE INDEX branch_aliases_branch ON branch_aliases (branch_id);

-- The branch a spelling maps to, made when it is new ('' maps to none).
-- Two transactions bringing the same new spelling meet on the code's
-- unique index: the second waits, finds the code taken and reads the
-- first's alias.
-- +goose StatementBegin
CREATE FUNCTION branch_for(spelling text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    k   text := branch_key(coalesce(spelling, ''));
    bid bigint;
BEGIN
    IF k = '' THEN
        RETURN NULL;
    END IF;
    SELECT a.branch_id INTO bid FROM branch_aliases a WHERE a.key = k;
    IF FOUND THEN
        RETURN bid;
    END IF;
    INSERT INTO branches (code, name_en, name_fa)
    VALUES (k,
            CASE WHEN spelling ~ '[\u0600-\u06FF]' THEN '' ELSE btrim(spelling) END,
            CASE WHEN spelling ~ '[\u0600-\u06FF]' THEN btrim(spelling) ELSE '' END)
    ON CONFLICT (code) DO NOTHING
    RETURNING id INTO bid;
    IF bid IS NULL THEN
        SELECT a.branch_id INTO bid FROM branch_aliases a WHERE a.key = k;
        RETURN bid;
    END IF;
    INSERT INTO branch_aliases (key, branch_id) VALUES (k, bid);
    RETURN bid;
END;
$$;
-- +goose StatementEnd

-- Every spelling already stored becomes a branch of its own.
INSERT INTO branches (code, name_en, name_fa)
SELECT k, CASE WHEN spelling ~ '[\u0600-\u06FF]' THEN '' ELSE spelling END,
          CASE WHEN spelling ~ '[\u0600-\u06FF]' THEN spelling ELSE '' END
FROM (SELECT DISTINCT ON (branch_key(value)) branch_key(value) AS k, btrim(value) AS spelling
      FROM sale_dimensions WHERE kind = 'branch' AND branch_key(value) <> ''
      ORDER BY branch_key(value), value) d;
INSERT INTO branch_aliases (key, branch_id) SELECT code, id FROM branches;

-- Every writer of sales (intake, imports, the demo, tests' SQL) gets the
-- branch without knowing about it; a new spelling makes a branch.
ALTER TABLE sales ADD COLUMN branch_id bigint REFERENCES branches;
UPDATE sales s SET branch_id = a.branch_id
FROM branch_aliases a WHERE a.key = branch_key(s.branch);
-- +goose StatementBegin
CREATE FUNCTION sales_branch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.branch IS DISTINCT FROM OLD.branch THEN
        NEW.branch_id := branch_for(NEW.branch);
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER sales_branch BEFORE INSERT OR UPDATE OF branch ON sales
    FOR EACH ROW EXECUTE FUNCTION sales_branch();

-- Follow-ups and issues carry the branch id as they carry the branch
-- (migration 00008), so that reports read them alone.
ALTER TABLE follow_ups ADD COLUMN branch_id bigint;
UPDATE follow_ups f SET branch_id = s.branch_id FROM sales s WHERE s.id = f.sale_id AND s.branch_id IS NOT NULL;
ALTER TABLE issues ADD COLUMN branch_id bigint;
UPDATE issues i SET branch_id = s.branch_id FROM sales s WHERE s.id = i.sale_id AND s.branch_id IS NOT NULL;

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION follow_ups_copy_sale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.branch IS NULL OR NEW.product_category IS NULL OR NEW.branch_id IS NULL THEN
        SELECT coalesce(NEW.branch, s.branch), coalesce(NEW.product_category, s.product_category), s.branch_id
        INTO NEW.branch, NEW.product_category, NEW.branch_id
        FROM sales s WHERE s.id = NEW.sale_id;
    END IF;
    IF NEW.timezone IS NULL OR NEW.locale IS NULL THEN
        SELECT c.timezone, c.locale INTO NEW.timezone, NEW.locale
        FROM customers c WHERE c.id = NEW.customer_id;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION issues_copy_follow_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.branch IS NULL OR NEW.product_category IS NULL OR NEW.script_name IS NULL THEN
        SELECT f.branch, f.product_category, f.script_name INTO NEW.branch, NEW.product_category, NEW.script_name
        FROM follow_ups f WHERE f.id = NEW.follow_up_id;
        -- An issue raised without a call (by hand) takes its sale's.
        IF NOT FOUND THEN
            SELECT s.branch, s.product_category INTO NEW.branch, NEW.product_category
            FROM sales s WHERE s.id = NEW.sale_id;
        END IF;
        NEW.branch := coalesce(NEW.branch, '');
        NEW.product_category := coalesce(NEW.product_category, '');
        NEW.script_name := coalesce(NEW.script_name, '');
    END IF;
    IF NEW.branch_id IS NULL THEN
        SELECT s.branch_id INTO NEW.branch_id FROM sales s WHERE s.id = NEW.sale_id;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

DROP INDEX follow_ups_report;
CREATE INDEX follow_ups_report ON follow_ups (due_at) INCLUDE (
    state, branch_id, product_category, script_name, attempt_count,
    rating_n, rating_top, rating_lo, rating_hi,
    nps_n, nps_promoters, nps_detractors, nps_lo, nps_hi, commented);

-- The rollup counts by branch id (0: no branch). It is recounted from
-- follow-ups by the next refresh; reports read follow-ups until then.
DELETE FROM report_days;
UPDATE report_days_state SET built_through = NULL;
ALTER TABLE report_days DROP CONSTRAINT report_days_pkey, DROP COLUMN branch,
    ADD COLUMN branch_id bigint NOT NULL,
    ADD PRIMARY KEY (day, branch_id, category, script);

-- +goose Down
DELETE FROM report_days;
UPDATE report_days_state SET built_through = NULL;
ALTER TABLE report_days DROP CONSTRAINT report_days_pkey, DROP COLUMN branch_id,
    ADD COLUMN branch text NOT NULL,
    ADD PRIMARY KEY (day, branch, category, script);
DROP INDEX follow_ups_report;
CREATE INDEX follow_ups_report ON follow_ups (due_at) INCLUDE (
    state, branch, product_category, script_name, attempt_count,
    rating_n, rating_top, rating_lo, rating_hi,
    nps_n, nps_promoters, nps_detractors, nps_lo, nps_hi, commented);
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION issues_copy_follow_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.branch IS NULL OR NEW.product_category IS NULL OR NEW.script_name IS NULL THEN
        SELECT f.branch, f.product_category, f.script_name INTO NEW.branch, NEW.product_category, NEW.script_name
        FROM follow_ups f WHERE f.id = NEW.follow_up_id;
        IF NOT FOUND THEN
            SELECT s.branch, s.product_category INTO NEW.branch, NEW.product_category
            FROM sales s WHERE s.id = NEW.sale_id;
        END IF;
        NEW.branch := coalesce(NEW.branch, '');
        NEW.product_category := coalesce(NEW.product_category, '');
        NEW.script_name := coalesce(NEW.script_name, '');
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION follow_ups_copy_sale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.branch IS NULL OR NEW.product_category IS NULL THEN
        SELECT s.branch, s.product_category INTO NEW.branch, NEW.product_category
        FROM sales s WHERE s.id = NEW.sale_id;
    END IF;
    IF NEW.timezone IS NULL OR NEW.locale IS NULL THEN
        SELECT c.timezone, c.locale INTO NEW.timezone, NEW.locale
        FROM customers c WHERE c.id = NEW.customer_id;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
ALTER TABLE issues DROP COLUMN branch_id;
ALTER TABLE follow_ups DROP COLUMN branch_id;
DROP TRIGGER sales_branch ON sales;
DROP FUNCTION sales_branch();
ALTER TABLE sales DROP COLUMN branch_id;
DROP FUNCTION branch_for(text);
DROP TABLE branch_aliases;
DROP FUNCTION branch_key(text);
DROP TABLE branches;
