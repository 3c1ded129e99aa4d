-- name: SourceEnsure :one
INSERT INTO sources (name) VALUES (@name)
ON CONFLICT (name) DO UPDATE SET name = excluded.name
RETURNING *;

-- name: SourceExists :one
SELECT EXISTS (SELECT 1 FROM sources WHERE name = @name);

-- name: SourceShopGet :one
SELECT id, name, shop_platform, shop_secret, shop_category
FROM sources WHERE name = @name;

-- Setting a shop makes its source when it does not exist yet.
-- name: SourceShopSet :one
INSERT INTO sources (name, shop_platform, shop_secret, shop_category)
VALUES (@name, @shop_platform::text, @shop_secret::text, @shop_category)
ON CONFLICT (name) DO UPDATE SET shop_platform = excluded.shop_platform,
    shop_secret = excluded.shop_secret, shop_category = excluded.shop_category
RETURNING id;

-- Only the secret's last four characters leave the database, enough to
-- tell which one is set.
-- name: SourceShopList :many
SELECT id, name, shop_platform::text AS shop_platform, right(shop_secret, 4)::text AS secret_tail, shop_category
FROM sources WHERE shop_platform IS NOT NULL ORDER BY name;
