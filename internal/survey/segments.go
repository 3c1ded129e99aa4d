package survey

import (
	"strings"
	"unicode/utf16"
)

// Encoding is how a message travels over SMS.
type Encoding string

const (
	GSM7 Encoding = "GSM-7" // 7-bit default alphabet: 160 characters, 153 per part when split
	UCS2 Encoding = "UCS-2" // anything else, Persian included: 70, 67 per part
)

// gsmBasic and gsmExtended are the GSM 03.38 default alphabet and its
// extension table; an extension character takes two septets.
const (
	gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
		"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsmExtended = "^{}\\[~]|€\f"
)

// Segments is how many SMS parts text is sent as, and in which encoding:
// carriers bill each part, and a Persian survey question with its answer
// hint is often two. Callers warn when a message takes more than one or two.
func Segments(text string) (int, Encoding) {
	if text == "" {
		return 0, GSM7
	}
	septets, gsm := 0, true
	for _, r := range text {
		switch {
		case strings.ContainsRune(gsmBasic, r):
			septets++
		case strings.ContainsRune(gsmExtended, r):
			septets += 2
		default:
			gsm = false
		}
	}
	if gsm {
		return parts(septets, 160, 153), GSM7
	}
	// UCS-2 counts UTF-16 code units: an emoji outside the BMP takes two.
	return parts(len(utf16.Encode([]rune(text))), 70, 67), UCS2
}

func parts(n, single, each int) int {
	if n <= single {
		return 1
	}
	return (n + each - 1) / each
}
