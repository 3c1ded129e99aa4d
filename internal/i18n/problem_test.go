package i18n

import (
	"testing"

	"github.com/tamas-app/tamas/internal/invalid"
)

func TestProblemWordsListsAndNumbers(t *testing.T) {
	t.Parallel()
	several := invalid.Problem{Code: "guard.sales_several", Args: []any{[]string{"Discounts", "discount", "discounted"}, "a discount"}}
	tooLong := invalid.Problem{Code: "guard.too_long", Args: []any{401, 1002, 150, 120}}
	tests := []struct {
		lang Lang
		p    invalid.Problem
		want string
	}{
		{EN, invalid.Problem{Code: "guard.sales", Args: []any{[]string{"special price"}, "an offer"}}, `sales language: "special price" reads as an offer`},
		{EN, several, `sales language: "Discounts", "discount" and "discounted" read as a discount`},
		{FA, several, "زبان فروش: «Discounts»، «discount» و «discounted» (به معنای a discount)"},
		// A shipped reason is a Term: worded in the reader's language.
		{FA, invalid.Problem{Code: "guard.sales", Args: []any{[]string{"special price"}, invalid.Term("guard.as.offer")}}, "زبان فروش: «special price» (به معنای پیشنهاد فروش)"},
		{EN, invalid.Problem{Code: "guard.sales", Args: []any{[]string{"special price"}, invalid.Term("guard.as.offer")}}, `sales language: "special price" reads as an offer`},
		{EN, invalid.Problem{Code: "guard.sales_in_question", Args: []any{3, []string{"like to upgrade"}, "an upsell"}}, `question 3: sales language: "like to upgrade" reads as an upsell`},
		{EN, tooLong, "reading this script aloud takes about 401 seconds (1002 words at 150 words a minute); it must take at most 120"},
		{FA, tooLong, "خواندن این متن تماس با صدای بلند حدود ۴۰۱ ثانیه طول می‌کشد (۱۰۰۲ واژه، ۱۵۰ واژه در دقیقه)؛ حداکثر ۱۲۰ ثانیه مجاز است"},
	}
	for _, tt := range tests {
		if got := Problem(tt.lang, tt.p); got != tt.want {
			t.Errorf("Problem(%s, %s)\n got %q\nwant %q", tt.lang, tt.p.Code, got, tt.want)
		}
	}
}
