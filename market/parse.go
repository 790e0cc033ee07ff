package market

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseError says which input a typed value was for, what was typed and
// what is accepted. The previous value is always kept by the caller.
type ParseError struct {
	Input  string // the input's id
	Text   string // what was typed
	Reason string // why it was refused, including the accepted forms
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s: %s %s", e.Input, QuoteShort(e.Text), e.Reason)
}

// cutSign removes one leading minus (ASCII or U+2212) and reports whether
// there was one.
func cutSign(s string) (string, bool) {
	for _, m := range []string{"-", "−"} {
		if rest, ok := strings.CutPrefix(s, m); ok {
			return strings.TrimSpace(rest), true
		}
	}
	return s, false
}

// Accepted describes the forms a value of this input can be typed in.
func (in Input) Accepted() string {
	switch in.Unit {
	case UnitPeople:
		return "a number of people like 649M, 688m, 1.2bn or 649000000"
	case UnitUSD:
		return "an amount like 6B, 6bn, $6bn or 600M" + in.localNote("36.8bn")
	case UnitUSDPerMonth:
		return "a monthly price like 7.99 or $7.99" + in.localNote("19.8")
	case UnitPercent, UnitPercentYear:
		return "a percent like 5% or a fraction like 0.05 (a bare number of 1 or more is read as a percent)"
	case UnitYear:
		return "a year like 2017"
	case UnitMonths:
		return "a number of months like 6"
	case UnitOnOff:
		return "on or off (also true/false, yes/no, 1/0)"
	case UnitCount:
		return "a number of " + in.UnitLabel + " like 4.1M, 4100k or 4100000"
	case UnitMoneyPer:
		return "an amount like 1200, $1.2k or 1.2k" + in.localNote("8.7k")
	default:
		return "a number like " + strconv.FormatFloat(in.Default, 'f', -1, 64)
	}
}

// localNote is the accepted forms' mention of the market's own currency,
// when it has one (Symbol is set on money inputs at load).
func (in Input) localNote(example string) string {
	if in.LocalCode == "" {
		return ""
	}
	return fmt.Sprintf(" or %s%s (%s converted at the market's %s/USD rate)", in.Symbol, example, in.LocalCode, in.LocalCode)
}

// localWords are what people type for a currency besides its code and
// symbol.
var localWords = map[string][]string{
	"CNY": {"rmb", "￥", "yuan"},
	"INR": {"rs.", "rs", "rupees", "rupee"},
	"EUR": {"euros", "euro"},
	"GBP": {"pounds", "pound"},
	"JPY": {"yen", "円"},
}

// IsLocalWord reports whether word names the currency code ("rmb" and
// "yuan" for CNY, "rupees" for INR).
func IsLocalWord(code, word string) bool {
	for _, w := range localWords[code] {
		if strings.EqualFold(w, word) {
			return true
		}
	}
	return false
}

// Parse reads a value of this input as people type it and checks it
// against the input's hard limits. local is the market's second currency at
// its rate, for amounts typed in it (USD, or the zero Currency, for none).
func (in Input) Parse(text string, local Currency) (float64, error) {
	v, reason := in.parse(text, local)
	if reason != "" {
		return 0, &ParseError{Input: in.Name, Text: text, Reason: reason}
	}
	if in.Kind == KindYear && v != math.Trunc(v) {
		return 0, &ParseError{Input: in.Name, Text: text, Reason: "is not a whole year; type " + in.Accepted()}
	}
	if v < in.Min || v > in.Max {
		return 0, &ParseError{Input: in.Name, Text: text, Reason: fmt.Sprintf(
			"is outside what %s accepts: %s to %s", in.Label, in.Format(in.Min, USD), in.Format(in.Max, USD))}
	}
	return v, nil
}

