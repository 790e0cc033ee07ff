package formula

import (
	"errors"
	"strings"
	"testing"
)

// unitTest is a market of names with units: x and y homes, n people,
// m usd, r inr/usd (the rate), l inr, p usd/person/month, g percent, and a
// series s of homes.
type unitTest struct {
	sys   *Units
	units map[string]Unit
	env   Env
}

func newUnitTest(t *testing.T) *unitTest {
	t.Helper()
	sys, err := NewUnits("INR", []CountUnit{{ID: "homes", Label: "homes", One: "home"}})
	if err != nil {
		t.Fatal(err)
	}
	ut := &unitTest{sys: sys, units: map[string]Unit{}}
	for name, text := range map[string]string{"x": "homes", "y": "home", "n": "people", "m": "usd", "r": "local_per_usd", "l": "inr", "p": "usd_per_month", "g": "percent", "s": "homes"} {
		u, err := sys.Parse(text)
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		ut.units[name] = u
		if name == "s" {
			ut.env.Series = append(ut.env.Series, name)
		} else {
			ut.env.Inputs = append(ut.env.Inputs, name)
		}
	}
	return ut
}

// unitOf checks text's unit in the test market.
func (ut *unitTest) unitOf(text string) (Typed, error) {
	c := NewCompiler(ut.env)
	e, err := c.check(Owner{}, text)
	if err != nil {
		return Typed{}, err
	}
	return UnitOf(text, e, UnitRules{Name: func(n *Name) (Unit, bool) {
		u, ok := ut.units[n.Name]
		return u, ok
	}})
}

// refused asserts that text is refused with every word of want in the
// message, at the column of the text's first at.
func (ut *unitTest) refused(t *testing.T, text, at string, want ...string) {
	t.Helper()
	_, err := ut.unitOf(text)
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("%s: got %v, want a refusal", text, err)
	}
	for _, w := range want {
		if !strings.Contains(fe.Msg, w) {
			t.Errorf("%s: %q does not say %q", text, fe.Msg, w)
		}
	}
	if col := strings.Index(text, at) + 1; fe.Column() != col {
		t.Errorf("%s: column %d, want %d (at %q): %s", text, fe.Column(), col, at, fe.Msg)
	}
}

// loads asserts that text's unit is want.
func (ut *unitTest) loads(t *testing.T, text, want string) {
	t.Helper()
	got, err := ut.unitOf(text)
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	if got.Unit.String() != want {
		t.Errorf("%s: unit %s, want %s", text, got.Unit, want)
	}
}

func TestUnitsPeoplePlusUSDRefused(t *testing.T) {
	newUnitTest(t).refused(t, "n * 2 + m", "+", "adds people and usd")
}

func TestUnitsHomesPlusPeopleRefused(t *testing.T) {
	ut := newUnitTest(t)
	ut.refused(t, "x + n", "+", "adds homes and people")
	ut.refused(t, "x - n", "-", "subtracts people from homes")
	ut.refused(t, "max(x, n)", "max", "max(…) is given homes and people")
	ut.refused(t, "if(g > 0, x, n)", "if", "homes in one branch and people in the other")
}

func TestUnitsExpOfCountRefused(t *testing.T) {
	ut := newUnitTest(t)
	ut.refused(t, "1 + exp(x)", "exp", "exp of homes", "plain number")
	ut.refused(t, "sqrt(n)", "sqrt", "sqrt of people")
	ut.refused(t, "bass(g, g, x)", "bass", "bass of homes", "argument 3")
	ut.refused(t, "g ^ x", "^", "a power in homes")
	ut.refused(t, "x ^ g", "^", "raises homes to a power that is not a whole number")
}

func TestUnitsMaxOfCountMinusConstantLoads(t *testing.T) {
	ut := newUnitTest(t)
	ut.loads(t, "max(x - 10, 0) + 10", "homes")
	ut.loads(t, "clamp(x, 0, 1e6)", "homes")
	ut.loads(t, "prev(s) + x", "homes")
	ut.loads(t, "round(abs(-x))", "homes")
}

func TestUnitsUntypedConstantsInComparisons(t *testing.T) {
	ut := newUnitTest(t)
	ut.loads(t, "if(x > 10, x, 0)", "homes")
	ut.loads(t, "(x >= 0 and n < 1e9) * m", "usd")
	ut.loads(t, "if(1 > 0, 2, 3) * n", "people")
	ut.refused(t, "x > m", ">", "compares homes and usd")
	ut.refused(t, "if(x == n, 1, 0)", "==", "compares homes and people")
}

func TestUnitsProductsAndQuotients(t *testing.T) {
	ut := newUnitTest(t)
	ut.loads(t, "n * p * 12", "usd")
	ut.loads(t, "m / x", "usd/home")
	ut.loads(t, "x / n", "homes/person")
	ut.loads(t, "n * n", "people^2")
	ut.loads(t, "n ^ 2 / n", "people")
	ut.loads(t, "1 / n", "1/person")
	ut.loads(t, "x ^ -1", "1/home")
	ut.loads(t, "m * (1 + g) ^ t", "usd")
	ut.loads(t, "x / y", "a plain number")
	ut.loads(t, "2 * 3", "a plain number")
	ut.loads(t, "t + year - base_year", "a plain number")
}

