package market

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// A second minus must not flip the sign to plus (issue 10, item 6).
func TestParseRefusesTwoSigns(t *testing.T) {
	m := testMarket()
	cases := []struct {
		id   ID
		text string
	}{
		{UserGrowth, "--5%"},
		{UserGrowth, "- -5%"},
		{UserGrowth, "−-5%"},
		{UserGrowth, "+-5%"},
		{UserGrowth, "-+5%"},
		{Price, "-$-4"},
		{Price, "$--4"},
		{Price, "--$4"},
		{MarketSize, "-¥-40bn"},
	}
	for _, c := range cases {
		v, err := m.Inputs[c.id].Parse(c.text, CNY(6.28))
		if err == nil {
			t.Errorf("%s %q: accepted as %v, want it refused", c.id, c.text, v)
			continue
		}
		var pe *ParseError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "more than one sign") || !strings.Contains(err.Error(), m.Inputs[c.id].Accepted()) {
			t.Errorf("%s %q: %v, want a sentence saying one sign and what is accepted", c.id, c.text, err)
		}
	}
	if _, err := testMarket().ParseTarget(OutNet, "--616M", CNY(6.28)); err == nil {
		t.Error("goal-seek target --616M accepted")
	}
	// One sign, in either place, still reads.
	for _, c := range []struct {
		id   ID
		text string
		want float64
	}{{UserGrowth, "-5%", -0.05}, {UserGrowth, "+5%", 0.05}, {UserGrowth, "−5%", -0.05}, {MarketGrowth, "-1e-1", -0.1}} {
		if v, err := m.Inputs[c.id].Parse(c.text, CNY(6.28)); err != nil || math.Abs(v-c.want) > 1e-12 {
			t.Errorf("%s %q = %v, %v; want %v", c.id, c.text, v, err, c.want)
		}
	}
}

// -0 is 0 everywhere: typed and formatted.
func TestNegativeZeroIsZero(t *testing.T) {
	m := testMarket()
	v, err := m.Inputs[UserGrowth].Parse("-0%", CNY(6.28))
	if err != nil || math.Signbit(v) {
		t.Errorf("-0%% parsed as %v (sign bit %v), %v; want +0", v, math.Signbit(v), err)
	}
	negZero := math.Copysign(0, -1)
	for _, c := range []struct{ got, want string }{
		{FormatPercent(negZero, 1), "0.0%"},
		{FormatPercent(-0.00001, 1), "0.0%"},
		{FormatShare(negZero), "0.0%"},
		{FormatPeople(negZero), "0"},
		{FormatPeople(-0.2), "0"},
		{FormatMoney(negZero, USD), "$0"},
		{FormatMoney(-0.001, USD), "$0.00"},
		{m.Inputs[UserGrowth].Format(negZero, USD), "0.0%/yr"},
		{m.Inputs[ApprovalLag].Format(negZero, USD), "0 mo"},
		{m.Inputs[Price].Format(negZero, USD), "$0.00/mo"},
		{PlainNumber(negZero), "0"},
		{PlainNumber(math.NaN()), "null"},
		{PlainNumber(math.Inf(1)), "null"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	// market/report's TestNegativeZeroInReports writes -0 to JSON and CSV.
}

func TestQuoteShortAndJoinShort(t *testing.T) {
	long := strings.Repeat("a", 100_000)
	if got := QuoteShort(long); len(got) > 80 || !strings.Contains(got, "(100000 bytes)") {
		t.Errorf("QuoteShort(100 KB) = %q", got)
	}
	if got := QuoteShort("x\x1b[2Jy"); strings.ContainsRune(got, 0x1b) {
		t.Errorf("QuoteShort kept ESC: %q", got)
	}
	names := make([]string, 3000)
	for i := range names {
		names[i] = "n"
	}
	if got := JoinShort(names); !strings.HasSuffix(got, "and 2990 more") || len(got) > 60 {
		t.Errorf("JoinShort(3000) = %q", got)
	}
}
