package markets

import (
	"fmt"
	"strings"
	"testing"

	"sizeup/market"
)

// unitsMarket counts homes as well as people, has INR as its second
// currency, and a series "x" whose unit and formula each case replaces.
const unitsMarket = `[market]
name = "Heat pumps"
base_year = 2020
horizon = 3

[market.currency]
code = "INR"
symbol = "₹"
rate = "fx"

[units]
homes = { label = "homes", one = "home" }

[[input]]
id = "households"
label = "Households"
group = "Market"
kind = "amount"
unit = "homes"
default = 4.1e6
low = 3.9e6
high = 4.5e6
min = 0
max = 1e8
step = 1e5

[[input]]
id = "residents"
label = "Residents"
group = "Market"
kind = "amount"
unit = "people"
default = 1e7
low = 9e6
high = 1.1e7
min = 0
max = 1e9
step = 1e5

[[input]]
id = "install_usd"
label = "Installed price"
group = "Plan"
kind = "amount"
unit = "usd/home"
default = 12000
low = 10000
high = 14000
min = 0
max = 1e5
step = 100

[[input]]
id = "fee_inr"
label = "Permit fee"
group = "Plan"
kind = "amount"
unit = "inr"
default = 5e8
low = 4e8
high = 6e8
min = 0
max = 1e10
step = 1e6

[[input]]
id = "fx"
label = "INR per USD"
group = "Plan"
kind = "rate"
unit = "local_per_usd"
default = 80
low = 80
high = 80
min = 1
max = 200
step = 0.1

[[input]]
id = "share"
label = "Share"
group = "Plan"
kind = "share"
unit = "percent"
default = 0.1
low = 0.05
high = 0.2
min = 0
max = 1
step = 0.01

[[series]]
id = "buyers"
label = "Buyers"
unit = "homes"
formula = "households * share"

[[series]]
id = "revenue_usd"
label = "Revenue"
unit = "usd"
formula = "buyers * install_usd"

[[series]]
id = "x"
label = "X"
unit = "UNIT"
formula = "FORMULA"
`

// loadUnits loads unitsMarket with x's unit and formula.
func loadUnits(unit, formula string) (*market.Market, error) {
	text := strings.Replace(strings.Replace(unitsMarket, "UNIT", unit, 1), "FORMULA", formula, 1)
	return ParseMarket("m.toml", []byte(text))
}

// formulaPlace is file:line:col of at inside x's formula in unitsMarket.
func formulaPlace(t *testing.T, formula, at string) string {
	t.Helper()
	lines := strings.Split(unitsMarket, "\n")
	for i, l := range lines {
		if l == `formula = "FORMULA"` {
			return fmt.Sprintf("m.toml:%d:%d: series x: ", i+1, len(`formula = "`)+strings.Index(formula, at)+1)
		}
	}
	t.Fatal("no FORMULA in unitsMarket")
	return ""
}

// unitRefused asserts that x = formula, of unit unit, is refused at at
// (the column of its first occurrence) with every word of want.
func unitRefused(t *testing.T, unit, formula, at string, want ...string) {
	t.Helper()
	_, err := loadUnits(unit, formula)
	if err == nil {
		t.Fatalf("%s (%s): loaded, want a refusal", formula, unit)
	}
	if place := formulaPlace(t, formula, at); !strings.HasPrefix(err.Error(), place) {
		t.Errorf("%s: %v, want it at %s", formula, err, place)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%s: %v, does not say %q", formula, err, w)
		}
	}
}

func TestUnitsFilePeoplePlusUSDRefused(t *testing.T) {
	unitRefused(t, "usd", "revenue_usd + residents", "+", "adds usd and people")
}

func TestUnitsFileHomesPlusPeopleRefused(t *testing.T) {
	unitRefused(t, "homes", "households + residents", "+", "adds homes and people")
}

func TestUnitsFileDeclaredUnitDisagreesWithFormula(t *testing.T) {
	unitRefused(t, "usd", "revenue_usd / households", "revenue_usd",
		"x is declared usd but its formula gives usd/home", `declare unit = "usd/home"`)
	unitRefused(t, "usd_per_month", "revenue_usd", "revenue_usd", "x is declared usd_per_month (usd/person) but its formula gives usd")
	unitRefused(t, "people", "households * share", "households", "declared people but its formula gives homes")
}

func TestUnitsFileExpOfCountRefused(t *testing.T) {
	unitRefused(t, "coefficient", "exp(households)", "exp", "exp of homes", "plain number")
}

func TestUnitsFileLocalMoneyOnlyThroughTheRate(t *testing.T) {
	unitRefused(t, "usd", "revenue_usd - fee_inr", "-", "subtracts inr from usd")
	if _, err := loadUnits("usd", "revenue_usd - fee_inr / fx"); err != nil {
		t.Errorf("through the rate: %v", err)
	}
	if _, err := loadUnits("inr", "revenue_usd * fx - fee_inr"); err != nil {
		t.Errorf("in inr: %v", err)
	}
}

func TestUnitsFileMaxOfCountMinusConstantLoads(t *testing.T) {
	m, err := loadUnits("homes", "max(households - 10, 0) + 10")
	if err != nil {
		t.Fatal(err)
	}
	x, _ := m.LookupOutput("x")
	if got := m.Format(x, 4.1e6, market.USD); got != "4.10M homes" {
		t.Errorf("x shows as %q, want 4.10M homes", got)
	}
}

