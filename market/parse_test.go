package market

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestParseAsPeopleType(t *testing.T) {
	m := testMarket()
	const fx = 6.28
	cases := []struct {
		id   ID
		text string
		want float64
	}{
		{Conversion, "5%", 0.05},
		{Conversion, "0.05", 0.05},
		{Conversion, " 2.5 % ", 0.025},
		{Conversion, "2", 0.02}, // a bare number of 1 or more is a percent
		{UserGrowth, "-2%", -0.02},
		{UserGrowth, "6%/yr", 0.06},
		{MarketSize, "6B", 6e9},
		{MarketSize, "6bn", 6e9},
		{MarketSize, "$6bn", 6e9},
		{MarketSize, "600M", 600e6},
		{MarketSize, "¥36.8bn", 36.8e9 / fx},
		{MarketSize, "36.8bn CNY", 36.8e9 / fx},
		{MarketSize, "6 billion", 6e9},
		{MarketSize, "6,000,000,000", 6e9},
		{InternetUsers, "649M", 649e6},
		{InternetUsers, "688m", 688e6},
		{InternetUsers, "1.2bn", 1.2e9},
		{InternetUsers, "649_000_000", 649e6},
		{Price, "7.99", 7.99},
		{Price, "$7.99/mo", 7.99},
		{Price, "¥19.8", 19.8 / fx},
		{LaunchYear, "2017", 2017},
		{ApprovalLag, "6", 6},
		{ApprovalLag, "9 months", 9},
		{LicenceTV, "on", 1},
		{LicenceTV, "off", 0},
		{LicenceTV, "true", 1},
		{LicenceTV, "FALSE", 0},
		{BassQ, "0.4", 0.4},
		{FXCNYPerUSD, "6.9", 6.9},
		// Each step of the reading on its own: unit words, currency words
		// before and after, a sign after the currency.
		{UserGrowth, "-6% a year", -0.06},
		{Price, "US$7.99 per month", 7.99},
		{MarketSize, "rmb 36.8bn", 36.8e9 / fx},
		{MarketSize, "36.8 billion yuan", 36.8e9 / fx},
	}
	for _, c := range cases {
		got, err := m.Inputs[c.id].Parse(c.text, CNY(fx))
		if err != nil {
			t.Errorf("%s %q: %v", c.id, c.text, err)
			continue
		}
		if math.Abs(got-c.want) > 1e-9*math.Abs(c.want) {
			t.Errorf("%s %q = %v, want %v", c.id, c.text, got, c.want)
		}
	}
}

func TestParseRefusesWithASentence(t *testing.T) {
	m := testMarket()
	cases := []struct {
		id   ID
		text string
		says []string // the sentence names the input, what was typed and what is accepted
	}{
		{Conversion, "lots", []string{"conversion", `"lots"`, "5%", "0.05"}},
		{Conversion, "", []string{"conversion", "empty", "5%"}},
		{Conversion, "150%", []string{"conversion", `"150%"`, "outside", "0.0%", "100.0%"}},
		{Conversion, "$5", []string{"conversion", "is money but"}},
		{InternetUsers, "$649M", []string{"internet_users", "is money but", "649M"}},
		{InternetUsers, "5%", []string{"internet_users", "is a percent but"}},
		{InternetUsers, "-5M", []string{"internet_users", "outside"}},
		{MarketSize, "6x", []string{"market_size", `"6x"`, "6bn"}},
		{MarketSize, "NaN", []string{"market_size", "6bn"}},
		{MarketSize, "Inf", []string{"market_size", "6bn"}},
		{LaunchYear, "2017.5", []string{"launch_year", "whole year"}},
		{LaunchYear, "1999", []string{"launch_year", "outside", "2015", "2035"}},
		{LaunchYear, "2bn", []string{"launch_year", "2017"}},
		{LicenceTV, "maybe", []string{"licence_tv", "on or off"}},
		{ApprovalLag, "13", []string{"approval_lag", "outside", "12 mo"}},
		{Price, "7.99%", []string{"price", "is a percent but"}},
		// A unit word that is not the input's unit, and a scale on a share.
		{Price, "$7.99/yr", []string{"price", `"$7.99/yr"`, "7.99"}},
		{Conversion, "5/mo", []string{"conversion", "5%"}},
		{MarketSize, "6%/yr", []string{"market_size", "6bn"}},
		{Conversion, "5k", []string{"conversion", "not a value"}},
		{Price, "-$+4", []string{"price", "more than one sign"}},
	}
	for _, c := range cases {
		_, err := m.Inputs[c.id].Parse(c.text, CNY(6.28))
		if err == nil {
			t.Errorf("%s %q: accepted, want an error", c.id, c.text)
			continue
		}
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s %q: error %T, want *ParseError", c.id, c.text, err)
		}
		for _, s := range c.says {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s %q: %q does not say %q", c.id, c.text, err, s)
			}
		}
	}
}

