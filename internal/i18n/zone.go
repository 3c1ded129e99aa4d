package i18n

import (
	"strings"
	"time"
)

// zoneCities names, in each language, the cities of the time zones tamas's
// customers and agents live in; any other zone is shown by its city part.
var zoneCities = map[string][2]string{
	"UTC":                 {"UTC", "UTC"},
	"Asia/Tehran":         {"Tehran", "تهران"},
	"Asia/Kabul":          {"Kabul", "کابل"},
	"Asia/Dubai":          {"Dubai", "دبی"},
	"Asia/Baghdad":        {"Baghdad", "بغداد"},
	"Asia/Istanbul":       {"Istanbul", "استانبول"},
	"Europe/Istanbul":     {"Istanbul", "استانبول"},
	"Europe/London":       {"London", "لندن"},
	"Europe/Berlin":       {"Berlin", "برلین"},
	"Europe/Paris":        {"Paris", "پاریس"},
	"Europe/Amsterdam":    {"Amsterdam", "آمستردام"},
	"Europe/Stockholm":    {"Stockholm", "استکهلم"},
	"America/New_York":    {"New York", "نیویورک"},
	"America/Toronto":     {"Toronto", "تورنتو"},
	"America/Los_Angeles": {"Los Angeles", "لس‌آنجلس"},
	"America/Sao_Paulo":   {"São Paulo", "سائوپائولو"},
	"Australia/Sydney":    {"Sydney", "سیدنی"},
}

// Zone names the zone of loc and its offset from UTC at t in the reader's
// language and digits: "Tehran +03:30", "تهران ‎+۰۳:۳۰". The offset is
// numeric rather than an abbreviation such as "GMT" or "+0330", which
// readers of neither language can be expected to know.
func Zone(l Lang, t time.Time, loc *time.Location) string {
	t = in(t, loc)
	return ZoneCity(l, t.Location()) + " " + offset(l, t)
}

// ZoneCity is the city (or, for a zone tamas has no name for, the IANA name)
// of loc in the reader's language.
func ZoneCity(l Lang, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return City(l, loc.String())
}

// City is the city of the IANA zone name in the reader's language: the
// last part of the name, "America/New_York" as "New York", for a zone
// tamas has no translation for.
func City(l Lang, zone string) string {
	if c, ok := zoneCities[zone]; ok {
		if l == FA {
			return c[1]
		}
		return c[0]
	}
	return strings.ReplaceAll(zone[strings.LastIndexByte(zone, '/')+1:], "_", " ")
}

func offset(l Lang, t time.Time) string {
	s := t.Format("-07:00")
	if l != FA {
		return s
	}
	// The mark keeps the sign on the left of Persian digits in a
	// right-to-left line, as faMinus does.
	return "\u200e" + strings.Replace(Digits(l, s), "-", "−", 1)
}
