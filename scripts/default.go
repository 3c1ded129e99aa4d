package scripts

import (
	"regexp"
	"slices"
	"strings"
)

// placeholders are the names Fill knows; a version's intro and closing may
// use them as {name}.
var placeholders = []string{"customer", "product", "branch", "agent"}

const placeholderList = "{customer}, {product}, {branch}, {agent}"

var placeholderPattern = regexp.MustCompile(`\{[\p{L}_][\p{L}\p{N}_]*\}`)

// unknownPlaceholders finds {name}s that Fill would leave in place, which an
// agent would otherwise read out to the customer as written.
func unknownPlaceholders(text string) []string {
	var unknown []string
	for _, p := range placeholderPattern.FindAllString(text, -1) {
		if !slices.Contains(placeholders, p[1:len(p)-1]) && !slices.Contains(unknown, p) {
			unknown = append(unknown, p)
		}
	}
	return unknown
}

// Fill replaces the placeholders {customer}, {product}, {branch} and {agent}
// that values has an entry for. Anything else stays as written so a missing
// value shows up on screen instead of vanishing from the sentence. Values are
// inserted once, never expanded again.
func Fill(text string, values map[string]string) string {
	var pairs []string
	for _, name := range placeholders {
		if v, ok := values[name]; ok {
			pairs = append(pairs, "{"+name+"}", v)
		}
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

func atMost(n int) *int { return &n }

// Default returns the seeded default script version for a locale: Persian
// for "fa", English for anything else. It asks only about the purchase, says
// so up front and asks permission, because a follow-up that sells is one
// the customer stops taking.
func Default(locale string) Version {
	if baseLanguage(locale) == "fa" {
		return defaultFa()
	}
	return defaultEn()
}

func defaultEn() Version {
	return Version{
		Name:   "default",
		Locale: "en",
		Intro: "Hello {customer}, this is {agent} from the {branch} branch. " +
			"We're calling to check that the {product} you bought is working well for you. " +
			"This is not a sales call, and it takes about a minute. Is now a good time?",
		Questions: []Question{
			{
				Key:      "overall",
				Prompt:   "Overall, how satisfied are you with your purchase, from 1 (not at all) to 5 (very satisfied)?",
				Type:     Rating,
				Required: true,
				Trigger:  &Trigger{AtMost: atMost(2), Severity: SeverityHigh, Category: "product_defect"},
			},
			{
				Key:      "working",
				Prompt:   "Is everything working as expected?",
				Type:     YesNo,
				Required: true,
				Trigger:  &Trigger{Equals: "no", Severity: SeverityMedium, Category: "product_defect"},
			},
			{
				Key:     "staff",
				Prompt:  "How helpful were our staff, from 1 (not at all) to 5 (very helpful)?",
				Type:    Rating,
				Trigger: &Trigger{AtMost: atMost(2), Severity: SeverityMedium, Category: "staff_behaviour"},
			},
			{
				Key:    "comments",
				Prompt: "Is there anything we should fix, or anything you'd like us to know?",
				Type:   Text,
				Trigger: &Trigger{
					Contains: []string{"broken", "faulty", "damaged", "defective", "refund", "not working", "doesn't work"},
					Severity: SeverityMedium,
					Category: "other",
				},
			},
		},
		Closing: "Thank you for your time, {customer}. If anything goes wrong with your {product}, " +
			"please call or visit the {branch} branch and we'll gladly help. Have a good day.",
	}
}

func defaultFa() Version {
	return Version{
		Name:   "default",
		Locale: "fa",
		Intro: "سلام، وقت بخیر. {customer} گرامی، {agent} هستم از شعبه‌ی {branch}. " +
			"درباره‌ی خرید اخیرتان، {product}، تماس گرفته‌ام تا مطمئن شوم همه‌چیز برایتان خوب کار می‌کند. " +
			"این تماس برای فروش یا تبلیغ نیست و حدود یک دقیقه بیشتر طول نمی‌کشد. آیا الان فرصت دارید؟",
		Questions: []Question{
			{
				Key:      "overall",
				Prompt:   "به‌طور کلی چقدر از خریدتان راضی هستید؟ از ۱ (اصلاً راضی نیستم) تا ۵ (کاملاً راضی هستم).",
				Type:     Rating,
				Required: true,
				Trigger:  &Trigger{AtMost: atMost(2), Severity: SeverityHigh, Category: "product_defect"},
			},
			{
				Key:      "working",
				Prompt:   "آیا همه‌چیز همان‌طور که انتظار داشتید کار می‌کند؟",
				Type:     YesNo,
				Required: true,
				Trigger:  &Trigger{Equals: "no", Severity: SeverityMedium, Category: "product_defect"},
			},
			{
				Key:     "staff",
				Prompt:  "همکاران ما در فروشگاه چقدر کمک‌تان کردند؟ از ۱ (اصلاً) تا ۵ (خیلی زیاد).",
				Type:    Rating,
				Trigger: &Trigger{AtMost: atMost(2), Severity: SeverityMedium, Category: "staff_behaviour"},
			},
			{
				Key:    "comments",
				Prompt: "آیا مشکلی هست که باید برطرف کنیم، یا نکته‌ای که بخواهید با ما در میان بگذارید؟",
				Type:   Text,
				Trigger: &Trigger{
					Contains: []string{"خراب", "خرابه", "معیوب", "شکسته", "مرجوع", "کار نمی‌کند", "کار نمی‌کنه"},
					Severity: SeverityMedium,
					Category: "other",
				},
			},
		},
		Closing: "{customer} گرامی، از این‌که وقت گذاشتید سپاسگزاریم. اگر {product} مشکلی پیدا کرد، " +
			"لطفاً با شعبه‌ی {branch} تماس بگیرید یا سری به ما بزنید؛ با کمال میل کمک می‌کنیم. روزتان خوش.",
	}
}

// Seed is the versions every database starts with: the default call and
// the recovery call, in English and Persian.
func Seed() []Version {
	return []Version{Default("en"), Default("fa"), Recovery("en"), Recovery("fa")}
}
