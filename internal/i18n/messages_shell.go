package i18n

// The site's shell: who did what, the queue's callbacks, confirmations of
// destructive actions and what a saved call raised.
func init() {
	messages.add(catalog{
		// Confirmations of actions that destroy or lock out.
		"webhooks.delete_warning": {
			EN: "This deletes the endpoint, its delivery log and the deliveries still waiting. It cannot be undone.",
			FA: "این نشانی، گزارش ارسال‌هایش و ارسال‌های در انتظار آن حذف می‌شوند. این کار برگشت‌پذیر نیست.",
		},
		"webhooks.delete_confirm": {
			EN: "Yes, delete this endpoint",
			FA: "بله، این نشانی حذف شود",
		},
		// %s: the rule's category.
		"rules.delete_warning": {
			EN: "Sales of %s will follow the default rule from now on; follow-ups already scheduled keep theirs.",
			FA: "از این پس فروش‌های %s از قاعدهٔ پیش‌فرض پیروی می‌کنند؛ پیگیری‌های زمان‌بندی‌شده قاعدهٔ خود را نگه می‌دارند.",
		},
		"rules.delete_confirm": {
			EN: "Yes, delete the rule",
			FA: "بله، قاعده حذف شود",
		},
		// %s: the person's name.
		"users.disable_warning": {
			EN: "%s will not be able to sign in until an admin enables the account again.",
			FA: "%s تا وقتی که مدیر سامانه حساب را دوباره فعال نکند نمی‌تواند وارد شود.",
		},
		"users.disable_confirm": {
			EN: "Yes, disable",
			FA: "بله، غیرفعال شود",
		},
		// The link back to tamas on River's job dashboard.
		"jobs.way_back": {
			EN: "← Back to tamas",
			FA: "بازگشت به تماس ←",
		},
		// Who made a change that tamas made by itself (a job, the API).
		"audit.automatic": {
			EN: "tamas (automatic)",
			FA: "تماس (خودکار)",
		},
		// %s: the date a recovery call is due.
		"history.recovery_due": {
			EN: "due %s",
			FA: "موعد %s",
		},
		// %s: the category.
		"call.raised_one": {
			EN: "Your answers raised an issue for service staff: %s.",
			FA: "پاسخ‌ها یک مورد برای کارکنان سرویس ثبت کرد: %s.",
		},
		// %s: how many issues, then their categories.
		"call.raised_many": {
			EN: "Your answers raised %s issues for service staff: %s.",
			FA: "پاسخ‌ها %s مورد برای کارکنان سرویس ثبت کرد: %s.",
		},
		"queue.callbacks_hint": {
			EN: "Calls back you promised. When one is due, “Next call” gives it to you before any other call.",
			FA: "تماس‌هایی که قول داده‌اید. وقتی موعد یکی برسد، «تماس بعدی» آن را پیش از هر تماس دیگری به شما می‌دهد.",
		},
		"queue.callback_due": {
			EN: "due now",
			FA: "موعد رسیده",
		},
		// Zero in a big figure.
		"count.zero": {
			EN: "0",
			FA: "صفر",
		},
	})
}
