package scripts

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/invalid"
)

// corpusEntry is one piece of script text and whether it sells. The texts
// are written to be hard: honest ones name the product, the price paid, the
// purchase, the warranty and delivery; selling ones rarely use a listed
// phrase verbatim.
type corpusEntry struct {
	lang    string
	text    string
	selling bool
}

var corpus = []corpusEntry{
	// English, honest.
	{"en", "Hello {customer}, this is {agent} from {branch}. We're calling about the {product} you bought last week. This isn't a sales call; we only want to know it's working for you.", false},
	{"en", "Was the price you paid what you were told in the store?", false},
	{"en", "How is the phone you bought working so far?", false},
	{"en", "Is the warranty card in the box, and was it stamped by the shop?", false},
	{"en", "Did your order arrive on the day we promised, and was the packaging undamaged?", false},
	{"en", "Did our staff explain how to register the warranty for your {product}?", false},
	{"en", "Is there anything else you'd like to add about your purchase?", false},
	{"en", "If the glasses ever feel loose, bring them to {branch} and we'll adjust them free of charge. Thank you for your time, and there's no hurry.", false},
	{"en", "Would you buy from us again?", false},
	{"en", "How likely are you to recommend our store to a friend or colleague, from 0 to 10?", false},
	{"en", "Was the discount you were promised applied to your receipt?", false},
	{"en", "We're sorry the first unit was faulty. Is the replacement we sent working well, and did the courier collect the old one?", false},
	{"en", "Did the staff offer to show you how to set up the {product}?", false},
	{"en", "Were you happy with the deal you got on your {product}, or did anything at the till surprise you?", false},
	{"en", "We'd also like to thank you for your patience with the late delivery. We'll make sure your next order arrives on time.", false},
	{"en", "Did you buy it online or in the store, and was checkout easy?", false},
	{"en", "Was the purchase process clear, and did you get a receipt for what you paid?", false},

	// English, selling.
	{"en", "We're offering 20% off your next order as a thank-you for your purchase.", true},
	{"en", "Would you like to add an extended warranty to your {product}?", true},
	{"en", "While we have you, the new model has just arrived; would you like to buy it today?", true},
	{"en", "We have a special price for you on our lens cleaning kit.", true},
	{"en", "Upgrade to premium support for just $5 a month.", true},
	{"en", "As a valued customer you qualify for an exclusive deal on accessories, this week only.", true},
	{"en", "Use the code THANKS10 at checkout to save 10 percent on anything in the store.", true},
	{"en", "Our summer sale ends Friday, so don't miss out on a matching case.", true},
	{"en", "Can I interest you in a protection plan for your new laptop?", true},
	{"en", "Did you know you can trade in your old phone for credit toward a new one?", true},
	{"en", "Sign up for our newsletter to hear about promotions first.", true},
	{"en", "Customers who bought this usually pick up a spare battery too. Shall I put one aside for you?", true},
	{"en", "Buy a second pair at half price before the end of the month.", true},
	{"en", "Thanks for your answers! Before you go: our new sound bar pairs perfectly with your TV, and it's on sale until Sunday.", true},
	{"en", "Members of our loyalty program get free delivery, and joining takes a minute.", true},
	{"en", "You can buy replacement filters from us at any time; just reply YES and we'll send a pack.", true},
	{"en", "Why not treat yourself to the matching headphones? Callers get them cheaper today.", true},

	// Persian, honest.
	{"fa", "سلام، {agent} هستم از فروشگاه {branch}. درباره‌ی خرید اخیرتان تماس گرفته‌ام؛ این تماس برای فروش نیست و فقط می‌خواهیم بدانیم همه‌چیز خوب است.", false},
	{"fa", "قیمتی که پرداخت کردید همان بود که در فروشگاه گفته شده بود؟", false},
	{"fa", "آیا گوشی‌ای که خریدید درست کار می‌کند؟", false},
	{"fa", "آیا کارت گارانتی داخل جعبه بود و مهر فروشگاه را داشت؟", false},
	{"fa", "سفارش شما به موقع به دستتان رسید و بسته‌بندی سالم بود؟", false},
	{"fa", "آیا پیشنهادی برای بهتر شدن خدمات ما دارید؟", false},
	{"fa", "لطفاً هر نکته‌ای درباره‌ی خریدتان دارید با ما به اشتراک بگذارید.", false},
	{"fa", "آیا همکاران ما نحوه‌ی ثبت گارانتی را برایتان توضیح دادند؟", false},
	{"fa", "آیا دوباره از ما خرید می‌کنید؟", false},
	{"fa", "اگر عینک روی صورتتان لق شد، به شعبه‌ی {branch} بیایید تا رایگان تنظیمش کنیم. از وقتی که گذاشتید ممنونیم.", false},
	{"fa", "آیا پرداخت و خرید با کارت بانکی در فروشگاه بدون مشکل انجام شد؟", false},
	{"fa", "آیا فرصت کردید دفترچه‌ی راهنما را بخوانید؟", false},
	{"fa", "برای ارتقای کیفیت خدمات، لطفاً بگویید نصاب به موقع آمد و کولر را درست نصب کرد؟", false},
	{"fa", "آیا تخفیفی که فروشنده وعده داده بود روی فاکتور اعمال شد؟", false},
	{"fa", "آیا محصول را با همان قیمتی که در سایت دیده بودید تحویل گرفتید؟", false},
	{"fa", "خرید را حضوری انجام دادید یا اینترنتی، و روند آن راحت بود؟", false},
	{"fa", "آیا هنگام خرید، فروشنده درباره‌ی نحوه‌ی استفاده توضیح داد؟", false},

	// Persian, selling.
	{"fa", "بیست درصد تخفیف برای خرید بعدی شما در نظر گرفته‌ایم.", true},
	{"fa", "پیشنهاد ویژه برای شما داریم: گوشی جدید با اقساط بدون بهره.", true},
	{"fa", "همین الان خرید کنید و هدیه بگیرید.", true},
	{"fa", "برای خرید بعدی کد تخفیف دارید؟", true},
	{"fa", "آیا مایلید گارانتی دستگاه را با پرداخت مبلغی تمدید کنید؟", true},
	{"fa", "جشنواره‌ی فروش پاییزه‌ی ما شروع شده است؛ سری به فروشگاه بزنید.", true},
	{"fa", "می‌توانید سرویس خود را به نسخه‌ی طلایی ارتقا دهید.", true},
	{"fa", "با عضویت در باشگاه مشتریان از قیمت‌های ویژه بهره‌مند شوید.", true},
	{"fa", "فرصت محدود: لوازم جانبی تا پایان هفته حراج است.", true},
	{"fa", "آیا به خرید یک قاب محافظ هم علاقه‌مند هستید؟", true},
	{"fa", "مدل جدید این گوشی هم رسیده؛ اگر بخواهید می‌توانید آن را با قیمت استثنایی بخرید.", true},
	{"fa", "در خبرنامه‌ی ما مشترک شوید تا از پیشنهادهای شگفت‌انگیز باخبر شوید.", true},
	{"fa", "یک بسته‌ی ویژه‌ی لوازم جانبی برای گوشی شما آماده کرده‌ایم.", true},
	{"fa", "مشتریان عزیز می‌توانند با ارائه‌ی این پیامک، هدیه‌ی رایگان خود را از شعبه دریافت کنند.", true},
	{"fa", "اگر دستگاه را با مدل بالاتر عوض کنید، فقط مابه‌التفاوت را می‌پردازید.", true},
	{"fa", "اگر بخواهید، همین حالا می‌توانیم یک کیف مخصوص لپ‌تاپ هم برایتان ارسال کنیم؛ فقط امروز با قیمت کمتر.", true},
	{"fa", "راستی، محصولات جدید ما را در صفحه‌ی اینستاگرام دیده‌اید؟", true},
}

