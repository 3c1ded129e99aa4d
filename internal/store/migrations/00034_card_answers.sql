-- +goose Up

-- Branch cards are answered without signing in (migration 00029), so one
-- connection could post answer after answer and fill the service desk
-- with issues. Each card answer now records who sent it, as a keyed hash
-- of the client's address (surveylink.Signer.Client: counting needs no
-- address, and none is kept); the card page lets one client send
-- TAMAS_CARD_ANSWERS_PER_HOUR answer sets an hour, counted on (client,
-- answered_at).
CREATE TABLE card_answers (
    follow_up_id bigint PRIMARY KEY REFERENCES follow_ups (id) ON DELETE CASCADE,
    client       bytea NOT NULL,
    answered_at  timestamptz NOT NULL
);
CREATE INDEX card_answers_client ON card_answers (client, answered_at);

-- A receipt number answers its card once: the look-up of earlier card
-- answers on a sale reads this, not every follow-up.
CREATE INDEX follow_ups_card_sale ON follow_ups (sale_id) WHERE kind = 'card';

-- +goose Down

DROP INDEX follow_ups_card_sale;
DROP TABLE card_answers;
