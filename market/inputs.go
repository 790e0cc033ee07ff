// Package market is sizeup's model: the inputs of a streaming-entry funnel,
// their yearly evaluation, and the analyses built on it (sensitivity, goal
// seek, Monte Carlo). It is plain Go with no terminal, no files and no
// globals, so every figure can be checked by hand.
package market

import "fmt"

// ID names one input of the model. The model needs every one of them, so a
// market is a fixed array of inputs indexed by ID rather than a map.
type ID int

// The model's inputs, in the order a market file usually lists them.
const (
	InternetUsers ID = iota
	UserGrowth
	VideoReach
	MobileShare
	TVShare
	MarketSize
	MarketGrowth
	LicenceMobile
	LicencePC
	LicenceTV
	LaunchYear
	ApprovalLag
	Conversion
	Price
	PartnerCut
	BassP
	BassQ
	DealProbability
	FXCNYPerUSD
	// Added with issue 11, after the others so that every earlier input keeps
	// its number (and its Monte Carlo draws, which are seeded by it).
	UserCeiling // most internet users the country can have
	PayShare    // share of market revenue paid by viewers, base year
	PayShareEnd // the same in the horizon year
	NumInputs   // the number of inputs; not an input
)

var idNames = [NumInputs]string{
	InternetUsers:   "internet_users",
	UserGrowth:      "user_growth",
	VideoReach:      "video_reach",
	MobileShare:     "mobile_share",
	TVShare:         "tv_share",
	MarketSize:      "market_size",
	MarketGrowth:    "market_growth",
	LicenceMobile:   "licence_mobile",
	LicencePC:       "licence_pc",
	LicenceTV:       "licence_tv",
	LaunchYear:      "launch_year",
	ApprovalLag:     "approval_lag",
	Conversion:      "conversion",
	Price:           "price",
	PartnerCut:      "partner_cut",
	BassP:           "bass_p",
	BassQ:           "bass_q",
	DealProbability: "deal_probability",
	FXCNYPerUSD:     "fx_cny_per_usd",
	UserCeiling:     "user_ceiling",
	PayShare:        "pay_share",
	PayShareEnd:     "pay_share_end",
}

// idKinds is the kind the model needs for each input; a market file that
// declares another kind is refused.
var idKinds = [NumInputs]Kind{
	InternetUsers:   KindAmount,
	UserGrowth:      KindGrowth,
	VideoReach:      KindShare,
	MobileShare:     KindShare,
	TVShare:         KindShare,
	MarketSize:      KindAmount,
	MarketGrowth:    KindGrowth,
	LicenceMobile:   KindSwitch,
	LicencePC:       KindSwitch,
	LicenceTV:       KindSwitch,
	LaunchYear:      KindYear,
	ApprovalLag:     KindMonths,
	Conversion:      KindShare,
	Price:           KindAmount,
	PartnerCut:      KindShare,
	BassP:           KindAmount,
	BassQ:           KindAmount,
	DealProbability: KindProbability,
	FXCNYPerUSD:     KindRate,
	UserCeiling:     KindAmount,
	PayShare:        KindShare,
	PayShareEnd:     KindShare,
}

// String is the input's id as written in market files and on the command line.
func (id ID) String() string {
	if id < 0 || id >= NumInputs {
		return fmt.Sprintf("input(%d)", int(id))
	}
	return idNames[id]
}

// Kind is the kind the model requires for this input.
func (id ID) Kind() Kind { return idKinds[id] }

// LookupID finds an input by its id ("conversion").
func LookupID(name string) (ID, bool) {
	for i, n := range idNames {
		if n == name {
			return ID(i), true
		}
	}
	return 0, false
}

// IDNames lists every input id in model order.
func IDNames() []string { return idNames[:] }

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
	KindRate                    // a display rate such as CNY per USD: fixed
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
	UnitCNYPerUSD               // an exchange rate, ¥6.28/$
	numUnits
)

var unitNames = [numUnits]string{"people", "usd", "usd_per_month", "percent", "percent_per_year", "year", "months", "on_off", "coefficient", "cny_per_usd"}

func (u Unit) String() string {
	if u < 0 || u >= numUnits {
		return "unknown"
	}
	return unitNames[u]
}

// ParseUnit reads a unit name as written in a market file.
func ParseUnit(s string) (Unit, bool) {
	for i, n := range unitNames {
		if n == s {
			return Unit(i), true
		}
	}
	return 0, false
}

// UnitNames lists the accepted unit names.
func UnitNames() []string { return unitNames[:] }

// Input is one assumption of the model with its plausible range and source.
// Values are in model units: people, USD, fractions (0.6 not 60), years.
type Input struct {
	ID    ID
	Label string // "Internet users"
	Group string // "Market", "Partner & licence", "Pricing & adoption"
	Kind  Kind
	Unit  Unit

	Default   float64
	Low, High float64 // the plausible range; for Monte Carlo a 90% interval
	Min, Max  float64 // hard limits: nothing outside them is accepted
	Step      float64 // one slider step

	Source     string // who says so; "" means an assumption
	SourceYear int    // the year of the source, 0 if none
	URL        string
	Note       string

	// Observed are the values its sources measured (yearly growth rates,
	// say), for the sanity check that an assumption stays within what was
	// ever seen; empty when the file gives none (then Low..High stands in).
	Observed []float64
}

// IsAssumption reports whether the input has no cited source.
func (in Input) IsAssumption() bool { return in.Source == "" }

// SourceText is the source as shown to people: the citation, or "assumption".
func (in Input) SourceText() string {
	if in.Source == "" {
		return "assumption"
	}
	if in.SourceYear != 0 {
		return fmt.Sprintf("%s, %d", in.Source, in.SourceYear)
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

// Values is one full set of input values, indexed by ID.
type Values [NumInputs]float64

// Series is a yearly record of what actually happened, for checking the model
// in hindsight.
type Series struct {
	ID    string
	Label string
	Unit  string // "CNY", "USD", "people", or "cny_per_usd" for a yearly exchange rate
	// Compare is the report column the series is judged against in
	// hindsight ("tam_usd", "users", "viewers"); "" for none.
	Compare string
	Years   []int
	Values  []float64
	Source  string
	URL     string
	Note    string
}

// Market is everything the model needs about one market: its inputs with
// their sources, the base year and horizon, and what happened afterwards.
type Market struct {
	Name     string // "China online video"
	Title    string // a one-line description
	BaseYear int
	Horizon  int // years after the base year; rows = Horizon+1
	Inputs   [NumInputs]Input
	Order    []ID // the inputs in the market file's order, for display
	History  []Series
	Facts    []Fact
	Presets  []Scenario // scenarios shipped with the market; the first is Base, the defaults
}

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
