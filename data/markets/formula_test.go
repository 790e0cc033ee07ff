package markets

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// A small market with one series whose formula each case replaces.
const formulaMarket = `[market]
name = "Test"
base_year = 2020
horizon = 3

[[input]]
id = "users"
label = "Users"
group = "Market"
kind = "amount"
unit = "people"
default = 1000
low = 900
high = 1100
min = 0
max = 1e7
step = 1000

[[input]]
id = "price"
label = "Price"
group = "Plan"
kind = "amount"
unit = "usd_per_month"
default = 5
low = 4
high = 6
min = 0
max = 100
step = 0.5

[[series]]
id = "buyers"
label = "Buyers"
unit = "people"
formula = "users * 0.1"

[[series]]
id = "revenue_usd"
label = "Revenue"
unit = "usd"
formula = "FORMULA"
`

// TestFormulaRefusalsNameFileLineColumnAndSeries: each kind of bad formula
// is refused at load as file:line:column: series ID: what is wrong, the
// column pointing at the fault in the file's own text. (What each refusal
// says is market/formula's TestRefusals.)
func TestFormulaRefusalsNameFileLineColumnAndSeries(t *testing.T) {
	// "formula = \"" is 11 characters: the formula's text starts at column 12.
	cases := []struct {
		formula string
		at      string // the text the column points at
	}{
		{"buyers * price * (12", ""},
		{"buyers * prize * 12", "prize"},
		{"buyers ** 2", "**"},
		{"min()", "min"},
		{"clamp(buyers, 0)", "clamp"},
		{"bass(0.03, 0.38)", "bass"},
		{"sqr(buyers)", "sqr"},
		{"prev(price) * buyers", "price"},
		{"revenue_usd * 2", "revenue_usd"},
		{"buyers * price = 2", "="},
		{"buyers price", "price"},
		{"buyers * 12 $", "$"},
	}
	for _, c := range cases {
		text := strings.Replace(formulaMarket, "FORMULA", c.formula, 1)
		_, err := ParseMarket("m.toml", []byte(text))
		if err == nil {
			t.Errorf("%q accepted", c.formula)
			continue
		}
		line := lineOf(t, []byte(text), "", `formula = "`+c.formula)
		col := 12
		if c.at != "" {
			col += strings.Index(c.formula, c.at)
		} else {
			col += len(c.formula) // the end, where the ) is missing
		}
		prefix := "m.toml:" + itoa(line) + ":" + itoa(col) + ": series revenue_usd: "
		if !strings.HasPrefix(err.Error(), prefix) {
			t.Errorf("%q: %q, want it to start %q", c.formula, err, prefix)
		}
	}
}

// placeOf is the file's line and column (in characters) of the first
// at in text after from.
func placeOf(text, from, at string) string {
	start := strings.Index(text, from)
	off := start + strings.Index(text[start:], at)
	line := strings.Count(text[:off], "\n") + 1
	col := utf8.RuneCountInString(text[strings.LastIndexByte(text[:off], '\n')+1:off]) + 1
	return itoa(line) + ":" + itoa(col)
}

// TestFormulaPlacesThroughEscapes: a formula written with TOML's escapes,
// in a multi-line or a literal string, is refused at the line and column
// of the fault in the file's own text, found here by searching the file.
func TestFormulaPlacesThroughEscapes(t *testing.T) {
	cases := []struct {
		value string // the formula as written in the file, quotes and all
		at    string // the file's text the error points at (its first place after "formula = ")
	}{
		{`"buyers\t* prize * 12"`, "prize"},
		{`"\u0062uyers * prize * 12"`, "prize"},
		{`"\U00000062uyers\\ * 12"`, `\\`},
		{`"buyers * \u00e9"`, `\u00e9`},
		{"\"buyers *\tprize\"", "prize"}, // a tab as itself
		{`"buyers * é * prize2"`, "é"},   // columns count characters
		{`"é\t+ buyers * prize"`, "é"},
		{`"buyers * 2\t+ prize"`, "prize"},
		{`'buyers\t * prize'`, `\t`},                         // a literal string: no escapes
		{"\"\"\"\nbuyers *\n    prize * 12\"\"\"", "prize"},  // the first newline is dropped
		{"\"\"\"buyers * \\\n      \\tprize\"\"\"", "prize"}, // a line-ending backslash
		{"'''buyers * 12\n  * prize'''", "prize"},
		{"\"\"\"\n\\u0062uyers * \\\n\n  prize\"\"\"", "prize"},
	}
	for _, c := range cases {
		text := strings.Replace(formulaMarket, `"FORMULA"`, c.value, 1)
		_, err := ParseMarket("m.toml", []byte(text))
		if err == nil {
			t.Errorf("%s accepted", c.value)
			continue
		}
		prefix := "m.toml:" + placeOf(text, "formula = "+c.value, c.at) + ": series revenue_usd: "
		if !strings.HasPrefix(err.Error(), prefix) {
			t.Errorf("%s: %q, want it to start %q", c.value, err, prefix)
		}
	}
}

