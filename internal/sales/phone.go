package sales

import "github.com/nyaruka/phonenumbers"

// NationalPhone writes a stored E.164 number as its own country dials it
// ("+989121234567" → "0912 123 4567"); people read and dial that form, while
// links keep the E.164. A number the library cannot read is returned as it is.
func NationalPhone(e164 string) string {
	num, err := phonenumbers.Parse(e164, "")
	if err != nil {
		return e164
	}
	return phonenumbers.Format(num, phonenumbers.NATIONAL)
}
