package ui

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"sizeup/market"
)

// The dashboard's projection chart: the market file's chart lines (for
// China TAM, SAM, gross and net revenue) on a log scale, so a $56B market
// and a $300M business share one axis, or the lines of the business alone
// on a linear scale (c), with what actually happened drawn over it on
// request (a).

// minRowsPerDecade is how many rows a decade needs for a log chart to be
// read: with fewer, the largest lines give way to the smaller ones.
const minRowsPerDecade = 2

// column is one series of the projection over the years.
func column(p *market.Projection, o market.Output) []float64 {
	return p.Column(o, make([]float64, 0, p.Len()))
}

// chartLines are the projection chart's lines, styled by their place;
// stacked, a chart of one series' items draws each item on top of those
// before it, the top line (every item) first.
func (s *session) chartLines(stacked bool) []series {
	m := s.market
	n := len(m.Outputs.Chart)
	ser := make([]series, n)
	for i, o := range m.Outputs.Chart {
		ser[i] = series{chartKind(i, n), chartLabel(m, o), column(&s.proj, o)}
	}
	if chartFamily(m) == "" {
		return ser
	}
	if n > len(lineKinds) {
		// More items than line styles: the largest, and the rest as one.
		ser = largestItems(ser, len(lineKinds)-1)
		n = len(ser)
		for i := range ser {
			ser[i].kind = chartKind(i, n)
		}
	}
	if !stacked {
		return ser
	}
	for i := 1; i < n; i++ {
		ser[i].label = "+ " + ser[i].label
		for y := range ser[i].values {
			ser[i].values[y] += ser[i-1].values[y]
		}
	}
	slices.Reverse(ser)
	for i := range ser {
		ser[i].kind = chartKind(i, n)
	}
	return ser
}

// largestItems keeps the k lines largest in the last year, largest
// first, and adds the others up into one line ("other 9").
func largestItems(ser []series, k int) []series {
	last := func(sr series) float64 {
		if len(sr.values) == 0 || math.IsNaN(sr.values[len(sr.values)-1]) {
			return math.Inf(-1)
		}
		return sr.values[len(sr.values)-1]
	}
	sorted := slices.Clone(ser)
	slices.SortStableFunc(sorted, func(a, b series) int {
		switch {
		case last(a) > last(b):
			return -1
		case last(a) < last(b):
			return 1
		}
		return 0
	})
	rest := series{label: fmt.Sprintf("other %d", len(ser)-k), values: make([]float64, len(ser[0].values))}
	for _, sr := range sorted[k:] {
		for y, v := range sr.values {
			rest.values[y] += v
		}
	}
	return append(sorted[:k:k], rest)
}

// chartFamily is the series whose items are every line of the chart (a
// series with dims named on [outputs].chart), "" when the lines are not
// the items of one series.
func chartFamily(m *market.Market) string {
	fam := ""
	for i, o := range m.Outputs.Chart {
		se := &m.Series[o]
		if se.Family == "" || se.Items == nil || (i > 0 && se.Family != fam) {
			return ""
		}
		fam = se.Family
	}
	return fam
}

// chartItems is how many items of one series the chart draws (0 when its
// lines are not one series' items): S stacks them.
func (d dashboard) chartItems() int {
	if chartFamily(d.s.market) == "" {
		return 0
	}
	return len(d.s.market.Outputs.Chart)
}

// chartName is what a chart's lines are called in its title: the series
// whose items they are ("Revenue by region", stacked or not), else
// chartTitle's word.
func (d dashboard) chartName(ser []series) string {
	m := d.s.market
	fam := chartFamily(m)
	if fam == "" {
		return chartTitle(ser)
	}
	for _, def := range m.Defs {
		if def.ID == fam {
			return def.Label
		}
	}
	return fam
}

// stackedWord marks a title of stacked items.
func (d dashboard) stackedWord() string {
	if d.stacked && d.chartItems() > 0 {
		return " · stacked"
	}
	return ""
}

// chartLabel is a line's name in the legend: "TAM", "gross" for Gross
// revenue, "net"; an acronym in brackets stands for the whole, "TAM" for
// "Online-video market (TAM)"; on a chart of one series' items, the item
// ("North"), the title naming the series.
func chartLabel(m *market.Market, o market.Output) string {
	if se := &m.Series[o]; se.Items != nil && se.Family != "" && chartFamily(m) == se.Family {
		return m.ItemLabel(se.Dims, se.Items)
	}
	if a, ok := acronym(m.Label(o)); ok {
		return a
	}
	l := m.Phrase(o)
	if first, rest, ok := strings.Cut(l, " "); ok && m.IsMoney(o) && (rest == "revenue" || rest == "revenue (USD)") {
		return first
	}
	return l
}

