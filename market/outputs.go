package market

import (
	"fmt"
	"regexp"
	"strings"

	"sizeup/market/formula"
)

// Output is a series of the market, by its place in the file: a yearly
// result that screens show and analyses target.
type Output int

// Outputs is the market file's [outputs]: what the screens show.
type Outputs struct {
	Headline  Output      // sensitivity, goal seek and P(zero) by default; money
	Cards     []Output    // the dashboard's KPI cards
	Funnel    []Output    // the funnel's stages, people
	Chart     []Output    // the chart's lines, money
	Uncertain []Uncertain // Monte Carlo's recorded outputs; the first is the headline's
	HasDeal   bool        // whether Deal is set
	Deal      ID          // the chance it happens at all; drawn yes/no in Monte Carlo
}

// Uncertain is one output Monte Carlo records, with its report column
// prefix: "net" gives net_p5, net_p50, …
type Uncertain struct {
	Prefix string
	Series Output
}

// OutputsError is a refusal of [outputs]; Field is "outputs.cards" and the like.
type OutputsError struct {
	Field string
	Msg   string
}

func (e *OutputsError) Error() string { return e.Field + ": " + e.Msg }

var columnName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// ValidName reports whether s is an accepted id of an input or a series.
func ValidName(s string) bool { return columnName.MatchString(s) && !formula.Reserved(s) }

// checkOutputs checks [outputs] against the series. The data package
// fills Outputs from the file; what is left unset gets a default.
func (m *Market) checkOutputs() error {
	o := &m.Outputs
	if len(m.Series) == 0 {
		return &OutputsError{"series", "the market has no [[series]]; a market needs at least one series to compute"}
	}
	money := func(field string, out Output) error {
		if !m.MoneyAYear(out) {
			return &OutputsError{field, fmt.Sprintf("%s is %s, not money; give a series of unit usd", m.Series[out].ID, m.unitName(out))}
		}
		return nil
	}
	if err := money("outputs.headline", o.Headline); err != nil {
		return err
	}
	if len(o.Uncertain) == 0 {
		// The headline alone, its columns named without the unit:
		// revenue_p50 for revenue_usd.
		o.Uncertain = []Uncertain{{Prefix: strings.TrimSuffix(m.Series[o.Headline].ID, "_usd"), Series: o.Headline}}
	}
	if o.Uncertain[0].Series != o.Headline {
		// The headline is always recorded, and first.
		for i, u := range o.Uncertain {
			if u.Series == o.Headline {
				o.Uncertain[0], o.Uncertain[i] = o.Uncertain[i], o.Uncertain[0]
				break
			}
		}
		if o.Uncertain[0].Series != o.Headline {
			return &OutputsError{"outputs.uncertain", fmt.Sprintf("the headline %s is not among the uncertain outputs; add [%q, %q]", m.Series[o.Headline].ID, m.Series[o.Headline].ID, m.Series[o.Headline].ID)}
		}
	}
	seen := map[string]bool{}
	for _, u := range o.Uncertain {
		if !columnName.MatchString(u.Prefix) {
			return &OutputsError{"outputs.uncertain", fmt.Sprintf("%q is not a column prefix; use lower-case letters, digits and _", u.Prefix)}
		}
		if seen[u.Prefix] {
			return &OutputsError{"outputs.uncertain", fmt.Sprintf("the prefix %q is given twice", u.Prefix)}
		}
		seen[u.Prefix] = true
	}
	if len(o.Uncertain) > maxRecorded {
		return &OutputsError{"outputs.uncertain", fmt.Sprintf("%d outputs; Monte Carlo records at most %d", len(o.Uncertain), maxRecorded)}
	}
	for _, c := range o.Chart {
		if err := money("outputs.chart", c); err != nil {
			return err
		}
	}
	// What a file leaves out: the series that count people (or the file's
	// own count, in the unit of the first) as the funnel, the money series
	// as the chart, and as cards the funnel's last stage and the headline;
	// an item of a series with dims is not a stage or a line of its own.
	if len(o.Funnel) == 0 {
		for i := range m.Series {
			s := &m.Series[i]
			counts := s.Unit == UnitPeople || s.Unit == UnitCount
			same := len(o.Funnel) == 0 || s.Unit == m.Series[o.Funnel[0]].Unit && s.UnitName == m.Series[o.Funnel[0]].UnitName
			if counts && same && s.Items == nil && len(o.Funnel) < 6 {
				o.Funnel = append(o.Funnel, Output(i))
			}
		}
		if len(o.Funnel) < 2 {
			o.Funnel = nil // one stage narrows nothing
		}
	}
	if len(o.Chart) == 0 {
		for i := range m.Series {
			if m.MoneyAYear(Output(i)) && m.Series[i].Items == nil && len(o.Chart) < 4 {
				o.Chart = append(o.Chart, Output(i))
			}
		}
	}
	if len(o.Cards) == 0 {
		if len(o.Funnel) > 0 {
			o.Cards = append(o.Cards, o.Funnel[len(o.Funnel)-1])
		}
		o.Cards = append(o.Cards, o.Headline)
	}
	if o.HasDeal && m.Inputs[o.Deal].Kind != KindProbability {
		return &OutputsError{"outputs.deal", fmt.Sprintf("%s is a %s; the deal is an input of kind probability", m.Inputs[o.Deal].Name, m.Inputs[o.Deal].Kind)}
	}
	return nil
}

