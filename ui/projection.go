package ui

import (
	"fmt"
	"math"
	"strings"

	"sizeup/market"
)

// The dashboard's projection chart: TAM, SAM, gross and net revenue on a
// log scale (so a $56B market and a $300M business share one axis), or
// revenue alone on a linear scale (c), with what actually happened drawn
// over it on request (a).

// minRowsPerDecade is how many rows a decade needs for a log chart to be
// read: with fewer, TAM and SAM give way to revenue.
const minRowsPerDecade = 2

func (d dashboard) renderChart(w, h int) string {
	s := d.s
	st := s.styles
	cur := s.currency()
	col := func(f func(y *market.Year) float64) []float64 {
		out := make([]float64, len(s.proj.Years))
		for i := range s.proj.Years {
			out[i] = f(&s.proj.Years[i])
		}
		return out
	}
	gross := series{"gross", "gross", col(func(y *market.Year) float64 { return y.Gross })}
	net := series{"net", "net", col(func(y *market.Year) float64 { return y.Net })}
	years := fmt.Sprintf("%d–%d, %s", s.market.BaseYear, s.market.LastYear(), cur.Code)
	inner := w - 4
	var head []string
	var ser []series
	title, note := "Projection "+years+" · log scale", "c: linear revenue"
	if d.logChart {
		ser = []series{
			{"tam", "TAM", col(func(y *market.Year) float64 { return y.TAM })},
			{"sam", "SAM", col(func(y *market.Year) float64 { return y.SAM })},
			gross, net,
		}
		if d.hindsight {
			// First, so it is drawn over TAM where the two meet.
			ser = append([]series{{"actual", "actual market", d.actualMarket()}}, ser...)
		}
	} else {
		title, note = "Revenue "+years, "c: log scale with TAM and SAM"
		ser = []series{gross, net, {"risk", "× deal chance", col(func(y *market.Year) float64 { return y.RiskNet })}}
	}
	if d.present {
		note = ""
		if d.logChart {
			note = "log scale"
		}
	}
	var hindsight []string
	if d.hindsight && d.logChart {
		hindsight = wrapLines(d.hindsightNote(), inner, st.Faint)
	}
	logScale := d.logChart
	rows := h - 2 - 1 - len(hindsight) - 3 // border, legend, notes, axis and labels
	if logScale && rows < minRowsPerDecade*decades(ser) {
		// Too short for the market and the revenue together: show the
		// revenue, and say where the market is.
		last := s.proj.Last()
		ser = []series{gross, net}
		where := fmt.Sprintf("TAM %s and SAM %s in %d are above this axis.", market.FormatMoney(last.TAM, cur), market.FormatMoney(last.SAM, cur), last.Year)
		if more := where + " A taller window shows them."; cellWidth(more) <= inner {
			where = more
		}
		head = wrapLines(where, inner, st.Faint)
		rows += len(hindsight) - len(head)
		hindsight = nil
		title = "Revenue " + years + " · log scale"
		if rows < minRowsPerDecade*decades(ser) {
			// Too short even for revenue's decades: a linear axis reads.
			logScale = false
			title, note = "Revenue "+years+" · linear (too short for a log scale)", ""
		}
	}
	legend := st.legend(ser)
	head = append([]string{legend + spaces(max(1, inner-cellWidth(legend)-cellWidth(note))) + st.Faint.Render(note)}, head...)
	head = append(head, hindsight...)
	for i, l := range head {
		head[i] = fit(l, inner) // the panel takes these lines as they are
	}
	spec := chartSpec{
		firstYear: s.market.BaseYear,
		series:    ser,
		log:       logScale,
		width:     inner,
		height:    h - 2 - len(head),
		money:     true,
		currency:  moneyFormat{cur.Symbol, cur.PerUSD},
		styles:    st,
	}
	body := d.chart.render(spec)
	if body == "" {
		msg := st.Subtle.Render(fmt.Sprintf("No revenue in %d–%d with these assumptions: check the licences, the launch year and conversion.", s.market.BaseYear, s.market.LastYear()))
		return st.box(title, strings.Join(head, "\n")+"\n"+msg, w, h, false)
	}
	// The plot's lines are exactly the chart's width: no need to measure them.
	return st.boxLines(title, append(head, strings.Split(body, "\n")...), w, h, false, true)
}

