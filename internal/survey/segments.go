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
	m := Measure(text)
	return m.Segments, m.Encoding
}

// PriceClass sorts a text by what it costs to send: carriers bill each
// part, so a supervisor keeps survey texts in the first class.
type PriceClass string

const (
	OnePart     PriceClass = "one_part"   // one part's price
	FewParts    PriceClass = "few_parts"  // two or three parts
	ManyParts   PriceClass = "many_parts" // four or more: shorten it
	manyAtLeast            = 4
)

// Measurement is what the rules page shows as a supervisor types an SMS
// text: its encoding, its length in that encoding's units (septets or
// UTF-16 code units), the parts it takes, the units left before one more
// part, and its price class.
type Measurement struct {
	Encoding Encoding
	Units    int
	Segments int
	Left     int
	Class    PriceClass
}

// Measure measures text as an SMS: GSM-7 when every character is in the
// default alphabet (160 septets, 153 a part when split), else UCS-2 (70,
// 67 a part).
func Measure(text string) Measurement {
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
	m := Measurement{Encoding: GSM7, Units: septets}
	single, each := 160, 153
	if !gsm {
		// UCS-2 counts UTF-16 code units: an emoji outside the BMP takes two.
		m = Measurement{Encoding: UCS2, Units: len(utf16.Encode([]rune(text)))}
		single, each = 70, 67
	}
	switch {
	case text == "":
		m.Left = single
	case m.Units <= single:
		m.Segments, m.Left = 1, single-m.Units
	default:
		m.Segments = (m.Units + each - 1) / each
		m.Left = m.Segments*each - m.Units
	}
	switch {
	case m.Segments >= manyAtLeast:
		m.Class = ManyParts
	case m.Segments > 1:
		m.Class = FewParts
	default:
		m.Class = OnePart
	}
	return m
}
