package i18n

import (
	"strconv"
	"strings"
)

// WholeNumber reads a whole number in [min, max] typed in ASCII or Persian
// digits, as a Persian keyboard types them.
func WholeNumber(s string, min, max int) (int, bool) {
	s = ASCIIDigits(strings.TrimSpace(s))
	if s == "" || len(s) > 9 {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, false
	}
	return n, true
}