// decades is how many powers of ten the series span on a log axis.
func decades(ser []series) int {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, sr := range ser {
		for _, v := range sr.values {
			if v > 0 && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if !(hi >= lo) {
		return 0
	}
	return min(maxDecades, max(1, int(math.Ceil(math.Log10(hi))-math.Floor(math.Log10(lo)))))
}

// actualMarket is what the market was reported to be worth each year of
// the projection, in USD; NaN where no figure was reported.
func (d dashboard) actualMarket() []float64 {
	s := d.s
	out := make([]float64, len(s.proj.Years))
	for i := range out {
		out[i] = math.NaN()
	}
	for _, j := range d.judged {
		if j.Column != "tam_usd" {
			continue
		}
		for _, r := range j.Rows {
			out[r.Year-s.market.BaseYear] = r.Actual // USD at that year's own rate
		}
		break
	}
	return out
}

// hindsightNote says what the dotted line is.
func (d dashboard) hindsightNote() string {
	return "·· the market as reported, in USD at each year's own rate (judged below)"
}

// impliedGrowth is the market growth the actuals imply, when the market
// file records the market's actual size.
func (d dashboard) impliedGrowth() (market.Judgement, bool) {
	for _, j := range d.judged {
		if j.Column == "tam_usd" && j.HasGrowth {
			return j, true
		}
	}
	return market.Judgement{}, false
}

// hindsightLines judge the model against what happened: per series, the
// model's error in each year, the growth the actuals imply and the key
// that tries it, and the series' own caveat (such as the base-year dating
// of the user count), wrapped to w.
func (d dashboard) hindsightLines(w int) []string {
	s := d.s
	st := s.styles
	var lines []string
	for _, j := range d.judged {
		if len(j.Rows) == 0 {
			continue
		}
		var errs []string
		for _, r := range j.Rows {
			e := fmt.Sprintf("%d %s", r.Year, signedPercent(r.Error))
			if r.Rate > 0 && r.OwnRate {
				e += fmt.Sprintf(" (¥%.2f/$)", r.Rate)
			}
			errs = append(errs, e)
		}
		lines = append(lines, wrapLines(fmt.Sprintf("%s against the model's %s: %s.", j.Series.Label, columnName(j.Column), strings.Join(errs, ", ")), w, st.Text)...)
		if j.Column == "tam_usd" && j.HasGrowth {
			model, _ := j.ModelGrowth(&s.proj)
			lines = append(lines, indent(wrapLines(fmt.Sprintf("It implies %s a year %d–%d (in yuan); the model's market grows %s. A tries that rate (u undoes it).",
				market.FormatPercent(j.Growth, 1), j.FromYear, j.ToYear, market.FormatPercent(model, 1)), w-2, st.Accent), 2)...)
		}
		if (j.Column == "users" || j.Column == "tam_usd") && j.Series.Note != "" {
			lines = append(lines, indent(wrapLines(j.Series.Note, w-2, st.Faint), 2)...)
		}
	}
	return lines
}

// signedPercent is a share with its sign: +2.5%, −18.2%.
func signedPercent(f float64) string {
	if f < 0 {
		return "−" + market.FormatPercent(-f, 1)
	}
	return "+" + market.FormatPercent(f, 1)
}

// columnName is a report column as words.
func columnName(c string) string {
	switch c {
	case "tam_usd":
		return "TAM"
	case "sam_usd":
		return "SAM"
	}
	return strings.ReplaceAll(c, "_", " ")
}

func (d dashboard) renderHindsight(w, h int) string {
	lines := d.hindsightLines(w - 4)
	if len(lines) > h-2 {
		lines = lines[:h-2]
	}
	return d.s.styles.box("Hindsight: the model against what happened (error = model ÷ actual − 1)", strings.Join(lines, "\n"), w, h, false)
}

// hasMoneyHistory reports whether the market file records what the market
// was actually worth, for the hindsight overlay.
func hasMoneyHistory(m *market.Market) bool {
	for _, h := range m.History {
		if h.Unit == "CNY" || h.Unit == "USD" {
			return true
		}
	}
	return false
}