func TestUnitsFileUntypedConstantsInComparisons(t *testing.T) {
	for _, f := range []string{"if(households > 1e6, buyers, 0)", "if(buyers >= households * 0.5 and residents > 2, buyers, households)"} {
		if _, err := loadUnits("homes", f); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	unitRefused(t, "homes", "if(households > residents, buyers, 0)", ">", "compares homes and people")
}

func TestUnitsFileCheckConditionChecked(t *testing.T) {
	text := strings.Replace(strings.Replace(unitsMarket, "UNIT", "homes", 1), "FORMULA", "buyers", 1) +
		"\n[[check]]\nwhen = \"buyers > residents\"\nsay = \"More buyers than residents.\"\n"
	_, err := ParseMarket("m.toml", []byte(text))
	if err == nil || !strings.Contains(err.Error(), "compares homes and people") {
		t.Fatalf("got %v, want the check refused for comparing homes and people", err)
	}
	line := strings.Count(text[:strings.Index(text, `when = "buyers`)], "\n") + 1
	if want := fmt.Sprintf("m.toml:%d:%d: check 1: ", line, len(`when = "buyers `)+1); !strings.HasPrefix(err.Error(), want) {
		t.Errorf("%v, want it at %s", err, want)
	}
}

func TestUnitsFileUnknownUnitRefused(t *testing.T) {
	_, err := loadUnits("usd/hom", "revenue_usd / households")
	line := strings.Count(unitsMarket[:strings.Index(unitsMarket, `unit = "UNIT"`)], "\n") + 1
	if err == nil || !strings.HasPrefix(err.Error(), fmt.Sprintf("m.toml:%d: series x: unit: ", line)) || !strings.Contains(err.Error(), `"hom" is not a unit; did you mean home?`) {
		t.Fatalf("got %v, want the unit refused at line %d with did you mean home", err, line)
	}
	text := strings.Replace(unitsMarket, `unit = "usd/home"`, `unit = "dollars/home"`, 1)
	_, err = ParseMarket("m.toml", []byte(text))
	if err == nil || !strings.Contains(err.Error(), "install_usd.unit") || !strings.Contains(err.Error(), `"dollars" is not a unit`) || !strings.Contains(err.Error(), "usd/person/month") {
		t.Fatalf("an input's unknown unit: %v", err)
	}
}

func TestUnitsFileUnitsTableRefusals(t *testing.T) {
	for _, c := range []struct{ table, want string }{
		{`homes = { label = "homes", one = "home", plural = "x" }`, "plural"},
		{`homes = { one = "home" }`, "units.homes.label: missing"},
		{`Homes = { label = "homes" }`, `"Homes" is not a unit's name`},
		{"homes = { label = \"homes\", one = \"home\" }\npeople = { label = \"folk\" }", `"people" is already a unit`},
		{`homes = { label = "homes", one = "inr" }`, `"inr" is already a unit (money)`},
	} {
		text := strings.Replace(unitsMarket, `homes = { label = "homes", one = "home" }`, c.table, 1)
		_, err := ParseMarket("m.toml", []byte(text))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.table, err, c.want)
		}
	}
}

// TestUnitsFileDisplay: a count shows with its label, money per count with
// "/home", everywhere the market formats a value.
func TestUnitsFileDisplay(t *testing.T) {
	m, err := loadUnits("homes/person", "households / residents")
	if err != nil {
		t.Fatal(err)
	}
	id, _ := m.LookupInput("install_usd")
	hh, _ := m.LookupInput("households")
	for _, c := range []struct{ got, want string }{
		{m.Inputs[id].Format(12000, market.USD), "$12.0k/home"},
		{m.Inputs[hh].Format(4.1e6, market.USD), "4.10M homes"},
		{m.Inputs[hh].FormatFull(4.1e6, market.USD), "4,100,000 homes"},
		{m.Format(m.Outputs.Headline, 2e9, market.USD), "$2.00B"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
	x, _ := m.LookupOutput("x")
	if got := m.Format(x, 0.41, market.USD); got != "0.41 homes/person" {
		t.Errorf("x shows %q, want 0.41 homes/person", got)
	}
	if v, err := m.Inputs[hh].Parse("4.2M", market.USD); err != nil || v != 4.2e6 {
		t.Errorf("4.2M households: %v, %v", v, err)
	}
}

// TestUnitsFileHeadlineIsMoneyAYear: money per person is shown as money
// but is no headline, named or by default.
func TestUnitsFileHeadlineIsMoneyAYear(t *testing.T) {
	text := strings.Replace(strings.Replace(unitsMarket, "UNIT", "usd/person", 1), "FORMULA", "revenue_usd / residents", 1) + "\n[outputs]\nheadline = \"x\"\n"
	_, err := ParseMarket("m.toml", []byte(text))
	if err == nil || !strings.Contains(err.Error(), "x is usd/person, not money; give a series of unit usd") {
		t.Fatalf("got %v, want the headline refused", err)
	}
	text = strings.Replace(strings.Replace(unitsMarket, "UNIT", "usd/person", 1), "FORMULA", "revenue_usd / residents", 1)
	m, err := ParseMarket("m.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.SeriesID(m.Outputs.Headline); got != "revenue_usd" {
		t.Errorf("the headline by default is %s, want revenue_usd (the last money a year)", got)
	}
}
