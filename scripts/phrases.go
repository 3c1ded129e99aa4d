package scripts

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tamas-app/tamas/internal/invalid"
)

// What a phrase reads as, to finish `… reads as <why>`.
const (
	asOffer     = "an offer"
	asDiscount  = "a discount"
	asCode      = "a discount code"
	asSale      = "a sale event"
	asPromotion = "a promotion"
	asUpsell    = "an upsell"
	asBuy       = "a push to buy"
	asUrgency   = "pressure to buy now"
	asSignUp    = "a sign-up pitch"
	asPitch     = "a sales pitch"
)

// reasonTerms name the shipped reasons' messages (i18n "guard.as.…"), so a
// finding reads in the reader's language; a reason from a configured list
// is shown as written there.
var reasonTerms = map[string]invalid.Term{
	asOffer:     "guard.as.offer",
	asDiscount:  "guard.as.discount",
	asCode:      "guard.as.discount_code",
	asSale:      "guard.as.sale_event",
	asPromotion: "guard.as.promotion",
	asUpsell:    "guard.as.upsell",
	asBuy:       "guard.as.buy",
	asUrgency:   "guard.as.urgency",
	asSignUp:    "guard.as.sign_up",
	asPitch:     "guard.as.pitch",
}

// DefaultPhrases returns the shipped sales-language lists for English and
// Persian, a fresh map on every call.
//
// Honest follow-ups talk about the product, the price paid, the purchase,
// the warranty and delivery, so those words alone never count. A word that
// sells only in some uses is listed in the uses that sell: "buy" and "خرید"
// as a call to buy ("buy now", "would you like to buy", "خرید کنید",
// "بخرید"), never as the purchase being asked about ("the phone you bought",
// "درباره‌ی خرید اخیرتان", "would you buy from us again?"); "offer" as an
// offer to the customer, not "did the staff offer to help"; "ارتقا" as an
// upgrade ("ارتقا دهید"), not "ارتقای کیفیت خدمات"; "اشتراک" as a
// subscription, not "به اشتراک بگذارید" (share); "پیشنهاد" as an offer,
// not "پیشنهادی برای ما دارید؟" (a suggestion); "فرصت" as a limited chance,
// not "فرصت دارید؟" (have you time). Discounts and coupons count in any use:
// an honest script asks whether the price paid was the one promised.
func DefaultPhrases() map[string][]Phrase {
	return map[string][]Phrase{
		"en": {
			// Offers and prices.
			{"special offer*", asOffer},
			{"exclusive offer*", asOffer},
			{"limited offer*", asOffer},
			{"great offer*", asOffer},
			{"latest offers", asOffer},
			{"best offers", asOffer},
			{"our offers", asOffer},
			{"offer for you", asOffer},
			{"offers for you", asOffer},
			{"like to offer", asOffer},
			{"we're offering", asOffer},
			{"we are offering", asOffer},
			{"we can offer", asOffer},
			{"we have an offer", asOffer},
			{"offer ends", asOffer},
			{"offer expires", asOffer},
			{"offer is valid", asOffer},
			{"special price*", asOffer},
			{"exclusive price*", asOffer},
			{"best price*", asOffer},
			{"lowest price*", asOffer},
			{"special deal*", asOffer},
			{"great deal*", asOffer},
			{"best deal*", asOffer},
			{"exclusive deal*", asOffer},
			{"deal for you", asOffer},
			{"deal of the", asOffer},
			{"just for you", asOffer},
			{"only for you", asOffer},
			{"exclusively for you", asOffer},
			{"for only #", asOffer},
			{"for just #", asOffer},
			{"free gift*", asOffer},
			{"free trial*", asOffer},
			{"cashback", asOffer},
			{"buy one get one", asOffer},
			{"two for one", asOffer},
			{"bogo", asOffer},
			// Discounts.
			{"discount*", asDiscount},
			{"# off", asDiscount},
			{"percent off", asDiscount},
			{"half price", asDiscount},
			{"half off", asDiscount},
			{"reduced price*", asDiscount},
			{"save #", asDiscount},
			{"save up to", asDiscount},
			{"coupon*", asDiscount},
			{"voucher*", asDiscount},
			{"discount code*", asCode},
			{"promo code*", asCode},
			{"promotional code*", asCode},
			{"promo*", asPromotion},
			// Sale events.
			{"on sale", asSale},
			{"sale ends", asSale},
			{"sale price*", asSale},
			{"big sale", asSale},
			{"flash sale", asSale},
			{"summer sale", asSale},
			{"winter sale", asSale},
			{"holiday sale", asSale},
			{"clearance sale", asSale},
			{"clearance price*", asSale},
			{"on clearance", asSale},
			{"black friday", asSale},
			{"cyber monday", asSale},
			// Upsells.
			{"extended warrant*", asUpsell},
			{"extend your warrant*", asUpsell},
			{"extend the warrant*", asUpsell},
			{"protection plan*", asUpsell},
			{"upgrade to", asUpsell},
			{"upgrade your", asUpsell},
			{"upgrade now", asUpsell},
			{"upgrade today", asUpsell},
			{"upgrade for", asUpsell},
			{"upgrade offer*", asUpsell},
			{"upgrade option*", asUpsell},
			{"upgrading to", asUpsell},
			{"upgrading your", asUpsell},
			{"an upgrade", asUpsell},
			{"like to upgrade", asUpsell},
			{"want to upgrade", asUpsell},
			{"can upgrade", asUpsell},
			{"could upgrade", asUpsell},
			{"add-on", asUpsell},
			{"add-ons", asUpsell},
			{"addon*", asUpsell},
			{"trade in", asUpsell},
			{"premium plan*", asUpsell},
			{"premium membership", asUpsell},
			{"go premium", asUpsell},
			{"might also like", asUpsell},
			{"may also like", asUpsell},
			{"interest you in", asPitch},
			{"are you interested in", asPitch},
			{"would you be interested", asPitch},
			{"might be interested", asPitch},
			{"may be interested", asPitch},
			{"check out our", asPitch},
			{"treat yourself", asPitch},
			{"new arrivals", asPitch},
			{"new collection", asPitch},
			// Calls to buy.
			{"buy now", asBuy},
			{"buy it now", asBuy},
			{"buy one", asBuy},
			{"buy another", asBuy},
			{"buy more", asBuy},
			{"buy the new", asBuy},
			{"buy our", asBuy},
			{"you can buy", asBuy},
			{"you could buy", asBuy},
			{"can also buy", asBuy},
			{"like to buy", asBuy},
			{"want to buy", asBuy},
			{"why not buy", asBuy},
			{"purchase now", asBuy},
			{"like to purchase", asBuy},
			{"want to purchase", asBuy},
			{"you can purchase", asBuy},
			{"purchase our", asBuy},
			{"purchase additional", asBuy},
			{"purchase the new", asBuy},
			{"order now", asBuy},
			{"order today", asBuy},
			{"like to order", asBuy},
			{"want to order", asBuy},
			{"shop now", asBuy},
			{"on your next purchase", asBuy},
			{"on your next order", asBuy},
			{"get yours", asBuy},
			{"grab yours", asBuy},
			// Urgency.
			{"limited time", asUrgency},
			{"limited stock", asUrgency},
			{"only # left", asUrgency},
			{"hurry up", asUrgency},
			{"better hurry", asUrgency},
			{"act now", asUrgency},
			{"act fast", asUrgency},
			{"don't miss", asUrgency},
			{"last chance", asUrgency},
			{"today only", asUrgency},
			{"this week only", asUrgency},
			{"ends today", asUrgency},
			{"ends soon", asUrgency},
			{"ends tonight", asUrgency},
			{"while stocks last", asUrgency},
			{"while supplies last", asUrgency},
			// Sign-ups.
			{"subscribe", asSignUp},
			{"newsletter*", asSignUp},
			{"mailing list", asSignUp},
			{"sign up for our", asSignUp},
			{"join our", asSignUp},
			{"follow us", asSignUp},
			{"loyalty program*", asSignUp},
			{"loyalty programme*", asSignUp},
			{"refer a friend", asSignUp},
			{"referral*", asSignUp},
		},
		"fa": {
			// تخفیف و کد تخفیف
			{"تخفیف*", asDiscount},
			{"کد تخفیف*", asCode},
			{"کوپن*", asDiscount},
			{"بن خرید", asDiscount},
			{"ووچر*", asDiscount},
			{"کش بک", asOffer},
			{"کشبک", asOffer},
			// پیشنهاد و قیمت ویژه
			{"پیشنهاد* ویژه", asOffer},
			{"پیشنهاد* شگفت انگیز", asOffer},
			{"پیشنهاد* استثنایی", asOffer},
			{"پیشنهاد* فوق العاده", asOffer},
			{"پیشنهاد* طلایی", asOffer},
			{"پیشنهادی برای شما", asOffer},
			{"پیشنهاد برای شما", asOffer},
			{"قیمت* ویژه", asOffer},
			{"قیمت* استثنایی", asOffer},
			{"قیمت* باورنکردنی", asOffer},
			{"قیمت* فوق العاده", asOffer},
			{"بهترین قیمت", asOffer},
			{"مخصوص شما", asOffer},
			{"ویژه شما", asOffer},
			{"هدیه رایگان", asOffer},
			{"هدیه ویژه", asOffer},
			{"بسته ویژه", asOffer},
			{"بسته پیشنهادی", asOffer},
			// حراج و جشنواره
			{"حراج*", asSale},
			{"جشنواره*", asPromotion},
			{"فروش ویژه", asSale},
			{"فروش فوق العاده", asSale},
			{"فروش استثنایی", asSale},
			// ارتقا و فروش بیشتر
			{"ارتقا* دهید", asUpsell},
			{"ارتقا* بدهید", asUpsell},
			{"ارتقا* بدید", asUpsell},
			{"ارتقا* بدین", asUpsell},
			{"ارتقا* به", asUpsell},
			{"ارتقا* بسته", asUpsell},
			{"ارتقا* اشتراک", asUpsell},
			{"ارتقا* رایگان", asUpsell},
			{"تمدید گارانتی", asUpsell},
			{"گارانتی تمدید*", asUpsell},
			{"گارانتی اضافه", asUpsell},
			{"تمدید کنید", asUpsell},
			{"گارانتی طلایی", asUpsell},
			{"علاقه مند هستید", asPitch},
			{"علاقه مندید", asPitch},
			{"علاقه مند باشید", asPitch},
			{"محصولات جدید", asPitch},
			// دعوت به خرید
			{"خرید کنید", asBuy},
			{"خرید کن", asBuy},
			{"خرید کنین", asBuy},
			{"خریداری کنید", asBuy},
			{"خریداری کن", asBuy},
			{"بخرید", asBuy},
			{"بخر", asBuy},
			{"بخرین", asBuy},
			{"سفارش دهید", asBuy},
			{"سفارش بدهید", asBuy},
			{"سفارش بدید", asBuy},
			{"سفارش بدین", asBuy},
			// فرصت محدود
			{"فرصت محدود", asUrgency},
			{"فرصت استثنایی", asUrgency},
			{"فرصت طلایی", asUrgency},
			{"آخرین فرصت", asUrgency},
			{"زمان محدود", asUrgency},
			{"مدت محدود", asUrgency},
			{"موجودی محدود", asUrgency},
			{"تعداد محدود", asUrgency},
			{"فقط امروز", asUrgency},
			{"عجله کنید", asUrgency},
			{"از دست ندهید", asUrgency},
			// اشتراک و عضویت
			{"اشتراک ویژه", asSignUp},
			{"اشتراک بگیرید", asSignUp},
			{"خرید اشتراک", asSignUp},
			{"مشترک شوید", asSignUp},
			{"عضو شوید", asSignUp},
			{"عضویت ویژه", asSignUp},
			{"عضو باشگاه", asSignUp},
			{"عضویت در باشگاه", asSignUp},
			{"خبرنامه*", asSignUp},
		},
	}
}

