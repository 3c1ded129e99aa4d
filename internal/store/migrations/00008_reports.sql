-- +goose Up

-- Reports must stay fast on a year of data (a million follow-ups, five
-- million answers). Every report figure about follow-ups is therefore read
-- from follow_ups alone, through one covering index on due_at: the branch
-- and product category of the sale are copied onto the follow-up, and a
-- response's scores are summarised onto its follow-up (one response per
-- follow-up) when the answers are stored. A follow-up is reported on the
-- day it was last due; for an ended one that is the day of its last
-- attempt.

-- The question's type, copied from the script version when the answer is
-- stored, so that no report has to open script JSON to know a rating from
-- a comment.
ALTER TABLE answers ADD COLUMN qtype text NOT NULL DEFAULT '';

UPDATE answers a SET qtype = q->>'type'
FROM responses r
JOIN script_versions v ON v.id = r.script_version_id
CROSS JOIN LATERAL jsonb_array_elements(v.body->'questions') q
WHERE r.id = a.response_id AND q->>'key' = a.question_key;

ALTER TABLE follow_ups
    ADD COLUMN branch           text,
    ADD COLUMN product_category text,
    -- The response in brief: how many rating (1–5) answers, how many of
    -- them 4 or 5, the lowest and highest; the same for NPS (0–10) with
    -- promoters (9–10) and detractors (0–6); whether any text answer says
    -- something. NULL bounds: no such answer.
    ADD COLUMN rating_n         smallint NOT NULL DEFAULT 0,
    ADD COLUMN rating_top       smallint NOT NULL DEFAULT 0,
    ADD COLUMN rating_lo        smallint,
    ADD COLUMN rating_hi        smallint,
    ADD COLUMN nps_n            smallint NOT NULL DEFAULT 0,
    ADD COLUMN nps_promoters    smallint NOT NULL DEFAULT 0,
    ADD COLUMN nps_detractors   smallint NOT NULL DEFAULT 0,
    ADD COLUMN nps_lo           smallint,
    ADD COLUMN nps_hi           smallint,
    ADD COLUMN commented        boolean NOT NULL DEFAULT false;

UPDATE follow_ups f SET branch = s.branch, product_category = s.product_category
FROM sales s WHERE s.id = f.sale_id;

UPDATE follow_ups f SET
    rating_n = a.rating_n, rating_top = a.rating_top, rating_lo = a.rating_lo, rating_hi = a.rating_hi,
    nps_n = a.nps_n, nps_promoters = a.nps_promoters, nps_detractors = a.nps_detractors,
    nps_lo = a.nps_lo, nps_hi = a.nps_hi, commented = a.commented
FROM (
    SELECT r.follow_up_id,
           count(*) FILTER (WHERE qtype = 'rating' AND score IS NOT NULL) AS rating_n,
           count(*) FILTER (WHERE qtype = 'rating' AND score >= 4) AS rating_top,
           min(score) FILTER (WHERE qtype = 'rating') AS rating_lo,
           max(score) FILTER (WHERE qtype = 'rating') AS rating_hi,
           count(*) FILTER (WHERE qtype = 'nps' AND score IS NOT NULL) AS nps_n,
           count(*) FILTER (WHERE qtype = 'nps' AND score >= 9) AS nps_promoters,
           count(*) FILTER (WHERE qtype = 'nps' AND score <= 6) AS nps_detractors,
           min(score) FILTER (WHERE qtype = 'nps') AS nps_lo,
           max(score) FILTER (WHERE qtype = 'nps') AS nps_hi,
           coalesce(bool_or(qtype = 'text' AND btrim(value) <> ''), false) AS commented
    FROM (SELECT response_id, qtype, value,
                 CASE WHEN qtype IN ('rating', 'nps') AND value ~ '^[0-9]{1,2}$' THEN value::smallint END AS score
          FROM answers) x
    JOIN responses r ON r.id = x.response_id
    GROUP BY r.follow_up_id
) a
WHERE f.id = a.follow_up_id;

