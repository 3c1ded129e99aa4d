package i18n

// The recovery report (/reports/recovery, docs/recovery.md).
func init() {
	messages.add(catalog{
		"recovery.title": {EN: "Does recovery pay?", FA: "آیا جبران نارضایتی می\u200cارزد؟"},
		"recovery.link":  {EN: "Does recovery pay? Repeat purchases after recovery", FA: "آیا جبران نارضایتی می\u200cارزد؟ خرید دوباره پس از جبران"},
		"recovery.intro": {
			EN: "Of the sales' follow-ups that ended in the range (by the day they were last due), how many customers bought again within 30, 90 and 180 days of the outcome. Recovered: the answers raised an issue and a recovery call confirmed it fixed (its answers raised nothing). Satisfied: answered, no issue raised. Unhappy, not recovered: an issue was raised but no recovery was confirmed. Silent: the customer could not be reached.",
			FA: "از پیگیری\u200cهای فروش که در این بازه پایان یافته\u200cاند (بر پایهٔ روزی که آخرین بار سررسید شده\u200cاند)، چند مشتری در ۳۰، ۹۰ و ۱۸۰ روز پس از نتیجه دوباره خرید کرده\u200cاند. جبران\u200cشده: پاسخ\u200cها مشکلی ثبت کرد و تماس پیگیری جبران تأیید کرد که رفع شده است (پاسخ\u200cهایش مشکلی ثبت نکرد). راضی: پاسخ داد و مشکلی ثبت نشد. ناراضیِ جبران\u200cنشده: مشکلی ثبت شد ولی جبرانی تأیید نشد. خاموش: دسترسی به مشتری ممکن نشد.",
		},
		"recovery.caveat_causal": {
			EN: "These figures are observations, not an experiment: customers who complain and are recovered may differ from the others in ways that also change how often they buy. A higher rate is consistent with recovery paying off; it does not prove that recovery caused it.",
			FA: "این ارقام مشاهده\u200cاند، نه آزمایش: مشتریانی که شکایت می\u200cکنند و جبران می\u200cشوند ممکن است از جهت\u200cهای دیگری هم با بقیه فرق داشته باشند که بر خریدشان اثر دارد. نرخ بالاتر با سودمند بودن جبران سازگار است، ولی ثابت نمی\u200cکند که جبران علت آن بوده است.",
		},
		"recovery.caveat_small": {
			EN: "Beside each rate is its 95-percent confidence interval (Wilson). Small groups have wide intervals; when two groups' intervals overlap, the data cannot tell them apart.",
			FA: "کنار هر نرخ، بازهٔ اطمینان ۹۵٪ آن (ویلسون) آمده است. گروه\u200cهای کوچک بازهٔ پهنی دارند؛ وقتی بازهٔ دو گروه هم\u200cپوشانی دارد، داده\u200cها نمی\u200cتوانند آن دو را از هم جدا کنند.",
		},
		"recovery.caveat_censored": {
			EN: "A follow-up counts for a window only once the whole window has passed since its outcome (measured at %s); more recent ones are left out of that column, so the columns have different bases.",
			FA: "هر پیگیری فقط وقتی در یک بازه شمرده می\u200cشود که کل آن بازه از زمان نتیجه\u200cاش گذشته باشد (سنجیده در %s)؛ پیگیری\u200cهای تازه\u200cتر از آن ستون کنار گذاشته می\u200cشوند، پس پایهٔ ستون\u200cها یکی نیست.",
		},
		"recovery.outcome":           {EN: "Outcome", FA: "نتیجه"},
		"recovery.window":            {EN: "Bought again within %s days", FA: "خرید دوباره تا %s روز"},
		"recovery.overall":           {EN: "All branches and categories in the filter", FA: "همهٔ شعبه\u200cها و دسته\u200cهای فیلتر"},
		"recovery.by_branch":         {EN: "By branch", FA: "به تفکیک شعبه"},
		"recovery.by_category":       {EN: "By product category", FA: "به تفکیک دستهٔ محصول"},
		"recovery.interval":          {EN: "95%% CI %s–%s", FA: "بازهٔ اطمینان ۹۵٪: %s تا %s"},
		"recovery.outcome.recovered": {EN: "Recovered", FA: "جبران\u200cشده"},
		"recovery.outcome.satisfied": {EN: "Satisfied", FA: "راضی"},
		"recovery.outcome.unhappy":   {EN: "Unhappy, not recovered", FA: "ناراضیِ جبران\u200cنشده"},
		"recovery.outcome.silent":    {EN: "Silent", FA: "خاموش"},
	})
}