// corpusVersion places text in the intro, a prompt or the closing of an
// otherwise plain version, in turn, so every place is checked.
func corpusVersion(i int, e corpusEntry) Version {
	v := Version{
		Name: "corpus", Locale: e.lang,
		Intro:     "Hello {customer}.",
		Questions: []Question{{Key: "working", Prompt: "Is it working?", Type: YesNo}},
		Closing:   "Thank you.",
	}
	if e.lang == "fa" {
		v.Intro, v.Questions[0].Prompt, v.Closing = "سلام {customer} گرامی.", "آیا درست کار می‌کند؟", "سپاسگزاریم."
	}
	switch i % 3 {
	case 0:
		v.Intro = e.text
	case 1:
		v.Questions[0].Prompt = e.text
	default:
		v.Closing = e.text
	}
	return v
}

func salesOnly(fs []Finding) []Finding {
	var sales []Finding
	for _, f := range fs {
		if f.Code == FindingSales {
			sales = append(sales, f)
		}
	}
	return sales
}

// TestGuardCorpus measures the guard as a classifier, selling = positive.
// Misclassified texts are logged, not failed one by one: the list trades a
// few misses for precision, and the figures say how many.
func TestGuardCorpus(t *testing.T) {
	t.Parallel()
	count := map[string]int{}
	for _, e := range corpus {
		count[fmt.Sprintf("%s %v", e.lang, e.selling)]++
	}
	for _, k := range []string{"en true", "en false", "fa true", "fa false"} {
		if count[k] < 10 {
			t.Fatalf("corpus has %d texts for %s; want at least 10 of each language and kind", count[k], k)
		}
	}

	var tp, fp, fn, tn int
	g := Guard{}
	for i, e := range corpus {
		sales := salesOnly(g.Check(corpusVersion(i, e)))
		switch got := len(sales) > 0; {
		case got && e.selling:
			tp++
		case got && !e.selling:
			fp++
			t.Logf("false positive (%s): %s\n\t%v", e.lang, e.text, sales)
		case !got && e.selling:
			fn++
			t.Logf("false negative (%s): %s", e.lang, e.text)
		default:
			tn++
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("corpus %d texts: tp %d, fp %d, fn %d, tn %d; precision %d/%d = %.3f, recall %d/%d = %.3f",
		len(corpus), tp, fp, fn, tn, tp, tp+fp, precision, tp, tp+fn, recall)
	if precision < 0.9 {
		t.Errorf("precision %.3f, want at least 0.9", precision)
	}
	if recall < 0.9 {
		t.Errorf("recall %.3f, want at least 0.9", recall)
	}
}

// TestGuardWordsInContext pins the uses the brief names: words that sell
// in one use and not in another.
func TestGuardWordsInContext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text    string
		selling bool
	}{
		{"Was the price you paid what you were told?", false},
		{"How is the phone you bought?", false},
		{"Would you buy from us again?", false},
		{"Did you buy it online or in the store?", false},
		{"Is the warranty card in the box?", false},
		{"Is there anything you'd like to add?", false},
		{"Did the staff offer to help you carry it?", false},
		{"There's no hurry.", false},
		{"Was the parcel held at customs clearance?", false},
		{"We'll make sure your next order arrives on time.", false},
		{"درباره‌ی خرید اخیرتان تماس گرفته‌ام.", false},
		{"قیمتی که پرداخت کردید همان بود که گفته شده بود؟", false},
		{"آیا پیشنهادی برای ما دارید؟", false},
		{"نظرتان را با ما به اشتراک بگذارید.", false},
		{"آیا الان فرصت دارید؟", false},
		{"برای ارتقای کیفیت خدمات از شما سپاسگزاریم.", false},
		{"آیا از ما دوباره خرید می‌کنید؟", false},
		{"Buy the new model.", true},
		{"We have a special price for you.", true},
		{"Upgrade to premium.", true},
		{"We're offering 20% off your next order.", true},
		{"Would you like to add an extended warranty?", true},
		{"Would you like to buy a case too?", true},
		{"بیست درصد تخفیف", true},
		{"پیشنهاد ویژه برای شما داریم", true},
		{"همین الان خرید کنید", true},
		{"برای خرید بعدی کد تخفیف دارید", true},
		{"این مدل را هم بخرید.", true},
		{"به نسخه‌ی طلایی ارتقا دهید.", true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			v := Version{Locale: "en", Intro: tt.text, Questions: []Question{{Key: "ok", Prompt: "OK?", Type: YesNo}}, Closing: "Bye."}
			fs := (Guard{}).Check(v)
			if got := len(fs) > 0; got != tt.selling {
				t.Errorf("selling = %v, want %v; findings %v", got, tt.selling, fs)
			}
		})
	}
}

