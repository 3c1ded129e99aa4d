-- +goose Up

-- The agent queue at a million due calls (docs/design.md#the-claim). A
-- claim must be decided through indexes alone: which zones are inside
-- their calling window, this agent's callbacks, priority, due time and the
-- customer hold. So a follow-up carries its customer's zone and language,
-- and the queue index is per (zone, language): the claim looks at the head
-- of each open pair and takes the best of those heads.
ALTER TABLE follow_ups ADD COLUMN timezone text, ADD COLUMN locale text;

-- Only follow-ups that can still be called need them; ended ones keep NULL
-- (rewriting a year of ended rows would make this migration slow).
UPDATE follow_ups f SET timezone = c.timezone, locale = c.locale
FROM customers c
WHERE c.id = f.customer_id AND f.state IN ('scheduled', 'due', 'claimed', 'no_answer', 'callback');

-- Every writer of follow-ups already passes through this trigger for the
-- sale's branch and category; it now copies the customer's zone and
-- language too, so no writer has to know about the queue.
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

-- A customer who moves (a later sale names another zone or language)
-- takes their waiting follow-ups along, so the queue never rings them at
-- the old zone's hours.
-- +goose StatementBegin
CREATE FUNCTION customers_move_follow_ups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE follow_ups SET timezone = NEW.timezone, locale = NEW.locale
    WHERE customer_id = NEW.id
      AND state IN ('scheduled', 'due', 'claimed', 'no_answer', 'callback')
      AND (timezone IS DISTINCT FROM NEW.timezone OR locale IS DISTINCT FROM NEW.locale);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER customers_move_follow_ups AFTER UPDATE OF timezone, locale ON customers
    FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone OR OLD.locale IS DISTINCT FROM NEW.locale)
    EXECUTE FUNCTION customers_move_follow_ups();

-- The queue: due agent follow-ups per (zone, language), best first.
DROP INDEX follow_ups_queue;
CREATE INDEX follow_ups_agent_queue ON follow_ups (timezone, locale, priority DESC, due_at, id)
    WHERE state = 'due' AND channel = 'agent';
-- Callbacks an agent promised: claimed by that agent first, and counted on
-- their queue page.
CREATE INDEX follow_ups_callback_by ON follow_ups (callback_by)
    WHERE callback_by IS NOT NULL AND state IN ('callback', 'due');

-- Follow-ups counted by state and channel (and, while due, by zone and
-- language), kept by statement triggers in the transaction of every change,
-- so the queue's and the home page's counts, the list of zones with due
-- work and the metrics read a few hundred rows instead of a million.
-- Each backend writes its own rows (slot = its process id): two claims
-- never wait for one counter row, and no two transactions lock the same
-- counter rows in different orders. A count is the sum over slots; the
-- sweep folds the rows of backends that have gone into slot 0.
CREATE TABLE follow_up_counts (
    state    text NOT NULL,
    channel  text NOT NULL,
    -- '' unless the state is due.
    timezone text NOT NULL,
    locale   text NOT NULL,
    slot     integer NOT NULL,
    n        bigint NOT NULL,
    PRIMARY KEY (state, channel, timezone, locale, slot)
);
-- The zone or language a follow-up is counted under: its own while it is
-- due, '' otherwise. Plain SQL, so the planner inlines it.
-- +goose StatementBegin
CREATE FUNCTION follow_up_counted(state text, v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN state = 'due' THEN coalesce(v, '') ELSE '' END
$$;
-- +goose StatementEnd
INSERT INTO follow_up_counts (state, channel, timezone, locale, slot, n)
SELECT state, channel, follow_up_counted(state, timezone), follow_up_counted(state, locale), 0, count(*)
FROM follow_ups GROUP BY 1, 2, 3, 4;

-- +goose StatementBegin
CREATE FUNCTION follow_up_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO follow_up_counts AS fc (state, channel, timezone, locale, slot, n)
    SELECT state, channel, follow_up_counted(state, timezone), follow_up_counted(state, locale),
           pg_backend_pid(), count(*)
    FROM counted_new GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (state, channel, timezone, locale, slot) DO UPDATE SET n = fc.n + excluded.n;
    RETURN NULL;
END;
$$;
CREATE FUNCTION follow_up_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO follow_up_counts AS fc (state, channel, timezone, locale, slot, n)
    SELECT state, channel, tz, loc, pg_backend_pid(), sum(d)
    FROM (
        SELECT state, channel, follow_up_counted(state, timezone) AS tz,
               follow_up_counted(state, locale) AS loc, 1 AS d
        FROM counted_new
        UNION ALL
        SELECT state, channel, follow_up_counted(state, timezone), follow_up_counted(state, locale), -1
        FROM counted_old
    ) d
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (state, channel, timezone, locale, slot) DO UPDATE SET n = fc.n + excluded.n;
    RETURN NULL;
END;
$$;
CREATE FUNCTION follow_up_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO follow_up_counts AS fc (state, channel, timezone, locale, slot, n)
    SELECT state, channel, follow_up_counted(state, timezone), follow_up_counted(state, locale),
           pg_backend_pid(), -count(*)
    FROM counted_old GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (state, channel, timezone, locale, slot) DO UPDATE SET n = fc.n + excluded.n;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER follow_up_counts_insert AFTER INSERT ON follow_ups
    REFERENCING NEW TABLE AS counted_new
    FOR EACH STATEMENT EXECUTE FUNCTION follow_up_counts_add();
CREATE TRIGGER follow_up_counts_update AFTER UPDATE ON follow_ups
    REFERENCING OLD TABLE AS counted_old NEW TABLE AS counted_new
    FOR EACH STATEMENT EXECUTE FUNCTION follow_up_counts_move();
CREATE TRIGGER follow_up_counts_delete AFTER DELETE ON follow_ups
    REFERENCING OLD TABLE AS counted_old
    FOR EACH STATEMENT EXECUTE FUNCTION follow_up_counts_remove();
-- A TRUNCATE would leave the counts behind; nothing in tamas truncates.

-- +goose Down
DROP TRIGGER follow_up_counts_delete ON follow_ups;
DROP TRIGGER follow_up_counts_update ON follow_ups;
DROP TRIGGER follow_up_counts_insert ON follow_ups;
DROP FUNCTION follow_up_counts_remove();
DROP FUNCTION follow_up_counts_move();
DROP FUNCTION follow_up_counts_add();
DROP TABLE follow_up_counts;
DROP FUNCTION follow_up_counted(text, text);
DROP INDEX follow_ups_callback_by;
DROP INDEX follow_ups_agent_queue;
CREATE INDEX follow_ups_queue ON follow_ups (priority DESC, due_at) WHERE state = 'due';
DROP TRIGGER customers_move_follow_ups ON customers;
DROP FUNCTION customers_move_follow_ups();
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION follow_ups_copy_sale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.branch IS NULL OR NEW.product_category IS NULL THEN
        SELECT s.branch, s.product_category INTO NEW.branch, NEW.product_category
        FROM sales s WHERE s.id = NEW.sale_id;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
ALTER TABLE follow_ups DROP COLUMN locale, DROP COLUMN timezone;
