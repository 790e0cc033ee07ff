package market

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// The model's own rules: what every Market must keep to, however it was
// built (read from a file, or written in Go). Compile checks them first,
// so no path to a model skips them; the market-file loader checks each
// input as it reads it, to point at the line.

// InputError says which rule an input breaks: Field is the field at fault
// as a market file names it ("default", "kind", "step"), Msg what is wrong.
// The loader puts the file and line in front of it.
type InputError struct {
	Input string // the input's id, "conversion"
	Field string
	Msg   string
}

func (e *InputError) Error() string { return "input " + e.Input + ": " + e.Field + ": " + e.Msg }

// The hard limits an input must keep within, by unit. They are chosen so
// that no output can overflow, over the longest horizon (MaxHorizon, 50
// years) with every input at its worst: users 1e11 grown at 100% a year for
// 50 years are 1.1e26, times a price of $100,000 a month for 12 months is
// 1.4e32, below what the Monte Carlo samples (float32, 3.4e38) hold; a TAM
// of $1e14 grown the same way is 1.1e29 USD, and 1.1e35 in a currency at a
// million per dollar. Real markets sit far inside them.
const (
	maxPeople      = 1e11 // about twelve times the world's population
	maxUSD         = 1e14 // about the world's yearly output
	maxUSDPerMonth = 1e5  // a price a month
	maxGrowth      = 1.0  // 100% a year; the floor is above -100%
	maxCoefficient = 10.0 // Bass p and q
	minCoefficient = 1e-6 // a positive lower limit: dividing by it stays finite
	maxRate        = 1e6  // local currency per USD
	maxMonths      = 12   // a lag within the launch year
	minYear        = 1900
	maxYear        = 2200
	maxSteps       = 10_000 // one press moves at least 1/10,000 of the range
)

// kindUnits are the units each kind of input may be in.
var kindUnits = map[Kind][]Unit{
	KindAmount:      {UnitPeople, UnitUSD, UnitUSDPerMonth, UnitCoefficient, UnitCount, UnitMoneyPer, UnitOther},
	KindGrowth:      {UnitPercentYear},
	KindShare:       {UnitPercent},
	KindProbability: {UnitPercent},
	KindMonths:      {UnitMonths},
	KindYear:        {UnitYear},
	KindSwitch:      {UnitOnOff},
	KindRate:        {UnitLocalPerUSD, UnitCoefficient},
}

// Validate checks the model's rules: a plausible base year, a horizon of 1
// to MaxHorizon years, at most MaxInputs inputs, every input's own
// (Input.Validate), and no two checks of one id. An input's error is an
// *InputError.
func (m *Market) Validate() error {
	switch {
	case m.BaseYear < minYear || m.BaseYear > maxYear:
		return fmt.Errorf("base year %d is not plausible (%d to %d)", m.BaseYear, minYear, maxYear)
	case m.Horizon < 1 || m.Horizon > MaxHorizon:
		return fmt.Errorf("a horizon of %d years is not accepted; give 1 to %d", m.Horizon, MaxHorizon)
	case len(m.Inputs) > MaxInputs:
		return fmt.Errorf("%d inputs; a market has at most %d", len(m.Inputs), MaxInputs)
	}
	for i := range m.Inputs {
		if err := m.Inputs[i].Validate(); err != nil {
			return err
		}
	}
	ids := map[string]bool{}
	for i := range m.Checks {
		id := m.Checks[i].ID
		if id != "" && ids[id] {
			return fmt.Errorf("check %q is given twice: a warning is named by its check's id", id)
		}
		ids[id] = true
	}
	return nil
}

// Validate checks an input's rules, in this order, and returns the first
// broken as an *InputError: its unit is one its kind may have; default,
// low, high, min, max and step are finite numbers; min ≤ max, low ≤ high,
// min ≤ default ≤ max, low..high within min..max, low ≤ default ≤ high;
// step > 0; what its kind asks (a share between 0 and 1, a switch 0 or 1,
// a whole year, an amount's low above 0, growth above -100%); observed
// values are finite; and min, max and step keep within the hard limits of
// its unit.
func (in *Input) Validate() error {
	for _, check := range []func() (field, msg string){
		in.checkKindUnit, in.checkFinite, in.checkRanges, in.checkDist, in.checkKind, in.checkObserved, in.checkLimits,
	} {
		if field, msg := check(); msg != "" {
			return &InputError{Input: in.Name, Field: field, Msg: msg}
		}
	}
	return nil
}

func (in *Input) checkKindUnit() (string, string) {
	if slices.Contains(kindUnits[in.Kind], in.Unit) {
		return "", ""
	}
	var kinds []string
	for _, k := range KindNames() {
		if kk, _ := ParseKind(k); slices.Contains(kindUnits[kk], in.Unit) {
			kinds = append(kinds, strconv.Quote(k))
		}
	}
	unit := in.Unit.String()
	if in.UnitName != "" {
		unit = in.UnitName
	}
	return "kind", fmt.Sprintf("%q is the wrong kind for unit %q; give kind %s, or another unit", in.Kind.String(), unit, strings.Join(kinds, " or "))
}

func (in *Input) checkFinite() (string, string) {
	for _, n := range []struct {
		name string
		v    float64
	}{{"default", in.Default}, {"low", in.Low}, {"high", in.High}, {"min", in.Min}, {"max", in.Max}, {"step", in.Step}} {
		if math.IsNaN(n.v) || math.IsInf(n.v, 0) {
			return n.name, fmt.Sprintf("%v is not a finite number", n.v)
		}
	}
	return "", ""
}