func TestGuardSalesFindings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, lang, text string
		want             []Finding // Where is always "intro" here
	}{
		{"as written, case kept", "en", "We have a SPECIAL  Price for you.", []Finding{
			{Where: "intro", Words: []string{"SPECIAL  Price"}, Code: FindingSales, Problem: invalid.Problem{Field: "intro", Code: "guard.sales", Args: []any{[]string{"SPECIAL  Price"}, invalid.Term("guard.as.offer")}}},
		}},
		{"number pattern", "en", "Get 20% off today.", []Finding{
			{Where: "intro", Words: []string{"20% off"}, Code: FindingSales, Problem: invalid.Problem{Field: "intro", Code: "guard.sales", Args: []any{[]string{"20% off"}, invalid.Term("guard.as.discount")}}},
		}},
		{"one finding per phrase, each spelling once", "en", "Discounts! A discount, another discount and a discounted case.", []Finding{
			{Where: "intro", Words: []string{"Discounts", "discount", "discounted"}, Code: FindingSales, Problem: invalid.Problem{Field: "intro", Code: "guard.sales_several", Args: []any{[]string{"Discounts", "discount", "discounted"}, invalid.Term("guard.as.discount")}}},
		}},
		{"findings in text order", "en", "Don't miss it: upgrade to premium.", []Finding{
			{Where: "intro", Words: []string{"Don't miss"}, Code: FindingSales, Problem: invalid.Problem{Field: "intro", Code: "guard.sales", Args: []any{[]string{"Don't miss"}, invalid.Term("guard.as.urgency")}}},
			{Where: "intro", Words: []string{"upgrade to"}, Code: FindingSales, Problem: invalid.Problem{Field: "intro", Code: "guard.sales", Args: []any{[]string{"upgrade to"}, invalid.Term("guard.as.upsell")}}},
		}},
		{"whole words only", "en", "The prompt reply, the dealer and the off switch were fine; no hurry.", nil},
		{"longest phrase wins", "fa", "کد تخفیف دارید", []Finding{
			{Where: "intro", Words: []string{"کد تخفیف"}, Code: FindingSales, Problem: invalid.Problem{Field: "intro", Code: "guard.sales", Args: []any{[]string{"کد تخفیف"}, invalid.Term("guard.as.discount_code")}}},
		}},
		{"Arabic letter forms kept as written", "fa", "كد تخفيف دارید", []Finding{
			{Where: "intro", Words: []string{"كد تخفيف"}, Code: FindingSales, Problem: invalid.Problem{Field: "intro", Code: "guard.sales", Args: []any{[]string{"كد تخفيف"}, invalid.Term("guard.as.discount_code")}}},
		}},
		{"diacritics and tatweel ignored", "fa", "تَخفیـف بگیرید", []Finding{
			{Where: "intro", Words: []string{"تَخفیـف"}, Code: FindingSales, Problem: invalid.Problem{Field: "intro", Code: "guard.sales", Args: []any{[]string{"تَخفیـف"}, invalid.Term("guard.as.discount")}}},
		}},
		{"suffix after a non-joiner is stepped over", "fa", "بسته‌ی ویژه و قیمت‌های ویژه", []Finding{
			{Where: "intro", Words: []string{"بسته‌ی ویژه"}, Code: FindingSales, Problem: invalid.Problem{Field: "intro", Code: "guard.sales", Args: []any{[]string{"بسته‌ی ویژه"}, invalid.Term("guard.as.offer")}}},
			{Where: "intro", Words: []string{"قیمت‌های ویژه"}, Code: FindingSales, Problem: invalid.Problem{Field: "intro", Code: "guard.sales", Args: []any{[]string{"قیمت‌های ویژه"}, invalid.Term("guard.as.offer")}}},
		}},
		{"non-joiner typed as a space", "fa", "علاقه مند هستید؟", []Finding{
			{Where: "intro", Words: []string{"علاقه مند هستید"}, Code: FindingSales, Problem: invalid.Problem{Field: "intro", Code: "guard.sales", Args: []any{[]string{"علاقه مند هستید"}, invalid.Term("guard.as.pitch")}}},
		}},
		{"other language's list applies too", "fa", "با کد OFF20 یک free gift بگیرید", []Finding{
			{Where: "intro", Words: []string{"free gift"}, Code: FindingSales, Problem: invalid.Problem{Field: "intro", Code: "guard.sales", Args: []any{[]string{"free gift"}, invalid.Term("guard.as.offer")}}},
		}},
		{"honest Persian", "fa", "درباره‌ی خرید اخیرتان: قیمتی که پرداخت کردید همان بود که گفته شده بود؟", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := Version{Locale: tt.lang, Intro: tt.text, Questions: []Question{{Key: "ok", Prompt: "OK?", Type: YesNo}}, Closing: "Bye."}
			if got := (Guard{}).Check(v); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Check(%q)\n got %#v\nwant %#v", tt.text, got, tt.want)
			}
		})
	}
}