// parse reads text as a value of this input in model units, or says why
// it cannot ("" when it can). Text is read in steps, each taking what it
// knows off the ends: a sign and a currency, unit words ("/mo", "%/yr"), a
// scale ("bn", "M", "%"), then the number itself.
func (in Input) parse(text string, local Currency) (float64, string) {
	s := strings.ToLower(strings.TrimSpace(text))
	if s == "" {
		return 0, "is empty; type " + in.Accepted()
	}
	if in.Unit == UnitOnOff {
		return in.parseSwitch(s)
	}
	s, neg, currency, reason := in.cutSignAndCurrency(s, local)
	if reason != "" {
		return 0, reason
	}
	if currency != "" && !in.isMoney() {
		return 0, "is money but " + in.Label + " is not; type " + in.Accepted()
	}
	s, ok := in.cutUnitWords(s)
	if !ok {
		return 0, in.notAValue()
	}
	s, scale, percent := cutScale(s)
	n, reason := in.number(s, neg)
	if reason != "" {
		return 0, reason
	}
	if n, reason = in.scaled(n, scale, percent); reason != "" {
		return 0, reason
	}
	return toUSD(n, currency, local)
}

func (in Input) notAValue() string {
	return "is not a value for " + in.Label + "; type " + in.Accepted()
}

func (in Input) twoSigns() string {
	return "has more than one sign; type " + in.Accepted() + ", with at most one minus in front"
}

func (in Input) isMoney() bool {
	return in.Unit == UnitUSD || in.Unit == UnitUSDPerMonth || in.Unit == UnitMoneyPer
}

func (in Input) isShare() bool { return in.Unit == UnitPercent || in.Unit == UnitPercentYear }

// parseSwitch reads an on/off input.
func (in Input) parseSwitch(s string) (float64, string) {
	switch s {
	case "on", "true", "yes", "1", "y":
		return 1, ""
	case "off", "false", "no", "0", "n":
		return 0, ""
	}
	return 0, in.notAValue()
}

// cutSignAndCurrency takes off a minus and a currency, as a prefix or a
// suffix, in either order: one sign at most, before or after the
// currency, so -$4 and $-4 but never -$-4 or --5%, which would read as
// plus. currency is "USD", local's code, or "" for none typed.
func (in Input) cutSignAndCurrency(s string, local Currency) (rest string, neg bool, currency, reason string) {
	if r, ok := cutSign(s); ok {
		neg, s = true, r
	}
	currency, s = cutCurrency(s, local)
	if r, ok := cutSign(s); ok {
		if neg {
			return "", false, "", in.twoSigns()
		}
		neg, s = true, r
	}
	if strings.HasPrefix(s, "+") {
		if neg {
			return "", false, "", in.twoSigns()
		}
		s = s[1:]
	}
	return s, neg, currency, ""
}

// currencyToken is a way to type a currency: "$", "usd", "¥", "yuan".
type currencyToken struct{ tok, code string }

// currencyTokens are the ways to type USD, then local's currency when it
// has one: its code, its symbol and its words.
func currencyTokens(local Currency) []currencyToken {
	tokens := []currencyToken{{"us$", "USD"}, {"usd", "USD"}, {"$", "USD"}}
	if local.Code == "" || local.Code == "USD" {
		return tokens
	}
	tokens = append(tokens, currencyToken{strings.ToLower(local.Code), local.Code})
	if local.Symbol != "" && local.Symbol != "$" {
		tokens = append(tokens, currencyToken{strings.ToLower(local.Symbol), local.Code})
	}
	for _, w := range localWords[local.Code] {
		tokens = append(tokens, currencyToken{w, local.Code})
	}
	return tokens
}

// cutCurrency takes off the first currency token found as a prefix or a
// suffix, and names its currency ("" when there is none).
func cutCurrency(s string, local Currency) (code, rest string) {
	for _, c := range currencyTokens(local) {
		if r, ok := strings.CutPrefix(s, c.tok); ok {
			return c.code, strings.TrimSpace(r)
		}
		if r, ok := strings.CutSuffix(s, c.tok); ok {
			return c.code, strings.TrimSpace(r)
		}
	}
	return "", s
}

// unitWords are what may trail a number to say its unit.
var unitWords = []string{"/month", "/mo", " a month", "per month", "%/yr", "%/year", "/yr", "/year", " a year", "per year", "months", "month", "mo"}