func TestUnitsLocalMoneyOnlyThroughTheRate(t *testing.T) {
	ut := newUnitTest(t)
	ut.refused(t, "l + m", "+", "adds inr and usd")
	ut.loads(t, "l / r + m", "usd")
	ut.loads(t, "m * r", "inr")
	ut.refused(t, "l * r + m", "+", "adds inr^2/usd and usd")
}

func TestUnitsTooManyPartsRefused(t *testing.T) {
	ut := newUnitTest(t)
	ut.refused(t, "n^20 * n^20", "* n^20", "at most 24")
}

// TestUnitsOtherNodes: a node the checker does not know goes to Other,
// which may work out its parts with the same rules.
func TestUnitsOtherNodes(t *testing.T) {
	ut := newUnitTest(t)
	c := NewCompiler(ut.env)
	e, err := c.check(Owner{}, "x")
	if err != nil {
		t.Fatal(err)
	}
	type wrapped struct{ Neg } // a kind of node UnitOf has never seen
	w := &wrapped{Neg{X: e}}
	got, err := UnitOf("x", w, UnitRules{
		Name: func(n *Name) (Unit, bool) { return ut.units[n.Name], true },
		Other: func(e Expr, sub func(Expr) (Typed, error)) (Typed, error) {
			return sub(e.(*wrapped).X)
		},
	})
	if err != nil || got.Unit != ut.units["x"] {
		t.Fatalf("got %v, %v; want homes", got.Unit, err)
	}
}

func TestUnitsParse(t *testing.T) {
	ut := newUnitTest(t)
	for text, want := range map[string]string{
		"usd/person/month": "usd/person", "usd_per_month": "usd/person", "usd/home": "usd/home",
		"homes": "homes", "home": "homes", "person": "people", "people/year": "people",
		"percent": "a plain number", "percent_per_year": "a plain number", "coefficient": "a plain number",
		"count": "a plain number", "on_off": "a plain number", "year": "a plain number", "months": "a plain number",
		"local_per_usd": "inr/usd", "cny_per_usd": "inr/usd", "inr": "inr", "usd*people": "usd*people",
		" usd / home ": "usd/home",
	} {
		u, err := ut.sys.Parse(text)
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		if u.String() != want {
			t.Errorf("%q: %s, want %s", text, u, want)
		}
	}
}

func TestUnitsUnknownNameRefused(t *testing.T) {
	ut := newUnitTest(t)
	for text, want := range map[string][]string{
		"usd/persn":     {`"persn" is not a unit`, "did you mean person?", "usd/person/month", "homes"},
		"hoems":         {"did you mean home"},
		"dollars":       {`"dollars" is not a unit`, "usd_per_month"},
		"usd//month":    {"empty part"},
		"":              {"no unit given"},
		"usd/m/n/o/p/q": {`"m" is not a unit`},
		"USD/person":    {`"USD" is not a unit; did you mean usd?`},
	} {
		_, err := ut.sys.Parse(text)
		if err == nil {
			t.Errorf("%q: accepted", text)
			continue
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q: %q does not say %q", text, err, w)
			}
		}
	}
}

func TestUnitsCountTakingANameRefused(t *testing.T) {
	for _, c := range []CountUnit{{ID: "people"}, {ID: "usd"}, {ID: "month"}, {ID: "beds", One: "percent"}, {ID: "usd_per_month"}, {ID: "cny"}} {
		if _, err := NewUnits("CNY", []CountUnit{c}); err == nil || !strings.Contains(err.Error(), "already a unit") {
			t.Errorf("%+v: %v, want a refusal", c, err)
		}
	}
	if _, err := NewUnits("", []CountUnit{{ID: "homes"}, {ID: "home", One: "homes"}}); err == nil {
		t.Error("two counts of one name accepted")
	}
}

func TestUnitsPerMonth(t *testing.T) {
	for text, want := range map[string]bool{"usd/person/month": true, "usd_per_month": true, "usd/home/months": true, "usd": false, "months": false, "percent_per_year": false} {
		if PerMonth(text) != want {
			t.Errorf("PerMonth(%q) = %v", text, !want)
		}
	}
}

// FuzzUnits: any formula the checker is given, over names of any unit,
// gets a unit or an *Error whose span lies in the text; it never panics.
func FuzzUnits(f *testing.F) {
	for _, s := range []string{"max(x - 10, 0) + 10", "n * p * 12", "x ^ -3 * n ^ 24", "exp(x)", "if(x > m, l / r, 1)", "bass(g, g, t) + prev(s)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 2000 {
			return
		}
		ut := newUnitTest(t)
		got, err := ut.unitOf(text)
		var fe *Error
		switch {
		case errors.As(err, &fe):
			if fe.Span.Start < 0 || fe.Span.End > len(fe.Text) || fe.Span.End < fe.Span.Start {
				t.Fatalf("%q: span %v outside the text: %v", text, fe.Span, err)
			}
		case err != nil:
			t.Fatalf("%q: %v is not an *Error", text, err)
		default:
			_ = got.Unit.String()
		}
	})
}
