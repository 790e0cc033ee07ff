package market

import "strings"

// Output names a yearly result of the model that analyses can target.
type Output int

const (
	OutNet Output = iota
	OutGross
	OutRiskNet
	OutSubscribers
	OutPaying
	OutReachable
	OutTAM
	OutSAM
	OutShareOfTAM
	OutShareOfSAM
	NumOutputs // the number of outputs; not an output
)

var outputInfo = [NumOutputs]struct {
	id, label string
	money     bool
	people    bool
}{
	OutNet:         {"net", "net revenue", true, false},
	OutGross:       {"gross", "gross revenue", true, false},
	OutRiskNet:     {"risk_net", ExpectedNetAtSlidersName, true, false},
	OutSubscribers: {"subscribers", "subscribers", false, true},
	OutPaying:      {"paying", "paying subscribers (year average)", false, true},
	OutReachable:   {"reachable", "reachable viewers", false, true},
	OutTAM:         {"tam", "TAM", true, false},
	OutSAM:         {"sam", "SAM", true, false},
	OutShareOfTAM:  {"share_of_tam", "share of TAM", false, false},
	OutShareOfSAM:  {"share_of_sam", "share of SAM", false, false},
}

// String is the output's id: "net", "subscribers".
func (o Output) String() string { return outputInfo[o].id }

// Label is the output's name in a sentence: "net revenue".
func (o Output) Label() string { return outputInfo[o].label }

// IsMoney reports whether the output is an amount of money (USD).
func (o Output) IsMoney() bool { return outputInfo[o].money }

// Of reads this output from one year of a projection.
func (o Output) Of(y *Year) float64 {
	switch o {
	case OutNet:
		return y.Net
	case OutGross:
		return y.Gross
	case OutRiskNet:
		return y.RiskNet
	case OutSubscribers:
		return y.Subscribers
	case OutPaying:
		return y.Paying
	case OutReachable:
		return y.Reachable
	case OutTAM:
		return y.TAM
	case OutSAM:
		return y.SAM
	case OutShareOfTAM:
		return y.ShareOfTAM
	case OutShareOfSAM:
		return y.ShareOfSAM
	}
	return 0
}

// Format shows a value of this output with its unit.
func (o Output) Format(v float64, c Currency) string {
	switch {
	case outputInfo[o].money:
		return FormatMoney(v, c)
	case outputInfo[o].people:
		return FormatPeople(v)
	default:
		return FormatShare(v)
	}
}

// ParseTarget reads a target value for this output as people type it:
// $200M for money, 5M for people, 1% for shares.
func (o Output) ParseTarget(text string, fx float64) (float64, error) {
	in := Input{ID: -1, Label: o.Label(), Min: -1e15, Max: 1e15, Unit: UnitPercent}
	switch {
	case outputInfo[o].money:
		in.Unit = UnitUSD
	case outputInfo[o].people:
		in.Unit = UnitPeople
	}
	v, err := in.Parse(text, fx)
	if err != nil {
		if pe, ok := err.(*ParseError); ok {
			pe.Input = o.String()
		}
		return 0, err
	}
	return v, nil
}

// LookupOutput finds an output by its id.
func LookupOutput(name string) (Output, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for i := range outputInfo {
		if outputInfo[i].id == name {
			return Output(i), true
		}
	}
	return 0, false
}

// OutputNames lists the output ids.
func OutputNames() []string {
	names := make([]string, NumOutputs)
	for i := range outputInfo {
		names[i] = outputInfo[i].id
	}
	return names
}
