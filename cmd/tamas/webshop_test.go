package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/testdb"
)

// tamas webshop set keeps the secret read from standard input, and list
// shows only its end.
func TestWebshopSetKeepsTheSecretAndListHidesIt(t *testing.T) {
	t.Parallel()
	url := testdb.URL(t)
	ctx := context.Background()
	const secret = "whsec-Zq81-kept-hidden"
	out := &bytes.Buffer{}
	e := &env{cfg: config.Config{DatabaseURL: url}, stdin: strings.NewReader(secret + "\n"), stdout: out, stderr: &bytes.Buffer{}}
	if err := e.webshop(ctx, []string{"set", "--category", "Glasses", "wp-store", "woocommerce"}); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := e.webshop(ctx, []string{"list"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "wp-store") || !strings.Contains(out.String(), "…dden") || strings.Contains(out.String(), secret) {
		t.Errorf("list:\n%s\nwant wp-store with only the secret's last four characters", out)
	}
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var stored, category string
	if err := pool.QueryRow(ctx, "SELECT shop_secret, shop_category FROM sources WHERE name = 'wp-store'").Scan(&stored, &category); err != nil {
		t.Fatal(err)
	}
	if stored != secret || category != "glasses" {
		t.Errorf("stored %q, %q; want the secret and glasses", stored, category)
	}
	if err := e.webshop(ctx, []string{"set", "wp-store", "magento"}); err == nil {
		t.Error("set with an unknown platform succeeded")
	}
}
