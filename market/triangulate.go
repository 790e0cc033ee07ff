package market

import "fmt"

// ARPUWarnRatio is how many times the market's revenue per viewer our
// revenue per paying subscriber may reach before sizeup calls it out. A
// subscriber pays more than the average viewer yields (most viewers pay
// nothing), so a small multiple is normal; beyond this one the bottom-up
// price and the top-down market disagree.
const ARPUWarnRatio = 5.0

// Warning is a plain statement that the bottom-up revenue and the top-down
// market do not agree.
type Warning struct {
	Kind    string // "above_sam", "arpu"
	Years   []int  // the years it applies to
	Message string
}

// Triangulate checks the bottom-up revenue (subscribers × price) against the
// top-down market (TAM, SAM) and says plainly where they disagree.
func Triangulate(p *Projection, c Currency) []Warning {
	var warnings []Warning
	var aboveSAM, highARPU []int
	var firstSAM, worstARPU *Year
	for i := range p.Years {
		y := &p.Years[i]
		if y.Gross > y.SAM && y.Gross > 0 {
			aboveSAM = append(aboveSAM, y.Year)
			if firstSAM == nil {
				firstSAM = y
			}
		}
		if y.Paying > 0 && y.MarketARPU > 0 && y.OurARPU > ARPUWarnRatio*y.MarketARPU {
			highARPU = append(highARPU, y.Year)
			if worstARPU == nil || y.OurARPU/y.MarketARPU > worstARPU.OurARPU/worstARPU.MarketARPU {
				worstARPU = y
			}
		}
	}
	if firstSAM != nil {
		warnings = append(warnings, Warning{Kind: "above_sam", Years: aboveSAM, Message: fmt.Sprintf(
			"Gross revenue is above SAM in %s (%d: %s against %s): the subscriptions would be worth more than the whole market on licensed devices.",
			yearSpan(aboveSAM), firstSAM.Year, FormatMoney(firstSAM.Gross, c), FormatMoney(firstSAM.SAM, c))})
	}
	if worstARPU != nil {
		warnings = append(warnings, Warning{Kind: "arpu", Years: highARPU, Message: fmt.Sprintf(
			"Revenue per paying subscriber is %.1f× the market's revenue per viewer in %d (%s against %s a year), above the %.0f× sizeup treats as plausible (%s).",
			worstARPU.OurARPU/worstARPU.MarketARPU, worstARPU.Year, FormatMoney(worstARPU.OurARPU, c), FormatMoney(worstARPU.MarketARPU, c), ARPUWarnRatio, yearSpan(highARPU))})
	}
	return warnings
}

// yearSpan writes a list of years compactly: "2019–2025", "2016", "2016, 2018".
func yearSpan(years []int) string {
	if len(years) == 0 {
		return ""
	}
	contiguous := years[len(years)-1]-years[0] == len(years)-1
	switch {
	case len(years) == 1:
		return fmt.Sprint(years[0])
	case contiguous:
		return fmt.Sprintf("%d–%d", years[0], years[len(years)-1])
	default:
		s := fmt.Sprint(years[0])
		for _, y := range years[1:] {
			s += fmt.Sprintf(", %d", y)
		}
		return s
	}
}
