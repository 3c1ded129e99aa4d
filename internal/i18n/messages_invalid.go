package i18n

// Messages for invalid.Problem codes ("invalid." + code); i18n.Problem
// fills them.
func init() {
	messages.add(catalog{
		"invalid.required": {EN: "required", FA: "لازم است"},
		"invalid.too_long": {EN: "at most %s characters", FA: "حداکثر %s نویسه"},
	})
	messages.add(scriptProblems)
	messages.add(callProblems)
	messages.add(saleProblems)
	messages.add(reportProblems)
	messages.add(deskProblems)
	messages.add(requestProblems)
}

// requestProblems word what the web layer refuses in any request before a
// handler sees it; they name the parameter or form field themselves.
var requestProblems = catalog{
	"invalid.request.control": {
		EN: "“%s” contains a control character (such as NUL), which cannot be used here.",
		FA: "«%s» نویسهٔ کنترلی دارد که این‌جا پذیرفته نیست.",
	},
	"invalid.request.utf8": {
		EN: "“%s” is not valid UTF-8 text.",
		FA: "رمزگذاری نویسه‌های «%s» نادرست است.",
	},
	"invalid.request.form": {
		EN: "The form could not be read.",
		FA: "فرم خوانده نشد.",
	},
	"invalid.request.form_too_large": {
		EN: "The form is larger than %s MiB.",
		FA: "فرم بزرگ‌تر از %s مگابایت است.",
	},
}

