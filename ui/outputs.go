package ui

import (
	"math"
	"strings"

	"sizeup/market"
	"sizeup/market/formula"
)

// What the screens show comes from the market file's [outputs]: the cards,
// the funnel, the chart's lines, what Monte Carlo records. These helpers
// turn those lists into the ones each view cycles through.

// analysisOutputs are the outputs sensitivity and goal seek offer, in the
// order m cycles through them: the headline, then the cards, the chart's
// lines and the uncertain outputs, each once.
func analysisOutputs(m *market.Market) []market.Output {
	o := &m.Outputs
	list := []market.Output{o.Headline}
	add := func(x market.Output) {
		for _, y := range list {
			if y == x {
				return
			}
		}
		list = append(list, x)
	}
	for _, x := range o.Cards {
		add(x)
	}
	for _, x := range o.Chart {
		add(x)
	}
	for _, u := range o.Uncertain {
		add(u.Series)
	}
	return list
}

// compareOutputs are the rows of the scenario comparison: the cards, and
// the headline if no card shows it.
func compareOutputs(m *market.Market) []market.Output {
	list := append([]market.Output(nil), m.Outputs.Cards...)
	for _, x := range list {
		if x == m.Outputs.Headline {
			return list
		}
	}
	return append(list, m.Outputs.Headline)
}

// lineKinds are the projection chart's line styles, largest first; a chart
// with fewer lines takes the last ones, so its last line always looks the
// same.
var lineKinds = []seriesKind{"line1", "line2", "line3", "line4"}

// chartKind is the style of the i-th of n chart lines.
func chartKind(i, n int) seriesKind {
	k := len(lineKinds)
	return lineKinds[((i+k-n)%k+k)%k]
}

// dealChance is the chance the deal happens at all, 1 when the market has
// no deal input.
func (s *session) dealChance() float64 {
	if !s.market.Outputs.HasDeal {
		return 1
	}
	return s.values[s.market.Outputs.Deal]
}

// givenDeal is what figures drawn given a signed deal say about it: "
// given a deal", or nothing for a market without one.
func (s *session) givenDeal() string {
	if !s.market.Outputs.HasDeal {
		return ""
	}
	return " given a deal"
}

// localRate is the market currency per USD at the sliders, or 0 when the
// market has no second currency.
func (s *session) localRate() float64 {
	if !s.market.HasLocal() {
		return 0
	}
	return s.values[s.market.Local.Rate]
}

// roundAbove is the first of 1, 2, 5 × a power of ten above x: the default
// target of the Uncertainty view, a round figure just out of reach of the
// model as set. 1M when x is not positive.
func roundAbove(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return 1e6
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, f := range []float64{1, 2, 5, 10} {
		if f*p > x*(1+1e-9) {
			return f * p
		}
	}
	return 10 * p
}

// switchSeries is a share the market's on/off inputs decide (China's
// coverage of viewing by the licences held), shown under the last switch:
// the first percent series that reads a switch. ok is false when there is
// none.
func switchSeries(m *market.Market) (market.Output, bool) {
	for i := range m.Series {
		if m.Series[i].Unit != market.UnitPercent {
			continue
		}
		for _, id := range m.InputsOf(market.Output(i)) {
			if m.Inputs[id].Kind == market.KindSwitch {
				return market.Output(i), true
			}
		}
	}
	return 0, false
}

// launchYear is the input named launch_year, when the market has one.
func launchYear(m *market.Market) (market.ID, bool) {
	id, ok := m.LookupInput("launch_year")
	return id, ok && m.Inputs[id].Kind == market.KindYear
}

// recorded reports whether Monte Carlo records an output, so that its
// percentiles can be asked for.
func (s *session) recorded(o market.Output) bool {
	for _, u := range s.market.Outputs.Uncertain {
		if u.Series == o {
			return true
		}
	}
	return false
}

// recordedNames are the outputs Monte Carlo records, in words: "net
// revenue and subscribers".
func (s *session) recordedNames() string {
	names := make([]string, 0, len(s.market.Outputs.Uncertain))
	for _, u := range s.market.Outputs.Uncertain {
		names = append(names, s.market.Phrase(u.Series))
	}
	return joinAnd(names)
}

// formulaWords is a formula as a card can say it: its names as the
// chart's words and ÷ × for / *, "gross ÷ SAM" for gross_usd / sam_usd;
// "-" when it is too long to be read on a card.
func formulaWords(m *market.Market, f string) string {
	if f == "" || len(f) > 40 {
		return "-"
	}
	names, err := formula.Names(f)
	if err != nil {
		return "-"
	}
	var b strings.Builder
	pos := 0
	for _, n := range names {
		b.WriteString(f[pos:n.Span.Start])
		b.WriteString(nameWords(m, n.Name))
		pos = n.Span.End
	}
	b.WriteString(f[pos:])
	return strings.NewReplacer(" / ", " ÷ ", " * ", " × ").Replace(b.String())
}

// nameWords is a name of a formula as a card says it: a series by its
// chart label, an input by its label in lower case, t and year as written.
func nameWords(m *market.Market, name string) string {
	if o, ok := m.LookupOutput(name); ok && m.SeriesID(o) == name {
		return chartLabel(m, o)
	}
	if id, ok := m.LookupInput(name); ok {
		return strings.ToLower(m.Input(id).Label)
	}
	return name
}

// firstWord is a label's first word: "Net" of "Net revenue".
func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}