func (in *Input) checkRanges() (string, string) {
	show := func(v float64) string { return in.Format(v, USD) }
	switch {
	case in.Min > in.Max:
		return "min", fmt.Sprintf("min %s is above max %s", show(in.Min), show(in.Max))
	case in.Low > in.High:
		return "low", fmt.Sprintf("low %s is above high %s", show(in.Low), show(in.High))
	case in.Default < in.Min || in.Default > in.Max:
		return "default", fmt.Sprintf("%s is outside min..max (%s to %s)", show(in.Default), show(in.Min), show(in.Max))
	case in.Low < in.Min || in.High > in.Max:
		return "low", fmt.Sprintf("the range %s to %s leaves min..max (%s to %s)", show(in.Low), show(in.High), show(in.Min), show(in.Max))
	case in.Default < in.Low || in.Default > in.High:
		// The default is the best guess; low..high is where the truth
		// likely lies. A guess outside its own range is a slip (9% with
		// 1%–6%), not a view.
		if in.Dist.Bounded() {
			return "default", fmt.Sprintf("%s lies outside low..high (%s to %s), the bounds of a %s draw with the default as its mode; move the default between them, or widen low or high", show(in.Default), show(in.Low), show(in.High), in.Dist)
		}
		return "default", fmt.Sprintf("%s lies outside its own low..high (%s to %s); move the default inside the range, or widen low or high", show(in.Default), show(in.Low), show(in.High))
	case in.Step <= 0:
		return "step", fmt.Sprintf("%v is not a step; give a positive number", in.Step)
	}
	return "", ""
}

func (in *Input) checkKind() (string, string) {
	switch in.Kind {
	case KindShare, KindProbability:
		if in.Min < 0 || in.Max > 1 {
			return "max", fmt.Sprintf("a %s lies between 0 and 1 (0.6 = 60%%); min..max is %v to %v", in.Kind, in.Min, in.Max)
		}
	case KindSwitch:
		if in.Min != 0 || in.Max != 1 || (in.Default != 0 && in.Default != 1) {
			return "default", "a switch is 0 (off) or 1 (on), with min 0 and max 1"
		}
	case KindYear:
		if in.Default != math.Trunc(in.Default) || in.Low != math.Trunc(in.Low) || in.High != math.Trunc(in.High) {
			return "default", "a year is a whole number"
		}
	case KindAmount:
		if in.Low <= 0 && in.High > 0 {
			return "low", fmt.Sprintf("an amount's low must be above 0 for its uncertainty to be drawn (got %v)", in.Low)
		}
	case KindGrowth:
		if in.Min <= -1 {
			return "min", fmt.Sprintf("a growth rate stays above -100%% a year (got %v)", in.Min)
		}
	}
	return "", ""
}

func (in *Input) checkObserved() (string, string) {
	for _, x := range in.Observed {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "observed", fmt.Sprintf("%v is not a finite number", x)
		}
	}
	return "", ""
}

// checkLimits checks min, max and step against the hard limits of the
// input's unit; the field at fault is the word the message starts with.
func (in *Input) checkLimits() (string, string) {
	msg := in.limitsMessage()
	switch {
	case msg == "":
		return "", ""
	case strings.HasPrefix(msg, "min"):
		return "min", msg
	case strings.HasPrefix(msg, "step"):
		return "step", msg
	}
	return "max", msg
}

func (in *Input) limitsMessage() string {
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	span := func(lo, hi float64, what string) string {
		switch {
		case in.Min < lo:
			return fmt.Sprintf("min %s is below what %s accepts; min and max of %s lie within %s to %s", num(in.Min), what, what, num(lo), num(hi))
		case in.Max > hi:
			return fmt.Sprintf("max %s is above what %s accepts; min and max of %s lie within %s to %s", num(in.Max), what, what, num(lo), num(hi))
		}
		return ""
	}
	var msg string
	switch in.Unit {
	case UnitPeople:
		msg = span(0, maxPeople, "a number of people")
	case UnitUSD, UnitMoneyPer:
		msg = span(0, maxUSD, "an amount in USD")
	case UnitCount:
		msg = span(0, maxPeople, "a count")
	case UnitUSDPerMonth:
		msg = span(0, maxUSDPerMonth, "a monthly price in USD")
	case UnitMonths:
		msg = span(0, maxMonths, "a number of months in the launch year")
	case UnitYear:
		msg = span(minYear, maxYear, "a year")
	case UnitCoefficient:
		msg = span(0, maxCoefficient, "a coefficient")
		if msg == "" && in.Min > 0 && in.Min < minCoefficient {
			return fmt.Sprintf("min %s is too close to 0: a coefficient's min is 0 or at least %s, so that dividing by it stays finite", num(in.Min), num(minCoefficient))
		}
	case UnitLocalPerUSD:
		if in.Min <= 0 {
			return fmt.Sprintf("min %s is not an exchange rate; a rate is above 0 and at most %s per USD", num(in.Min), num(maxRate))
		}
		msg = span(0, maxRate, "an exchange rate")
	}
	if msg == "" && in.Kind == KindGrowth && in.Max > maxGrowth {
		msg = fmt.Sprintf("max %s is above what a growth rate accepts; a growth rate lies above -100%% and at most 100%% a year (-1 < rate ≤ 1)", num(in.Max))
	}
	if msg != "" {
		return msg
	}
	if in.Step < (in.Max-in.Min)/maxSteps {
		return fmt.Sprintf("step %s is too small: one press must move at least 1/10,000 of min..max, here %s", num(in.Step), num((in.Max-in.Min)/maxSteps))
	}
	return ""
}