// scriptProblems word what scripts.Version.Validate finds. They follow the
// field they are shown with, on the editor's page and in `tamas script lint`.
var scriptProblems = catalog{
	"invalid.script.name": {
		EN: "name must be 2 to 40 lower-case letters a–z, digits, - or _, starting with a letter or digit",
		FA: "نام باید ۲ تا ۴۰ نویسه از حروف کوچک لاتین، رقم، - یا _ باشد و با حرف یا رقم آغاز شود",
	},
	"invalid.script.locale": {
		EN: `locale "%s" is not a language tag such as %s or %s`,
		FA: "«%s» برچسب زبان نیست؛ برچسبی مانند %s یا %s بنویسید",
	},
	"invalid.script.placeholder": {
		EN: "uses the unknown placeholder %s; use one of %s",
		FA: "جای‌نگهدار ناشناختهٔ %s به کار رفته است؛ یکی از %s را به کار ببرید",
	},
	"invalid.script.no_questions": {
		EN: "a script needs at least one question",
		FA: "متن تماس دست‌کم یک پرسش لازم دارد",
	},
	"invalid.script.too_many_questions": {
		EN: "a script has at most %s questions; this one has %s",
		FA: "متن تماس حداکثر %s پرسش دارد؛ این یکی %s پرسش دارد",
	},
	"invalid.question.key_required": {
		EN: "key is required",
		FA: "کلید پرسش لازم است",
	},
	"invalid.question.key_format": {
		EN: `key "%s" must start with a lowercase letter and use only a-z, 0-9 and _ (at most 40 characters)`,
		FA: "کلید «%s» باید با حرف کوچک لاتین آغاز شود و فقط حروف کوچک لاتین، رقم و _ داشته باشد (حداکثر ۴۰ نویسه)",
	},
	"invalid.question.key_taken": {
		EN: `key "%s" is already used by question %s`,
		FA: "کلید «%s» پیش‌تر در پرسش %s به کار رفته است",
	},
	"invalid.question.prompt_required": {
		EN: "prompt is required",
		FA: "متن پرسش لازم است",
	},
	"invalid.question.type_required": {
		EN: "type is required; use one of %s",
		FA: "نوع پرسش لازم است؛ یکی از %s را به کار ببرید",
	},
	"invalid.question.type_unknown": {
		EN: `type "%s" is unknown; use one of %s`,
		FA: "نوع «%s» شناخته نیست؛ یکی از %s را به کار ببرید",
	},
	"invalid.question.options_not_choice": {
		EN: "options are only for choice questions",
		FA: "گزینه‌ها فقط در پرسش‌های چندگزینه‌ای به کار می‌روند",
	},
	"invalid.question.option_count": {
		EN: "a choice question needs 2 to 8 options; this one has %s",
		FA: "پرسش چندگزینه‌ای ۲ تا ۸ گزینه لازم دارد؛ این یکی %s گزینه دارد",
	},
	"invalid.question.option_empty": {
		EN: "option %s is empty",
		FA: "گزینهٔ %s خالی است",
	},
	"invalid.question.option_same": {
		EN: `option %s ("%s") is the same as option %s`,
		FA: "گزینهٔ %s («%s») همان گزینهٔ %s است",
	},
	"invalid.question.option_number": {
		EN: `option %s ("%s") reads as the number of option %s; write it differently`,
		FA: "گزینهٔ %s («%s») شمارهٔ گزینهٔ %s خوانده می‌شود؛ آن را جور دیگری بنویسید",
	},
	"invalid.trigger.severity_required": {
		EN: "trigger severity is required; use one of %s",
		FA: "شدتِ شرط ثبت مشکل لازم است؛ یکی از %s را به کار ببرید",
	},
	"invalid.trigger.severity_unknown": {
		EN: `trigger severity "%s" is unknown; use one of %s`,
		FA: "شدت «%s» شناخته نیست؛ یکی از %s را به کار ببرید",
	},
	"invalid.trigger.category_required": {
		EN: "trigger category is required, for example %s",
		FA: "ریشهٔ مشکلِ شرط ثبت مشکل لازم است، برای نمونه %s",
	},
	"invalid.trigger.at_most_required": {
		EN: "trigger at_most is required for %s questions",
		FA: "برای پرسش‌های %s، امتیاز حداکثرِ شرط ثبت مشکل لازم است",
	},
	"invalid.trigger.at_most_range": {
		EN: "trigger at_most must be from %s to %s for %s questions; it is %s",
		FA: "امتیاز حداکثرِ شرط ثبت مشکل باید از %s تا %s باشد (پرسش %s)؛ اکنون %s است",
	},
	"invalid.trigger.at_most_not_here": {
		EN: "trigger at_most is only for rating and nps questions",
		FA: "امتیاز حداکثر فقط در شرطِ پرسش‌های امتیازی به کار می‌رود",
	},
	"invalid.trigger.equals_yes_no": {
		EN: `trigger equals must be "yes" or "no" for yes_no questions; it is "%s"`,
		FA: "در پرسش بله یا خیر، پاسخِ شرط ثبت مشکل باید «بله» یا «خیر» باشد؛ اکنون «%s» است",
	},
	"invalid.trigger.equals_option": {
		EN: `trigger equals must be one of the options; it is "%s"`,
		FA: "پاسخِ شرط ثبت مشکل باید یکی از گزینه‌ها باشد؛ اکنون «%s» است",
	},
	"invalid.trigger.equals_not_here": {
		EN: "trigger equals is only for yes_no and choice questions",
		FA: "پاسخ برابر فقط در شرطِ پرسش‌های بله یا خیر و چندگزینه‌ای به کار می‌رود",
	},
	"invalid.trigger.contains_not_here": {
		EN: "trigger contains is only for text questions",
		FA: "واژه‌های شرط فقط در پرسش‌های متنی به کار می‌روند",
	},
	"invalid.trigger.contains_required": {
		EN: "trigger contains needs at least one word for text questions",
		FA: "شرطِ پرسش متنی دست‌کم یک واژه لازم دارد",
	},
	"invalid.trigger.contains_no_word": {
		EN: `trigger contains entry %s ("%s") has no letters or digits`,
		FA: "واژهٔ %s شرط («%s») هیچ حرف یا رقمی ندارد",
	},
	// The publishing guard's findings (scripts.Guard.Check). The last %s
	// of a sales finding is what the phrase reads as, written in the
	// phrase list's language (the shipped lists say it in English).
	"invalid.guard.sales": {
		EN: "sales language: %s reads as %s",
		FA: "زبان فروش: %s (به معنای %s)",
	},
	"invalid.guard.sales_several": {
		EN: "sales language: %s read as %s",
		FA: "زبان فروش: %s (به معنای %s)",
	},
	"invalid.guard.sales_in_question": {
		EN: "question %s: sales language: %s reads as %s",
		FA: "پرسش %s: زبان فروش: %s (به معنای %s)",
	},
	"invalid.guard.sales_several_in_question": {
		EN: "question %s: sales language: %s read as %s",
		FA: "پرسش %s: زبان فروش: %s (به معنای %s)",
	},
	"invalid.guard.too_many_questions": {
		EN: "a follow-up asks at most %s questions; this one has %s",
		FA: "تماس پیگیری حداکثر %s پرسش دارد؛ این یکی %s پرسش دارد",
	},
	"invalid.guard.too_long": {
		EN: "reading this script aloud takes about %s seconds (%s words at %s words a minute); it must take at most %s",
		FA: "خواندن این متن تماس با صدای بلند حدود %s ثانیه طول می‌کشد (%s واژه، %s واژه در دقیقه)؛ حداکثر %s ثانیه مجاز است",
	},
}

