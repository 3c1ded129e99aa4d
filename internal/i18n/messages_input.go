package i18n

// Hints of the date and time fields, shown where a browser explains a
// value that does not fit the field's pattern.
func init() {
	messages.add(catalog{
		"input.date":     {EN: "A date: year-month-day, e.g. 2026-12-04", FA: "تاریخ خورشیدی: سال/ماه/روز، مثلاً \u2066۱۴۰۵/۰۹/۱۳\u2069"},
		"input.time":     {EN: "A time of day on the 24-hour clock: hours:minutes, e.g. 14:30", FA: "ساعت ۲۴ساعته: ساعت:دقیقه، مثلاً ۱۴:۳۰"},
		"input.datetime": {EN: "A day and time: year-month-day hours:minutes, e.g. 2026-12-04 14:30", FA: "روز و ساعت: سال/ماه/روز ساعت:دقیقه، مثلاً \u2066۱۴۰۵/۰۹/۱۳ ۱۴:۳۰\u2069"},
	})
}
