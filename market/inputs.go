// Package market is sizeup's model: the inputs of a streaming-entry funnel,
// their yearly evaluation, and the analyses built on it (sensitivity, goal
// seek, Monte Carlo). It is plain Go with no terminal, no files and no
// globals, so every figure can be checked by hand.
package market

import (
	"fmt"
	"strconv"
	"strings"

	"sizeup/market/formula"
)

// ID is an input's place in its market's list of inputs (file order).
type ID int

// MaxInputs bounds a market's inputs, each item of an input with dims
// counted, so that a set of values is a plain array that copies as a
// value (undo, scenarios, Monte Carlo runs). 256 holds a 100-item market
// of two inputs per item; at 1,024 every keystroke copied 130 KB more
// (BenchmarkKeystroke 0.23 → 0.6 ms). Figures for more items than that
// belong in a [[table]], which has no slider.
const MaxInputs = 256

// Kind says what sort of quantity an input is. It decides how typed values
// are read and how Monte Carlo draws the input.
type Kind int

const (
	KindAmount      Kind = iota // a positive quantity (people, USD, a coefficient): lognormal
	KindGrowth                  // a yearly growth rate: lognormal growth factor 1+r
	KindShare                   // a fraction in 0..1: logit-normal
	KindProbability             // the chance of an event: drawn as yes/no
	KindMonths                  // a number of months: uniform
	KindYear                    // a calendar year: fixed
	KindSwitch                  // on/off: fixed
	KindRate                    // a display rate such as CNY or INR per USD: fixed
	numKinds
)

var kindNames = [numKinds]string{"amount", "growth", "share", "probability", "months", "year", "switch", "rate"}

func (k Kind) String() string {
	if k < 0 || k >= numKinds {
		return "unknown"
	}
	return kindNames[k]
}

// ParseKind reads a kind name as written in a market file.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if n == s {
			return Kind(i), true
		}
	}
	return 0, false
}

// Uncertain reports whether Monte Carlo draws inputs of this kind; years,
// switches, rates and the deal probability stay at their values.
func (k Kind) Uncertain() bool {
	switch k {
	case KindAmount, KindGrowth, KindShare, KindMonths:
		return true
	}
	return false
}

// KindNames lists the accepted kind names.
func KindNames() []string { return kindNames[:] }

// Unit says how an input's value is shown and typed.
type Unit int

const (
	UnitPeople      Unit = iota // people, shown 649M
	UnitUSD                     // US dollars, shown $6.00B
	UnitUSDPerMonth             // US dollars a month, shown $4.00/mo
	UnitPercent                 // a fraction shown as a percent, 60.0%
	UnitPercentYear             // a yearly rate shown as 6.0%/yr
	UnitYear                    // a calendar year, 2016
	UnitMonths                  // months, 6 mo
	UnitOnOff                   // on/off
	UnitCoefficient             // a plain number, 0.030
	UnitLocalPerUSD             // the market's currency per US dollar, ¥6.28/$ or ₹67.20/$
	// Display units of §10's units, each shown with its UnitLabel:
	UnitCount    // a count of the market's own [units], 4.10M homes
	UnitMoneyPer // US dollars per such a count, $1.20k/home
	UnitOther    // any other unit: a number and the unit, 0.52 homes/person
	numUnits
)

var unitNames = [numUnits]string{"people", "usd", "usd_per_month", "percent", "percent_per_year", "year", "months", "on_off", "coefficient", "local_per_usd",
	"a count", "money per count", "other"}

// numNamedUnits are the display units that are also unit names (§9's).
const numNamedUnits = UnitLocalPerUSD + 1

func (u Unit) String() string {
	if u < 0 || u >= numUnits {
		return "unknown"
	}
	return unitNames[u]
}

// ParseUnit reads a unit name as written in a market file.
func ParseUnit(s string) (Unit, bool) {
	if s == "cny_per_usd" { // the name before markets had their own currency
		return UnitLocalPerUSD, true
	}
	for i, n := range unitNames[:numNamedUnits] {
		if n == s {
			return Unit(i), true
		}
	}
	return 0, false
}

// UnitNames lists the accepted unit names.
func UnitNames() []string { return unitNames[:numNamedUnits] }

