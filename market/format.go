package market

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Currency is how money is shown. The model works in USD; a market's own
// currency (CNY, INR) is a display choice at the market's exchange rate.
type Currency struct {
	Code   string  // "USD", "CNY"
	Symbol string  // "$", "¥"
	PerUSD float64 // units of this currency for one US dollar
}

// USD shows money in US dollars.
var USD = Currency{Code: "USD", Symbol: "$", PerUSD: 1}

// FormatMoney shows an amount in USD as short money with three significant
// figures: $6.00B, $55.9B, $308M, $12.3k, $0.
func FormatMoney(usd float64, c Currency) string {
	if c.PerUSD == 0 {
		c = USD
	}
	return shortNumber(usd*c.PerUSD, c.Symbol, 3)
}

// FormatPeople shows a number of people short: 649M, 1,162M, 13.8M, 0.36M, 45.0k.
func FormatPeople(n float64) string {
	if bad(n) {
		return "–"
	}
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	switch {
	case n >= 100e6:
		return sign + groupThousands(strconv.FormatFloat(math.Round(n/1e6), 'f', 0, 64)) + "M"
	case n >= 10e6:
		return sign + strconv.FormatFloat(n/1e6, 'f', 1, 64) + "M"
	case n >= 100e3:
		return sign + strconv.FormatFloat(n/1e6, 'f', 2, 64) + "M"
	case n >= 1e3:
		return sign + strconv.FormatFloat(n/1e3, 'f', 1, 64) + "k"
	default:
		return noNegativeZero(sign + strconv.FormatFloat(n, 'f', 0, 64))
	}
}

// FormatPercent shows a fraction as a percent with the given decimals.
// A value that rounds to zero shows as 0.0%, never -0.0%.
func FormatPercent(f float64, decimals int) string {
	if bad(f) {
		return "–"
	}
	return noNegativeZero(strconv.FormatFloat(f*100, 'f', decimals, 64)) + "%"
}

// noNegativeZero drops the minus of a formatted number that is all zeros
// ("-0", "-0.00"): -0 and a tiny negative rounded away are zero to a reader.
func noNegativeZero(s string) string {
	if strings.HasPrefix(s, "-") && strings.Trim(s[1:], "0.") == "" {
		return s[1:]
	}
	return s
}

// PlainNumber writes a number in full without an exponent, for CSV and
// JSON: -0 is written 0, and NaN and ±Inf, which JSON cannot hold, are
// written null (a run or a validated market never makes them).
func PlainNumber(v float64) string {
	if bad(v) {
		return "null"
	}
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// maxQuoted is how much of a value an error message repeats.
const maxQuoted = 40

// QuoteShort quotes text for an error message: Go-quoted, so control
// characters show as \x1b and never reach the terminal, and cut after 40
// characters with the full length said: "aaaa…" (100000 bytes).
func QuoteShort(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	cut := s
	for i := range s {
		if utf8.RuneCountInString(s[:i]) == maxQuoted {
			cut = s[:i]
			break
		}
	}
	return strconv.Quote(cut) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}

// maxListed is how many names an error message lists.
const maxListed = 10

// JoinShort joins names for a sentence, the first ten and then "and N
// more", so an error never lists thousands of names on one line.
func JoinShort(names []string) string {
	if len(names) <= maxListed {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:maxListed], ", ") + " and " + strconv.Itoa(len(names)-maxListed) + " more"
}

// FormatShare shows a fraction as a percent with three significant figures
// (60.0%, 1.10%, 0.362%), for outputs whose size is not known in advance.
func FormatShare(f float64) string {
	if bad(f) {
		return "–"
	}
	p := math.Abs(f * 100)
	switch {
	case p == 0 || p >= 10:
		return FormatPercent(f, 1)
	case p >= 1:
		return FormatPercent(f, 2)
	default:
		return FormatPercent(f, 3)
	}
}

// shortNumber formats with a prefix symbol and k/M/B/T suffixes to sig
// significant figures.
func shortNumber(v float64, symbol string, sig int) string {
	if bad(v) {
		return "–"
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	suffixes := []struct {
		scale float64
		s     string
	}{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}}
	for _, sf := range suffixes {
		if v >= sf.scale*0.9995 {
			return sign + symbol + sigFigs(v/sf.scale, sig) + sf.s
		}
	}
	if v == 0 {
		return symbol + "0"
	}
	if v >= 1 {
		return sign + symbol + sigFigs(v, sig)
	}
	small := strconv.FormatFloat(v, 'f', 2, 64)
	if strings.Trim(small, "0.") == "" {
		sign = "" // -$0.00 is $0.00
	}
	return sign + symbol + small
}

// sigFigs shows v (≥ 1) with sig significant figures but never in exponent
// form: 6 → 6.00, 55.88 → 55.9, 308.2 → 308, 1234 → 1234.
func sigFigs(v float64, sig int) string {
	digits := 1
	for x := v; x >= 10; x /= 10 {
		digits++
	}
	dec := sig - digits
	if dec < 0 {
		dec = 0
	}
	s := strconv.FormatFloat(v, 'f', dec, 64)
	// Rounding can add a digit (999.6 → 1000): drop a decimal to keep the width.
	if dec > 0 && len(s) > sig+1 {
		s = strconv.FormatFloat(v, 'f', dec-1, 64)
	}
	return s
}