// TestGuardOrder puts a finding in every place, in reverse, and expects
// them back in script order, count and length last.
func TestGuardOrder(t *testing.T) {
	t.Parallel()
	q := func(key, prompt string, options ...string) Question {
		typ := YesNo
		if len(options) > 0 {
			typ = Choice
		}
		return Question{Key: key, Prompt: prompt, Type: typ, Options: options}
	}
	v := Version{
		Locale: "en",
		Intro:  "Hi, we have a special offer. " + strings.Repeat("word ", 300),
		Questions: []Question{
			q("first", "Is it working? Buy now!"),
			q("second", "How was delivery?", "On time", "Late", "Coupon please"),
			q("", "Would you like to upgrade your plan?"),
			q("fourth", "Fine?"), q("fifth", "Fine?"), q("sixth", "Fine?"),
		},
		Closing: "Thanks. Subscribe to our newsletter.",
	}
	var got []string
	for _, f := range (Guard{}).Check(v) {
		got = append(got, f.Where+"/"+f.Code+"/"+strings.Join(f.Words, "|"))
	}
	want := []string{
		"intro/sales/special offer",
		"first/sales/Buy now",
		"second/sales/Coupon",
		"questions/sales/like to upgrade",
		"closing/sales/Subscribe",
		"closing/sales/newsletter",
		"questions/too_many_questions/",
		"script/too_long/",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n got %q\nwant %q", got, want)
	}
	if p := (Guard{}).Check(v)[3].Problem; p.Code != "guard.sales_in_question" || len(p.Args) == 0 || p.Args[0] != 3 {
		t.Errorf("a keyless question's finding does not name its position: %#v", p)
	}
}

