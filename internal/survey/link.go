package survey

import (
	"strings"

	"github.com/tamas-app/tamas/internal/i18n"
)

// LinkText is the text of a survey link step: a greeting by first name,
// one short question and the link. It is kept to one part where the
// language allows: GSM-7 English fits 160 characters with the link; Persian
// is UCS-2, so its words stay under 70 characters and the link makes a
// second part.
func LinkText(l i18n.Lang, firstName, link string) string {
	return i18n.T(l, "survey.link.sms", firstName, link)
}

// FirstName is the only part of a customer's name a survey page or link
// text shows.
func FirstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return ""
}