// cutUnitWords takes off the first unit word that ends s, keeping the %
// of "%/yr". ok is false when the word is not this input's unit ("/mo"
// on a share).
func (in Input) cutUnitWords(s string) (rest string, ok bool) {
	for _, suffix := range unitWords {
		if !strings.HasSuffix(s, suffix) {
			continue
		}
		switch {
		case strings.HasPrefix(suffix, "%"):
			if !in.isShare() {
				return s, false
			}
			s = strings.TrimSuffix(s, suffix[1:]) // keep the %
		case strings.Contains(suffix, "mo") && in.Unit != UnitUSDPerMonth && in.Unit != UnitMonths:
			return s, false
		case (strings.Contains(suffix, "yr") || strings.Contains(suffix, "year")) && in.Unit != UnitPercentYear:
			return s, false
		default:
			s = strings.TrimSuffix(s, suffix)
		}
		return strings.TrimSpace(s), true
	}
	return s, true
}

// scales are the words and letters that scale a number, longest first so
// "bn" is not read as "n"; "%" is a scale of its own.
var scales = []struct {
	tok   string
	scale float64
}{
	{"trillion", 1e12}, {"billion", 1e9}, {"million", 1e6}, {"thousand", 1e3},
	{"tn", 1e12}, {"bn", 1e9}, {"mn", 1e6}, {"mil", 1e6},
	{"t", 1e12}, {"b", 1e9}, {"m", 1e6}, {"k", 1e3}, {"%", 0},
}

// NumberSuffixes are the scales and unit words a typed number may end
// with ("bn", "k", "%", "/mo"): a currency symbol that is one of them, or
// ends one, would be read in their place.
func NumberSuffixes() []string {
	var out []string
	for _, m := range scales {
		out = append(out, m.tok)
	}
	return append(out, unitWords...)
}

// cutScale takes off the scale that ends s: its factor (1 for none), or
// percent for a %.
func cutScale(s string) (rest string, scale float64, percent bool) {
	for _, m := range scales {
		if r, ok := strings.CutSuffix(s, m.tok); ok {
			if m.tok == "%" {
				return strings.TrimSpace(r), 1, true
			}
			return strings.TrimSpace(r), m.scale, false
		}
	}
	return s, 1, false
}

// number reads what is left, a plain decimal with , or _ between digits,
// negated when a minus was taken off before.
func (in Input) number(s string, neg bool) (float64, string) {
	s = strings.ReplaceAll(strings.ReplaceAll(s, ",", ""), "_", "")
	if s == "" || strings.HasPrefix(s, "0x") {
		return 0, in.notAValue()
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "−") {
		return 0, in.twoSigns() // every sign allowed was taken off above
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, in.notAValue()
	}
	if neg && n != 0 { // -0 is 0: it must not show as -0.0% or -0
		n = -n
	}
	return n, ""
}

// scaled applies the scale or percent typed, where this input's unit
// allows it: a share reads a bare number of 1 or more as a percent, and
// only people and money take "M" or "bn".
func (in Input) scaled(n, scale float64, percent bool) (float64, string) {
	switch {
	case percent && !in.isShare():
		return 0, "is a percent but " + in.Label + " is not; type " + in.Accepted()
	case scale != 1 && in.Unit != UnitPeople && in.Unit != UnitCount && in.Unit != UnitOther && !in.isMoney():
		return 0, in.notAValue()
	case percent:
		n /= 100
	case in.isShare() && math.Abs(n) >= 1:
		n /= 100 // "2" in a percent field means 2%
	}
	return n * scale, ""
}

// toUSD converts an amount typed in the local currency at its rate.
func toUSD(n float64, currency string, local Currency) (float64, string) {
	if currency == "" || currency == "USD" {
		return n, ""
	}
	if fx := local.PerUSD; fx <= 0 || bad(fx) {
		return 0, "is in " + currency + " but the " + currency + "/USD rate is not set; type the amount in USD"
	}
	return n / local.PerUSD, ""
}