func TestGuardTooManyQuestions(t *testing.T) {
	t.Parallel()
	for n := 1; n <= MaxQuestions+2; n++ {
		v := Default("en")
		v.Questions = nil
		for i := range n {
			v.Questions = append(v.Questions, Question{Key: fmt.Sprintf("q%d", i), Prompt: "Fine?", Type: YesNo})
		}
		fs := (Guard{}).Check(v)
		if n <= MaxQuestions {
			if fs != nil {
				t.Errorf("%d questions: %v, want no findings", n, fs)
			}
			continue
		}
		want := []Finding{{Where: "questions", Code: FindingTooManyQuestions,
			Problem: invalid.Problem{Field: "questions", Code: "guard.too_many_questions", Args: []any{5, n}}}}
		if !reflect.DeepEqual(fs, want) {
			t.Errorf("%d questions: %#v, want %#v", n, fs, want)
		}
	}
}

func TestGuardLength(t *testing.T) {
	t.Parallel()
	// Every version has a one-word prompt and closing besides its intro.
	version := func(locale string, introWords int) Version {
		return Version{
			Locale:    locale,
			Intro:     strings.TrimSpace(strings.Repeat("سلام ", introWords)),
			Questions: []Question{{Key: "ok", Prompt: "Fine?", Type: YesNo}},
			Closing:   "Thanks.",
		}
	}
	tests := []struct {
		name     string
		guard    Guard
		v        Version
		wantSecs int
		wantArgs []any // seconds, words, words a minute, limit; nil for no finding
	}{
		{"en at the limit", Guard{}, version("en", 298), 120, nil},
		{"en just over", Guard{}, version("en", 299), 121, []any{121, 301, 150, 120}},
		{"fa reads slower", Guard{}, version("fa-IR", 258), 120, nil},
		{"fa just over", Guard{}, version("fa-IR", 259), 121, []any{121, 261, 130, 120}},
		{"a very long intro", Guard{}, version("en", 1000), 401, []any{401, 1002, 150, 120}},
		{"unknown language reads at the English rate", Guard{}, version("de", 298), 120, nil},
		{"own rate", Guard{WordsPerMinute: map[string]int{"en": 100}}, version("en", 198), 120, nil},
		{"own rate, over", Guard{WordsPerMinute: map[string]int{"en": 100}}, version("en", 199), 121, []any{121, 201, 100, 120}},
		{"own limit", Guard{MaxSeconds: 60}, version("en", 149), 61, []any{61, 151, 150, 60}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.guard.ReadingSeconds(tt.v); got != tt.wantSecs {
				t.Errorf("ReadingSeconds = %d, want %d", got, tt.wantSecs)
			}
			var want []Finding
			if tt.wantArgs != nil {
				want = []Finding{{Where: "script", Code: FindingTooLong, Problem: invalid.Problem{Field: "script", Code: "guard.too_long", Args: tt.wantArgs}}}
			}
			if got := tt.guard.Check(tt.v); !reflect.DeepEqual(got, want) {
				t.Errorf("Check\n got %#v\nwant %#v", got, want)
			}
		})
	}
}

func TestCountSpokenWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want int
	}{
		{"Hello {customer}, how are you?", 5},
		{"from 1 (not at all) to 5", 7},
		{"It doesn’t work — at all!", 5},
		{"همه‌چیز خوب کار می‌کند", 4},
		{"می کند", 2},
		{"  ", 0},
	}
	for _, tt := range tests {
		if got := countSpokenWords(tt.text); got != tt.want {
			t.Errorf("countSpokenWords(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

// Matching runs on tokenize, triggers on words: they must split alike, or a
// phrase would match in one and not the other.
func TestTokenize(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"Hello, World!", "It doesn’t work", "گوشی کار نمی‌کنه", "بسته‌ی ویژه", "تَخفیـف", "ـabc", "abc ـ def",
		"كد تخفيف", "۲۰٪ تخفیف", "\u200fسلام\u200f", "", "  ", "a\u200c\u200cb", "a\u200c b",
	} {
		toks := tokenize(s)
		var got []string
		for _, tk := range toks {
			got = append(got, tk.word)
		}
		if want := words(s); !slices.Equal(got, want) {
			t.Errorf("tokenize(%q) = %q, words = %q", s, got, want)
		}
		for _, tk := range toks {
			if w := words(s[tk.start:tk.end]); len(w) != 1 || w[0] != tk.word {
				t.Errorf("tokenize(%q): %q at [%d:%d] is written %q", s, tk.word, tk.start, tk.end, s[tk.start:tk.end])
			}
		}
	}
	joined := func(s string) []bool {
		var js []bool
		for _, tk := range tokenize(s) {
			js = append(js, tk.joined)
		}
		return js
	}
	for s, want := range map[string][]bool{
		"بسته‌ی ویژه":    {false, true, false},
		"a\u200c b":      {false, false},
		"a\u200c\u200cb": {false, true},
	} {
		if got := joined(s); !slices.Equal(got, want) {
			t.Errorf("joined(%q) = %v, want %v", s, got, want)
		}
	}
}

// The seeded scripts are what most organisations publish unchanged.
func TestGuardDefaultsPass(t *testing.T) {
	t.Parallel()
	for _, locale := range []string{"en", "fa"} {
		v := Default(locale)
		if fs := (Guard{}).Check(v); fs != nil {
			t.Errorf("Default(%q) has findings: %v", locale, fs)
		}
		secs := (Guard{}).ReadingSeconds(v)
		t.Logf("Default(%q) reads in about %d seconds", locale, secs)
		if secs < 20 || secs > 90 {
			t.Errorf("Default(%q) reads in %d seconds; the estimate looks wrong", locale, secs)
		}
	}
}

func TestGuardOwnPhrases(t *testing.T) {
	t.Parallel()
	g := Guard{Phrases: map[string][]Phrase{"en": {{"cheese plat*", "a snack"}, {"***", "never matches"}}}}
	v := Version{Locale: "en", Intro: "A discount on cheese platters!", Questions: []Question{{Key: "ok", Prompt: "OK?", Type: YesNo}}, Closing: "Bye."}
	want := []Finding{{Where: "intro", Words: []string{"cheese platters"}, Code: FindingSales, Problem: invalid.Problem{Field: "intro", Code: "guard.sales", Args: []any{[]string{"cheese platters"}, "a snack"}}}}
	if got := g.Check(v); !reflect.DeepEqual(got, want) {
		t.Errorf("Check\n got %#v\nwant %#v", got, want)
	}
	if got := (Guard{Phrases: map[string][]Phrase{}}).Check(v); got != nil {
		t.Errorf("an empty list found %v", got)
	}
}

func formatPhrases(m map[string][]Phrase) string {
	var b strings.Builder
	b.WriteString("# lang\tphrase\twhy\n\n")
	for _, lang := range []string{"en", "fa"} {
		for _, p := range m[lang] {
			fmt.Fprintf(&b, "%s\t%s\t%s\r\n", lang, p.Text, p.Why)
		}
	}
	return b.String()
}

func TestParsePhrasesRoundTrip(t *testing.T) {
	t.Parallel()
	want := DefaultPhrases()
	if len(want) != 2 {
		t.Fatalf("DefaultPhrases has languages %v, want en and fa", slices.Collect(maps.Keys(want)))
	}
	got, err := ParsePhrases(strings.NewReader(formatPhrases(want)))
	if err != nil {
		t.Fatalf("ParsePhrases(DefaultPhrases) = %v", err) // also catches duplicates and phrases that cannot match
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip changed the lists:\n got %v\nwant %v", got, want)
	}
}

func TestParsePhrases(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     map[string][]Phrase
		wantErr  string
	}{
		{"comments, blanks, spaces, CRLF", "# list\n\n  # indented comment\nen\t special price \tan offer\r\nfa\tکد تخفیف\ta discount code\n", map[string][]Phrase{
			"en": {{"special price", "an offer"}},
			"fa": {{"کد تخفیف", "a discount code"}},
		}, ""},
		{"patterns", "en\t# off\ta discount\nen\tdiscount*\ta discount\n", map[string][]Phrase{
			"en": {{"# off", "a discount"}, {"discount*", "a discount"}},
		}, ""},
		{"two fields", "en\tspecial price\n", nil, "line 1: want lang<TAB>phrase<TAB>why, found 2 tab-separated fields"},
		{"four fields", "# c\nen\ta\tb\tc\n", nil, "line 2: want lang<TAB>phrase<TAB>why, found 4 tab-separated fields"},
		{"spaces, not tabs", "en special price an offer\n", nil, "line 1: want lang<TAB>phrase<TAB>why, found 1 tab-separated fields"},
		{"region in language", "en-GB\tdeal\tan offer\n", nil, `line 1: language "en-GB" must be a lowercase language code such as en or fa`},
		{"upper-case language", "EN\tdeal\tan offer\n", nil, `line 1: language "EN" must be a lowercase language code such as en or fa`},
		{"empty language", "\tdeal\tan offer\n", nil, `line 1: language "" must be a lowercase language code such as en or fa`},
		{"empty phrase", "en\t \tan offer\n", nil, `line 1: phrase "" needs at least one word besides #`},
		{"no letters", "en\t!!!\tan offer\n", nil, `line 1: "!!!" has no letters or digits`},
		{"only a number", "en\t#\ta number\n", nil, `line 1: phrase "#" needs at least one word besides #`},
		{"star inside", "en\tdisc*ount\ta discount\n", nil, `line 1: "disc*ount": use # only as a word of its own and * only at the end of a word`},
		{"no reason", "en\tdeal\t \n", nil, `line 1: phrase "deal" needs a reason, such as "an offer"`},
		{"duplicate after folding", "en\tadd-on\tan upsell\nen\tAdd On\tan upsell\n", nil, `line 2: phrase "Add On" is the same as "add-on" on line 1`},
		{"same phrase, other language", "en\tdeal\tan offer\nfr\tdeal\tan offer\n", map[string][]Phrase{
			"en": {{"deal", "an offer"}}, "fr": {{"deal", "an offer"}},
		}, ""},
		{"empty", "", nil, "no phrases: a list needs at least one lang<TAB>phrase<TAB>why line"},
		{"only comments", "# nothing\n\n", nil, "no phrases: a list needs at least one lang<TAB>phrase<TAB>why line"},
		{"line too long", "en\t" + strings.Repeat("a", 70000) + "\tx\n", nil, "reading phrases: bufio.Scanner: token too long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := ParsePhrases(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				if got != nil {
					t.Errorf("phrases = %v alongside an error", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("error = %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// Every shipped reason has a message, so a Persian reader never sees the
// English "an offer" inside a Persian sentence.
func TestShippedReasonsAreTerms(t *testing.T) {
	t.Parallel()
	for lang, list := range DefaultPhrases() {
		for _, p := range list {
			if _, ok := reasonTerms[p.Why]; !ok {
				t.Errorf("%s %q: reason %q has no term", lang, p.Text, p.Why)
			}
		}
	}
}
