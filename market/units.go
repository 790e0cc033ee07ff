package market

import (
	"fmt"
	"strings"

	"sizeup/market/formula"
)

// Units, checked (DESIGN.md §10): each input and series has a unit as
// the file writes it (UnitName), its algebraic unit (Measure, which the
// checker compares) and how its values are shown (Unit, the display unit,
// with UnitLabel for a count or money per count). A market built without
// Units (in Go, by tests) is not checked.

// Display is how values of a unit written text, of algebraic unit u, are
// shown: one of the §9 display units where one fits, a count of the
// market's own with its label ("4.10M homes"), money per such a count
// ("$1.20k/home"), or any other unit as a number followed by its text.
// Money per person is shown as money, as §9 markets always did.
func Display(text string, u formula.Unit, sys *formula.Units) (Unit, string) {
	text = strings.TrimSpace(text)
	if d, ok := ParseUnit(text); ok {
		return d, ""
	}
	usd, people := formula.Of(sys.USD), formula.Of(sys.People)
	perPerson, _ := usd.Div(people)
	rate, _ := formula.Of(sys.Local).Div(usd)
	month := formula.PerMonth(text)
	switch {
	case u == people:
		return UnitPeople, ""
	case (u == usd || u == perPerson) && month:
		return UnitUSDPerMonth, ""
	case u == usd || u == perPerson:
		return UnitUSD, ""
	case u == rate:
		return UnitLocalPerUSD, ""
	case u.IsPlain() && strings.HasPrefix(text, "percent"):
		if strings.Contains(text, "/year") {
			return UnitPercentYear, ""
		}
		return UnitPercent, ""
	case u.IsPlain():
		return UnitCoefficient, ""
	}
	for _, b := range sys.Counts {
		perCount, _ := usd.Div(formula.Of(b))
		switch {
		case u == formula.Of(b):
			return UnitCount, b.Name
		case u == perCount && month:
			return UnitMoneyPer, "/" + b.One + "/mo"
		case u == perCount:
			return UnitMoneyPer, "/" + b.One
		}
	}
	return UnitOther, text
}

// unitRules are what the checker needs of the market: the declared units
// of its inputs and series.
// A formula names values as the file declares them: an input with dims
// by its first item (they share a unit), a path input by its table (it is
// a factor on it), a series by its definition.
func (m *Market) unitRules(c *formula.Compiler) formula.UnitRules {
	return formula.UnitRules{Name: func(n *formula.Name) (formula.Unit, bool) {
		switch n.Ref.Kind {
		case formula.RefInput:
			in := &m.Inputs[c.FlatInput(n.Ref.Index)]
			if in.Path != "" {
				for i := range m.Tables {
					if m.Tables[i].ID == in.Path {
						return m.Tables[i].Measure, true
					}
				}
			}
			return in.Measure, true
		case formula.RefSeries:
			return m.Defs[n.Ref.Index].Measure, true
		case formula.RefTable:
			return m.Tables[n.Ref.Index].Measure, true
		}
		return formula.Unit{}, false
	}}
}

// checkSeriesUnits works out each series' unit from its formula and
// refuses one that mixes units or disagrees with the unit it declares.
func (m *Market) checkSeriesUnits(c *formula.Compiler) error {
	if m.Units == nil {
		return nil
	}
	rules := m.unitRules(c)
	for i := range m.Defs {
		s := &m.Defs[i]
		owner := formula.Owner{Kind: formula.SeriesFormula, ID: s.ID, Index: i}
		got, err := formula.UnitOf(s.Formula, c.SeriesTree(i), rules)
		if err != nil {
			fe := err.(*formula.Error)
			fe.Owner = owner
			return fe
		}
		if got.Untyped || got.Unit == s.Measure {
			continue
		}
		start := len(s.Formula) - len(strings.TrimLeft(s.Formula, " \t\r\n"))
		msg := fmt.Sprintf("%s is declared %s but its formula gives %s; change the formula", s.ID, declared(s.UnitName, s.Measure), got.Unit)
		if name := m.unitText(got.Unit); name != "" {
			msg += fmt.Sprintf(", or declare unit = %q", name)
		}
		return &formula.Error{Owner: owner, Span: formula.Span{Start: start, End: len(s.Formula)}, Text: s.Formula, Msg: msg}
	}
	return nil
}

// unitText is u as a file may write it, or "" when no unit name says it.
func (m *Market) unitText(u formula.Unit) string {
	if u.IsPlain() {
		return "coefficient"
	}
	if back, err := m.Units.Parse(u.String()); err != nil || back != u {
		return ""
	}
	return u.String()
}

// checkWhenUnits refuses a check's condition that mixes units.
func (m *Market) checkWhenUnits(c *formula.Compiler, owner formula.Owner, text string, e formula.Expr) error {
	if m.Units == nil {
		return nil
	}
	if _, err := formula.UnitOf(text, e, m.unitRules(c)); err != nil {
		fe := err.(*formula.Error)
		fe.Owner = owner
		return fe
	}
	return nil
}

// declared names a declared unit: its algebra, and the name the file gave
// when that reads otherwise ("usd_per_month (usd/person)").
func declared(name string, u formula.Unit) string {
	if name == "" || name == u.String() {
		return u.String()
	}
	return fmt.Sprintf("%s (%s)", name, u)
}

// MoneyAYear reports whether series o is money a year, in usd: what a
// headline and the chart show. Money per person is shown as money but is
// not it (a market built without Units: shown as money is enough).
func (m *Market) MoneyAYear(o Output) bool {
	s := &m.Series[o]
	return s.Unit == UnitUSD && (m.Units == nil || s.Measure == formula.Of(m.Units.USD))
}

// unitName is series o's unit as the file writes it.
func (m *Market) unitName(o Output) string {
	if s := &m.Series[o]; s.UnitName != "" {
		return s.UnitName
	}
	return m.Series[o].Unit.String()
}

// UnitText is the input's unit for reports: its §9 name where its values
// are shown in a §9 unit (as reports always named it), otherwise as the
// file writes it ("homes", "usd/home").
func (in Input) UnitText() string {
	if in.Unit < numNamedUnits || in.UnitName == "" {
		return in.Unit.String()
	}
	return in.UnitName
}
