-- +goose Up

-- A failed delivery kept up to 500 bytes of the receiver's answer, shown on
-- the endpoint's page: whatever a host the server can reach chose to say
-- (#13). Deliveries now keep only a short reason (webhooks.Failure); the
-- old rows get the same: the status of an answer, else a bare
-- "connection failed" in place of the error text, which named addresses
-- and ports.
UPDATE webhook_deliveries
SET last_error = CASE WHEN last_status IS NOT NULL THEN 'HTTP ' || last_status ELSE 'connection failed' END
WHERE last_error <> '';

-- +goose Down

-- The answers are gone for good; there is nothing to put back.