ALTER TABLE follow_ups ALTER COLUMN branch SET NOT NULL, ALTER COLUMN product_category SET NOT NULL;

-- Every writer of follow-ups (intake's COPY, recovery follow-ups, imports
-- still to come) gets the sale's branch and category without knowing about
-- reports; a writer that already has them (the large demo) passes them and
-- skips the lookup.
-- +goose StatementBegin
CREATE FUNCTION follow_ups_copy_sale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.branch IS NULL OR NEW.product_category IS NULL THEN
        SELECT s.branch, s.product_category INTO NEW.branch, NEW.product_category
        FROM sales s WHERE s.id = NEW.sale_id;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER follow_ups_copy_sale BEFORE INSERT ON follow_ups
    FOR EACH ROW EXECUTE FUNCTION follow_ups_copy_sale();

-- The report filters offer the branches and categories that exist; a
-- DISTINCT over a million sales would cost more than the report itself.
-- A statement trigger adds new ones once per insert, not once per row.
CREATE TABLE sale_dimensions (
    kind  text NOT NULL CHECK (kind IN ('branch', 'category')),
    value text NOT NULL,
    PRIMARY KEY (kind, value)
);
INSERT INTO sale_dimensions (kind, value)
SELECT DISTINCT 'branch', branch FROM sales WHERE branch <> ''
UNION
SELECT DISTINCT 'category', product_category FROM sales WHERE product_category <> '';

-- +goose StatementBegin
CREATE FUNCTION sales_note_dimensions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sale_dimensions (kind, value)
    SELECT DISTINCT 'branch', branch FROM new_sales WHERE branch <> ''
    UNION
    SELECT DISTINCT 'category', product_category FROM new_sales WHERE product_category <> ''
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER sales_note_dimensions AFTER INSERT ON sales
    REFERENCING NEW TABLE AS new_sales
    FOR EACH STATEMENT EXECUTE FUNCTION sales_note_dimensions();

-- The reports and the silent list read only this index (an index-only scan
-- once vacuum has marked the pages visible): follow-ups by the time they
-- were last due, with every column a report groups, filters or counts by.
CREATE INDEX follow_ups_report ON follow_ups (due_at) INCLUDE (
    state, branch, product_category, script_name, attempt_count,
    rating_n, rating_top, rating_lo, rating_hi,
    nps_n, nps_promoters, nps_detractors, nps_lo, nps_hi, commented);

CREATE INDEX issues_created_at ON issues (created_at);
CREATE INDEX issues_resolved_at ON issues (resolved_at) WHERE resolved_at IS NOT NULL;

-- Issues carry their follow-up's branch, category and script too, copied
-- when raised, so that issue figures need no join with follow-ups.
ALTER TABLE issues
    ADD COLUMN branch           text,
    ADD COLUMN product_category text,
    ADD COLUMN script_name      text;
UPDATE issues i SET branch = f.branch, product_category = f.product_category, script_name = f.script_name
FROM follow_ups f WHERE f.id = i.follow_up_id;
ALTER TABLE issues ALTER COLUMN branch SET NOT NULL, ALTER COLUMN product_category SET NOT NULL,
    ALTER COLUMN script_name SET NOT NULL;
-- +goose StatementBegin
CREATE FUNCTION issues_copy_follow_up() RETURNS trigger LANGUAGE plpgsql AS $$
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
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER issues_copy_follow_up BEFORE INSERT ON issues
    FOR EACH ROW EXECUTE FUNCTION issues_copy_follow_up();

