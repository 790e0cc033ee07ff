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

func (in Input) parse(text string, local Currency) (float64, string) {
	notAValue := "is not a value for " + in.Label + "; type " + in.Accepted()
	s := strings.ToLower(strings.TrimSpace(text))
	if s == "" {
		return 0, "is empty; type " + in.Accepted()
	}
	if in.Unit == UnitOnOff {
		switch s {
		case "on", "true", "yes", "1", "y":
			return 1, ""
		case "off", "false", "no", "0", "n":
			return 0, ""
		}
		return 0, notAValue
	}

	// One sign at most, before or after the currency: -$4 and $-4, never
	// -$-4 or --5%, which would read as plus.
	twoSigns := "has more than one sign; type " + in.Accepted() + ", with at most one minus in front"
	neg := false
	if rest, ok := cutSign(s); ok {
		neg, s = true, rest
	}
	// Currency, as a prefix or a suffix.
	currency := ""
	tokens := []struct{ tok, code string }{{"us$", "USD"}, {"usd", "USD"}, {"$", "USD"}}
	if local.Code != "" && local.Code != "USD" {
		tokens = append(tokens, struct{ tok, code string }{strings.ToLower(local.Code), local.Code})
		if local.Symbol != "" && local.Symbol != "$" {
			tokens = append(tokens, struct{ tok, code string }{strings.ToLower(local.Symbol), local.Code})
		}
		for _, w := range localWords[local.Code] {
			tokens = append(tokens, struct{ tok, code string }{w, local.Code})
		}
	}
	for _, c := range tokens {
		if strings.HasPrefix(s, c.tok) {
			currency, s = c.code, strings.TrimSpace(strings.TrimPrefix(s, c.tok))
			break
		}
		if strings.HasSuffix(s, c.tok) {
			currency, s = c.code, strings.TrimSpace(strings.TrimSuffix(s, c.tok))
			break
		}
	}
	if rest, ok := cutSign(s); ok {
		if neg {
			return 0, twoSigns
		}
		neg, s = true, rest
	}
	if strings.HasPrefix(s, "+") {
		if neg {
			return 0, twoSigns
		}
		s = s[1:]
	}
	money := in.Unit == UnitUSD || in.Unit == UnitUSDPerMonth
	if currency != "" && !money {
		return 0, "is money but " + in.Label + " is not; type " + in.Accepted()
	}

	// Unit words that may trail the number.
	for _, suffix := range []string{"/month", "/mo", " a month", "per month", "%/yr", "%/year", "/yr", "/year", " a year", "per year", "months", "month", "mo"} {
		if strings.HasSuffix(s, suffix) {
			switch {
			case strings.HasPrefix(suffix, "%"):
				if in.Unit != UnitPercentYear && in.Unit != UnitPercent {
					return 0, notAValue
				}
				s = strings.TrimSuffix(s, suffix[1:]) // keep the %
			case strings.Contains(suffix, "mo") && in.Unit != UnitUSDPerMonth && in.Unit != UnitMonths:
				return 0, notAValue
			case (strings.Contains(suffix, "yr") || strings.Contains(suffix, "year")) && in.Unit != UnitPercentYear:
				return 0, notAValue
			default:
				s = strings.TrimSuffix(s, suffix)
			}
			s = strings.TrimSpace(s)
			break
		}
	}

	// Scale words and letters.
	scale := 1.0
	percent := false
	for _, m := range []struct {
		tok   string
		scale float64
	}{
		{"trillion", 1e12}, {"billion", 1e9}, {"million", 1e6}, {"thousand", 1e3},
		{"tn", 1e12}, {"bn", 1e9}, {"mn", 1e6}, {"mil", 1e6},
		{"t", 1e12}, {"b", 1e9}, {"m", 1e6}, {"k", 1e3}, {"%", 0},
	} {
		if strings.HasSuffix(s, m.tok) {
			s = strings.TrimSpace(strings.TrimSuffix(s, m.tok))
			if m.tok == "%" {
				percent = true
			} else {
				scale = m.scale
			}
			break
		}
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, ",", ""), "_", "")
	if s == "" || strings.HasPrefix(s, "0x") {
		return 0, notAValue
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "−") {
		return 0, twoSigns // every sign allowed was taken off above
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, notAValue
	}
	if neg && n != 0 { // -0 is 0: it must not show as -0.0% or -0
		n = -n
	}

	isShare := in.Unit == UnitPercent || in.Unit == UnitPercentYear
	switch {
	case percent && !isShare:
		return 0, "is a percent but " + in.Label + " is not; type " + in.Accepted()
	case scale != 1 && in.Unit != UnitPeople && !money:
		return 0, notAValue
	case percent:
		n /= 100
	case isShare && math.Abs(n) >= 1:
		n /= 100 // "2" in a percent field means 2%
	}
	n *= scale
	if currency != "" && currency != "USD" {
		if fx := local.PerUSD; fx <= 0 || bad(fx) {
			return 0, "is in " + currency + " but the " + currency + "/USD rate is not set; type the amount in USD"
		}
		n /= local.PerUSD
	}
	return n, ""
}