// callProblems are what the call page says next to a field the agent must
// fix, and next to a question whose answer does not fit it.
var callProblems = catalog{
	"invalid.call.outcome": {
		EN: "Choose an outcome.",
		FA: "نتیجهٔ تماس را انتخاب کنید.",
	},
	"invalid.call.callback_time": {
		EN: "Choose the day and time the customer asked for, within the next %s days.",
		FA: "روز و ساعتی را که مشتری خواسته است، در %s روز آینده، انتخاب کنید.",
	},
	"invalid.call.notes_too_long": {
		EN: "Notes are limited to %s characters.",
		FA: "یادداشت‌ها حداکثر %s نویسه‌اند.",
	},
	"invalid.call.script_changed": {
		EN: "The script changed while you were on this call. Reload the page.",
		FA: "متن تماس در همین حین تغییر کرد. صفحه را دوباره بارگذاری کنید.",
	},
	"invalid.answer.required": {
		EN: "Please record an answer.",
		FA: "لطفاً پاسخ را ثبت کنید.",
	},
	"invalid.answer.rating": {
		EN: "Choose a rating from %s to %s.",
		FA: "امتیازی از %s تا %s انتخاب کنید.",
	},
	"invalid.answer.nps": {
		EN: "Choose a score from %s to %s.",
		FA: "امتیازی از %s تا %s انتخاب کنید.",
	},
	"invalid.answer.yes_no": {
		EN: "Choose yes or no.",
		FA: "بله یا خیر را انتخاب کنید.",
	},
	"invalid.answer.choice": {
		EN: "Choose one of the options.",
		FA: "یکی از گزینه‌ها را انتخاب کنید.",
	},
	"invalid.answer.utf8": {
		EN: "The text cannot be stored: its characters are not valid UTF-8.",
		FA: "متن ذخیره نمی‌شود: رمزگذاری نویسه‌های آن نادرست است.",
	},
	"invalid.answer.control": {
		EN: "The text contains control characters, which cannot be stored.",
		FA: "متن نویسه‌های کنترلی دارد که ذخیره نمی‌شوند.",
	},
	"invalid.answer.too_long": {
		EN: "The text is limited to %s characters; this one has %s.",
		FA: "متن حداکثر %s نویسه است؛ این متن %s نویسه دارد.",
	},
	"invalid.answer.no_question": {
		EN: `This script has no question "%s".`,
		FA: "این متن تماس پرسشی با کلید «%s» ندارد.",
	},
	"invalid.answer.type": {
		EN: `A question of type "%s" cannot be answered.`,
		FA: "به پرسشی از نوع «%s» نمی‌توان پاسخ داد.",
	},
}

// saleProblems follow the field's dotted path in the sales API's errors
// ("customer.phone: is required"), so they start in lower case.
var saleProblems = catalog{
	"invalid.sale.required":        {EN: "is required", FA: "لازم است"},
	"invalid.sale.too_long":        {EN: "is longer than %s characters", FA: "بیش از %s نویسه است"},
	"invalid.sale.utf8":            {EN: "is not valid UTF-8", FA: "رمزگذاری نویسه‌هایش نادرست است"},
	"invalid.sale.control":         {EN: "contains a control character", FA: "نویسهٔ کنترلی دارد"},
	"invalid.sale.dot_segment":     {EN: `must not be ".", ".." or "/", which a URL path cannot carry`, FA: "نمی‌تواند «.»، «..» یا «/» باشد، چون در مسیر نشانی اینترنتی نمی‌آید"},
	"invalid.sale.timezone":        {EN: `unknown time zone "%s"; use an IANA name such as %s`, FA: "منطقهٔ زمانی «%s» شناخته نیست؛ نامی مانند %s به کار ببرید"},
	"invalid.sale.locale":          {EN: `not a language tag: "%s"; use e.g. %s or %s`, FA: "«%s» برچسب زبان نیست؛ برچسبی مانند %s یا %s به کار ببرید"},
	"invalid.sale.phone_too_long":  {EN: "is too long for a phone number", FA: "برای شمارهٔ تلفن بیش از حد بلند است"},
	"invalid.sale.phone":           {EN: `not a phone number: "%s"`, FA: "«%s» شمارهٔ تلفن نیست"},
	"invalid.sale.phone_country":   {EN: `not a phone number: "%s"; write it with its country code, e.g. %s`, FA: "«%s» شمارهٔ تلفن نیست؛ آن را با پیش‌شمارهٔ کشور بنویسید، مانند %s"},
	"invalid.sale.phone_extension": {EN: "has an extension; send the number without it", FA: "شمارهٔ داخلی دارد؛ شماره را بدون آن بفرستید"},
	"invalid.sale.phone_invalid":   {EN: `not a valid phone number: "%s"`, FA: "«%s» شمارهٔ تلفن معتبری نیست"},
	"invalid.sale.time_format":     {EN: "must be an %s time with a zone, e.g. %s", FA: "باید زمانی به قالب %s با منطقهٔ زمانی باشد، مانند %s"},
	"invalid.sale.future":          {EN: "lies in the future", FA: "در آینده است"},
	"invalid.sale.before_2000":     {EN: "is before the year 2000", FA: "پیش از سال ۲۰۰۰ است"},
	"invalid.sale.unknown_field":   {EN: "unknown field", FA: "فیلد ناشناخته"},
	"invalid.sale.not_sale_object": {EN: "a sale must be a %s object", FA: "هر فروش باید یک شیء %s باشد"},
	"invalid.sale.not_object":      {EN: "must be an object", FA: "باید یک شیء باشد"},
	"invalid.sale.not_string":      {EN: "must be a string", FA: "باید رشته باشد"},
}

