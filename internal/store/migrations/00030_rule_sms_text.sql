-- +goose Up

-- Each rule's own first SMS text, by language (#15): a greeting that asks
-- the first question in a few words, sent in place of the script's intro
-- and first prompt, which are written to be spoken (the Persian ones take
-- six SMS parts). The survey adds the answer hint and the opt-out line.
-- Existing rules and rules inserted without texts get the defaults, the
-- same as survey.DefaultOpenings.
ALTER TABLE followup_rules ADD COLUMN sms_texts jsonb NOT NULL
    DEFAULT '{"fa": "سلام {customer}، {agent} هستیم. از خرید {product} چقدر راضی هستید؟", "en": "Hi {customer}, this is {agent}. How happy are you with your {product}?"}'
    CHECK (jsonb_typeof(sms_texts) = 'object');

-- +goose Down

ALTER TABLE followup_rules DROP COLUMN sms_texts;