// An amount in the local currency needs its rate.
func TestParseLocalWithoutRate(t *testing.T) {
	m := testMarket()
	_, err := m.Inputs[MarketSize].Parse("¥36.8bn", CNY(0))
	if err == nil || !strings.Contains(err.Error(), "CNY/USD rate is not set") {
		t.Errorf("¥36.8bn without a rate: %v", err)
	}
	if v, err := m.Inputs[MarketSize].Parse("$6bn", CNY(0)); err != nil || v != 6e9 {
		t.Errorf("$6bn without a yuan rate = %v, %v; want 6e9", v, err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"5%", "0.05", "6B", "$6bn", "¥36.8bn", "649M", "on", "2017", "-", "$", "%", "1e400", "0x1p3", "--5", "¥-5bn"} {
		f.Add(s)
	}
	m := testMarket()
	f.Fuzz(func(t *testing.T, s string) {
		for id := ID(0); id < NumInputs; id++ {
			in := m.Inputs[id]
			v, err := in.Parse(s, CNY(6.28))
			if err != nil {
				if !strings.Contains(err.Error(), testNames[id]) {
					t.Fatalf("%s %q: error %q does not name the input", id, s, err)
				}
				continue
			}
			if math.IsNaN(v) || math.IsInf(v, 0) || v < in.Min || v > in.Max {
				t.Fatalf("%s %q parsed to %v, outside %v..%v", id, s, v, in.Min, in.Max)
			}
		}
	})
}

func TestFormat(t *testing.T) {
	m := testMarket()
	cases := []struct {
		got, want string
	}{
		{m.Inputs[InternetUsers].Format(649e6, USD), "649M"},
		{FormatPeople(1162260155), "1,162M"},
		{FormatPeople(13792456), "13.8M"},
		{FormatPeople(359152), "0.36M"},
		{FormatPeople(45000), "45.0k"},
		{FormatMoney(6e9, USD), "$6.00B"},
		{FormatMoney(55879354476, USD), "$55.9B"},
		{FormatMoney(307.8e6, USD), "$308M"},
		{FormatMoney(999.7e6, USD), "$1.00B"},
		{FormatMoney(-42e6, USD), "-$42.0M"},
		{FormatMoney(0, USD), "$0"},
		{FormatMoney(6e9, CNY(6.28)), "¥37.7B"},
		{FormatMoney(math.NaN(), USD), "–"},
		{m.Inputs[MobileShare].Format(0.6, USD), "60.0%"},
		{m.Inputs[VideoReach].Format(0.667, USD), "66.7%"},
		{m.Inputs[Conversion].Format(0.005, USD), "0.5%"},
		{m.Inputs[UserGrowth].Format(0.06, USD), "6.0%/yr"},
		{m.Inputs[Price].Format(4, USD), "$4.00/mo"},
		{m.Inputs[Price].Format(4, CNY(6.28)), "¥25.12/mo"},
		{m.Inputs[LaunchYear].Format(2016, USD), "2016"},
		{m.Inputs[ApprovalLag].Format(6, USD), "6 mo"},
		{m.Inputs[LicenceTV].Format(1, USD), "on"},
		{m.Inputs[BassP].Format(0.03, USD), "0.030"},
		{m.Inputs[FXCNYPerUSD].Format(6.28, USD), "¥6.28/$"},
		{m.Inputs[InternetUsers].FormatFull(649e6, USD), "649,000,000 people"},
		{m.Inputs[MarketSize].FormatFull(6e9, USD), "$6,000,000,000"},
		{FormatShare(0.011017), "1.10%"},
		{FormatShare(0.000576), "0.058%"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