// maxRecorded bounds the outputs Monte Carlo records per sample.
const maxRecorded = 8

// LookupOutput finds a series by its id, or by its uncertain prefix
// ("net" for net_usd).
func (m *Market) LookupOutput(name string) (Output, bool) {
	name, _ = FlatName(strings.ToLower(strings.TrimSpace(name)))
	for i := range m.Series {
		if m.Series[i].ID == name {
			return Output(i), true
		}
	}
	for _, u := range m.Outputs.Uncertain {
		if u.Prefix == name {
			return u.Series, true
		}
	}
	return 0, false
}

// SeriesNames lists the series ids in file order.
func (m *Market) SeriesNames() []string {
	names := make([]string, len(m.Series))
	for i := range m.Series {
		names[i] = m.Series[i].ID
	}
	return names
}

// SeriesID is the series' id: "net_usd".
func (m *Market) SeriesID(o Output) string { return m.Series[o].ID }

// Label is the series' label: "Net revenue".
func (m *Market) Label(o Output) string { return m.Series[o].Label }

// Phrase is the series' label inside a sentence: "net revenue", but
// "TAM" stays as written, and a file's phrase ("Netflix members") wins.
func (m *Market) Phrase(o Output) string {
	if p := m.Series[o].Phrase; p != "" {
		return p
	}
	l := m.Series[o].Label
	if len(l) > 1 && l[0] >= 'A' && l[0] <= 'Z' && !(l[1] >= 'A' && l[1] <= 'Z') {
		return strings.ToLower(l[:1]) + l[1:]
	}
	return l
}

// IsMoney reports whether the series is money (USD a year).
func (m *Market) IsMoney(o Output) bool { return m.Series[o].Unit == UnitUSD }

// IsPeople reports whether the series counts people.
func (m *Market) IsPeople(o Output) bool { return m.Series[o].Unit == UnitPeople }

// Format shows a value of a series with its unit.
func (m *Market) Format(o Output, v float64, c Currency) string {
	if s := &m.Series[o]; s.UnitLabel != "" {
		return Input{Unit: s.Unit, UnitLabel: s.UnitLabel, Symbol: m.Local.Symbol, LocalCode: m.Local.Code}.Format(v, c)
	}
	return m.formatIn(m.Series[o].Unit, v, c)
}

// formatIn shows a value in a unit: money, people, a share, a year; a
// rate with the market's own currency sign.
func (m *Market) formatIn(u Unit, v float64, c Currency) string {
	in := Input{Unit: u, Step: 0.001, Symbol: m.Local.Symbol}
	switch u {
	case UnitUSD:
		return FormatMoney(v, c)
	case UnitPeople:
		return FormatPeople(v)
	case UnitPercent:
		return FormatShare(v)
	case UnitCoefficient:
		return shortNumber(v, "", 3)
	}
	return in.Format(v, c)
}