// ParsePhrases reads phrase lists so they can be configured without a
// release: one phrase a line as "lang<TAB>phrase<TAB>why", for example
//
//	en	special price	an offer
//	fa	کد تخفیف	a discount code
//
// Blank lines and lines starting with '#' are skipped. The phrase uses the
// marks Phrase describes. An empty list is an error, not a guard that
// silently lets everything through.
func ParsePhrases(r io.Reader) (map[string][]Phrase, error) {
	type place struct {
		line int
		text string
	}
	var (
		phrases = map[string][]Phrase{}
		seen    = map[string]place{} // lang + compiled words → first line
		sc      = bufio.NewScanner(r)
		n       int
	)
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if trimmed := clean(line); trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 {
			return nil, fmt.Errorf("line %d: want lang<TAB>phrase<TAB>why, found %d tab-separated fields", n, len(fields))
		}
		lang, text, why := clean(fields[0]), clean(fields[1]), clean(fields[2])
		if lang == "" || baseLanguage(lang) != lang || strings.IndexFunc(lang, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
			return nil, fmt.Errorf("line %d: language %s must be a lowercase language code such as en or fa", n, quote(fields[0]))
		}
		ws, err := compilePhrase(text)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if why == "" {
			return nil, fmt.Errorf("line %d: phrase %s needs a reason, such as \"an offer\"", n, quote(text))
		}
		key := lang + "\x00" + fmt.Sprint(ws)
		if first, dup := seen[key]; dup {
			return nil, fmt.Errorf("line %d: phrase %s is the same as %s on line %d", n, quote(text), quote(first.text), first.line)
		}
		seen[key] = place{n, text}
		phrases[lang] = append(phrases[lang], Phrase{text, why})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading phrases: %w", err)
	}
	if len(phrases) == 0 {
		return nil, errors.New("no phrases: a list needs at least one lang<TAB>phrase<TAB>why line")
	}
	return phrases, nil
}
