package automated_test

import (
	"testing"

	"github.com/tamas-app/tamas/internal/automated/automatedtest"
	"github.com/tamas-app/tamas/internal/i18n"
)

// TestSMSOpensWithTheRulesText: the first text is the rule's own, in the
// survey's language, with the English text when the rule has none in it,
// and a category's rule before the default one.
func TestSMSOpensWithTheRulesText(t *testing.T) {
	t.Parallel()
	faHint := i18n.T(i18n.FA, "survey.sms.hint_scale", "۱", "۵") + "\n" + i18n.T(i18n.FA, "survey.sms.stop_hint")
	enHint := i18n.T(i18n.EN, "survey.sms.hint_scale", "1", "5") + "\n" + i18n.T(i18n.EN, "survey.sms.stop_hint")
	for _, tc := range []struct {
		name string
		// sql runs before the first step; $1 is the follow-up.
		sql  string
		want string
	}{
		{
			name: "persian customer, default rule",
			sql:  `UPDATE followup_rules SET sms_texts = '{"fa": "{customer} عزیز، راضی هستید؟", "en": "Dear {customer}, happy?"}' WHERE category = '' AND $1 > 0`,
			want: "مریم رضایی عزیز، راضی هستید؟\n" + faHint,
		},
		{
			name: "english customer",
			sql: `WITH t AS (UPDATE followup_rules SET sms_texts = '{"fa": "{customer} عزیز، راضی هستید؟", "en": "Dear {customer}, happy?"}' WHERE category = ''),
				c AS (UPDATE customers SET locale = 'en', name = 'Emma Clark' WHERE id = (SELECT customer_id FROM follow_ups WHERE id = $1))
				UPDATE follow_ups SET script_version_id = NULL WHERE id = $1`,
			want: "Dear Emma Clark, happy?\n" + enHint,
		},
		{
			name: "no text in the customer's language",
			sql:  `UPDATE followup_rules SET sms_texts = '{"en": "Dear {customer}, happy?"}' WHERE category = '' AND $1 > 0`,
			want: "Dear مریم رضایی, happy?\n" + faHint,
		},
		{
			name: "the category's rule",
			sql: `WITH r AS (INSERT INTO followup_rules (category, delay_days, channel, ladder, script_name, priority, max_attempts, retry_spacing_minutes, sms_texts)
					SELECT 'glasses', delay_days, channel, ladder, script_name, priority, max_attempts, retry_spacing_minutes, '{"fa": "عینک {product} خوب است؟"}'
					FROM followup_rules WHERE category = '')
				UPDATE sales SET product_category = 'glasses' WHERE id = (SELECT sale_id FROM follow_ups WHERE id = $1)`,
			want: "عینک عینک مطالعه خوب است؟\n" + faHint,
		},
		{
			// The branch is named in the script's language, not as the
			// shop spelt it on the sale.
			name: "the branch's name",
			sql: `WITH t AS (UPDATE followup_rules SET sms_texts = '{"fa": "خرید از شعبهٔ {branch}، راضی هستید؟"}' WHERE category = '')
				UPDATE branches SET name_en = 'Tajrish Square', name_fa = 'میدان تجریش'
				WHERE id = (SELECT s.branch_id FROM sales s JOIN follow_ups f ON f.sale_id = s.id WHERE f.id = $1)`,
			want: "خرید از شعبهٔ میدان تجریش، راضی هستید؟\n" + faHint,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := open(t, automatedtest.Opts{})
			if _, err := s.Pool.Exec(t.Context(), tc.sql, s.FollowUp); err != nil {
				t.Fatal(err)
			}
			if errs := s.Work(t); len(errs) > 0 {
				t.Fatal(errs)
			}
			ms := s.Fake.Messages()
			if len(ms) != 1 || ms[0].Body != tc.want {
				t.Fatalf("messages %q, want one: %q", automatedtest.Bodies(ms), tc.want)
			}
		})
	}
}
