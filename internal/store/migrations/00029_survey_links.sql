-- +goose Up

-- Two more listening posts (#15): a ladder step `link` texts the customer
-- a signed link to a survey page, and a branch's printed satisfaction card
-- leads a walk-in customer to the branch's survey page. Both answer through
-- the same response path, under their own channel name.
ALTER TABLE followup_rules DROP CONSTRAINT followup_rules_channel_check;
ALTER TABLE followup_rules ADD CONSTRAINT followup_rules_channel_check
    CHECK (channel IN ('agent', 'sms', 'voice', 'link'));
ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_channel_check;
ALTER TABLE follow_ups ADD CONSTRAINT follow_ups_channel_check
    CHECK (channel IN ('agent', 'sms', 'voice', 'link', 'card'));
-- A card answer is a follow-up of its own, completed as it is stored, so
-- reports, issues and webhooks read it like any other.
ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_kind_check;
ALTER TABLE follow_ups ADD CONSTRAINT follow_ups_kind_check CHECK (kind IN ('sale', 'recovery', 'card'));

-- A card answered without a receipt number has no customer and no sale;
-- issues and responses need both. It belongs to the branch's walk-in
-- customer and walk-in sale: one customer row per branch that stands for
-- "someone at this branch", with no phone to call and opted out, so no
-- follow-up, recovery call or text ever goes to it.
ALTER TABLE customers ADD COLUMN walk_in boolean NOT NULL DEFAULT false;
ALTER TABLE customers DROP CONSTRAINT customers_phone_check;
ALTER TABLE customers ADD CONSTRAINT customers_phone_check
    CHECK (phone ~ '^\+[1-9][0-9]{6,14}$' OR (walk_in AND phone ~ '^walk-in:[0-9]+$' AND opted_out_at IS NOT NULL));

-- A receipt number on the card names a sale of that branch.
CREATE INDEX sales_branch_external_id ON sales (branch_id, external_id);

-- The key survey links and card links are signed with, when
-- TAMAS_LINK_SECRET does not give one: every copy of the server reads the
-- same key. gen_random_uuid draws from the strong random source; two make
-- 244 random bits.
CREATE TABLE survey_link_key (
    id     boolean PRIMARY KEY DEFAULT true CHECK (id),
    secret bytea NOT NULL CHECK (length(secret) >= 32)
);
INSERT INTO survey_link_key (secret) VALUES (uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()));

-- +goose Down
DROP TABLE survey_link_key;
DROP INDEX sales_branch_external_id;
-- Refused while walk-in customers exist: their card answers are data.
ALTER TABLE customers DROP CONSTRAINT customers_phone_check;
ALTER TABLE customers ADD CONSTRAINT customers_phone_check CHECK (phone ~ '^\+[1-9][0-9]{6,14}$');
ALTER TABLE customers DROP COLUMN walk_in;
ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_kind_check;
ALTER TABLE follow_ups ADD CONSTRAINT follow_ups_kind_check CHECK (kind IN ('sale', 'recovery'));
ALTER TABLE follow_ups DROP CONSTRAINT follow_ups_channel_check;
ALTER TABLE follow_ups ADD CONSTRAINT follow_ups_channel_check CHECK (channel IN ('agent', 'sms', 'voice'));
ALTER TABLE followup_rules DROP CONSTRAINT followup_rules_channel_check;
ALTER TABLE followup_rules ADD CONSTRAINT followup_rules_channel_check CHECK (channel IN ('agent', 'sms', 'voice'));
