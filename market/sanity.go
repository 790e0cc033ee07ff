package market

import (
	"fmt"
	"slices"
)

// TAMGrowthWarnRatio is how many times its base-year size the market may
// grow over the horizon before sizeup says so.
const TAMGrowthWarnRatio = 10.0

// Sanity checks the assumptions against what the market can hold and what
// its sources saw, beside Triangulate's check of revenue against the market.
// Each warning is one line with its figure:
//
//   - "user_ceiling": internet users reach the user ceiling (from which year);
//   - "viewer_revenue": the market's revenue per viewer (TAM / viewers)
//     passes what a subscriber pays in a year (price × 12);
//   - "tam_tenfold": TAM grows more than TAMGrowthWarnRatio times over the
//     horizon;
//   - "growth_observed": a growth rate lies outside every rate its sources
//     observed (Input.Observed), or outside its low..high when the market
//     file lists none.
//
// v are the values p was evaluated at. The order is fixed: the one above.
func Sanity(m *Market, v *Values, p *Projection, c Currency) []Warning {
	var warnings []Warning
	if len(p.Years) == 0 {
		return nil
	}
	first, last := p.First(), p.Last()

	// Users at the ceiling: Users equals it from the first year the
	// uncapped count reaches it.
	ceiling := v[UserCeiling]
	var capped []int
	for i := range p.Years {
		if y := &p.Years[i]; ceiling > 0 && y.Users >= ceiling {
			capped = append(capped, y.Year)
		}
	}
	if len(capped) > 0 {
		uncapped := v[InternetUsers]
		for range m.Horizon {
			uncapped *= 1 + v[UserGrowth]
		}
		msg := fmt.Sprintf("Internet users reach the ceiling of %s in %d and stop growing there", FormatPeople(ceiling), capped[0])
		if uncapped > ceiling {
			msg += fmt.Sprintf(" (uncapped they would be %s by %d)", FormatPeople(uncapped), last.Year)
		}
		warnings = append(warnings, Warning{Kind: "user_ceiling", Years: capped, Message: msg + "."})
	}

	// Revenue per viewer against a year of the subscription.
	perYear := v[Price] * 12
	var rich []int
	var firstRich *Year
	for i := range p.Years {
		y := &p.Years[i]
		if perYear > 0 && y.Viewers > 0 && y.MarketARPU > perYear {
			rich = append(rich, y.Year)
			if firstRich == nil {
				firstRich = y
			}
		}
	}
	if firstRich != nil {
		warnings = append(warnings, Warning{Kind: "viewer_revenue", Years: rich, Message: fmt.Sprintf(
			"The market's revenue per viewer passes what a subscriber pays in %d: %s a year against %s (%s × 12), so an average viewer, paying or not, would be worth more than a subscriber.",
			firstRich.Year, FormatMoney(firstRich.MarketARPU, c), FormatMoney(perYear, c), m.Inputs[Price].Format(v[Price], c))})
	}

	// TAM more than tenfold.
	if first.TAM > 0 && last.TAM > TAMGrowthWarnRatio*first.TAM {
		warnings = append(warnings, Warning{Kind: "tam_tenfold", Years: []int{last.Year}, Message: fmt.Sprintf(
			"TAM grows %.1f× from %d to %d (%s to %s): more than tenfold over the horizon.",
			last.TAM/first.TAM, first.Year, last.Year, FormatMoney(first.TAM, c), FormatMoney(last.TAM, c))})
	}

	// Growth rates outside what their sources saw.
	for id := ID(0); id < NumInputs; id++ {
		in := &m.Inputs[id]
		if in.Kind != KindGrowth {
			continue
		}
		lo, hi, what := in.Low, in.High, "its sources' range"
		if len(in.Observed) > 0 {
			lo, hi, what = slices.Min(in.Observed), slices.Max(in.Observed), "every rate its sources observed"
		}
		x := v[id]
		var side string
		switch {
		case x < lo:
			side = "below"
		case x > hi:
			side = "above"
		default:
			continue
		}
		warnings = append(warnings, Warning{Kind: "growth_observed", Message: fmt.Sprintf(
			"%s of %s is %s %s (%s to %s).", in.Label, in.Format(x, c), side, what, in.Format(lo, c), in.Format(hi, c))})
	}
	return warnings
}