// ParseTarget reads a target value for a series as people type it: $200M
// for money, 5M for people, 1% for shares. local is the market's second
// currency, for typed amounts in it.
func (m *Market) ParseTarget(o Output, text string, local Currency) (float64, error) {
	s := &m.Series[o]
	in := Input{ID: -1, Name: s.ID, Label: s.Label, Min: -1e15, Max: 1e15, Unit: s.Unit, UnitLabel: s.UnitLabel}
	switch s.Unit {
	case UnitUSD, UnitPeople, UnitPercent, UnitUSDPerMonth, UnitCount, UnitMoneyPer:
	default:
		in.Unit = UnitCoefficient
	}
	return in.Parse(text, local)
}

// OutputNames is [outputs] as a market file writes it: series by id, an
// item as x[item] or x.item, a total as sum(x) (DESIGN.md §10).
type OutputNames struct {
	Headline  string
	Cards     []string
	Funnel    []string
	Chart     []string
	Uncertain [][]string // [column prefix, series] pairs
	Deal      string     // an input
}

// markTotals gives a total to each series [outputs] names as sum(x).
func (m *Market) markTotals() {
	o := m.OutputNames
	names := append(append(append([]string{o.Headline}, o.Cards...), o.Funnel...), o.Chart...)
	for _, pair := range o.Uncertain {
		names = append(names, pair...)
	}
	for _, n := range names {
		if id, total := FlatName(n); total {
			for i := range m.Defs {
				if m.Defs[i].ID == id {
					m.Defs[i].Total = true
				}
			}
		}
	}
}

// resolveOutputs fills Outputs from OutputNames, now that the series are
// listed item by item. What the file leaves out gets a default: the last
// money series is the headline.
func (m *Market) resolveOutputs() error {
	o := m.OutputNames
	find := func(field, name string) (Output, error) {
		flat, _ := FlatName(name)
		for i := range m.Series {
			if m.Series[i].ID == flat {
				return Output(i), nil
			}
		}
		return 0, &OutputsError{field, UnknownName(name, "a series", m.SeriesNames())}
	}
	list := func(field string, names []string) ([]Output, error) {
		var out []Output
		for _, n := range names {
			o, err := find(field, n)
			if err != nil {
				return nil, err
			}
			out = append(out, o)
		}
		return out, nil
	}
	out := Outputs{}
	var err error
	if o.Headline == "" {
		found := false
		for i := len(m.Series) - 1; i >= 0 && !found; i-- {
			if m.MoneyAYear(Output(i)) && m.Series[i].Items == nil {
				out.Headline, found = Output(i), true
			}
		}
		if !found {
			return &OutputsError{"outputs.headline", "missing, and no series is money; give a series of unit usd as the headline"}
		}
	} else if out.Headline, err = find("outputs.headline", o.Headline); err != nil {
		return err
	}
	if out.Cards, err = list("outputs.cards", o.Cards); err != nil {
		return err
	}
	if out.Funnel, err = list("outputs.funnel", o.Funnel); err != nil {
		return err
	}
	// A series with dims (and no total) on the chart is a line per item.
	var chart []string
	for _, n := range o.Chart {
		chart = append(chart, m.itemsOf(n)...)
	}
	if out.Chart, err = list("outputs.chart", chart); err != nil {
		return err
	}
	for _, pair := range o.Uncertain {
		if len(pair) != 2 {
			return &OutputsError{"outputs.uncertain", "give pairs of [column prefix, series], such as [\"net\", \"net_usd\"]"}
		}
		s, err := find("outputs.uncertain", pair[1])
		if err != nil {
			return err
		}
		out.Uncertain = append(out.Uncertain, Uncertain{Prefix: pair[0], Series: s})
	}
	if o.Deal != "" {
		id, ok := m.LookupInput(o.Deal)
		if !ok {
			return &OutputsError{"outputs.deal", UnknownName(o.Deal, "an input", m.InputNames())}
		}
		out.HasDeal, out.Deal = true, id
	}
	m.Outputs = out
	return nil
}

// itemsOf is the ids of series name's items when name is a series with
// dims and no total of its own; name itself otherwise.
func (m *Market) itemsOf(name string) []string {
	var items []string
	for i := range m.Series {
		if m.Series[i].ID == name {
			return []string{name}
		}
		if m.Series[i].Family == name && m.Series[i].Items != nil {
			items = append(items, m.Series[i].ID)
		}
	}
	if items == nil {
		return []string{name}
	}
	return items
}
