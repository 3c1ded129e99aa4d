package i18n

// Survey links and branch satisfaction cards (#15): the text with the
// link, and the public pages customers answer on. Read by customers.
func init() {
	messages.add(catalog{
		"survey.link.sms": {
			EN: "Hi %s, how was your purchase? Tell us in a minute: %s",
			FA: "%s عزیز، از خریدتان راضی هستید؟ نظرتان را بگویید: %s",
		},
		"link.title": {
			EN: "How did we do?",
			FA: "نظر شما چیست؟",
		},
		"link.greeting": {
			EN: "Hi %s, thank you for your purchase. A few quick questions:",
			FA: "%s عزیز، از خرید شما سپاسگزاریم. چند پرسش کوتاه:",
		},
		"link.send": {
			EN: "Send my answers",
			FA: "ارسال پاسخ‌ها",
		},
		"link.thanks": {
			EN: "Thank you! Your answers reached us.",
			FA: "سپاسگزاریم! پاسخ‌های شما به دست ما رسید.",
		},
		"link.answered": {
			EN: "This survey has already been answered. Thank you!",
			FA: "به این نظرسنجی پیش‌تر پاسخ داده شده است. سپاسگزاریم!",
		},
		"link.expired": {
			EN: "This survey link has expired, so no answers can be sent with it. If something is wrong with your purchase, please contact the branch.",
			FA: "مهلت این پیوند نظرسنجی تمام شده است و دیگر نمی‌توان با آن پاسخی فرستاد. اگر خریدتان مشکلی دارد، لطفاً با شعبه تماس بگیرید.",
		},
		"link.closed": {
			EN: "This survey is closed: we will ask you another way. Thank you!",
			FA: "این نظرسنجی بسته شده است و از راه دیگری از شما می‌پرسیم. سپاسگزاریم!",
		},
		"link.invalid": {
			EN: "This survey link is not valid. Please check that it was copied in full.",
			FA: "این پیوند نظرسنجی معتبر نیست. لطفاً بررسی کنید که کامل کپی شده باشد.",
		},
		"link.fix": {
			EN: "Please check the answers marked below.",
			FA: "لطفاً پاسخ‌هایی را که در زیر مشخص شده‌اند بررسی کنید.",
		},
		"link.optional": {
			EN: "optional",
			FA: "اختیاری",
		},
		"link.yes": {
			EN: "Yes",
			FA: "بله",
		},
		"link.no": {
			EN: "No",
			FA: "نه",
		},
		"card.title": {
			EN: "Tell us about your visit",
			FA: "دربارهٔ مراجعه‌تان بگویید",
		},
		"card.intro": {
			EN: "Your answers go straight to the %s branch's service team. You need not give your name.",
			FA: "پاسخ‌های شما مستقیم به تیم خدمات شعبهٔ %s می‌رسد. نیازی به گفتن نامتان نیست.",
		},
		"card.receipt": {
			EN: "Receipt number (optional)",
			FA: "شمارهٔ رسید (اختیاری)",
		},
		"card.receipt_hint": {
			EN: "With it we can look at your purchase and get back to you.",
			FA: "با آن می‌توانیم خریدتان را بررسی کنیم و با شما تماس بگیریم.",
		},
		"card.other_language": {
			EN: "English",
			FA: "فارسی",
		},
		"card.page_title": {
			EN: "Satisfaction card",
			FA: "کارت رضایت",
		},
		"card.print_hint": {
			EN: "Print this page and put it where customers can see it. The code leads to the branch's survey page; nobody needs to sign in.",
			FA: "این صفحه را چاپ کنید و جایی بگذارید که مشتریان ببینند. این کد به صفحهٔ نظرسنجی شعبه می‌رسد و نیازی به ورود ندارد.",
		},
		"card.scan": {
			EN: "Scan to tell us about your visit",
			FA: "برای گفتن نظرتان اسکن کنید",
		},
		"card.print": {
			EN: "Print",
			FA: "چاپ",
		},
		"card.show": {
			EN: "Satisfaction card",
			FA: "کارت رضایت",
		},
		"invalid.card.receipt_unknown": {
			EN: "No sale with this receipt number was made at this branch. Check the number, or leave it empty.",
			FA: "فروشی با این شمارهٔ رسید در این شعبه ثبت نشده است. شماره را بررسی کنید یا آن را خالی بگذارید.",
		},
		"invalid.card.receipt_text": {
			EN: "The receipt number can only hold letters, digits and dashes, at most 100 of them.",
			FA: "شمارهٔ رسید فقط می‌تواند حرف، رقم و خط تیره داشته باشد، حداکثر ۱۰۰ نویسه.",
		},
		"invalid.card.receipt_answered": {
			EN: "Answers for this receipt number have already reached us, thank you. To tell us more, leave the receipt number empty.",
			FA: "پاسخ‌های این شمارهٔ رسید پیش‌تر به دست ما رسیده است، سپاسگزاریم. برای گفتن نکته‌ای دیگر، شمارهٔ رسید را خالی بگذارید.",
		},
		"card.too_many": {
			EN: "We have had many answers from your connection in the last hour. Please send yours again in %s minutes; what you chose is kept below.",
			FA: "در یک ساعت گذشته پاسخ‌های زیادی از اتصال شما رسیده است. لطفاً %s دقیقهٔ دیگر دوباره بفرستید؛ آنچه انتخاب کرده‌اید در زیر مانده است.",
		},
		"walk_in.name": {
			EN: "Walk-in customer",
			FA: "مشتری حضوری",
		},
	})
}
