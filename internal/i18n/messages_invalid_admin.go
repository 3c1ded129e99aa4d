package i18n

// Messages for the refusals of the supervisors' and admins' forms: rules,
// calendar, webhook endpoints and users ("invalid." + code).
func init() {
	messages.add(catalog{
		// The rules form.
		"invalid.rules.category_missing": {
			EN: "Product category: please enter the category this rule is for.",
			FA: "دستهٔ محصول: لطفاً دسته‌ای را که این قاعده برای آن است وارد کنید.",
		},
		"invalid.rules.category_long": {
			EN: "Product category: at most 200 characters.",
			FA: "دستهٔ محصول: حداکثر ۲۰۰ نویسه.",
		},
		"invalid.rules.category_invalid": {
			EN: "Product category: please remove the line breaks and control characters.",
			FA: "دستهٔ محصول: لطفاً شکستگی خط و نویسه‌های کنترلی را حذف کنید.",
		},
		// %s: the category.
		"invalid.rules.category_exists": {
			EN: "Product category: “%s” already has a rule; please change it in the list above.",
			FA: "دستهٔ محصول: «%s» از قبل قاعده دارد؛ لطفاً آن را در فهرست بالا تغییر دهید.",
		},
		// %s: the language of the text ("Persian").
		"invalid.rules.sms_text_missing": {
			EN: "First SMS text (%s): please write the text the survey starts with.",
			FA: "نخستین پیامک (%s): لطفاً متنی را که نظرسنجی با آن آغاز می‌شود بنویسید.",
		},
		"invalid.rules.sms_text_invalid": {
			EN: "First SMS text (%s): please remove the tabs and control characters; line breaks are fine.",
			FA: "نخستین پیامک (%s): لطفاً نویسه‌های کنترلی و تب را حذف کنید؛ شکستن خط اشکالی ندارد.",
		},
		// %s: the language; then the parts it takes and the most allowed.
		"invalid.rules.sms_text_long": {
			EN: "First SMS text (%s): with the answer hint and the opt-out line it takes %s SMS parts; please shorten it to at most %s.",
			FA: "نخستین پیامک (%s): با راهنمای پاسخ و خط لغو %s بخش پیامک می‌شود؛ لطفاً آن را به حداکثر %s بخش کوتاه کنید.",
		},
		"invalid.rules.delay_days": {
			EN: "Delay: please enter a whole number of days from 0 to 365.",
			FA: "فاصله تا تماس: لطفاً عددی صحیح از ۰ تا ۳۶۵ روز وارد کنید.",
		},
		"invalid.rules.ask_once_days": {
			EN: "Ask at most every: please enter a whole number of days from 0 to 365 (0 asks about every sale).",
			FA: "حداکثر یک بار در: لطفاً عددی صحیح از ۰ تا ۳۶۵ روز وارد کنید (۰ یعنی دربارهٔ هر خرید پرسیده شود).",
		},
		"invalid.rules.channel": {
			EN: "Channel: please choose how the customer is contacted.",
			FA: "روش تماس: لطفاً یکی از روش‌ها را انتخاب کنید.",
		},
		"invalid.rules.channel_automated": {
			EN: "Channel: SMS and voice surveys need the Twilio settings, which are not available yet. Please choose an agent call for now.",
			FA: "روش تماس: نظرسنجی پیامکی و صوتی به تنظیمات توییلیو نیاز دارد که هنوز فراهم نیست. لطفاً فعلاً تماس کارشناس را انتخاب کنید.",
		},
		"invalid.rules.script_missing": {
			EN: "Script: please choose the script agents will read.",
			FA: "متن راهنمای تماس: لطفاً متنی را که کارشناس می‌خواند انتخاب کنید.",
		},
		// %s: the script name as sent.
		"invalid.rules.script_unknown": {
			EN: "Script: there is no script named “%s”; please choose one from the list.",
			FA: "متن راهنمای تماس: متنی با نام «%s» وجود ندارد؛ لطفاً یکی از فهرست را انتخاب کنید.",
		},
		"invalid.rules.priority": {
			EN: "Priority: please enter a whole number from 0 to 100; higher is called first.",
			FA: "اولویت: لطفاً عددی صحیح از ۰ تا ۱۰۰ وارد کنید؛ اولویت بالاتر زودتر تماس گرفته می‌شود.",
		},
		"invalid.rules.max_attempts": {
			EN: "Max attempts: please enter a whole number from 1 to 20.",
			FA: "حداکثر تلاش: لطفاً عددی صحیح از ۱ تا ۲۰ وارد کنید.",
		},
		"invalid.rules.retry_spacing": {
			EN: "Retry after: please enter whole hours and minutes, from 1 minute to 720 hours (30 days) in all.",
			FA: "فاصلهٔ تلاش مجدد: لطفاً ساعت و دقیقه را با عدد صحیح وارد کنید؛ در مجموع از ۱ دقیقه تا ۷۲۰ ساعت (۳۰ روز).",
		},
		"invalid.rules.channel_voice": {
			EN: "Channel: a voice survey needs a sender number (TWILIO_FROM_NUMBER); a messaging service sends texts but cannot call. Please choose an SMS survey or an agent call.",
			FA: "روش تماس: نظرسنجی صوتی به شمارهٔ فرستنده نیاز دارد؛ سرویس پیام‌رسانی فقط پیامک می‌فرستد و نمی‌تواند تماس بگیرد. لطفاً نظرسنجی پیامکی یا تماس کارشناس را انتخاب کنید.",
		},
		"invalid.rules.wait_hours": {
			EN: "Wait: please enter a whole number of hours from 1 to 720 (30 days) before the next channel.",
			FA: "زمان انتظار: لطفاً عددی صحیح از ۱ تا ۷۲۰ ساعت (۳۰ روز) پیش از روش بعدی وارد کنید.",
		},
		"invalid.rules.ladder": {
			EN: "Channel ladder: each channel may appear once, and the agent call can only be the last one.",
			FA: "ترتیب روش‌ها: هر روش فقط یک بار می‌آید و تماس کارشناس فقط می‌تواند آخرین روش باشد.",
		},

		// The calendar form. Dates and times among the arguments are written in
		// the reader's digits.
		"invalid.calendar.working_days": {
			EN: "Working days: please choose at least one day.",
			FA: "روزهای کاری: لطفاً دست‌کم یک روز را انتخاب کنید.",
		},
		// %s: the line number, then the text found where the date should be.
		// %s: the line, then why its date was refused (invalid.date.*).
		"invalid.calendar.holiday_date": {
			EN: "Holidays, line %s: %s",
			FA: "تعطیلات، سطر %s: %s",
		},
		// %s: the line number, the date, the line it first appeared on.
		"invalid.calendar.holiday_duplicate": {
			EN: "Holidays, line %s: %s is already on line %s.",
			FA: "تعطیلات، سطر %s: تاریخ %s در سطر %s هم آمده است.",
		},
		// %s: the line number, then the most characters.
		"invalid.calendar.holiday_name": {
			EN: "Holidays, line %s: the name may have at most %s characters.",
			FA: "تعطیلات، سطر %s: نام حداکثر %s نویسه می‌تواند باشد.",
		},
		// %s: the most lines.
		"invalid.calendar.holidays_too_many": {
			EN: "Holidays: at most %s lines.",
			FA: "تعطیلات: حداکثر %s سطر.",
		},
		"invalid.calendar.window_start": {
			EN: "From: please enter the time calls may start, as HH:MM, e.g. 10:00.",
			FA: "از ساعت: لطفاً ساعت شروع تماس‌ها را به شکل ساعت:دقیقه وارد کنید، مثلاً ۱۰:۰۰.",
		},
		"invalid.calendar.window_end": {
			EN: "Until: please enter the time calls must end, as HH:MM, e.g. 19:00.",
			FA: "تا ساعت: لطفاً ساعت پایان تماس‌ها را به شکل ساعت:دقیقه وارد کنید، مثلاً ۱۹:۰۰.",
		},
		// %s: the start and end as given.
		"invalid.calendar.window_order": {
			EN: "Until: the calling window must end after it starts; it was given as %s to %s.",
			FA: "تا ساعت: پایان بازهٔ تماس باید بعد از شروع آن باشد؛ از %s تا %s وارد شده است.",
		},
		// %s: schedule.Calendar.Validate's own message, for problems the form
		// does not explain itself.
		"invalid.calendar.other": {
			EN: "The calendar was refused: %s",
			FA: "تقویم پذیرفته نشد: %s",
		},

		// The webhook endpoint forms.
		"invalid.webhooks.url": {
			EN: "Enter an absolute http or https address with a host, without a user name or password.",
			FA: "یک نشانی کامل با پروتکل وب و نام میزبان وارد کنید، بدون نام کاربری و گذرواژه.",
		},
		"invalid.webhooks.url_private": {
			EN: "This address is on this server's own or private network; webhooks may not be sent there.",
			FA: "این نشانی در شبکهٔ خود سرور یا یک شبکهٔ خصوصی است و رویدادها به آن فرستاده نمی‌شوند.",
		},
		"invalid.webhooks.events": {
			EN: "Choose at least one event.",
			FA: "دست\u200cکم یک رویداد را انتخاب کنید.",
		},
		// %s: the fewest characters.
		"invalid.webhooks.secret": {
			EN: "The secret needs at least %s characters, or leave it empty.",
			FA: "رمز باید دست\u200cکم %s نویسه داشته باشد، یا آن را خالی بگذارید.",
		},

		// The users form.
		"invalid.users.taken": {
			EN: "This username is already taken.",
			FA: "این نام کاربری قبلاً گرفته شده است.",
		},
		// %s: the fewest and most characters.
		"invalid.users.username_length": {
			EN: "The username must have %s to %s characters.",
			FA: "نام کاربری باید %s تا %s نویسه داشته باشد.",
		},
		"invalid.users.username_chars": {
			EN: "The username may use lower-case letters a–z, digits and . _ - (not first).",
			FA: "نام کاربری فقط حروف کوچک انگلیسی، رقم و . _ - دارد و با نشانه آغاز نمی‌شود.",
		},
		"invalid.users.role": {
			EN: "Choose one of the roles offered: agent, supervisor, service or admin.",
			FA: "یکی از نقش‌های فهرست را انتخاب کنید: کارشناس، سرپرست، سرویس یا مدیر سیستم.",
		},
		// Refusals of a new password (auth.CheckNewPassword), wherever one
		// is set. %s: the fewest characters.
		"invalid.password.short": {
			EN: "The password must have at least %s characters.",
			FA: "گذرواژه باید دست‌کم %s نویسه داشته باشد.",
		},
		// %s: the most bytes.
		"invalid.password.long": {
			EN: "The password must have at most %s bytes.",
			FA: "گذرواژه حداکثر %s بایت می‌تواند داشته باشد.",
		},
		"invalid.password.common": {
			EN: "This password is one of the most common ones and is guessed first. Please choose a phrase of several unrelated words.",
			FA: "این گذرواژه از رایج‌ترین گذرواژه‌هاست و پیش از همه حدس زده می‌شود. لطفاً عبارتی از چند واژهٔ بی‌ربط انتخاب کنید.",
		},
		"invalid.password.personal": {
			EN: "The password is built from the account’s own name or username, which anyone who knows the account can guess. Please choose a phrase of several unrelated words.",
			FA: "گذرواژه از نام یا نام کاربری خود حساب ساخته شده و هر کس حساب را بشناسد می‌تواند آن را حدس بزند. لطفاً عبارتی از چند واژهٔ بی‌ربط انتخاب کنید.",
		},
		"invalid.password.keyboard": {
			EN: "Keys next to each other on the keyboard are easy to guess. Please choose a phrase of several unrelated words.",
			FA: "کلیدهای کنار هم روی صفحه‌کلید به‌آسانی حدس زده می‌شوند. لطفاً عبارتی از چند واژهٔ بی‌ربط انتخاب کنید.",
		},
		"invalid.password.repeat": {
			EN: "Repeated characters or words are easy to guess. Please choose a phrase of several unrelated words.",
			FA: "نویسه‌ها یا واژه‌های تکراری به‌آسانی حدس زده می‌شوند. لطفاً عبارتی از چند واژهٔ بی‌ربط انتخاب کنید.",
		},
		"invalid.password.sequence": {
			EN: "Sequences of letters or digits, such as 12345, are easy to guess. Please choose a phrase of several unrelated words.",
			FA: "دنباله‌های حروف یا رقم‌ها، مانند ۱۲۳۴۵، به‌آسانی حدس زده می‌شوند. لطفاً عبارتی از چند واژهٔ بی‌ربط انتخاب کنید.",
		},
		"invalid.password.date": {
			EN: "Dates and years are easy to guess. Please choose a phrase of several unrelated words.",
			FA: "تاریخ‌ها و سال‌ها به‌آسانی حدس زده می‌شوند. لطفاً عبارتی از چند واژهٔ بی‌ربط انتخاب کنید.",
		},
		"invalid.password.words": {
			EN: "A common word or name with a few additions is easy to guess. Please choose a phrase of several unrelated words.",
			FA: "یک واژه یا نام رایج با چند افزوده به‌آسانی حدس زده می‌شود. لطفاً عبارتی از چند واژهٔ بی‌ربط انتخاب کنید.",
		},
		"invalid.password.mismatch": {
			EN: "The two new passwords differ; please type the same one twice.",
			FA: "دو گذرواژهٔ تازه یکسان نیستند؛ لطفاً یک گذرواژه را دو بار بنویسید.",
		},
		"invalid.password.wrong": {
			EN: "The current password is not right.",
			FA: "گذرواژهٔ کنونی درست نیست.",
		},
		// %s: seconds.
		"invalid.password.wait": {
			EN: "Too many wrong passwords; please try again in %s seconds.",
			FA: "گذرواژهٔ نادرست بیش از حد وارد شده است؛ لطفاً %s ثانیهٔ دیگر دوباره امتحان کنید.",
		},
		"invalid.password.guessable": {
			EN: "This password is too easy to guess. Please choose a phrase of several unrelated words.",
			FA: "این گذرواژه به‌آسانی حدس زده می‌شود. لطفاً عبارتی از چند واژهٔ بی‌ربط انتخاب کنید.",
		},
	})
}
