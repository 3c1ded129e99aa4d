package i18n

// Messages of the script editor, its guard's reasons and the version diff.
func init() {
	messages.add(editorMessages)
}

var editorMessages = catalog{
	// A script file the import refuses (scripts.DecodeYAML).
	"invalid.script.file_empty":         {EN: "The file is empty.", FA: "پرونده خالی است."},
	"invalid.script.file_not_script":    {EN: "This is not a script file.", FA: "این پرونده، پروندهٔ متن تماس نیست."},
	"invalid.script.file_syntax":        {EN: "Line %s is not valid YAML.", FA: "سطر %s قالب درستی ندارد."},
	"invalid.script.file_unknown_field": {EN: "Line %s: a script has no field %s.", FA: "سطر %s: متن تماس فیلدی به نام %s ندارد."},
	"invalid.script.file_bad_text":      {EN: "%s is not UTF-8 text without control characters.", FA: "%s نویسه‌های نادرست یا کنترلی دارد."},
	// A script version by its number: Persian writes the word, since
	// "v۱" in a right-to-left line reads as "۷۱".
	"scripts.version_n": {EN: "v%s", FA: "نسخهٔ %s"},
	"scripts.diff_side": {EN: "%s (%s)", FA: "%s (%s)"},
	"scripts.diff_part": {EN: "Part", FA: "بخش"},
	// Which parts of a question changed (scripts.Change.Fields).
	"diff.field.prompt":   {EN: "question", FA: "متن پرسش"},
	"diff.field.type":     {EN: "type", FA: "نوع"},
	"diff.field.options":  {EN: "options", FA: "گزینه‌ها"},
	"diff.field.required": {EN: "required", FA: "الزامی بودن"},
	"diff.field.trigger":  {EN: "trigger", FA: "شرط ثبت مشکل"},
	"diff.field.position": {EN: "position", FA: "جایگاه"},
	"scripts.max_questions": {
		EN: "A follow-up asks at most %s questions so that it stays a short courtesy call; remove one to ask another.",
		FA: "تماس پیگیری حداکثر %s پرسش دارد تا تماسی کوتاه و محترمانه بماند؛ برای پرسشی تازه، یکی را بردارید.",
	},
	"scripts.category_none": {EN: "—", FA: "—"},
	// What a shipped sales phrase reads as (scripts' reasonTerms), the last
	// verb of the invalid.guard.sales… messages.
	"guard.as.offer":         {EN: "an offer", FA: "پیشنهاد فروش"},
	"guard.as.discount":      {EN: "a discount", FA: "تخفیف"},
	"guard.as.discount_code": {EN: "a discount code", FA: "کد تخفیف"},
	"guard.as.sale_event":    {EN: "a sale event", FA: "حراج"},
	"guard.as.promotion":     {EN: "a promotion", FA: "تبلیغ فروش"},
	"guard.as.upsell":        {EN: "an upsell", FA: "فروش بیشتر"},
	"guard.as.buy":           {EN: "a push to buy", FA: "ترغیب به خرید"},
	"guard.as.urgency":       {EN: "pressure to buy now", FA: "فشار برای خرید فوری"},
	"guard.as.sign_up":       {EN: "a sign-up pitch", FA: "دعوت به عضویت"},
	"guard.as.pitch":         {EN: "a sales pitch", FA: "تبلیغ فروش"},
}