// revenueLabel reports whether a chart label is a revenue's: "revenue",
// or the first word left of "… revenue" ("gross", "net").
func revenueLabel(label string) bool {
	switch label {
	case "gross", "net", "revenue":
		return true
	}
	return strings.Contains(label, "revenue")
}

// chartOutput is the chart line with a legend label.
func chartOutput(m *market.Market, label string) (market.Output, bool) {
	for _, o := range m.Outputs.Chart {
		if chartLabel(m, o) == label {
			return o, true
		}
	}
	return 0, false
}

// shortLabel is a series' label where room is short: its acronym when it
// ends in one ("TAM"), the label otherwise.
func shortLabel(m *market.Market, o market.Output) string {
	if a, ok := acronym(m.Label(o)); ok {
		return a
	}
	return m.Label(o)
}

// acronym is the capitals in brackets that end a label: "TAM" of
// "Online-video market (TAM)".
func acronym(label string) (string, bool) {
	i := strings.LastIndexByte(label, '(')
	if i < 0 || !strings.HasSuffix(label, ")") {
		return "", false
	}
	a := label[i+1 : len(label)-1]
	if a == "" || strings.ToUpper(a) != a || strings.ContainsAny(a, " ,") {
		return "", false
	}
	return a, true
}

// smallLines splits the chart's lines into those far above the last
// (more than tenfold its peak: TAM and SAM over revenue) and the rest,
// for a linear axis on which the rest can be read.
func smallLines(ser []series) (big, small []series) { return splitAbove(ser, 10) }

// linearFactor is how far above the last line a line may peak on a linear
// axis of rows rows and leave the last line's shape readable: the last
// then spans at least two rows (a third of the axis at least, a tenth at
// most).
func linearFactor(rows int) float64 { return float64(max(3, min(10, rows/2))) }

// splitAbove splits the lines into those whose peak is more than factor
// times the last line's (the first ones, largest first) and the rest.
func splitAbove(ser []series, factor float64) (big, small []series) {
	if len(ser) == 0 {
		return nil, nil
	}
	peak := func(v []float64) float64 {
		x := 0.0
		for _, y := range v {
			if y > x && !math.IsInf(y, 0) {
				x = y
			}
		}
		return x
	}
	last := peak(ser[len(ser)-1].values)
	for i, sr := range ser[:len(ser)-1] {
		if !(peak(sr.values) > factor*last) {
			return ser[:i], ser[i:]
		}
	}
	return ser[:len(ser)-1], ser[len(ser)-1:]
}

// aboveAxis says where lines left off a chart are: "TAM $55.9B and SAM
// $22.4B in 2025".
func (s *session) aboveAxis(big []series) string {
	m := s.market
	cur := s.currency()
	parts := make([]string, 0, len(big))
	for _, b := range big {
		if o, ok := chartOutput(m, b.label); ok {
			parts = append(parts, m.Phrase(o)+" "+m.Format(o, s.proj.Last(o), cur))
		}
	}
	return capitalize(joinAnd(parts)) + fmt.Sprintf(" in %d", s.proj.LastYear())
}

// joinAnd joins "a", "b" and "c" as "a, b and c".
func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// dealLine is the headline times the deal chance, for the linear chart;
// ok is false for a market without a deal.
func (s *session) dealLine() (series, bool) {
	m := s.market
	if !m.Outputs.HasDeal {
		return series{}, false
	}
	v := column(&s.proj, m.Outputs.Headline)
	p := s.dealChance()
	for i := range v {
		v[i] *= p
	}
	return series{"risk", "× deal chance", v}, true
}

// projectionLines are the lines the projection draws, its title and the
// note beside its legend: every line on the log scale (with the actual
// market under hindsight), or the business's lines and the deal-weighted
// headline on the linear one.
func (d dashboard) projectionLines(all, big, small []series, years string) (ser []series, title, note string) {
	title, note = d.chartName(nil)+" "+years+d.stackedWord()+" · log scale", "c: linear revenue"
	if d.chartItems() == 0 {
		title = "Projection " + years + " · log scale"
	}
	if d.logChart {
		ser = all
		if d.hindsight {
			if actual, label, ok := d.actualMoney(); ok {
				// Last, so it is drawn first, under the model's lines: where
				// the two run together the model's line stays whole, and
				// where they cross both show.
				ser = append(append([]series(nil), ser...), series{"actual", label, actual})
			}
		}
	} else {
		title, note = d.chartName(small)+" "+years+d.stackedWord(), "c: log scale"
		if len(big) > 0 {
			labels := make([]string, len(big))
			for i, b := range big {
				labels[i] = b.label
			}
			note += " with " + joinAnd(labels)
		}
		ser = append([]series(nil), small...)
		if risk, ok := d.s.dealLine(); ok {
			ser = append(ser, risk)
		}
	}
	if d.present {
		note = ""
		if d.logChart {
			note = "log scale"
		}
	}
	return ser, title, note
}

