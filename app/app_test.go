package app_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tamas-app/tamas/app"
	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// What serve builds answers HTTP, and the due-minute job of a sale stored
// through the services, whose client only inserts, is worked by the
// working client.
func TestNewServesAndWorks(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pool := testdb.New(t)
	cfg, err := config.Parse(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(ctx, app.Opts{Config: cfg, Logger: slog.New(slog.DiscardHandler), WebPool: pool, RiverPool: pool, Web: true, Work: true, SweepEvery: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if a.River == a.Worker || a.Worker == nil {
		t.Fatal("want an insert-only client apart from the working one")
	}
	if err := a.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer a.Stop(context.WithoutCancel(ctx))

	rec := httptest.NewRecorder()
	a.Handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusOK {
		t.Errorf("GET /healthz: %d", rec.Code)
	}

	src, err := store.New().SourceEnsure(ctx, pool, "shop")
	if err != nil {
		t.Fatal(err)
	}
	out, err := a.Intake.Ingest(ctx, src.ID, []sales.Input{{
		ExternalID: "S-1",
		Customer:   sales.CustomerInput{Name: "Maryam", Phone: "+989121234567", Timezone: "UTC"},
		Product:    sales.ProductInput{SKU: "SKU-1"},
		SoldAt:     time.Now().AddDate(0, 0, -30).Format(time.RFC3339),
	}})
	if err != nil || out[0].FollowUp == nil {
		t.Fatalf("storing a sale: %+v, %v", out, err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		var state string
		var worked bool
		if err := pool.QueryRow(ctx, `SELECT state, EXISTS (SELECT 1 FROM river_job WHERE kind = 'followup_due' AND state = 'completed')
			FROM follow_ups WHERE id = $1`, out[0].FollowUp.ID).Scan(&state, &worked); err != nil {
			t.Fatal(err)
		}
		if state == "due" && worked {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("follow-up %s, its due-minute job worked: %t; want due by the job", state, worked)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
