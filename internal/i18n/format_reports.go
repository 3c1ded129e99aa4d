package i18n

import (
	"strconv"
	"time"

	jalaali "github.com/jalaali/go-jalaali"
)

// ShortDate is a calendar day without weekday or year, for chart axes:
// "2 Nov", "۱۱ آبان" (Jalali). d is a date at midnight UTC.
func ShortDate(l Lang, d time.Time) string {
	if l != FA {
		return d.Format("2 Jan")
	}
	_, jm, jd, err := jalaali.ToJalaali(d.Year(), d.Month(), d.Day())
	if err != nil {
		return Digits(FA, d.Format("01-02"))
	}
	return Digits(FA, strconv.Itoa(jd)) + " " + faMonths[jm-1]
}
