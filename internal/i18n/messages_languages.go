package i18n

// Messages of agents' languages and of releasing a call (#12).
func init() {
	messages.add(catalog{
		"call.release": {EN: "Release this call", FA: "واگذاری این تماس"},
		"call.release_hint": {
			EN: "Not for you, or you cannot take it now? The call goes back to the queue, no attempt is counted, and it is not offered to you again for %s hours.",
			FA: "این تماس مناسب شما نیست یا اکنون نمی‌توانید بگیرید؟ تماس به صف برمی‌گردد، تلاشی شمرده نمی‌شود و تا %s ساعت به شما پیشنهاد نمی‌شود.",
		},
		"release.reason":          {EN: "Reason", FA: "دلیل"},
		"release.reason.language": {EN: "I do not speak the customer's language", FA: "زبان مشتری را نمی‌دانم"},
		"release.reason.busy":     {EN: "I cannot take it now", FA: "اکنون نمی‌توانم این تماس را بگیرم"},
		"release.reason.conflict": {EN: "I know this customer personally", FA: "این مشتری را شخصاً می‌شناسم"},
		"release.reason.other":    {EN: "Another reason (say which)", FA: "دلیل دیگر (بنویسید)"},
		"release.note":            {EN: "Note", FA: "توضیح"},
		"release.submit":          {EN: "Release", FA: "واگذار کن"},
		"release.done": {
			EN: "The call went back to the queue; it is not offered to you again for %s hours.",
			FA: "تماس به صف برگشت؛ تا %s ساعت به شما پیشنهاد نمی‌شود.",
		},
		"invalid.release.reason":      {EN: "choose a reason", FA: "دلیلی را انتخاب کنید"},
		"invalid.release.note_needed": {EN: "say why", FA: "دلیل را بنویسید"},

		"queue.other_languages": {
			EN: "%s more are due in languages you do not speak.",
			FA: "موعد تماس با %s نفر دیگر به زبان‌هایی که شما نمی‌دانید رسیده است.",
		},
		"queue.unspoken": {EN: "Waiting in a language no agent speaks", FA: "در انتظار، به زبانی که هیچ کارشناسی نمی‌داند"},
		"queue.unspoken_hint": {
			EN: "Due calls, inside calling hours or not, in languages that no enabled agent account speaks. Give an agent the language on the Users page.",
			FA: "تماس‌هایی که موعدشان رسیده، در ساعات مجاز یا خارج از آن، به زبان‌هایی که هیچ حساب کارشناس فعالی نمی‌داند. در صفحهٔ کاربران این زبان را به کارشناسی بدهید.",
		},
		"queue.language": {EN: "Language", FA: "زبان"},
		"queue.waiting":  {EN: "Waiting", FA: "در انتظار"},

		"users.languages":      {EN: "Speaks", FA: "زبان‌های گفت‌وگو"},
		"users.languages_hint": {EN: "language codes, e.g. fa en ar", FA: "کد زبان‌ها، جدا با فاصله"},
		"users.languages_save": {EN: "Save languages", FA: "ذخیرهٔ زبان‌ها"},
		"invalid.users.language": {
			EN: `"%s" is not a language code such as %s or %s`,
			FA: "«%s» کد زبان نیست؛ کدی مانند %s یا %s بنویسید",
		},
		"invalid.users.languages_none": {EN: "give at least one language", FA: "دست‌کم یک زبان بنویسید"},
		"invalid.users.languages_many": {EN: "at most %s languages", FA: "حداکثر %s زبان"},
	})
}
