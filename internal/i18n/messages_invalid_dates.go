package i18n

// Messages for dates and times typed into forms ("invalid." + code). The
// first %s is always what was typed, in the reader's digits.
func init() {
	messages.add(catalog{
		"invalid.date.format": {
			EN: "“%s” is not a date; please write it as YYYY-MM-DD, e.g. 2026-03-21.",
			FA: "«%s» تاریخ درستی نیست؛ لطفاً آن را به شکل سال/ماه/روز خورشیدی بنویسید، مثلاً \u2066۱۴۰۵/۰۱/۰۱\u2069.",
		},
		"invalid.date.month": {
			EN: "“%s” is not a date: the month must be 1–12.",
			FA: "«%s» تاریخ درستی نیست: ماه باید از ۱ تا ۱۲ باشد.",
		},
		// %s: what was typed, the month's name, the year, the month's length.
		"invalid.date.day": {
			EN: "“%s” is not a date: %s %s has %s days.",
			FA: "«%s» تاریخ درستی نیست: %s %s، %s روز دارد.",
		},
		"invalid.time.format": {
			EN: "“%s” is not a time of day; please write it as HH:MM on the 24-hour clock, e.g. 14:30.",
			FA: "«%s» ساعت درستی نیست؛ لطفاً آن را به شکل ساعت:دقیقه و ۲۴ساعته بنویسید، مثلاً ۱۴:۳۰.",
		},
		"invalid.time.range": {
			EN: "“%s” is not a time of day: hours run 0–23 and minutes 0–59.",
			FA: "«%s» ساعت درستی نیست: ساعت از ۰ تا ۲۳ و دقیقه از ۰ تا ۵۹ است.",
		},
		"invalid.datetime.format": {
			EN: "“%s” is not a day and time; please write it as YYYY-MM-DD HH:MM, e.g. 2026-03-21 14:30.",
			FA: "«%s» روز و ساعت درستی نیست؛ لطفاً آن را به شکل سال/ماه/روز ساعت:دقیقه بنویسید، مثلاً \u2066۱۴۰۵/۰۱/۰۱ ۱۴:۳۰\u2069.",
		},
	})
}
