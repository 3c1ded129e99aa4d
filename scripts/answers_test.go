package scripts

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
)

func TestParseAnswers(t *testing.T) {
	t.Parallel()

	// required answers that every case needs unless it is about them
	base := map[string]string{"overall": "4", "working": "yes"}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == "<absent>" {
				delete(m, kv[i])
				continue
			}
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	problem := func(field, code string, args ...any) invalid.Problem {
		return invalid.Problem{Field: field, Code: code, Args: args}
	}
	var (
		ratingMsg = problem("overall", "answer.rating", 1, 5)
		npsMsg    = problem("recommend", "answer.nps", 0, 10)
		yesNoMsg  = problem("working", "answer.yes_no")
		choiceMsg = problem("delivery", "answer.choice")
		required  = func(key string) invalid.Problem { return problem(key, "answer.required") }
		unknown   = func(key string) invalid.Problem { return problem(key, "answer.no_question", key) }
	)

	tests := []struct {
		name     string
		raw      map[string]string
		want     []Answer         // checked when wantErrs is empty
		wantErrs invalid.Problems // exact, in order
	}{
		{"every type, in question order", map[string]string{
			"notes": "  fine, thanks \n", "delivery": "Late", "working": "no", "recommend": "9", "overall": "4",
		}, []Answer{{"overall", "4"}, {"recommend", "9"}, {"working", "no"}, {"delivery", "Late"}, {"notes", "fine, thanks"}}, nil},
		{"skipped optional questions are left out", with("recommend", "", "delivery", " ", "notes", ""),
			[]Answer{{"overall", "4"}, {"working", "yes"}}, nil},

		{"Persian digit", with("overall", "۴"), []Answer{{"overall", "4"}, {"working", "yes"}}, nil},
		{"Arabic-Indic digit", with("overall", "٤"), []Answer{{"overall", "4"}, {"working", "yes"}}, nil},
		{"digit wrapped in direction marks", with("overall", "\u200f۵\u200f "), []Answer{{"overall", "5"}, {"working", "yes"}}, nil},
		{"rating 1", with("overall", "1"), []Answer{{"overall", "1"}, {"working", "yes"}}, nil},
		{"rating with a leading zero", with("overall", "05"), []Answer{{"overall", "5"}, {"working", "yes"}}, nil},
		{"nps 0", with("recommend", "0"), []Answer{{"overall", "4"}, {"recommend", "0"}, {"working", "yes"}}, nil},
		{"nps Persian 9", with("recommend", "۹"), []Answer{{"overall", "4"}, {"recommend", "9"}, {"working", "yes"}}, nil},
		{"nps Arabic-Indic 9", with("recommend", "٩"), []Answer{{"overall", "4"}, {"recommend", "9"}, {"working", "yes"}}, nil},
		{"nps Persian 10", with("recommend", "۱۰"), []Answer{{"overall", "4"}, {"recommend", "10"}, {"working", "yes"}}, nil},
		{"nps Arabic-Indic 10", with("recommend", "١٠"), []Answer{{"overall", "4"}, {"recommend", "10"}, {"working", "yes"}}, nil},
		{"rating 6", with("overall", "6"), nil, invalid.Problems{ratingMsg}},
		{"rating 0", with("overall", "0"), nil, invalid.Problems{ratingMsg}},
		{"rating Persian 6", with("overall", "۶"), nil, invalid.Problems{ratingMsg}},
		{"rating -1", with("overall", "-1"), nil, invalid.Problems{ratingMsg}},
		{"rating 4.5", with("overall", "4.5"), nil, invalid.Problems{ratingMsg}},
		{"rating in words", with("overall", "four"), nil, invalid.Problems{ratingMsg}},
		{"rating huge", with("overall", "99999999999999999999"), nil, invalid.Problems{ratingMsg}},
		{"nps 11", with("recommend", "11"), nil, invalid.Problems{npsMsg}},

		{"بله", with("working", "بله"), []Answer{{"overall", "4"}, {"working", "yes"}}, nil},
		{"آره", with("working", "آره"), []Answer{{"overall", "4"}, {"working", "yes"}}, nil},
		{"بلي typed on an Arabic keyboard", with("working", "بلي"), []Answer{{"overall", "4"}, {"working", "yes"}}, nil},
		{"Y", with("working", "Y"), []Answer{{"overall", "4"}, {"working", "yes"}}, nil},
		{"TRUE", with("working", "TRUE"), []Answer{{"overall", "4"}, {"working", "yes"}}, nil},
		{"خیر", with("working", "خیر"), []Answer{{"overall", "4"}, {"working", "no"}}, nil},
		{"نه", with("working", "نه"), []Answer{{"overall", "4"}, {"working", "no"}}, nil},
		{"n", with("working", "n"), []Answer{{"overall", "4"}, {"working", "no"}}, nil},
		{"False", with("working", "False"), []Answer{{"overall", "4"}, {"working", "no"}}, nil},
		{"maybe", with("working", "maybe"), nil, invalid.Problems{yesNoMsg}},
		{"yes no", with("working", "yes no"), nil, invalid.Problems{yesNoMsg}},

		{"choice by text", with("delivery", "Not delivered"), []Answer{{"overall", "4"}, {"working", "yes"}, {"delivery", "Not delivered"}}, nil},
		{"choice by text in another case", with("delivery", " late "), []Answer{{"overall", "4"}, {"working", "yes"}, {"delivery", "Late"}}, nil},
		{"choice by index", with("delivery", "2"), []Answer{{"overall", "4"}, {"working", "yes"}, {"delivery", "Late"}}, nil},
		{"choice by Persian index", with("delivery", "۳"), []Answer{{"overall", "4"}, {"working", "yes"}, {"delivery", "Not delivered"}}, nil},
		{"choice index 0", with("delivery", "0"), nil, invalid.Problems{choiceMsg}},
		{"choice index 4", with("delivery", "4"), nil, invalid.Problems{choiceMsg}},
		{"choice not an option", with("delivery", "Early"), nil, invalid.Problems{choiceMsg}},

		{"text of 2000 Persian characters", with("notes", strings.Repeat("خ", 2000)),
			[]Answer{{"overall", "4"}, {"working", "yes"}, {"notes", strings.Repeat("خ", 2000)}}, nil},
		{"text keeps inner line breaks", with("notes", "line one\nline two"),
			[]Answer{{"overall", "4"}, {"working", "yes"}, {"notes", "line one\nline two"}}, nil},
		{"text too long", with("notes", strings.Repeat("a", 2001)), nil,
			invalid.Problems{problem("notes", "answer.too_long", 2000, 2001)}},
		{"text with a NUL", with("notes", "ok\x00"), nil, invalid.Problems{problem("notes", "answer.control")}},
		{"text not UTF-8", with("notes", "ok\xff"), nil, invalid.Problems{problem("notes", "answer.utf8")}},

		{"required missing", with("overall", "<absent>"), nil, invalid.Problems{required("overall")}},
		{"required blank", with("working", " \u200f"), nil, invalid.Problems{required("working")}},
		{"nothing at all", map[string]string{}, nil,
			invalid.Problems{required("overall"), required("working")}},
		{"unknown key", with("colour", "red"), nil, invalid.Problems{unknown("colour")}},
		{"every problem, questions first, then unknown keys sorted", with(
			"zeta", "1", "overall", "0", "alpha", "", "working", "maybe", "recommend", "11",
		), nil, invalid.Problems{ratingMsg, npsMsg, yesNoMsg, unknown("alpha"), unknown("zeta")}},
	}
	v := valid()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, problems := v.ParseAnswers(tt.raw)
			if len(tt.wantErrs) > 0 {
				for _, p := range tt.wantErrs {
					for _, l := range []i18n.Lang{i18n.EN, i18n.FA} {
						if msg := i18n.Problem(l, p); strings.Contains(msg, "invalid.") || strings.Contains(msg, "%!") {
							t.Errorf("%s problem %s words as %q", l, p.Code, msg)
						}
					}
				}
				if got != nil || !reflect.DeepEqual(problems, tt.wantErrs) {
					t.Fatalf("ParseAnswers() = %q, %q; want nil, %q", got, problems, tt.wantErrs)
				}
				return
			}
			if problems != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("ParseAnswers() = %q, %q; want %q, nil", got, problems, tt.want)
			}
		})
	}
}