// Input is one assumption of the model with its plausible range and source.
// Values are in model units: people, USD, fractions (0.6 not 60), years.
type Input struct {
	ID    ID
	Name  string // the id as written in files and on the command line: "conversion"
	Was   string // an earlier id still accepted for it ("pay_share"); "" for none
	Label string // "Internet users"
	Group string // "Market", "Partner & licence", "Pricing & adoption"
	Kind  Kind
	Unit  Unit

	// UnitName is the unit as the file writes it ("usd/person/month"),
	// Measure its algebraic unit (DESIGN.md §10) and UnitLabel what
	// values of a display unit UnitCount, UnitMoneyPer or UnitOther are
	// shown with ("homes", "/home"). Set by the market's loader.
	UnitName  string
	Measure   formula.Unit
	UnitLabel string

	Default   float64
	Low, High float64 // the plausible range; for Monte Carlo the P5 and P95 (the bounds for some Dists)
	Min, Max  float64 // hard limits: nothing outside them is accepted
	Step      float64 // one slider step

	// Dist is how Monte Carlo draws it about low, default and high
	// (DistKind: the kind's own, low, default and high its P5, P50, P95);
	// Role whether it is a decision the company sets, never drawn.
	Dist Dist
	Role Role

	Source     string // who says so; "" means an assumption
	SourceYear int    // the year of the source, 0 if none
	URL        string
	Note       string

	// Observed are the values its sources measured (yearly growth rates,
	// say), for the sanity check that an assumption stays within what was
	// ever seen; empty when the file gives none (then Low..High stands in).
	Observed []float64

	// Calibrated says the default was chosen so that the base run meets
	// what happened (the history points marked InSample); Known is the
	// year its figure was published (0: not said), which an ex-ante
	// preset may not reach past its base year.
	Calibrated bool
	Known      int

	// Stream numbers the random stream its Monte Carlo draws come from, so
	// that adding, removing or reordering other inputs never changes its
	// draws. By default it is worked out from the name (StreamOf).
	Stream uint64

	// Symbol and LocalCode are the market currency's sign and code ("¥",
	// "CNY"), for a rate (¥6.28/$) and for typed amounts; "" when the
	// market has no second currency.
	Symbol    string
	LocalCode string

	// An input with dims (DESIGN.md §10) is one Input per item: Name is
	// "households.north", Family the id the file writes ("households"),
	// Dims the market's dimensions it has and Items its place in each.
	Family string
	Dims   []int
	Items  []int
	// Path is the table an input of kind path scales ("" for others): in
	// formulas the input is its value times the table's figure that year.
	Path string
}

// StreamOf is the default random stream of an input: FNV-1a of its name.
func StreamOf(name string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return h
}

// IsAssumption reports whether the input has no cited source.
func (in Input) IsAssumption() bool { return in.Source == "" }

// SourceText is the source as shown to people: the citation, or "assumption".
func (in Input) SourceText() string {
	if in.Source == "" {
		return "assumption"
	}
	// The year once: a source that already names it ("Business Standard,
	// 21 Feb 2017") does not get ", 2017" again.
	if y := strconv.Itoa(in.SourceYear); in.SourceYear != 0 && !strings.Contains(in.Source, y) {
		return in.Source + ", " + y
	}
	return in.Source
}

// Clamp keeps v within the input's hard limits and snaps years and switches
// to whole numbers.
func (in Input) Clamp(v float64) float64 {
	if v != v { // NaN never reaches the model
		return in.Default
	}
	switch in.Kind {
	case KindYear:
		v = roundHalfUp(v)
	case KindSwitch:
		if v >= 0.5 {
			v = 1
		} else {
			v = 0
		}
	}
	if v < in.Min {
		v = in.Min
	}
	if v > in.Max {
		v = in.Max
	}
	return v
}

func roundHalfUp(v float64) float64 {
	if v < 0 {
		return -roundHalfUp(-v)
	}
	return float64(int64(v + 0.5))
}

// Values is one full set of input values, indexed by ID; the places past
// the market's inputs are unused.
type Values [MaxInputs]float64

// Series is a yearly record of what actually happened, for checking the model
// in hindsight.
type Series struct {
	ID    string
	Label string
	Unit  string // "USD", the market currency's code ("CNY"), "people", or "local_per_usd" for a yearly exchange rate
	// Compare is the series it is judged against in hindsight ("tam_usd",
	// "users", "viewers"); "" for none.
	Compare string
	// Implies names the growth input the rate this series implies can be
	// tried as ("market_growth"); "" for none.
	Implies string
	Years   []int
	Values  []float64
	Source  string
	URL     string
	Note    string
	// InSample are the years a calibrated input was fitted to: shown,
	// marked in-sample, never scored. Known is the year the figures were
	// published (0: not said).
	InSample []int
	Known    int
	// Forecast names the probability input that forecast this event, for
	// a series of unit OutcomeUnit: values 1 (it happened) or 0 (it did
	// not), scored with a Brier score.
	Forecast string
}

// IsInSample reports whether the series' figure for year is one a
// calibrated input was fitted to.
func (s *Series) IsInSample(year int) bool {
	for _, y := range s.InSample {
		if y == year {
			return true
		}
	}
	return false
}

