-- +goose Up

-- The languages an agent speaks, as base language subtags ("fa", "en"):
-- "Next call" offers only customers whose language is one of them (#12).
-- NULL means the agent's UI language, so accounts that no admin has set
-- keep working in the language they read; an admin's choice replaces it.
ALTER TABLE users ADD COLUMN languages text[]
    CHECK (languages IS NULL OR cardinality(languages) BETWEEN 1 AND 20);

-- A call an agent released ("not for me / cannot take it now") goes back
-- to the queue and is not offered to that agent again until `until`. The
-- claim probes this table by primary key for each candidate row it reads,
-- so it stays an index descent per open pair; rows past `until` are
-- removed by the agent's next release.
CREATE TABLE follow_up_releases (
    user_id      bigint NOT NULL REFERENCES users (id),
    follow_up_id bigint NOT NULL REFERENCES follow_ups (id),
    until        timestamptz NOT NULL,
    PRIMARY KEY (user_id, follow_up_id)
);

-- +goose Down
DROP TABLE follow_up_releases;
ALTER TABLE users DROP COLUMN languages;
