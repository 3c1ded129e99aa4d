package users_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/testdb"
	"github.com/tamas-app/tamas/internal/users"
)

// Adding an account, changing its role or language and disabling or
// enabling it each leave one audit row with who did it and the account
// before and after; the password is never in them, and a change that
// changes nothing, or is refused, leaves none.
func TestAccountChangesAreAudited(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	svc := users.New(users.Opts{Pool: pool})
	const password = "lantern orbit cactus"
	boss, err := svc.Create(ctx, "cli", users.NewUser{Username: "boss", Role: "admin", Locale: i18n.EN, Password: "another quiet harbour"})
	if err != nil {
		t.Fatal(err)
	}
	admin := users.Actor{ID: boss, Username: "boss"}
	id, err := svc.Create(ctx, "boss", users.NewUser{Username: "neda", DisplayName: "Neda K", Role: "agent", Locale: i18n.FA, Password: password})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SetRole(ctx, admin, id, "supervisor", i18n.FA); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SetRole(ctx, admin, id, "supervisor", i18n.FA); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SetDisabled(ctx, admin, id, true); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SetDisabled(ctx, admin, id, false); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SetDisabled(ctx, admin, boss, true); !errors.Is(err, users.ErrSelf) {
		t.Fatalf("an admin disabling themselves: %v, want ErrSelf", err)
	}
	rows, err := pool.Query(ctx, `SELECT actor, coalesce(before::text, ''), coalesce(after::text, '') FROM audit_log
		WHERE entity = 'user' AND entity_key = 'neda' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var actor, before, after string
		if err := rows.Scan(&actor, &before, &after); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(before+after, password) || strings.Contains(before+after, "argon2") {
			t.Errorf("an audit row holds the password or its hash: %s → %s", before, after)
		}
		got = append(got, actor+": "+before+" → "+after)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`boss:  → {"role": "agent", "locale": "fa", "disabled": false, "display_name": "Neda K"}`,
		`boss: {"role": "agent", "locale": "fa", "disabled": false, "display_name": "Neda K"} → {"role": "supervisor", "locale": "fa", "disabled": false, "display_name": "Neda K"}`,
		`boss: {"role": "supervisor", "locale": "fa", "disabled": false, "display_name": "Neda K"} → {"role": "supervisor", "locale": "fa", "disabled": true, "display_name": "Neda K"}`,
		`boss: {"role": "supervisor", "locale": "fa", "disabled": true, "display_name": "Neda K"} → {"role": "supervisor", "locale": "fa", "disabled": false, "display_name": "Neda K"}`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit rows for neda:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var bossRows int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE entity = 'user' AND entity_key = 'boss'`).Scan(&bossRows); err != nil {
		t.Fatal(err)
	}
	if bossRows != 1 {
		t.Errorf("%d audit rows for boss, want 1: the refused change to themselves is not one", bossRows)
	}
}
