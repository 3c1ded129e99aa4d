package i18n

// messages is the UI text, keyed by message key, then language.
//
// To add a message, add one entry here (or in the feature's own
// messages_*.go file, merged with messages.add from init) with a line per
// language. The tests
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

	// The follow-up rules and calendar page (/rules).
	"nav.rules": {
		EN: "Rules",
		FA: "قواعد پیگیری",
	},
	"rules.title": {
		EN: "Follow-up rules and calendar",
		FA: "قواعد پیگیری و تقویم",
	},
	"rules.heading": {
		EN: "Follow-up rules",
		FA: "قواعد پیگیری",
	},
	"rules.intro": {
		EN: "Every sale gets one follow-up under the rule for its product category, or under the default rule. A change applies to sales that arrive after it; follow-ups already scheduled keep the rule they were given.",
		FA: "برای هر فروش یک پیگیری طبق قاعدهٔ دستهٔ محصول آن، یا طبق قاعدهٔ پیش‌فرض، زمان‌بندی می‌شود. هر تغییر فقط برای فروش‌هایی اعمال می‌شود که پس از آن می‌رسند؛ پیگیری‌هایی که از قبل زمان‌بندی شده‌اند قاعدهٔ خود را نگه می‌دارند.",
	},
	"rules.category": {
		EN: "Product category",
		FA: "دستهٔ محصول",
	},
	"rules.category_hint": {
		EN: "As the shop sends it with each sale; capital and small letters count as the same.",
		FA: "همان‌طور که فروشگاه همراه هر فروش می‌فرستد؛ حروف بزرگ و کوچک یکسان حساب می‌شوند.",
	},
	"rules.default": {
		EN: "Default (every other category)",
		FA: "پیش‌فرض (همهٔ دسته‌های دیگر)",
	},
	"rules.delay_days": {
		EN: "Delay (days)",
		FA: "فاصله تا تماس (روز)",
	},
	"rules.ask_once_days": {
		EN: "Ask at most every (days)",
		FA: "حداکثر یک بار در (روز)",
	},
	"rules.ask_once_days_hint": {
		EN: "Ask a customer at most once every this many days; 0 asks about every sale",
		FA: "از هر مشتری حداکثر یک بار در این چند روز پرسیده شود؛ ۰ یعنی دربارهٔ هر خرید",
	},
	"rules.channel": {
		EN: "Channel",
		FA: "روش تماس",
	},
	"rules.script": {
		EN: "Script",
		FA: "متن راهنمای تماس",
	},
	"rules.priority": {
		EN: "Priority",
		FA: "اولویت",
	},
	"rules.max_attempts": {
		EN: "Max attempts",
		FA: "حداکثر تلاش",
	},
	"rules.retry_spacing": {
		EN: "Retry after",
		FA: "فاصلهٔ تلاش مجدد",
	},
	"rules.hours": {
		EN: "h",
		FA: "ساعت",
	},
	"rules.minutes": {
		EN: "min",
		FA: "دقیقه",
	},
	// %s: a number of hours or minutes, already in the reader's digits.
	"rules.spacing_h": {
		EN: "%s h",
		FA: "%s ساعت",
	},
	"rules.spacing_m": {
		EN: "%s min",
		FA: "%s دقیقه",
	},
	"rules.spacing_hm": {
		EN: "%s h %s min",
		FA: "%s ساعت و %s دقیقه",
	},
	"rules.save": {
		EN: "Save",
		FA: "ذخیره",
	},
	"rules.delete": {
		EN: "Delete",
		FA: "حذف",
	},
	"rules.add": {
		EN: "Add a rule for a category",
		FA: "افزودن قاعده برای یک دسته",
	},
	"rules.add_submit": {
		EN: "Add rule",
		FA: "افزودن قاعده",
	},
	// %s: the channel's name.
	"rules.channel_later": {
		EN: "%s (needs the Twilio settings)",
		FA: "%s (نیازمند تنظیمات توییلیو)",
	},
	"rules.channels_later": {
		EN: "SMS and voice surveys need the Twilio settings, which come in a later version. Until then every follow-up is a call by an agent.",
		FA: "نظرسنجی پیامکی و صوتی به تنظیمات توییلیو نیاز دارد که در نسخه‌های بعدی اضافه می‌شود. تا آن زمان همهٔ پیگیری‌ها با تماس کارشناس انجام می‌شود.",
	},
	// %s: a script name that no script has.
	"rules.script_unlisted": {
		EN: "%s (no such script)",
		FA: "%s (چنین متنی وجود ندارد)",
	},
	"rules.refused": {
		EN: "Nothing was saved. Please correct the fields marked below.",
		FA: "چیزی ذخیره نشد. لطفاً موارد مشخص‌شده در پایین را اصلاح کنید.",
	},
	// %s: the category.
	"rules.saved": {
		EN: "The rule for “%s” was saved.",
		FA: "قاعدهٔ «%s» ذخیره شد.",
	},
	"rules.added": {
		EN: "A rule for “%s” was added.",
		FA: "قاعده‌ای برای «%s» افزوده شد.",
	},
	"rules.deleted": {
		EN: "The rule for “%s” was deleted; sales in this category now follow the default rule.",
		FA: "قاعدهٔ «%s» حذف شد؛ فروش‌های این دسته از این پس طبق قاعدهٔ پیش‌فرض پیگیری می‌شوند.",
	},
	"rules.default_saved": {
		EN: "The default rule was saved.",
		FA: "قاعدهٔ پیش‌فرض ذخیره شد.",
	},
	"rules.unchanged": {
		EN: "Nothing was changed.",
		FA: "تغییری داده نشد.",
	},
	"rules.gone": {
		EN: "This rule no longer exists; someone may have deleted it.",
		FA: "این قاعده دیگر وجود ندارد؛ شاید کسی آن را حذف کرده باشد.",
	},
	"rules.problem.delete_default": {
		EN: "The default rule cannot be deleted: it covers every category without a rule of its own.",
		FA: "قاعدهٔ پیش‌فرض را نمی‌توان حذف کرد، چون همهٔ دسته‌هایی را که قاعدهٔ جداگانه ندارند پوشش می‌دهد.",
	},

	"channel.agent": {
		EN: "Agent call",
		FA: "تماس کارشناس",
	},
	"channel.sms": {
		EN: "SMS survey",
		FA: "نظرسنجی پیامکی",
	},
	"channel.voice": {
		EN: "Voice survey",
		FA: "نظرسنجی صوتی",
	},
	"channel.link": {
		EN: "Survey link by SMS",
		FA: "پیوند نظرسنجی با پیامک",
	},
	"channel.card": {
		EN: "Branch satisfaction card",
		FA: "کارت رضایت شعبه",
	},

	"calendar.title": {
		EN: "Organisation calendar",
		FA: "تقویم سازمان",
	},
	"calendar.intro": {
		EN: "Customers are called only on working days that are not holidays, and only within the calling window in the customer's own local time.",
		FA: "با مشتریان فقط در روزهای کاری غیرتعطیل و فقط در بازهٔ مجاز تماس، به وقت محلی خود مشتری، تماس گرفته می‌شود.",
	},
	"calendar.working_days": {
		EN: "Working days",
		FA: "روزهای کاری",
	},
	"calendar.holidays": {
		EN: "Holidays",
		FA: "تعطیلات",
	},
	// The example sits in a left-to-right isolate (U+2066 … U+2069): in a
	// right-to-left line, digits joined by hyphens would be drawn in
	// reverse order.
	"calendar.holidays_hint": {
		EN: "One per line: the date as YYYY-MM-DD, then a name if you like, e.g. 2026-03-21 Nowruz.",
		FA: "هر تعطیلی در یک سطر: تاریخ خورشیدی به شکل سال/ماه/روز و در صورت تمایل نامی پس از آن، مثلاً \u2066۱۴۰۵/۰۱/۰۱ نوروز\u2069.",
	},
	"calendar.saved_holidays": {
		EN: "Saved holidays",
		FA: "تعطیلات ذخیره‌شده",
	},
	"calendar.no_holidays": {
		EN: "No holidays yet.",
		FA: "هنوز تعطیلی ثبت نشده است.",
	},
	"calendar.window": {
		EN: "Calling window, in the customer's local time",
		FA: "بازهٔ مجاز تماس، به وقت محلی مشتری",
	},
	"calendar.window_start": {
		EN: "From",
		FA: "از ساعت",
	},
	"calendar.window_end": {
		EN: "Until",
		FA: "تا ساعت",
	},
	"calendar.window_hint": {
		EN: "An end of 00:00 means midnight.",
		FA: "پایان ۰۰:۰۰ یعنی تا نیمه‌شب.",
	},
	"calendar.save": {
		EN: "Save calendar",
		FA: "ذخیرهٔ تقویم",
	},
	"calendar.saved": {
		EN: "The calendar was saved.",
		FA: "تقویم ذخیره شد.",
	},

	"audit.title": {
		EN: "Recent changes",
		FA: "تغییرات اخیر",
	},
	"audit.none": {
		EN: "No changes yet.",
		FA: "هنوز تغییری ثبت نشده است.",
	},
	"audit.when": {
		EN: "When",
		FA: "زمان",
	},
	"audit.who": {
		EN: "Who",
		FA: "کاربر",
	},
	"audit.what": {
		EN: "What",
		FA: "مورد",
	},
	"audit.changes": {
		EN: "Changes",
		FA: "تغییرات",
	},
	// %s: the category.
	"audit.rule": {
		EN: "Rule “%s”",
		FA: "قاعدهٔ «%s»",
	},
	"audit.default_rule": {
		EN: "Default rule",
		FA: "قاعدهٔ پیش‌فرض",
	},
	"audit.calendar": {
		EN: "Calendar",
		FA: "تقویم",
	},
	"audit.added": {
		EN: "added",
		FA: "افزوده شد",
	},
	"audit.changed": {
		EN: "changed",
		FA: "تغییر کرد",
	},
	"audit.deleted": {
		EN: "deleted",
		FA: "حذف شد",
	},
	// Points from the old value to the new one in the reading direction.
	"audit.arrow": {
		EN: "→",
		FA: "←",
	},
	"audit.holidays_added": {
		EN: "Holidays added",
		FA: "تعطیلات اضافه‌شده",
	},
	"audit.holidays_removed": {
		EN: "Holidays removed",
		FA: "تعطیلات حذف‌شده",
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
	"queue.none_callable": {
		EN: "No call can be made right now.",
		FA: "در حال حاضر با هیچ‌کس نمی‌شود تماس گرفت.",
	},
	// Why a queue is empty or short (schedule.Reason). The %s are, in
	// this order in both languages: a count (Number), where the customers
	// live, when calling opens in the reader's zone and calendar.
	"queue.why.day_off": {
		EN: "Due but waiting: %s. Today is not a working day for customers in %s; calling opens %s (your time).",
		FA: "موعد %s تماس رسیده اما فعلاً نمی‌شود تماس گرفت: امروز برای مشتریان %s روز کاری نیست. تماس از %s (به وقت شما) ممکن می‌شود.",
	},
	"queue.why.holiday": {
		EN: "Due but waiting: %s. Today is a holiday for customers in %s; calling opens %s (your time).",
		FA: "موعد %s تماس رسیده اما فعلاً نمی‌شود تماس گرفت: امروز برای مشتریان %s تعطیل است. تماس از %s (به وقت شما) ممکن می‌شود.",
	},
	"queue.why.before_hours": {
		EN: "Due but waiting: %s. Calling hours in %s have not begun yet; calling opens %s (your time).",
		FA: "موعد %s تماس رسیده اما فعلاً نمی‌شود تماس گرفت: ساعات مجاز تماس در %s هنوز شروع نشده است. تماس از %s (به وقت شما) ممکن می‌شود.",
	},
	"queue.why.after_hours": {
		EN: "Due but waiting: %s. Calling hours in %s are over for today; calling opens again %s (your time).",
		FA: "موعد %s تماس رسیده اما فعلاً نمی‌شود تماس گرفت: ساعات مجاز تماس امروز در %s تمام شده است. تماس از %s (به وقت شما) دوباره ممکن می‌شود.",
	},
	// The calendar never opens again for them (an invalid calendar).
	"queue.why.never": {
		EN: "Due but waiting: %s. The calendar has no calling hours in the next two years for customers in %s.",
		FA: "موعد %s تماس رسیده، اما تقویم تا دو سال آینده هیچ ساعت مجازی برای تماس با مشتریان %s ندارد.",
	},
	// %s: when the next call falls due, in the reader's zone and calendar.
	"queue.why.nothing_due": {
		EN: "No call is due yet; the next one falls due %s (your time).",
		FA: "موعد هیچ تماسی هنوز نرسیده است. موعد تماس بعدی %s (به وقت شما) است.",
	},
	"queue.why.nothing_scheduled": {
		EN: "No call is due and none is scheduled.",
		FA: "موعد هیچ تماسی نرسیده و تماسی هم در برنامه نیست.",
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
	"call.sales": {
		EN: "Purchases (%s): ask about each",
		FA: "خریدها (%s): دربارهٔ هر کدام بپرسید",
	},
	"call.sales_hint": {
		EN: "The customer was asked recently, so these purchases share one call.",
		FA: "از این مشتری به‌تازگی پرسیده شده، پس این خریدها یک تماس مشترک دارند.",
	},
	"call.order": {
		EN: "Order",
		FA: "سفارش",
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
	"call.problems": {
		EN: "This call was not saved. Please fix:",
		FA: "این تماس ذخیره نشد. لطفاً این موارد را درست کنید:",
	},
	// The keys of yes and no on the call page: the same physical keys on
	// the English and the Persian layout.
	"key.yes": {EN: "Y", FA: "غ"},
	"key.no":  {EN: "N", FA: "د"},
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
	"error.method_not_allowed": {
		EN: "This page cannot be used this way.",
		FA: "از این صفحه نمی‌توان این‌گونه استفاده کرد.",
	},
	"error.bad_request": {
		EN: "This request could not be accepted.",
		FA: "این درخواست پذیرفته نشد.",
	},
	"error.unavailable": {
		EN: "The server is too busy or cannot reach its database right now. Please try again in a few seconds.",
		FA: "سرور در این لحظه بیش از حد مشغول است یا به پایگاه داده دسترسی ندارد. لطفاً چند ثانیهٔ دیگر دوباره تلاش کنید.",
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
	"nav.jobs": {
		EN: "Jobs",
		FA: "کارهای زمان‌بندی‌شده",
	},
	"nav.scripts": {
		EN: "Scripts",
		FA: "متن‌های تماس",
	},
	"scripts.title": {
		EN: "Call scripts",
		FA: "متن‌های تماس",
	},
	"scripts.intro": {
		EN: "What agents read on every call. Publishing checks that a script stays an honest question, never a sales pitch.",
		FA: "آنچه کارشناسان در هر تماس می‌خوانند. هنگام انتشار بررسی می‌شود که متن یک پرسش صادقانه بماند و هرگز به تبلیغ فروش تبدیل نشود.",
	},
	"scripts.name": {
		EN: "Name",
		FA: "نام",
	},
	"scripts.current": {
		EN: "Current version",
		FA: "نسخهٔ فعلی",
	},
	"scripts.changed": {
		EN: "Last change",
		FA: "آخرین تغییر",
	},
	"scripts.draft": {
		EN: "draft",
		FA: "پیش‌نویس",
	},
	"scripts.none": {
		EN: "none published",
		FA: "هنوز منتشر نشده",
	},
	"scripts.new": {
		EN: "New script",
		FA: "متن تازه",
	},
	"scripts.create": {
		EN: "Create",
		FA: "ساختن",
	},
	"scripts.import": {
		EN: "Import a file",
		FA: "وارد کردن از پرونده",
	},
	"scripts.file": {
		EN: "Script file (YAML)",
		FA: "پروندهٔ متن",
	},
	"scripts.import_publish": {
		EN: "Publish it if every check passes",
		FA: "اگر همهٔ بررسی‌ها درست بود، منتشر شود",
	},
	"scripts.file_missing": {
		EN: "Choose a script file.",
		FA: "یک پروندهٔ متن انتخاب کنید.",
	},
	"scripts.imported_not_published": {
		EN: "Imported as a draft; it cannot be published yet — see the reasons below.",
		FA: "به‌صورت پیش‌نویس وارد شد؛ هنوز نمی‌توان منتشرش کرد. دلیل‌ها را در پایین ببینید.",
	},
	"scripts.bad_name": {
		EN: "Use 2 to 40 lower-case letters, digits, - or _.",
		FA: "از ۲ تا ۴۰ حرف کوچک لاتین، رقم، خط تیره یا زیرخط استفاده کنید.",
	},
	"scripts.exists": {
		EN: "A script with this name and language exists already.",
		FA: "متنی با این نام و زبان از قبل وجود دارد.",
	},
	"scripts.edit": {
		EN: "Edit draft",
		FA: "ویرایش پیش‌نویس",
	},
	"scripts.edit_intro": {
		EN: "Saving a draft is always allowed. Publishing checks for sales language, at most five questions and about two minutes of reading.",
		FA: "ذخیرهٔ پیش‌نویس همیشه ممکن است. هنگام انتشار، نبودِ زبان فروش، حداکثر پنج پرسش و حدود دو دقیقه زمان خواندن بررسی می‌شود.",
	},
	"scripts.reading": {
		EN: "Reading it aloud takes about %s seconds.",
		FA: "خواندن آن با صدای بلند حدود %s ثانیه طول می‌کشد.",
	},
	"scripts.intro_label": {
		EN: "Opening",
		FA: "آغاز تماس",
	},
	"scripts.closing_label": {
		EN: "Closing",
		FA: "پایان تماس",
	},
	"scripts.question": {
		EN: "Question",
		FA: "پرسش",
	},
	"scripts.key": {
		EN: "Key",
		FA: "شناسه",
	},
	"scripts.type": {
		EN: "Type",
		FA: "نوع",
	},
	"scripts.prompt": {
		EN: "Question as read",
		FA: "متن پرسش",
	},
	"scripts.options": {
		EN: "Options (one per line, for a choice)",
		FA: "گزینه‌ها (هر گزینه در یک سطر، برای پرسش چندگزینه‌ای)",
	},
	"scripts.trigger": {
		EN: "Raise an issue when",
		FA: "ثبت مشکل وقتی که",
	},
	"scripts.trigger_value": {
		EN: "Value",
		FA: "مقدار",
	},
	"scripts.severity": {
		EN: "Severity",
		FA: "شدت",
	},
	"scripts.category": {
		EN: "Category",
		FA: "دسته",
	},
	"scripts.save_draft": {
		EN: "Save draft",
		FA: "ذخیرهٔ پیش‌نویس",
	},
	"scripts.publish": {
		EN: "Publish",
		FA: "انتشار",
	},
	"scripts.saved": {
		EN: "Draft saved.",
		FA: "پیش‌نویس ذخیره شد.",
	},
	"scripts.published": {
		EN: "Version %s published. New follow-ups use it.",
		FA: "نسخهٔ %s منتشر شد. پیگیری‌های تازه از آن استفاده می‌کنند.",
	},
	"scripts.published_on": {
		EN: "published %s",
		FA: "منتشرشده در %s",
	},
	"scripts.version": {
		EN: "Version",
		FA: "نسخه",
	},
	"scripts.by": {
		EN: "By",
		FA: "توسط",
	},
	"scripts.responses": {
		EN: "Answers",
		FA: "پاسخ‌ها",
	},
	"scripts.waiting": {
		EN: "Waiting calls",
		FA: "تماس‌های در انتظار",
	},
	"scripts.preview": {
		EN: "Preview",
		FA: "پیش‌نمایش",
	},
	"scripts.move": {
		EN: "Give waiting calls this version",
		FA: "این نسخه را به تماس‌های در انتظار بده",
	},
	"scripts.moved": {
		EN: "%s waiting calls now use version %s.",
		FA: "%s تماس در انتظار اکنون از نسخهٔ %s استفاده می‌کنند.",
	},
	"scripts.compare": {
		EN: "Compare",
		FA: "مقایسه",
	},
	"scripts.diff": {
		EN: "Differences",
		FA: "تفاوت‌ها",
	},
	"scripts.back": {
		EN: "Back",
		FA: "بازگشت",
	},
	"qtype.rating": {
		EN: "Rating 1–5",
		FA: "امتیاز ۱ تا ۵",
	},
	"qtype.nps": {
		EN: "Score 0–10",
		FA: "امتیاز ۰ تا ۱۰",
	},
	"qtype.yes_no": {
		EN: "Yes / no",
		FA: "بله / خیر",
	},
	"qtype.choice": {
		EN: "Choice",
		FA: "چندگزینه‌ای",
	},
	"qtype.text": {
		EN: "Free text",
		FA: "متن آزاد",
	},
	"severity.low": {
		EN: "Low",
		FA: "کم",
	},
	"severity.medium": {
		EN: "Medium",
		FA: "متوسط",
	},
	"severity.high": {
		EN: "High",
		FA: "زیاد",
	},
	"severity.critical": {
		EN: "Critical",
		FA: "بحرانی",
	},
	"trigger.none": {
		EN: "Never",
		FA: "هیچ‌وقت",
	},
	"trigger.at_most": {
		EN: "Score at most",
		FA: "امتیاز حداکثر",
	},
	"trigger.equals": {
		EN: "Answer is",
		FA: "پاسخ برابر با",
	},
	"trigger.contains": {
		EN: "Text contains",
		FA: "متن شامل",
	},
	"diff.added": {
		EN: "added",
		FA: "افزوده",
	},
	"diff.removed": {
		EN: "removed",
		FA: "حذف‌شده",
	},
	"diff.changed": {
		EN: "changed",
		FA: "تغییرکرده",
	},
	"diff.same": {
		EN: "unchanged",
		FA: "بدون تغییر",
	},
	"scripts.refused": {
		EN: "Not published: the draft is saved, but these must change first.",
		FA: "منتشر نشد: پیش‌نویس ذخیره شد، اما نخست باید این موارد اصلاح شوند.",
	},
	"call.open_issues": {
		EN: "Open problems — mention them first",
		FA: "مشکل‌های باز — پیش از هر چیز به آن‌ها اشاره کنید",
	},
	"call.issue_line": {
		EN: "%s · %s · raised %s · %s",
		FA: "%s · %s · ثبت در %s · %s",
	},
	"issue.open": {
		EN: "open",
		FA: "باز",
	},
	"issue.in_progress": {
		EN: "being worked on",
		FA: "در حال پیگیری",
	},
	"issue.breached": {
		EN: "past its deadline",
		FA: "از مهلت گذشته",
	},
	"rootcause.product_defect": {
		EN: "product defect",
		FA: "ایراد کالا",
	},
	"rootcause.delivery": {
		EN: "delivery",
		FA: "ارسال",
	},
	"rootcause.staff_behaviour": {
		EN: "staff behaviour",
		FA: "رفتار کارکنان",
	},
	"rootcause.price_billing": {
		EN: "price or billing",
		FA: "قیمت یا صورت‌حساب",
	},
	"rootcause.information": {
		EN: "information given",
		FA: "اطلاعات داده‌شده",
	},
	"rootcause.other": {
		EN: "other",
		FA: "سایر",
	},
	"rootcause.not_fixed": {
		EN: "not fixed after a recovery call",
		FA: "پس از تماس پیگیری برطرف نشده",
	},
	"users.bad_role": {
		EN: "Choose one of the roles offered: agent, supervisor, service or admin.",
		FA: "یکی از نقش‌های فهرست را انتخاب کنید: کارشناس، سرپرست، سرویس یا مدیر سیستم.",
	},
}
