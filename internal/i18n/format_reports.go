package i18n

import (
	"math"
	"strconv"
	"strings"
	"time"

	jalaali "github.com/jalaali/go-jalaali"
)

// Percent is fraction v as a percentage with one decimal: "66.7%", and in
// Persian with the Persian decimal separator and percent sign, "۶۶٫۷٪",
// as a Latin point between Persian digits reads as a stray mark.
func Percent(l Lang, v float64) string {
	s := strconv.FormatFloat(math.Round(v*1000)/10, 'f', 1, 64)
	if l != FA {
		return s + "%"
	}
	return strings.Replace(Digits(FA, s), ".", "٫", 1) + "٪"
}

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
