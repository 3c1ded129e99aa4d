package i18n

// The customer search and the customer page (#15).
func init() {
	messages.add(catalog{
		"search.label":           {EN: "Find a customer", FA: "یافتن مشتری"},
		"search.placeholder":     {EN: "Phone or name (press /)", FA: "تلفن یا نام (کلید /)"},
		"customers.title":        {EN: "Customers", FA: "مشتریان"},
		"customers.heading":      {EN: "Customers matching “%s”", FA: "مشتریان مطابق «%s»"},
		"customers.none":         {EN: "No customer has this phone number or a name starting so.", FA: "هیچ مشتری‌ای این شماره یا نامی با این آغاز ندارد."},
		"customers.hint":         {EN: "Type a phone number in any form, or the start of a name.", FA: "شماره تلفن را به هر شکلی یا آغاز نام را بنویسید."},
		"customers.next":         {EN: "Next page", FA: "صفحهٔ بعد"},
		"customers.previous":     {EN: "Previous page", FA: "صفحهٔ قبل"},
		"customer.title":         {EN: "Customer", FA: "مشتری"},
		"customer.sales":         {EN: "Sales", FA: "خریدها"},
		"customer.followups":     {EN: "Follow-ups", FA: "پیگیری‌ها"},
		"customer.answers":       {EN: "Answers", FA: "پاسخ‌ها"},
		"customer.issues":        {EN: "Issues", FA: "مشکلات"},
		"customer.notes":         {EN: "Notes", FA: "یادداشت‌ها"},
		"customer.nothing":       {EN: "None yet.", FA: "هنوز چیزی نیست."},
		"customer.opted_out":     {EN: "Asked not to be called.", FA: "خواسته است با او تماس گرفته نشود."},
		"customer.note_add":      {EN: "Add a note", FA: "افزودن یادداشت"},
		"customer.note_saved":    {EN: "Note added.", FA: "یادداشت افزوده شد."},
		"customer.answered":      {EN: "%s, by %s", FA: "%s، توسط %s"},
		"complaint.title":        {EN: "Log a complaint", FA: "ثبت شکایت"},
		"complaint.hint":         {EN: "Something the customer told you in the shop or on the phone. It becomes an issue with its deadline; agents see it on the customer's next call.", FA: "چیزی که مشتری در فروشگاه یا تلفنی به شما گفت. به یک مشکل با مهلت رسیدگی تبدیل می‌شود و کارشناسان در تماس بعدی مشتری آن را می‌بینند."},
		"complaint.submit":       {EN: "Log the complaint", FA: "ثبت شکایت"},
		"complaint.raised":       {EN: "Complaint logged as issue %s.", FA: "شکایت به‌عنوان مشکل %s ثبت شد."},
		"complaint.joined":       {EN: "Added to the customer's open issue %s.", FA: "به مشکل باز %s این مشتری اضافه شد."},
		"complaint.no_sale":      {EN: "This customer has no sale, so there is nothing to raise an issue about.", FA: "این مشتری خریدی ندارد، پس مشکلی برای ثبت نیست."},
		"issue.origin_complaint": {EN: "from a complaint logged by staff", FA: "از شکایتی که کارکنان ثبت کردند"},
		"invalid.customer.note":  {EN: "Write a note of at most %s characters.", FA: "یادداشتی با حداکثر %s نویسه بنویسید."},
	})
}