-- A year is a million follow-ups: too many to aggregate per page view.
-- report_days holds them counted by UTC day, branch, category and script
-- (tens of thousands of rows a year), for every day before built_through;
-- reports read those days from here and the days since from follow_ups.
-- The report_days job rebuilds the recent weeks (late answers change
-- them) every few minutes and everything once a day; saving the neutral
-- ranges rebuilds everything, since silent counts depend on them.
CREATE TABLE report_days (
    day            date NOT NULL,
    branch         text NOT NULL,
    category       text NOT NULL,
    script         text NOT NULL,
    due            bigint NOT NULL,
    completed      bigint NOT NULL,
    unreachable    bigint NOT NULL,
    ended          bigint NOT NULL,
    silent         bigint NOT NULL,
    rating_n       bigint NOT NULL,
    rating_top     bigint NOT NULL,
    nps_n          bigint NOT NULL,
    nps_promoters  bigint NOT NULL,
    nps_detractors bigint NOT NULL,
    PRIMARY KEY (day, branch, category, script)
);
CREATE TABLE report_days_state (
    id            boolean PRIMARY KEY DEFAULT true CHECK (id),
    built_through date -- NULL: nothing rolled up yet; reports read follow_ups alone
);
INSERT INTO report_days_state (built_through) VALUES (NULL);

-- What counts as a neutral answer, set by supervisors (one row). A
-- customer is silent when a follow-up ends unreachable, or when every
-- score of a response lies in these ranges and no text answer says
-- anything.
CREATE TABLE silence_settings (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    rating_lo  smallint NOT NULL CHECK (rating_lo BETWEEN 1 AND 5),
    rating_hi  smallint NOT NULL CHECK (rating_hi BETWEEN 1 AND 5),
    nps_lo     smallint NOT NULL CHECK (nps_lo BETWEEN 0 AND 10),
    nps_hi     smallint NOT NULL CHECK (nps_hi BETWEEN 0 AND 10),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (rating_lo <= rating_hi AND nps_lo <= nps_hi)
);
INSERT INTO silence_settings (rating_lo, rating_hi, nps_lo, nps_hi) VALUES (3, 3, 7, 8);

-- One definition of silence for the counts, the list and its download.
-- Plain SQL, so the planner inlines it.
-- +goose StatementBegin
CREATE FUNCTION follow_up_silent(
    state text, commented boolean,
    rating_n smallint, rating_lo smallint, rating_hi smallint,
    nps_n smallint, nps_lo smallint, nps_hi smallint,
    set_rating_lo smallint, set_rating_hi smallint, set_nps_lo smallint, set_nps_hi smallint
) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT state = 'unreachable'
        OR (state = 'completed' AND NOT commented AND (rating_n > 0 OR nps_n > 0)
            AND (rating_n = 0 OR (rating_lo >= set_rating_lo AND rating_hi <= set_rating_hi))
            AND (nps_n = 0 OR (nps_lo >= set_nps_lo AND nps_hi <= set_nps_hi)))
$$;
-- +goose StatementEnd

-- +goose Down
DROP TABLE report_days_state;
DROP TABLE report_days;
DROP TRIGGER issues_copy_follow_up ON issues;
DROP FUNCTION issues_copy_follow_up();
ALTER TABLE issues DROP COLUMN script_name, DROP COLUMN product_category, DROP COLUMN branch;
DROP FUNCTION follow_up_silent;
DROP TABLE silence_settings;
DROP INDEX issues_resolved_at;
DROP INDEX issues_created_at;
DROP INDEX follow_ups_report;
DROP TRIGGER sales_note_dimensions ON sales;
DROP FUNCTION sales_note_dimensions();
DROP TABLE sale_dimensions;
DROP TRIGGER follow_ups_copy_sale ON follow_ups;
DROP FUNCTION follow_ups_copy_sale();
ALTER TABLE follow_ups
    DROP COLUMN commented, DROP COLUMN nps_hi, DROP COLUMN nps_lo, DROP COLUMN nps_detractors,
    DROP COLUMN nps_promoters, DROP COLUMN nps_n, DROP COLUMN rating_hi, DROP COLUMN rating_lo,
    DROP COLUMN rating_top, DROP COLUMN rating_n, DROP COLUMN product_category, DROP COLUMN branch;
ALTER TABLE answers DROP COLUMN qtype;
