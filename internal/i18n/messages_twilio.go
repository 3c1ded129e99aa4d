package i18n

// Automated follow-ups through Twilio: the channel ladder on the rules
// page and the supervisors' page of messages and calls.
func init() {
	messages.add(catalog{
		// Said on an automated call that reaches a survey no longer open.
		"survey.voice.goodbye": {
			EN: "Thank you. This survey is no longer open. Goodbye.",
			FA: "سپاس‌گزاریم. این نظرسنجی دیگر باز نیست. خدانگهدار.",
		},
		// %s: the channel's name.
		"rules.channel_no_caller": {
			EN: "%s (needs TWILIO_FROM_NUMBER: a messaging service cannot call)",
			FA: "%s (نیازمند شمارهٔ فرستنده؛ سرویس پیام‌رسانی نمی‌تواند تماس بگیرد)",
		},
		"rules.ladder": {
			EN: "Channel ladder",
			FA: "ترتیب روش‌ها",
		},
		"rules.ladder_after": {
			EN: "if unanswered after",
			FA: "اگر پاسخی نیامد، پس از",
		},
		"rules.ladder_hours": {
			EN: "hours:",
			FA: "ساعت:",
		},
		"rules.ladder_wait": {
			EN: "Hours to wait for an answer before the next channel",
			FA: "ساعت‌های انتظار برای پاسخ پیش از روش بعدی",
		},
		"rules.ladder_next": {
			EN: "Next channel",
			FA: "روش بعدی",
		},
		"rules.ladder_none": {
			EN: "nothing more",
			FA: "هیچ",
		},
		// Follows the previous channel's name. %s: hours, formatted; %s:
		// the next channel's name.
		"rules.ladder_then": {
			EN: ", after %s h without an answer %s",
			FA: "، پس از %s ساعت بی‌پاسخ %s",
		},
		"rules.ladder_hint": {
			EN: "A follow-up can try several channels in turn, for example an SMS survey, after 24 hours without an answer an automated call, then the agent queue. It stays one follow-up: an answer on any channel ends it. The agent can only be the last channel.",
			FA: "یک پیگیری می‌تواند چند روش را به نوبت امتحان کند؛ برای نمونه نظرسنجی پیامکی، پس از ۲۴ ساعت بی‌پاسخ تماس خودکار، سپس صف کارشناسان. همچنان یک پیگیری است و پاسخ در هر روشی آن را تمام می‌کند. تماس کارشناس فقط می‌تواند آخرین روش باشد.",
		},
		"rules.channels_unconfigured": {
			EN: "SMS and voice surveys need the Twilio settings (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID, PUBLIC_BASE_URL), which this server was started without. Until an administrator sets them every follow-up is a call by an agent.",
			FA: "نظرسنجی پیامکی و صوتی به تنظیمات توییلیو نیاز دارد (شناسهٔ حساب، کلید، شمارهٔ فرستنده و نشانی عمومی سامانه) که این سرور بدون آن‌ها راه‌اندازی شده است. تا زمانی که مدیر سامانه آن‌ها را تنظیم نکند، همهٔ پیگیری‌ها با تماس کارشناس انجام می‌شود.",
		},
		// Attempts of the automated channels, in a follow-up's history.
		"dispo.sms_sent": {
			EN: "SMS survey sent",
			FA: "نظرسنجی پیامکی فرستاده شد",
		},
		"dispo.sms_completed": {
			EN: "SMS survey answered",
			FA: "نظرسنجی پیامکی پاسخ داده شد",
		},
		"dispo.sms_no_answer": {
			EN: "No answer to the SMS survey",
			FA: "پاسخی به نظرسنجی پیامکی نیامد",
		},
		"dispo.voice_completed": {
			EN: "Voice survey answered",
			FA: "نظرسنجی صوتی پاسخ داده شد",
		},
		"dispo.voice_no_answer": {
			EN: "Automated call not answered",
			FA: "تماس خودکار بی‌پاسخ ماند",
		},
		"dispo.voice_busy": {
			EN: "Automated call: line busy",
			FA: "تماس خودکار: خط اشغال بود",
		},
		"nav.automated": {
			EN: "SMS and calls",
			FA: "پیامک‌ها و تماس‌ها",
		},
		"automated.title": {
			EN: "Automated messages and calls",
			FA: "پیامک‌ها و تماس‌های خودکار",
		},
		"automated.intro": {
			EN: "The latest texts and automated calls of the SMS and voice surveys, with the delivery status Twilio reported.",
			FA: "تازه‌ترین پیامک‌ها و تماس‌های خودکار نظرسنجی‌ها، با وضعیت تحویلی که توییلیو گزارش کرده است.",
		},
		"automated.messages": {
			EN: "Messages",
			FA: "پیامک‌ها",
		},
		"automated.calls": {
			EN: "Calls",
			FA: "تماس‌ها",
		},
		"automated.none": {
			EN: "Nothing yet.",
			FA: "هنوز چیزی نیست.",
		},
		"automated.at": {
			EN: "When",
			FA: "زمان",
		},
		"automated.direction": {
			EN: "Direction",
			FA: "جهت",
		},
		"automated.direction.outbound": {
			EN: "Sent",
			FA: "ارسالی",
		},
		"automated.direction.inbound": {
			EN: "Received",
			FA: "دریافتی",
		},
		"automated.customer": {
			EN: "Customer",
			FA: "مشتری",
		},
		"automated.text": {
			EN: "Text",
			FA: "متن",
		},
		"automated.call_number": {
			EN: "Call",
			FA: "نوبت تماس",
		},
		"automated.state": {
			EN: "State",
			FA: "وضعیت",
		},
		"automated.status": {
			EN: "Delivery (Twilio)",
			FA: "تحویل (توییلیو)",
		},
		"automated.attempts": {
			EN: "Requests",
			FA: "درخواست‌ها",
		},
		"automated.state.pending": {
			EN: "Waiting to send",
			FA: "در انتظار ارسال",
		},
		"automated.state.sending": {
			EN: "Sending",
			FA: "در حال ارسال",
		},
		"automated.state.sent": {
			EN: "Accepted by Twilio",
			FA: "پذیرفته‌شده توسط توییلیو",
		},
		"automated.state.failed": {
			EN: "Failed",
			FA: "ناموفق",
		},
		"automated.state.cancelled": {
			EN: "Not sent",
			FA: "فرستاده نشد",
		},
		"automated.state.received": {
			EN: "Received",
			FA: "دریافت شد",
		},
		"call.partial": {
			EN: "Already answered",
			FA: "پاسخ‌های پیشین مشتری",
		},
		"call.partial_hint": {
			EN: "The customer answered these by SMS before the survey moved to a call. They are filled in below: confirm them rather than asking again.",
			FA: "مشتری پیش از آن‌که نظرسنجی به تماس برسد به این پرسش‌ها با پیامک پاسخ داده است. پاسخ‌ها در زیر پر شده‌اند: به‌جای پرسیدن دوباره، آن‌ها را تأیید کنید.",
		},
		// %s: the channel; %s: the date and time the step ended.
		"call.partial_when": {
			EN: "%s, before %s",
			FA: "%s، پیش از %s",
		},
		"rules.sms_texts": {
			EN: "First SMS text",
			FA: "نخستین پیامک",
		},
		// %s: the placeholders, as typed.
		"rules.sms_texts_hint": {
			EN: "An SMS survey starts with this text instead of the script's spoken introduction: greet the customer and ask the script's first question in a few words. The answer hint and how to opt out are added under it and counted. These are filled in: %s.",
			FA: "نظرسنجی پیامکی به‌جای مقدمهٔ گفتاری متن تماس با این متن آغاز می‌شود: به مشتری سلام کنید و نخستین پرسش متن تماس را کوتاه بپرسید. راهنمای پاسخ و راه لغو زیر آن افزوده و شمرده می‌شود. این‌ها پر می‌شوند: %s.",
		},
		// %s: the language's name.
		"rules.sms_text": {
			EN: "First SMS text in %s",
			FA: "نخستین پیامک به %s",
		},
		"rules.sms_segments": {
			EN: "Parts:",
			FA: "بخش‌ها:",
		},
		"rules.sms_encoding": {
			EN: "Encoding:",
			FA: "رمزگذاری:",
		},
		"rules.sms_left": {
			EN: "Characters left in the last part:",
			FA: "نویسه‌های باقی‌مانده در بخش آخر:",
		},
		"rules.sms_class.one_part": {
			EN: "price of one SMS",
			FA: "هزینهٔ یک پیامک",
		},
		"rules.sms_class.few_parts": {
			EN: "price of two or three SMS",
			FA: "هزینهٔ دو یا سه پیامک",
		},
		"rules.sms_class.many_parts": {
			EN: "price of four or more SMS: please shorten it",
			FA: "هزینهٔ چهار پیامک یا بیشتر: لطفاً کوتاه‌ترش کنید",
		},
	})
}
