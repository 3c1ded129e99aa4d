package i18n

// The automated SMS and voice surveys (package survey). These are read by
// customers, not staff, in the script's language.
func init() {
	messages.add(catalog{
		"survey.sms.hint_scale": {
			EN: "Reply with a number from %s to %s.",
			FA: "لطفاً عددی از %s تا %s بفرستید.",
		},
		"survey.sms.hint_yes_no": {
			EN: "Reply YES or NO.",
			FA: "لطفاً «بله» یا «نه» بفرستید.",
		},
		"survey.sms.hint_choice": {
			EN: "Reply with the number of your answer:",
			FA: "لطفاً شمارهٔ پاسخ خود را بفرستید:",
		},
		"survey.sms.hint_text": {
			EN: "Reply in a short message.",
			FA: "لطفاً پاسخ خود را در یک پیام کوتاه بفرستید.",
		},
		"survey.sms.hint_skip": {
			EN: "Reply SKIP to skip this question.",
			FA: "برای رد شدن از این پرسش «بعدی» بفرستید.",
		},
		"survey.sms.stop_hint": {
			EN: "Reply STOP to stop these messages.",
			FA: "برای لغو این پیام‌ها «لغو» بفرستید.",
		},
		"survey.sms.help": {
			EN: "Sorry, we could not read that answer.",
			FA: "ببخشید، این پاسخ را متوجه نشدیم.",
		},
		"survey.sms.opted_out": {
			EN: "You will get no more messages from us. Reply START to get them again.",
			FA: "دیگر پیامی از ما دریافت نمی‌کنید. برای دریافت دوباره «شروع» بفرستید.",
		},
		"survey.sms.opted_in": {
			EN: "You will get our messages again. Reply STOP to stop them.",
			FA: "دوباره پیام‌های ما را دریافت می‌کنید. برای لغو «لغو» بفرستید.",
		},
		"survey.voice.hint_scale": {
			EN: "Press a number from %s to %s.",
			FA: "لطفاً عددی از %s تا %s را با صفحه‌کلید تلفن وارد کنید.",
		},
		"survey.voice.hint_nps": {
			EN: "Enter a number from %s to %s, then press the hash key.",
			FA: "لطفاً عددی از %s تا %s وارد کنید و سپس کلید مربع را بزنید.",
		},
		"survey.voice.hint_yes_no": {
			EN: "Press %s for yes, or %s for no.",
			FA: "برای بله %s و برای نه %s را فشار دهید.",
		},
		"survey.voice.option": {
			EN: "For %s, press %s.",
			FA: "برای «%s» %s را فشار دهید.",
		},
		"survey.voice.invalid": {
			EN: "Sorry, that is not one of the answers.",
			FA: "ببخشید، این یکی از پاسخ‌ها نیست.",
		},
		"survey.voice.no_input": {
			EN: "We did not hear an answer. Here is the question again.",
			FA: "پاسخی دریافت نکردیم. پرسش را دوباره می‌شنوید.",
		},
	})
}
