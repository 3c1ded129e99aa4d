package webshop

import (
	"encoding/base64"
	"testing"
)

func TestSigned(t *testing.T) {
	body := []byte(`{"id":1}`)
	good := base64.StdEncoding.EncodeToString(Sign("secret", body))
	for sig, want := range map[string]bool{
		good:               true,
		" " + good + " ":   true,
		"":                 false,
		"not base64!":      false,
		good[:len(good)-4]: false,
		base64.StdEncoding.EncodeToString(Sign("other", body)): false,
	} {
		if got := Signed("secret", body, sig); got != want {
			t.Errorf("Signed(%q) = %v, want %v", sig, got, want)
		}
	}
}

func TestLocalPhone(t *testing.T) {
	for _, c := range []struct{ phone, country, want string }{
		{"0912 123 4567", "IR", "+989121234567"},
		{"07911 123456", "gb", "+447911123456"},
		{"+98 912 123 4567", "GB", "+98 912 123 4567"},
		{"0912 123 4567", "", "0912 123 4567"},
		{"12", "IR", "12"},
	} {
		if got := localPhone(c.phone, c.country); got != c.want {
			t.Errorf("localPhone(%q, %q) = %q, want %q", c.phone, c.country, got, c.want)
		}
	}
}

func TestIsPing(t *testing.T) {
	for body, want := range map[string]bool{
		"webhook_id=12":      true,
		"webhook_id=12&x=1":  false,
		`{"webhook_id": 12}`: false,
		"":                   false,
	} {
		if got := isPing(Delivery{Body: []byte(body)}); got != want {
			t.Errorf("isPing(%q) = %v, want %v", body, got, want)
		}
	}
	if isPing(Delivery{Topic: "order.updated", Body: []byte("webhook_id=12")}) {
		t.Error("a delivery with a topic is a ping")
	}
}
