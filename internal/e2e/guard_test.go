package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The guard's refusal reads in the supervisor's language: boss reads
// Persian, so a sales phrase in the English script is explained in Persian,
// what it reads as too, the phrase (English data) kept in its direction.
func TestPersianSupervisorSeesTheGuardInPersian(t *testing.T) {
	a := start(t)
	var scriptID int64
	if err := a.Pool.QueryRow(context.Background(), `SELECT id FROM scripts WHERE name = 'default' AND locale = 'en'`).Scan(&scriptID); err != nil {
		t.Fatal(err)
	}
	boss := signInHTTP(t, a.URL, "boss")
	resp, err := boss.PostForm(fmt.Sprintf("%s/scripts/%d/edit", a.URL, scriptID), url.Values{
		"intro":  {"Hello {customer}, this is {branch} calling about your {product}."},
		"q0.key": {"overall"}, "q0.prompt": {"How happy are you with it, from 1 to 5?"}, "q0.type": {"rating"},
		"closing": {"Thank you! We have a special price for you on our new model."},
		"action":  {"publish"},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("publishing sales language: %d, want 422", resp.StatusCode)
	}
	if want := "زبان فروش: «\u2068special price\u2069» (به معنای پیشنهاد فروش)"; !strings.Contains(string(body), want) {
		t.Errorf("the refused page does not explain the finding in Persian: want %q", want)
	}
}