// reportProblems are shown next to a report's filter or setting.
var reportProblems = catalog{
	"invalid.report.date_order":   {EN: "The end date comes before the start date.", FA: "تاریخ پایان پیش از تاریخ شروع است."},
	"invalid.report.too_long":     {EN: "A report covers at most %s days.", FA: "هر گزارش حداکثر %s روز را در بر می\u200cگیرد."},
	"invalid.report.whole_number": {EN: "Enter a whole number from %s to %s.", FA: "عددی صحیح از %s تا %s وارد کنید."},
	"invalid.report.range_order":  {EN: "The end of the range is below its start.", FA: "انتهای بازه از ابتدای آن کمتر است."},
}

// deskProblems are the service desk's refusals (internal/issues and
// internal/casework), shown next to the field of the issue page, the call
// page's "report a problem" form or the root causes page.
var deskProblems = catalog{
	"invalid.cause.key":        {EN: "A key is small English letters, digits and _, starting with a letter, up to 40 characters (for example: warranty).", FA: "کلید از حروف کوچک انگلیسی، رقم و _ ساخته می\u200cشود، با حرف شروع می\u200cشود و حداکثر چهل نویسه است."},
	"invalid.cause.taken":      {EN: "There is already a root cause with this key.", FA: "علتی با این کلید از قبل هست."},
	"invalid.cause.labels":     {EN: "Both names are required, at most %s characters each.", FA: "هر دو نام لازم است، هر کدام حداکثر %s نویسه."},
	"invalid.issue.assignee":   {EN: "Choose someone from the list: an active service, supervisor or admin user.", FA: "یکی از فهرست را انتخاب کنید: کاربر فعال سرویس، سرپرست یا مدیر سیستم."},
	"invalid.issue.note":       {EN: "Write a note of at most %s characters.", FA: "یادداشتی با حداکثر %s نویسه بنویسید."},
	"invalid.issue.root_cause": {EN: "Choose a root cause from the list.", FA: "علت اصلی را از فهرست انتخاب کنید."},
	"invalid.issue.cause_note": {EN: "Say what happened and what was done; the next person reading this needs it.", FA: "بنویسید چه اتفاقی افتاد و چه کاری انجام شد؛ نفر بعدی به آن نیاز دارد."},
	"invalid.issue.reason":     {EN: "Say why it will not be fixed.", FA: "بنویسید چرا برطرف نمی‌شود."},
	"invalid.issue.transition": {EN: "This change is not possible any more: someone may have changed the issue meanwhile. The page shows it as it is now.", FA: "این تغییر دیگر ممکن نیست: شاید کسی در این فاصله مشکل را تغییر داده باشد. صفحه وضعیت فعلی را نشان می‌دهد."},
	"invalid.issue.category":   {EN: "Choose a category from the list.", FA: "یک دسته از فهرست انتخاب کنید."},
	"invalid.issue.severity":   {EN: "Choose a severity from the list.", FA: "یک شدت از فهرست انتخاب کنید."},
}