func TestTriggered(t *testing.T) {
	t.Parallel()
	v := valid()
	q := func(key string) Question {
		q, ok := v.Question(key)
		if !ok {
			t.Fatalf("no question %q", key)
		}
		return q
	}
	untriggered := q("overall")
	untriggered.Trigger = nil
	arabicTrigger := q("notes")
	arabicTrigger.Trigger = &Trigger{Contains: []string{"مشكل"}, Severity: SeverityLow, Category: "other"}

	tests := []struct {
		name  string
		q     Question
		value string
		want  bool
	}{
		{"rating at the limit", q("overall"), "2", true},
		{"rating below the limit", q("overall"), "1", true},
		{"rating above the limit", q("overall"), "3", false},
		{"rating in Persian digits", q("overall"), "۲", true},
		{"rating skipped", q("overall"), "", false},
		{"rating not a number", q("overall"), "bad", false},
		{"no trigger", untriggered, "1", false},
		{"nps at the limit", q("recommend"), "6", true},
		{"nps zero", q("recommend"), "0", true},
		{"nps above the limit", q("recommend"), "7", false},

		{"yes_no equals", q("working"), "no", true},
		{"yes_no other answer", q("working"), "yes", false},
		{"yes_no in Persian", q("working"), "خیر", true},

		{"choice equals", q("delivery"), "Late", true},
		{"choice by index", q("delivery"), "2", true},
		{"choice other option", q("delivery"), "On time", false},
		{"choice other index", q("delivery"), "3", false},

		{"word at the end of a sentence", q("notes"), "It is broken.", true},
		{"word in capitals", q("notes"), "BROKEN!!", true},
		{"word inside a longer word", q("notes"), "It arrived unbroken", false},
		{"word with a suffix", q("notes"), "it was brokenish", false},
		{"no trigger word", q("notes"), "All good, thank you", false},
		{"Persian word", q("notes"), "یک مشکل کوچک دارد", true},
		{"Persian word typed with Arabic ي and ك", q("notes"), "يك مشكل كوچك دارد", true},
		{"Persian word after a non-joiner suffix", q("notes"), "مشکل‌ها زیاد است", true},
		{"Persian word inside a longer word", q("notes"), "مشکلی نیست", false},
		{"Persian phrase with a space for the non-joiner", q("notes"), "دستگاه کار نمی کند", true},
		{"Persian phrase typed with Arabic letters", q("notes"), "كار نمي‌كند", true},
		{"Persian phrase split apart", q("notes"), "کار خوبی است و خراب نمی‌کند", false},
		{"trigger written with Arabic letters", arabicTrigger, "یک مشکل دارد", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.q.Triggered(Answer{tt.q.Key, tt.value}); got != tt.want {
				t.Errorf("Triggered(%q) = %v, want %v", tt.value, got, tt.want)
			}
		})
	}

	t.Run("answer to another question", func(t *testing.T) {
		t.Parallel()
		if q("overall").Triggered(Answer{"staff", "1"}) {
			t.Error("an answer to staff triggered overall")
		}
	})
}
