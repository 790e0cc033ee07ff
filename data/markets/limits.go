package markets

import (
	"fmt"
	"strconv"

	"sizeup/market"
)

// The hard limits a market file's inputs must keep within, by unit. They
// are chosen so that no output can overflow, over the longest horizon (50
// years) with every input at its worst: users 1e11 grown at 100% a year for
// 50 years are 1.1e26, times a price of $100,000 a month for 12 months is
// 1.4e32, below what the Monte Carlo samples (float32, 3.4e38) hold; a TAM
// of $1e14 grown the same way is 1.1e29 USD, and 1.1e35 in a currency at a
// million per dollar. Real markets sit far inside them.
const (
	maxPeople       = 1e11 // about twelve times the world's population
	maxUSD          = 1e14 // about the world's yearly output
	maxUSDPerMonth  = 1e5  // a price a month
	maxGrowth       = 1.0  // 100% a year; the floor is above -100%
	maxCoefficient  = 10.0 // Bass p and q
	minCoefficient  = 1e-6 // a positive lower limit: dividing by it stays finite
	maxRate         = 1e6  // local currency per USD
	maxMonths       = 12   // a lag within the launch year
	minYear         = 1900
	maxYear         = 2200
	maxSteps        = 10_000 // one press moves at least 1/10,000 of the range
	maxHistoryValue = 1e18
)

// checkLimits says what is wrong with an input's min, max or step, "" if
// nothing; the message starts with the field at fault.
func checkLimits(in *market.Input) string {
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
	case market.UnitPeople:
		msg = span(0, maxPeople, "a number of people")
	case market.UnitUSD:
		msg = span(0, maxUSD, "an amount in USD")
	case market.UnitUSDPerMonth:
		msg = span(0, maxUSDPerMonth, "a monthly price in USD")
	case market.UnitMonths:
		msg = span(0, maxMonths, "a number of months in the launch year")
	case market.UnitYear:
		msg = span(minYear, maxYear, "a year")
	case market.UnitCoefficient:
		msg = span(0, maxCoefficient, "a coefficient")
		if msg == "" && in.Min > 0 && in.Min < minCoefficient {
			return fmt.Sprintf("min %s is too close to 0: a coefficient's min is 0 or at least %s, so that dividing by it stays finite", num(in.Min), num(minCoefficient))
		}
	case market.UnitLocalPerUSD:
		if in.Min <= 0 {
			return fmt.Sprintf("min %s is not an exchange rate; a rate is above 0 and at most %s per USD", num(in.Min), num(maxRate))
		}
		msg = span(0, maxRate, "an exchange rate")
	}
	if msg == "" && in.Kind == market.KindGrowth {
		if in.Max > maxGrowth {
			msg = fmt.Sprintf("max %s is above what a growth rate accepts; a growth rate lies above -100%% and at most 100%% a year (-1 < rate ≤ 1)", num(in.Max))
		}
	}
	if msg != "" {
		return msg
	}
	if in.Step < (in.Max-in.Min)/maxSteps {
		return fmt.Sprintf("step %s is too small: one press must move at least 1/10,000 of min..max, here %s", num(in.Step), num((in.Max-in.Min)/maxSteps))
	}
	return ""
}
