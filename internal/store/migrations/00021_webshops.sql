-- +goose Up

-- A web shop (Shopify, WooCommerce) is a source that sends its orders as
-- signed webhooks (#15). The secret signs them with HMAC-SHA256, so it is
-- kept as it is, not hashed: checking a signature needs the key itself.
-- shop_category is the follow-up rule category of the source's sales when
-- its orders carry none (WooCommerce's line items name no category).
ALTER TABLE sources
    ADD COLUMN shop_platform text CHECK (shop_platform IN ('shopify', 'woocommerce')),
    ADD COLUMN shop_secret text CHECK (shop_secret <> '' AND length(shop_secret) <= 200),
    ADD COLUMN shop_category text NOT NULL DEFAULT '' CHECK (length(shop_category) <= 200),
    ADD CONSTRAINT sources_shop_signed CHECK ((shop_platform IS NULL) = (shop_secret IS NULL));

-- +goose Down

ALTER TABLE sources
    DROP CONSTRAINT sources_shop_signed,
    DROP COLUMN shop_category,
    DROP COLUMN shop_secret,
    DROP COLUMN shop_platform;