// TestCheckFormulaPlaces: a check's condition and the {…} of its sentence
// are placed in the file too, each in its own key.
func TestCheckFormulaPlaces(t *testing.T) {
	base := strings.Replace(formulaMarket, "FORMULA", "buyers * price * 12", 1)
	cases := []struct{ check, at string }{
		{"[[check]]\nwhen = \"buyers >\\tprize\"\nsay = \"x\"\n", "prize"},
		{"[[check]]\nwhen = \"buyers > 1\"\nsay = \"Buyers are { \\u0062uyers * prize }.\"\n", "prize"},
		{"[[check]]\nwhen = \"buyers > 1\"\nsay = \"Buyers are {buyers\"\n", "{"},
	}
	for _, c := range cases {
		text := base + "\n" + c.check
		_, err := ParseMarket("m.toml", []byte(text))
		if err == nil {
			t.Errorf("%q accepted", c.check)
			continue
		}
		prefix := "m.toml:" + placeOf(text, "[[check]]", c.at) + ": check 1: "
		if !strings.HasPrefix(err.Error(), prefix) {
			t.Errorf("%q: %q, want it to start %q", c.check, err, prefix)
		}
	}
}

// TestFormulaLoopIsPlaced: series that depend on each other in a loop
// are refused at the name that closes the loop, in the last series' line;
// prev breaks it.
func TestFormulaLoopIsPlaced(t *testing.T) {
	text := strings.Replace(formulaMarket, `formula = "users * 0.1"`, `formula = "revenue_usd / price"`, 1)
	text = strings.Replace(text, "FORMULA", "buyers * price * 12", 1)
	_, err := ParseMarket("m.toml", []byte(text))
	line := lineOf(t, []byte(text), "", `formula = "buyers * price * 12"`)
	if err == nil || !strings.HasPrefix(err.Error(), "m.toml:"+itoa(line)+":12: series revenue_usd: the series depend on each other in a loop: buyers → revenue_usd → buyers") {
		t.Fatalf("loop: %v", err)
	}
	text = strings.Replace(text, `"revenue_usd / price"`, `"prev(revenue_usd) / price"`, 1)
	if _, err := ParseMarket("m.toml", []byte(text)); err != nil {
		t.Fatalf("with prev: %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestOldCurrencyStillLoads: a China file written before [market.currency]
// (its rate input of unit cny_per_usd, no currency table) still loads, and
// its second currency is the yuan at that input.
func TestOldCurrencyStillLoads(t *testing.T) {
	text := string(DefaultMarketSource())
	text = strings.Replace(text, "[market.currency]\ncode = \"CNY\"\nsymbol = \"¥\"\nrate = \"fx_cny_per_usd\"\n", "", 1)
	text = strings.Replace(text, "unit = \"local_per_usd\"\ndefault = 6.28", "unit = \"cny_per_usd\"\ndefault = 6.28", 1)
	if strings.Contains(text, "[market.currency]") || !strings.Contains(text, `"cny_per_usd"`) {
		t.Fatal("the edit did not take")
	}
	m, err := ParseMarket("old.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	v := m.Defaults()
	if c := m.LocalAt(&v); c.Code != "CNY" || c.Symbol != "¥" || c.PerUSD != 6.28 {
		t.Errorf("second currency %+v, want CNY ¥ at 6.28", c)
	}
}

// TestEveryFormulaIsBounded: a check's when and each {…} of its say keep to
// the same length and nesting limits as a series' formula, refused as
// file:line:col (200,000 parentheses in a when were a fatal stack overflow
// at 1.1 GB; a 100,000-deep {…} took 540 MB).
func TestEveryFormulaIsBounded(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("(", n) + "1" + strings.Repeat(")", n) }
	cases := []struct {
		name, when, say string
		at              string // where the column points, after `[[check]]`
		says            string
	}{
		{"when nested 101 deep", "users > " + deep(101), "x", `when = "users > ` + strings.Repeat("(", 100), "nested more than 100 deep"},
		{"when of 400 KB", deep(200_000), "x", `when = "` + strings.Repeat("(", 2000), "at most 2000"},
		{"say nested 101 deep", "users > 0", "Users: {" + deep(101) + "}", `say = "Users: {` + strings.Repeat("(", 100), "nested more than 100 deep"},
		{"say of 200 KB", "users > 0", "Users: {" + deep(100_000) + "}", `say = "`, "at most 2000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := string(DefaultMarketSource()) + "\n[[check]]\nid = \"deep\"\nwhen = \"" + c.when + "\"\nsay = \"" + c.say + "\"\n"
			_, err := ParseMarket("m.toml", []byte(text))
			if err == nil {
				t.Fatal("accepted")
			}
			line := strings.Count(text[:strings.LastIndex(text, "[[check]]")], "\n") + 3
			if strings.HasPrefix(c.at, "say") {
				line++
			}
			col := len(c.at) + 1
			if c.at == `say = "` {
				col = 0 // a sentence's own limit: the line alone
			}
			prefix := "m.toml:" + itoa(line) + ":"
			if col > 0 {
				prefix += itoa(col) + ": check deep: "
			}
			if !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), c.says) {
				t.Errorf("%.200q, want it to start %q and say %q", err, prefix, c.says)
			}
		})
	}
}
