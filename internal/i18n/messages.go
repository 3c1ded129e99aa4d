package i18n

// messages is the UI text, keyed by message key, then language.
//
// To add a message, add one entry here with a line per language. The tests
// fail if a key lacks a language, if the two disagree on %-verbs, or if the
// Persian uses Arabic ي/ك, ASCII digits or a misplaced zero-width non-joiner.
//
// Persian notes for translators: use ی and ک (not Arabic ي and ك); join
// compound words and plural suffixes with a zero-width non-joiner (U+200C),
// as in تماس‌ها or می‌شود, never with a space; keep the polite plural
// (لطفاً … کنید). A %s that stands for a number must be passed in already
// formatted with Number or Digits.
var messages = catalog{
	"app.name": {
		EN: "tamas",
		FA: "تماس",
	},

	"nav.queue": {
		EN: "My queue",
		FA: "صف من",
	},
	"nav.users": {
		EN: "Users",
		FA: "کاربران",
	},
	"nav.logout": {
		EN: "Sign out",
		FA: "خروج",
	},

	"login.title": {
		EN: "Sign in",
		FA: "ورود",
	},
	"login.username": {
		EN: "Username",
		FA: "نام کاربری",
	},
	"login.password": {
		EN: "Password",
		FA: "رمز عبور",
	},
	"login.submit": {
		EN: "Sign in",
		FA: "ورود",
	},
	"login.failed": {
		EN: "Wrong username or password.",
		FA: "نام کاربری یا رمز عبور نادرست است.",
	},
	// %s: how long to wait, already localised ("5 minutes", "۵ دقیقه").
	"login.throttled": {
		EN: "Too many failed attempts. Try again in %s.",
		FA: "تعداد تلاش‌های ناموفق بیش از حد مجاز است. لطفاً %s دیگر دوباره امتحان کنید.",
	},

	"queue.title": {
		EN: "My queue",
		FA: "صف من",
	},
	"queue.due_now": {
		EN: "Due now",
		FA: "موعد تماس رسیده",
	},
	"queue.later_today": {
		EN: "Later today",
		FA: "ساعات بعدی امروز",
	},
	"queue.callbacks": {
		EN: "Callbacks I promised",
		FA: "تماس‌های مجددی که قول داده‌ام",
	},
	"queue.completed_today": {
		EN: "Completed today by me",
		FA: "تماس‌هایی که امروز انجام داده‌ام",
	},
	"queue.next_call": {
		EN: "Next call",
		FA: "تماس بعدی",
	},
	"queue.empty": {
		EN: "Nobody is waiting for a call right now.",
		FA: "در حال حاضر کسی منتظر تماس نیست.",
	},
	// %s: a count, formatted with Number.
	"queue.outside_window": {
		EN: "%s more are due but outside their calling hours.",
		FA: "موعد تماس با %s نفر دیگر هم رسیده، اما اکنون خارج از ساعات مجاز تماس با آن‌هاست.",
	},

	"call.customer": {
		EN: "Customer",
		FA: "مشتری",
	},
	"call.phone": {
		EN: "Phone",
		FA: "تلفن",
	},
	"call.local_time": {
		EN: "Their local time",
		FA: "ساعت محلی مشتری",
	},
	"call.your_time": {
		EN: "Your time",
		FA: "ساعت شما",
	},
	"call.language": {
		EN: "Language",
		FA: "زبان",
	},
	"call.sale": {
		EN: "Purchase",
		FA: "خرید",
	},
	"call.product": {
		EN: "Product",
		FA: "محصول",
	},
	"call.branch": {
		EN: "Branch",
		FA: "شعبه",
	},
	"call.sold_at": {
		EN: "Bought on",
		FA: "تاریخ خرید",
	},
	"call.history": {
		EN: "History",
		FA: "سابقه",
	},
	"call.no_history": {
		EN: "First follow-up for this customer.",
		FA: "این نخستین پیگیری برای این مشتری است.",
	},
	"call.script": {
		EN: "Script",
		FA: "متن راهنمای تماس",
	},
	"call.required": {
		EN: "required",
		FA: "الزامی",
	},
	"call.notes": {
		EN: "Notes",
		FA: "یادداشت‌ها",
	},
	"call.outcome": {
		EN: "Outcome",
		FA: "نتیجه",
	},
	"call.submit": {
		EN: "Save",
		FA: "ذخیره",
	},
	// %s: a time, formatted with Time.
	"call.claim_expires": {
		EN: "Held for you until %s",
		FA: "تا %s برای شما نگه داشته می‌شود",
	},

	"dispo.completed": {
		EN: "Completed",
		FA: "انجام شد",
	},
	"dispo.no_answer": {
		EN: "No answer",
		FA: "پاسخ نداد",
	},
	"dispo.busy": {
		EN: "Busy",
		FA: "اشغال بود",
	},
	"dispo.voicemail": {
		EN: "Voicemail",
		FA: "پیغام‌گیر",
	},
	"dispo.callback": {
		EN: "Call back later",
		FA: "بعداً دوباره تماس گرفته شود",
	},
	"dispo.wrong_number": {
		EN: "Wrong number",
		FA: "شماره اشتباه",
	},
	"dispo.refused": {
		EN: "Refused",
		FA: "نپذیرفت",
	},
	"dispo.do_not_contact": {
		EN: "Do not contact",
		FA: "دیگر تماس گرفته نشود",
	},

	"callback.at": {
		EN: "Call back at (customer's time)",
		FA: "زمان تماس مجدد (به وقت مشتری)",
	},

	"yes": {
		EN: "Yes",
		FA: "بله",
	},
	"no": {
		EN: "No",
		FA: "خیر",
	},

	"error.generic": {
		EN: "Something went wrong on our side. Please try again.",
		FA: "مشکلی از سمت ما پیش آمد. لطفاً دوباره تلاش کنید.",
	},
	"error.forbidden": {
		EN: "You do not have access to this page.",
		FA: "شما به این صفحه دسترسی ندارید.",
	},
	"error.not_found": {
		EN: "Not found.",
		FA: "پیدا نشد.",
	},
	"error.claim_lost": {
		EN: "This call is no longer held by you.",
		FA: "این تماس دیگر در اختیار شما نیست.",
	},

	"users.title": {
		EN: "Users",
		FA: "کاربران",
	},
	"users.add": {
		EN: "Add user",
		FA: "افزودن کاربر",
	},
	"users.role": {
		EN: "Role",
		FA: "نقش",
	},
	"users.disable": {
		EN: "Disable",
		FA: "غیرفعال کردن",
	},
	"users.enable": {
		EN: "Enable",
		FA: "فعال کردن",
	},
	"users.saved": {
		EN: "Saved.",
		FA: "ذخیره شد.",
	},

	// One per users.role value in the database.
	"role.agent": {
		EN: "Agent",
		FA: "کارشناس",
	},
	"role.supervisor": {
		EN: "Supervisor",
		FA: "سرپرست",
	},
	"role.service": {
		EN: "Service",
		FA: "سرویس",
	},
	"role.admin": {
		EN: "Admin",
		FA: "مدیر سیستم",
	},

	// One per follow_ups.state value in the database.
	"state.scheduled": {
		EN: "Scheduled",
		FA: "زمان‌بندی‌شده",
	},
	"state.due": {
		EN: "Due",
		FA: "موعد رسیده",
	},
	"state.claimed": {
		EN: "Claimed",
		FA: "در دست اقدام",
	},
	"state.completed": {
		EN: "Completed",
		FA: "انجام‌شده",
	},
	"state.no_answer": {
		EN: "No answer",
		FA: "بی‌پاسخ",
	},
	"state.callback": {
		EN: "Callback",
		FA: "تماس مجدد",
	},
	"state.unreachable": {
		EN: "Unreachable",
		FA: "در دسترس نیست",
	},
	"state.cancelled": {
		EN: "Cancelled",
		FA: "لغوشده",
	},
	"state.opted_out": {
		EN: "Opted out",
		FA: "انصراف داده",
	},
	"state.refused": {
		EN: "Refused",
		FA: "نپذیرفته",
	},

	"call.title": {
		EN: "Call",
		FA: "تماس جاری",
	},
	"call.attempt": {
		EN: "Attempt %s of %s",
		FA: "تلاش %s از %s",
	},
	"call.saved": {
		EN: "Saved: %s.",
		FA: "ثبت شد: %s.",
	},
	"home.title": {
		EN: "Overview",
		FA: "نمای کلی",
	},
	"home.intro": {
		EN: "Follow-ups by state. Shops send sales to the API; every sale gets one short, honest follow-up call.",
		FA: "پیگیری‌ها بر اساس وضعیت. فروشگاه‌ها فروش‌ها را از راه رابط برنامه‌نویسی می‌فرستند و برای هر فروش یک تماس کوتاه و صادقانهٔ پیگیری انجام می‌شود.",
	},
	"home.state": {
		EN: "State",
		FA: "وضعیت",
	},
	"home.count": {
		EN: "Count",
		FA: "تعداد",
	},
	"home.api": {
		EN: "API description (OpenAPI)",
		FA: "شرح رابط برنامه‌نویسی",
	},
	"queue.callback_tag": {
		EN: "your callback",
		FA: "تماس قول‌داده‌شدهٔ شما",
	},
	"queue.due": {
		EN: "Due",
		FA: "موعد",
	},
	"queue.resume": {
		EN: "Back to my current call",
		FA: "بازگشت به تماس جاری من",
	},
	"users.language": {
		EN: "Language",
		FA: "زبان",
	},
	"users.name": {
		EN: "Name",
		FA: "نام",
	},
	"users.save": {
		EN: "Save",
		FA: "ذخیره",
	},
	"users.taken": {
		EN: "This username is already taken.",
		FA: "این نام کاربری قبلاً گرفته شده است.",
	},
	"users.not_self": {
		EN: "You cannot disable your own account or take away your own admin role.",
		FA: "نمی‌توانید حساب خودتان را غیرفعال کنید یا نقش مدیریت را از خودتان بگیرید.",
	},
	"lang.fa": {
		EN: "Persian",
		FA: "فارسی",
	},
	"lang.en": {
		EN: "English",
		FA: "انگلیسی",
	},
	"answer.required": {
		EN: "Please record an answer.",
		FA: "لطفاً پاسخ را ثبت کنید.",
	},
	"answer.rating": {
		EN: "Choose a rating from 1 to 5.",
		FA: "امتیازی از ۱ تا ۵ انتخاب کنید.",
	},
	"answer.nps": {
		EN: "Choose a score from 0 to 10.",
		FA: "امتیازی از ۰ تا ۱۰ انتخاب کنید.",
	},
	"answer.yes_no": {
		EN: "Choose yes or no.",
		FA: "بله یا خیر را انتخاب کنید.",
	},
	"answer.choice": {
		EN: "Choose one of the options.",
		FA: "یکی از گزینه‌ها را انتخاب کنید.",
	},
	"answer.text": {
		EN: "The text is too long or contains characters that cannot be stored.",
		FA: "متن بیش از حد طولانی است یا نویسه‌هایی دارد که ذخیره نمی‌شوند.",
	},
	"problem.disposition": {
		EN: "Choose an outcome.",
		FA: "نتیجهٔ تماس را انتخاب کنید.",
	},
	"problem.callback_at": {
		EN: "Choose the day and time the customer asked for, within the next 60 days.",
		FA: "روز و ساعتی را که مشتری خواسته است، در ۶۰ روز آینده، انتخاب کنید.",
	},
	"problem.notes": {
		EN: "Notes are limited to 2,000 characters.",
		FA: "یادداشت‌ها حداکثر ۲٬۰۰۰ نویسه‌اند.",
	},
	"nav.jobs": {
		EN: "Jobs",
		FA: "کارهای زمان‌بندی‌شده",
	},
}