// FormatCount is a whole number with thousands separators: 100,000.
func FormatCount(n int) string { return groupThousands(strconv.Itoa(n)) }

func groupThousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String() + frac
	if neg {
		out = "-" + out
	}
	return out
}

func bad(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }

// decimalsForStep is how many decimals show a value that moves by step
// (in display units): 0.5 → 1, 0.25 → 2, 5 → 0.
func decimalsForStep(step float64) int {
	if step <= 0 || bad(step) {
		return 1
	}
	for d := 0; d < 6; d++ {
		scaled := step * math.Pow10(d)
		if math.Abs(scaled-math.Round(scaled)) < 1e-9 {
			return d
		}
	}
	return 6
}

// percentDecimals shows at least one decimal, enough for the slider's step,
// and enough that a sourced figure such as 66.7% is not rounded away.
func percentDecimals(v, step float64) int {
	d := decimalsForStep(step * 100)
	if need := decimalsForStep(v * 100); need > d && need <= 3 {
		d = need
	}
	if d < 1 {
		d = 1
	}
	return d
}

// Format shows a value of this input short, with its unit: 649M, 6.0%/yr,
// $6.00B, $4.00/mo, 2016, 6 mo, on.
func (in Input) Format(v float64, c Currency) string {
	if bad(v) {
		return "–"
	}
	switch in.Unit {
	case UnitPeople:
		return FormatPeople(v)
	case UnitUSD:
		return FormatMoney(v, c)
	case UnitUSDPerMonth:
		if c.PerUSD == 0 {
			c = USD
		}
		return c.Symbol + noNegativeZero(strconv.FormatFloat(v*c.PerUSD, 'f', 2, 64)) + "/mo"
	case UnitPercent:
		return FormatPercent(v, percentDecimals(v, in.Step))
	case UnitPercentYear:
		return FormatPercent(v, percentDecimals(v, in.Step)) + "/yr"
	case UnitYear:
		return strconv.Itoa(int(math.Round(v)))
	case UnitMonths:
		return noNegativeZero(strconv.FormatFloat(v, 'f', decimalsForStep(in.Step), 64)) + " mo"
	case UnitOnOff:
		if v >= 0.5 {
			return "on"
		}
		return "off"
	case UnitLocalPerUSD:
		return in.Symbol + noNegativeZero(strconv.FormatFloat(v, 'f', decimalsForStep(in.Step), 64)) + "/$"
	case UnitCount:
		return FormatPeople(v) + " " + in.UnitLabel
	case UnitMoneyPer:
		return FormatMoney(v, c) + in.UnitLabel
	case UnitOther:
		if in.LocalCode != "" && in.UnitLabel == strings.ToLower(in.LocalCode) {
			return shortNumber(v, in.Symbol, 3) // money in the market's currency: ₹3.94B
		}
		return shortNumber(v, "", 3) + " " + in.UnitLabel
	default:
		return noNegativeZero(strconv.FormatFloat(v, 'f', decimalsForStep(in.Step), 64))
	}
}

// FormatFull shows a value in full, for the Sources view and reports:
// 649,000,000 people, $6,000,000,000, 60%.
func (in Input) FormatFull(v float64, c Currency) string {
	if bad(v) {
		return "–"
	}
	switch in.Unit {
	case UnitPeople:
		return noNegativeZero(groupThousands(strconv.FormatFloat(v, 'f', -1, 64))) + " people"
	case UnitCount:
		return noNegativeZero(groupThousands(strconv.FormatFloat(v, 'f', -1, 64))) + " " + in.UnitLabel
	case UnitUSD:
		if c.PerUSD == 0 {
			c = USD
		}
		return c.Symbol + noNegativeZero(groupThousands(strconv.FormatFloat(math.Round(v*c.PerUSD), 'f', 0, 64)))
	case UnitPercent, UnitPercentYear:
		s := noNegativeZero(strconv.FormatFloat(v*100, 'f', -1, 64)) + "%"
		if in.Unit == UnitPercentYear {
			s += " a year"
		}
		return s
	case UnitMonths:
		return noNegativeZero(strconv.FormatFloat(v, 'f', -1, 64)) + " months"
	default:
		return in.Format(v, c)
	}
}

// UnknownName says that name is not among the known names of what it
// should be ("an input"): the nearest as a guess when there is a close
// one, otherwise the first few.
func UnknownName(name, what string, known []string) string {
	if near := Nearest(name, known); near != "" {
		return fmt.Sprintf("%s is not %s; did you mean %s?", QuoteShort(name), what, near)
	}
	return fmt.Sprintf("%s is not %s; give one of %s", QuoteShort(name), what, JoinShort(known))
}