// chartPanel draws the projection's panel w×h, plotting through cache
// (nil plots afresh, for a chart drawn alone).
func (d dashboard) chartPanel(w, h int, cache *plotCache) string {
	s := d.s
	st := s.styles
	cur := s.currency()
	years := fmt.Sprintf("%d–%d, %s", s.market.BaseYear, s.market.LastYear(), cur.Code)
	inner := w - 4
	all := s.chartLines(d.stacked)
	big, small := smallLines(all)
	var head []string
	ser, title, note := d.projectionLines(all, big, small, years)
	var hindsight []string
	if d.hindsight && d.logChart {
		hindsight = wrapLines(d.hindsightNote(), inner, st.Faint)
	}
	logScale := d.logChart
	rows := h - 2 - 1 - len(hindsight) - 3 // border, legend, notes, axis and labels
	var off []series
	leaveOff := func(more, keep []series) {
		// Leave off the lines far above the rest (the first, largest
		// ones), and say where they are.
		off, ser = append(off, more...), keep
		where := s.aboveAxis(off) + " " + map[bool]string{true: "are", false: "is"}[len(off) > 1] + " above this axis."
		if more := where + " A taller window shows " + map[bool]string{true: "them", false: "it"}[len(off) > 1] + "."; cellWidth(more) <= inner {
			where = more
		}
		rows += len(hindsight) + len(head)
		head = wrapLines(where, inner, st.Faint)
		rows -= len(head)
		hindsight = nil
	}
	if logScale && rows < minRowsPerDecade*decades(ser) && len(big) > 0 {
		// Too short for the market and the business together.
		leaveOff(big, small)
		title = d.chartName(ser) + " " + years + d.stackedWord() + " · log scale"
	}
	if logScale && rows < minRowsPerDecade*decades(ser) {
		// Too short even for these decades: a linear axis reads, with the
		// lines it would flatten the last one under left off, by the same
		// rule for every market.
		logScale = false
		if more, keep := splitAbove(ser, linearFactor(rows)); len(more) > 0 {
			leaveOff(more, keep)
		}
		title, note = d.chartName(ser)+" "+years+d.stackedWord()+" · linear (too short for a log scale)", ""
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
	body := cache.get(spec)
	if body == "" {
		msg := st.Subtle.Render(fmt.Sprintf("No revenue in %d–%d with these assumptions.", s.market.BaseYear, s.market.LastYear()))
		return st.box(title, strings.Join(head, "\n")+"\n"+msg, w, h, false)
	}
	// The plot's lines are exactly the chart's width: no need to measure them.
	lines := make([]string, 0, len(head)+h)
	lines = append(lines, head...)
	for l := range strings.SplitSeq(body, "\n") {
		lines = append(lines, l)
	}
	return st.boxLines(title, lines, w, h, false, true)
}

// chartTitle names what a chart's lines are: "Revenue" when every line is
// a revenue (gross, net), "Projection" otherwise.
func chartTitle(ser []series) string {
	for _, sr := range ser {
		if sr.kind != "risk" && !revenueLabel(sr.label) {
			return "Projection"
		}
	}
	return "Revenue"
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

// actualJudged is the first judged history series that is money and is
// set against one of the chart's lines (China: the reported market against
// TAM), for drawing on the chart.
func (d dashboard) actualJudged() (*market.Judgement, bool) {
	m := d.s.market
	for i := range d.judged {
		j := &d.judged[i]
		if !m.IsMoney(j.Output) || len(j.Rows) == 0 {
			continue
		}
		for _, o := range m.Outputs.Chart {
			if o == j.Output {
				return j, true
			}
		}
	}
	return nil, false
}

// actualMoney is what actually happened for a chart line each year of the
// projection, in USD, with its legend label; NaN where no figure was
// reported.
func (d dashboard) actualMoney() ([]float64, string, bool) {
	s := d.s
	j, ok := d.actualJudged()
	if !ok {
		return nil, "", false
	}
	out := make([]float64, s.proj.Len())
	for i := range out {
		out[i] = math.NaN()
	}
	for _, r := range j.Rows {
		if i, ok := s.proj.Index(r.Year); ok {
			out[i] = r.Actual // USD at that year's own rate
		}
	}
	return out, "actual " + chartLabel(s.market, j.Output), true
}

// hindsightNote says what the dotted line is.
func (d dashboard) hindsightNote() string {
	j, ok := d.actualJudged()
	if !ok {
		return "Nothing the market file records as having happened is on this chart (" + d.judgedWhere() + ")."
	}
	note := "·· " + j.Series.Label + " as reported"
	if j.Series.Unit != "USD" {
		note += ", in USD at each year's own rate"
	}
	if in := j.InSampleYears(); len(in) > 0 {
		note += "; " + market.YearSpan(in) + " in-sample (a calibrated input was fitted to it)"
	}
	return note + " (" + d.judgedWhere() + ")"
}

// judgedWhere is where the judgement of the model against what happened
// is: below, when the hindsight panel has room under the chart; else the
// w screen, or sizeup report on a slide.
func (d dashboard) judgedWhere() string {
	switch {
	case d.l.funnel.h > 0:
		return "judged below"
	case d.present:
		return "sizeup report --hindsight judges it"
	}
	return "w shows the judgement"
}

// impliedGrowth is the growth a history series implies for one of the
// market's growth inputs (China: the reported market's for market
// growth), which A tries.
type impliedGrowth struct {
	j     market.Judgement
	input market.ID
	ok    bool
}

// hindsightLines judge the model against what happened: per series, the
// model's error in each year, the growth the actuals imply and the key
// that tries it, and the series' own caveat (such as the base-year dating
// of the user count), wrapped to w.
func (d dashboard) hindsightLines(w int) []string {
	s := d.s
	st := s.styles
	m := s.market
	var lines []string
	for _, j := range d.judged {
		if len(j.Rows) == 0 {
			continue
		}
		var errs []string
		for _, r := range j.Rows {
			e := fmt.Sprintf("%d %s", r.Year, signedPercent(r.Error))
			if r.Rate > 0 && r.OwnRate {
				e += fmt.Sprintf(" (%s%.2f/$)", m.Local.Symbol, r.Rate)
			}
			if r.InSample {
				e += " in-sample"
			}
			errs = append(errs, e)
		}
		lines = append(lines, wrapLines(fmt.Sprintf("%s against the model's %s: %s.", j.Series.Label, m.Phrase(j.Output), strings.Join(errs, ", ")), w, st.Text)...)
		if im := d.implied; im.ok && im.j.Series == j.Series {
			model, _ := j.ModelGrowth(&s.proj)
			in := ""
			if m.IsLocal(j.Series.Unit) {
				in = fmt.Sprintf(" in USD at each year's rate (%s in %s)", market.FormatPercent(j.Growth, 1), j.Series.Unit)
			}
			lines = append(lines, indent(wrapLines(fmt.Sprintf("It implies %s a year %d–%d%s; the model's %s grows %s. A tries that rate for %s (u undoes it).",
				market.FormatPercent(j.ModelRate(), 1), j.FromYear, j.ToYear, in, m.Phrase(j.Output), market.FormatPercent(model, 1), strings.ToLower(m.Input(im.input).Label)), w-2, st.Accent), 2)...)
		}
		if j.Series.Note != "" {
			lines = append(lines, indent(wrapLines(j.Series.Note, w-2, st.Faint), 2)...)
		}
	}
	for _, o := range m.Outcomes(&s.values) {
		lines = append(lines, wrapLines(o.Sentence(m), w, st.Text)...)
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

func (d dashboard) renderHindsight(w, h int) string {
	lines := d.hindsightLines(w - 4)
	if len(lines) > h-2 {
		lines = lines[:h-2]
	}
	title := "Hindsight: the model against what happened (error = model ÷ actual − 1)"
	if len(d.s.market.CalibratedYears()) > 0 {
		title = "Hindsight: model against what happened (error = model ÷ actual − 1; in-sample: fitted to, not a test)"
	}
	return d.s.styles.box(title, strings.Join(lines, "\n"), w, h, false)
}

// hasHindsight reports whether the market file records anything that
// happened to set the model against, for the hindsight overlay.
func hasHindsight(m *market.Market) bool {
	for _, h := range m.History {
		if _, ok := m.LookupOutput(h.Compare); ok && h.Compare != "" && h.Unit != market.RateUnit || h.Forecast != "" {
			return true
		}
	}
	return false
}
