package i18n

// The webhooks admin pages (/admin/webhooks).
func init() {
	messages.add(catalog{
		"nav.webhooks": {
			EN: "Webhooks",
			FA: "وب\u200cهوک\u200cها",
		},
		"webhooks.title": {
			EN: "Webhooks",
			FA: "وب\u200cهوک\u200cها",
		},
		"webhooks.intro": {
			EN: "Other systems, such as a CRM or a chat channel, hear about the events they subscribe to as they happen. Each request is signed with the endpoint's secret; failed deliveries are retried for about four hours.",
			FA: "سامانه\u200cهای دیگر، مانند سامانهٔ مدیریت مشتریان یا یک کانال گفتگو، رویدادهایی را که مشترکشان شده\u200cاند همان لحظه دریافت می\u200cکنند. هر درخواست با رمز همان نشانی امضا می\u200cشود و ارسال\u200cهای ناموفق تا حدود چهار ساعت دوباره تلاش می\u200cشوند.",
		},
		"webhooks.none": {
			EN: "No endpoints yet.",
			FA: "هنوز نشانی\u200cای ثبت نشده است.",
		},
		"webhooks.url": {
			EN: "Endpoint URL",
			FA: "نشانی دریافت\u200cکننده",
		},
		"webhooks.events": {
			EN: "Events",
			FA: "رویدادها",
		},
		"webhooks.secret": {
			EN: "Signing secret",
			FA: "رمز امضا",
		},
		"webhooks.secret_hint": {
			EN: "At least 16 characters. Leave it empty and a random secret is made for you.",
			FA: "دست\u200cکم ۱۶ نویسه. اگر خالی بماند، یک رمز تصادفی ساخته می\u200cشود.",
		},
		"webhooks.state": {
			EN: "State",
			FA: "وضعیت",
		},
		"webhooks.active": {
			EN: "Active",
			FA: "فعال",
		},
		"webhooks.disabled": {
			EN: "Disabled",
			FA: "غیرفعال",
		},
		"webhooks.undelivered": {
			EN: "Not delivered",
			FA: "تحویل\u200cنشده",
		},
		"webhooks.open": {
			EN: "Settings and deliveries",
			FA: "تنظیمات و ارسال\u200cها",
		},
		"webhooks.add": {
			EN: "Add endpoint",
			FA: "افزودن نشانی",
		},
		"webhooks.added": {
			EN: "Endpoint added.",
			FA: "نشانی افزوده شد.",
		},
		"webhooks.saved": {
			EN: "Endpoint saved.",
			FA: "نشانی ذخیره شد.",
		},
		"webhooks.deleted": {
			EN: "Endpoint deleted; its pending deliveries are dropped.",
			FA: "نشانی حذف شد و ارسال\u200cهای در انتظار آن کنار گذاشته شدند.",
		},
		"webhooks.new_secret": {
			EN: "Copy this secret now: it is not shown again.",
			FA: "این رمز را همین حالا کپی کنید؛ دیگر نمایش داده نمی\u200cشود.",
		},
		"webhooks.save": {
			EN: "Save events",
			FA: "ذخیرهٔ رویدادها",
		},
		"webhooks.enable": {
			EN: "Enable",
			FA: "فعال\u200cسازی",
		},
		"webhooks.disable": {
			EN: "Disable",
			FA: "غیرفعال\u200cسازی",
		},
		"webhooks.delete": {
			EN: "Delete endpoint",
			FA: "حذف نشانی",
		},
		"webhooks.send_test": {
			EN: "Send test event",
			FA: "ارسال رویداد آزمایشی",
		},
		"webhooks.test_sent": {
			EN: "Test event queued; its delivery appears below.",
			FA: "رویداد آزمایشی در صف ارسال قرار گرفت و نتیجه\u200cاش در پایین دیده می\u200cشود.",
		},
		"webhooks.test_disabled": {
			EN: "Enable the endpoint before sending a test event.",
			FA: "پیش از ارسال رویداد آزمایشی، نشانی را فعال کنید.",
		},
		"webhooks.log": {
			EN: "Latest deliveries",
			FA: "آخرین ارسال\u200cها",
		},
		"webhooks.log_empty": {
			EN: "Nothing has been sent to this endpoint yet.",
			FA: "هنوز چیزی به این نشانی ارسال نشده است.",
		},
		"webhooks.event": {
			EN: "Event",
			FA: "رویداد",
		},
		"webhooks.created": {
			EN: "Created",
			FA: "زمان ایجاد",
		},
		"webhooks.attempts": {
			EN: "Attempts",
			FA: "تلاش\u200cها",
		},
		"webhooks.last_status": {
			EN: "Last status",
			FA: "آخرین پاسخ",
		},
		"webhooks.last_error": {
			EN: "Last error",
			FA: "آخرین خطا",
		},
		"webhooks.delivered_at": {
			EN: "Delivered",
			FA: "زمان تحویل",
		},
		"webhooks.pending": {
			EN: "not yet",
			FA: "هنوز نه",
		},
		"webhooks.back": {
			EN: "All endpoints",
			FA: "همهٔ نشانی\u200cها",
		},
		"webhooks.bad_action": {
			EN: "Unknown action.",
			FA: "درخواست نامعتبر است.",
		},
		"webhooks.event.response.created": {
			EN: "A call was completed and its answers stored",
			FA: "تماسی انجام شد و پاسخ\u200cهایش ثبت شد",
		},
		"webhooks.event.issue.created": {
			EN: "An issue was opened",
			FA: "مشکلی ثبت شد",
		},
		"webhooks.event.issue.breached": {
			EN: "An issue passed its deadline",
			FA: "مهلت رسیدگی به مشکلی گذشت",
		},
		"webhooks.event.issue.resolved": {
			EN: "An issue was resolved",
			FA: "مشکلی برطرف شد",
		},
		"webhooks.event.followup.unreachable": {
			EN: "A customer could not be reached",
			FA: "دسترسی به مشتری ممکن نشد",
		},
		"webhooks.event.customer.opted_out": {
			EN: "A customer asked not to be called again",
			FA: "مشتری خواست دیگر با او تماس گرفته نشود",
		},
		"webhooks.event.webhook.test": {
			EN: "Test event",
			FA: "رویداد آزمایشی",
		},
	})
}