// Market is everything the model needs about one market: its inputs with
// their sources, the base year and horizon, and what happened afterwards.
type Market struct {
	Name     string // "China online video"
	Title    string // a one-line description
	BaseYear int
	Horizon  int     // years after the base year; rows = Horizon+1
	Inputs   []Input // in the market file's order; Inputs[id].ID == id
	Order    []ID    // the inputs in display order (the file's)
	Series   []SeriesDef
	Outputs  Outputs
	Checks   []Check
	Local    LocalCurrency // the second currency; Code "" for none
	History  []Series
	Facts    []Fact
	Presets  []Scenario // scenarios shipped with the market; the first is Base, the defaults
	Dims     []Dimension
	Tables   []Table
	// Correlations are the [[correlation]] tables: inputs drawn together
	// (correlation.go); CorrelatedPairs checks and expands them.
	Correlations []Correlation

	// Defs are the series as the file declares them; Compile lists in
	// Series each one's items (and total) when it has dims. Nil: Series
	// are the definitions (a market built in Go, without dims).
	Defs []SeriesDef
	// OutputNames is [outputs] as the file names it, resolved by Compile
	// into Outputs once the series are listed; nil when Outputs is set.
	OutputNames *OutputNames

	// Units is the market's system of units (DESIGN.md §10); nil for a
	// market built without them, whose units are not checked.
	Units *formula.Units

	prog *program // the compiled formulas (Compile)
}

// SeriesDef is one computed quantity of the model, evaluated every year.
type SeriesDef struct {
	ID      string // its report column: "users"
	Label   string // "Internet users"
	Phrase  string // the label inside a sentence, when lower-casing its first letter is wrong ("Netflix members")
	Unit    Unit   // how it is shown; UnitUSD is money a year
	Formula string

	// Dims the file declares for it (nil: its formula's); Total: a total
	// over its items is listed before them, under its own id. After
	// Compile, an item of a series with dims has Family (the file's id)
	// and Items (its place in each of Dims); its total has Family only.
	Dims   []int
	Total  bool
	Family string
	Items  []int
	// As an input's: the unit as written, its algebra (checked against
	// the formula's) and the label of a count or money per count.
	UnitName  string
	Measure   formula.Unit
	UnitLabel string
}

// Check is a warning written as a formula: when it holds in any year, Say
// is shown, its {name} placeholders filled in for the first such year.
type Check struct {
	ID   string // optional, for tests and JSON
	When string
	Say  string
	// Why, when set, says why the check is expected to hold at the
	// market's defaults (the file's expected = true): it is shown as a
	// note with its reason, not as an alarm.
	Why string
}

func (c *Check) name(i int) string {
	if c.ID != "" {
		return c.ID
	}
	return fmt.Sprintf("%d", i+1)
}

// LocalCurrency is a market's second currency: money inside is USD, shown
// in this one at the rate input's value.
type LocalCurrency struct {
	Code   string // "CNY"
	Symbol string // "¥"
	Rate   ID     // the input of unit local_per_usd
}

// HasLocal reports whether the market has a second currency.
func (m *Market) HasLocal() bool { return m.Local.Code != "" }

// LocalAt is the second currency at the rate in v, or USD when the market
// has none.
func (m *Market) LocalAt(v *Values) Currency {
	if !m.HasLocal() {
		return USD
	}
	return Currency{Code: m.Local.Code, Symbol: m.Local.Symbol, PerUSD: v[m.Local.Rate]}
}

// LookupInput finds an input by its id ("conversion").
func (m *Market) LookupInput(name string) (ID, bool) {
	for i := range m.Inputs {
		if m.Inputs[i].Name == name {
			return ID(i), true
		}
	}
	for i := range m.Inputs {
		if m.Inputs[i].Was != "" && m.Inputs[i].Was == name {
			return ID(i), true
		}
	}
	return 0, false
}

// InputNames lists the inputs' ids in file order.
func (m *Market) InputNames() []string {
	names := make([]string, len(m.Inputs))
	for i := range m.Inputs {
		names[i] = m.Inputs[i].Name
	}
	return names
}

// NumInputs is how many inputs the market has.
func (m *Market) NumInputs() int { return len(m.Inputs) }

// Fact is a sourced statement about the market that is not an input:
// regulation, players, what happened.
type Fact struct {
	Text   string
	Source string
	URL    string
}

// Defaults returns the market's default values.
func (m *Market) Defaults() Values {
	var v Values
	for i := range m.Inputs {
		v[i] = m.Inputs[i].Default
	}
	return v
}

// Input returns the input with the given id.
func (m *Market) Input(id ID) *Input { return &m.Inputs[id] }

// LastYear is the horizon year.
func (m *Market) LastYear() int { return m.BaseYear + m.Horizon }
