-- name: WebhookEndpointInsert :one
INSERT INTO webhook_endpoints (url, secret, events, created_by, updated_by)
VALUES (@url, @secret, @events::text[], @actor, @actor)
RETURNING id;

-- name: WebhookEndpointList :many
SELECT e.id, e.url, e.secret, e.events, e.active, e.created_by, e.created_at,
       (SELECT count(*) FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.delivered_at IS NULL)::bigint AS undelivered
FROM webhook_endpoints e
ORDER BY e.id;

-- name: WebhookEndpointGet :one
SELECT * FROM webhook_endpoints WHERE id = @id;

-- name: WebhookEndpointGetForUpdate :one
SELECT * FROM webhook_endpoints WHERE id = @id FOR UPDATE;

-- name: WebhookEndpointUpdate :exec
UPDATE webhook_endpoints
SET active = @active, events = @events::text[], updated_by = @actor, updated_at = now()
WHERE id = @id;

-- name: WebhookEndpointDelete :exec
DELETE FROM webhook_endpoints WHERE id = @id;

-- The endpoints an event goes to. FOR KEY SHARE keeps an endpoint from
-- being deleted between this and the deliveries' insert.
-- name: WebhookEndpointsForEvent :many
SELECT id FROM webhook_endpoints
WHERE active AND @event::text = ANY (events)
ORDER BY id
FOR KEY SHARE;

-- name: WebhookDeliveryInsert :one
INSERT INTO webhook_deliveries (endpoint_id, event_type, event_id, payload)
VALUES (@endpoint_id, @event_type, @event_id, @payload)
RETURNING id;

-- name: WebhookDeliveryGetForSend :one
SELECT d.id, d.event_type, d.payload, d.delivered_at, e.url, e.secret, e.active
FROM webhook_deliveries d
JOIN webhook_endpoints e ON e.id = d.endpoint_id
WHERE d.id = @id;

-- name: WebhookDeliveryRecordAttempt :exec
UPDATE webhook_deliveries
SET attempts = attempts + 1, last_status = @status, last_error = @error,
    last_attempt_at = @at, delivered_at = @delivered_at
WHERE id = @id;

-- name: WebhookDeliveryList :many
SELECT id, event_type, event_id, attempts, last_status, last_error, last_attempt_at, delivered_at, created_at
FROM webhook_deliveries
WHERE endpoint_id = @endpoint_id
ORDER BY created_at DESC, id DESC
LIMIT @max_rows;

-- What events say about a sale and its customer.
-- name: WebhookSaleContext :one
SELECT s.id AS sale_id, s.external_id, src.name AS source, s.branch, s.product_sku, s.product_name,
       s.product_category, s.sold_at,
       c.id AS customer_id, c.name AS customer_name, c.phone AS customer_phone, c.locale AS customer_locale
FROM sales s
JOIN sources src ON src.id = s.source_id
JOIN customers c ON c.id = s.customer_id
WHERE s.id = @sale_id;

-- name: WebhookCustomer :one
SELECT id, name, phone, locale, opted_out_at FROM customers WHERE id = @id;

-- name: WebhookFollowUp :one
SELECT id, kind, state, sale_id, attempt_count, max_attempts FROM follow_ups WHERE id = @id;
