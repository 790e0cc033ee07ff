package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// The Uncertainty view: Monte Carlo over every input's plausible range.
// A fan chart of P5/P50/P95 per year (given a deal), the horizon year's
// histogram, the chance of reaching a target, the chance of no revenue at
// all, the expected net counting the deal, and how much of the spread each
// input explains. The median is the headline; each percentile carries its
// Monte Carlo error.

type uncertainty struct {
	s       *session
	w, h    int
	l       uncLayout
	present bool

	rec      int // what the fan chart shows: which recorded output (0, the headline)
	fan      *plotCache
	fanDrawn string    // the fan's panel as refresh last drew it
	hist     histogram // the horizon year's headline, counted for the histogram's width
}

// histogram is the shown result's horizon-year headline in log-spaced
// bins, counted once per result and width.
type histogram struct {
	gen, cols int
	counts    []int
	edges     []float64 // USD
	zeros     int       // samples with zero headline, given a deal
}

func newUncertainty(s *session) uncertainty {
	return uncertainty{s: s, fan: &plotCache{}}
}

func (u *uncertainty) SetSize(w, h int, present bool) {
	u.w, u.h, u.present = w, h, present
	u.l = uncertaintyLayout(w, h)
	u.count()
}

// refresh counts the histogram and draws the fan for View.
func (u *uncertainty) refresh() {
	u.count()
	u.fanDrawn = ""
	if u.s.mc.result() != nil {
		u.fanDrawn = u.fanPanel(u.l.fan.w, u.l.fan.h, u.fan)
	}
}

// count counts the histogram for the shown result and the panel's width.
func (u *uncertainty) count() {
	r := u.s.mc.result()
	cols := u.l.hist.w - 4
	if r == nil || cols < 10 || (u.hist.gen == u.s.mc.shown && u.hist.cols == cols) {
		return
	}
	edges, counts, zeros, _ := r.LogHistogramOf(r.Recorded[0].Series, r.LastYear(), cols)
	u.hist = histogram{gen: u.s.mc.shown, cols: cols, counts: counts, edges: edges, zeros: zeros}
}

func (u uncertainty) shortHelp() []key.Binding {
	k := u.s.keys
	return []key.Binding{k.Edit, k.Output, k.GoalSeek, k.NextView}
}

// enableKeys: with a result to show, m cycles the fan's output (on a slide
// too) and ⏎ changes the target; before one, nothing.
func (u *uncertainty) enableKeys(k *keyMap, presenting bool) {
	if u.s.mc.result() == nil {
		return
	}
	k.Output.SetEnabled(true)
	k.Edit.SetEnabled(!presenting)
	k.Edit.SetHelp("⏎", "change target")
}

// promptOnEnter: ⏎ types the target the chance is reported for.
func (u *uncertainty) promptOnEnter() promptRequest { return promptRequest{kind: promptTarget} }

func (u *uncertainty) Update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(tea.KeyMsg); ok && key.Matches(msg, u.s.keys.Output) {
		u.rec = (u.rec + 1) % len(u.s.market.Outputs.Uncertain)
	}
	return nil
}

// shown is the output the fan chart shows.
func (u uncertainty) shown() market.Output { return u.s.market.Outputs.Uncertain[u.rec].Series }

// title is what a slide of this view is called: what the fan shows.
func (u uncertainty) title() string {
	return fmt.Sprintf("%s under uncertainty, %d–%d", u.s.market.Label(u.shown()), u.s.market.BaseYear, u.s.market.LastYear())
}

func (u uncertainty) View() string {
	st := u.s.styles
	r := u.s.mc.result()
	if r == nil {
		msg := "Working out the first Monte Carlo run…"
		switch {
		case u.s.mc == nil:
			msg = "Monte Carlo is off (--samples 0 or less)."
		case u.s.mc.err != nil:
			msg = "Monte Carlo failed: " + u.s.mc.err.Error()
		}
		return st.box("Uncertainty", st.Subtle.Render(msg), u.w, u.h, true)
	}
	c := newCanvas(u.w, u.h)
	l := u.l
	c.at(l.fan, u.fanDrawn)
	c.at(l.figures, u.renderFigures(l.figures.w, l.figures.h, l.compactFigures))
	if l.hist.h > 0 {
		c.at(l.hist, u.renderHistogram(l.hist.w, l.hist.h))
	}
	if l.spread.h > 0 {
		c.at(l.spread, u.renderSpread(l.spread.w, l.spread.h))
	}
	return c.String()
}

// staleNote marks figures that lag the sliders.
func (u uncertainty) staleNote() string {
	if u.s.mc.stale() {
		return u.s.styles.Warn.Render(" · stale, recomputing…")
	}
	return ""
}

// fanPanel draws the fan chart's panel w×h, plotting through cache (nil
// plots afresh, for a chart drawn alone).
func (u uncertainty) fanPanel(w, h int, cache *plotCache) string {
	s := u.s
	st := s.styles
	r := s.mc.result()
	cur := s.currency()
	n := len(r.Years)
	p5, p50, p95 := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range r.Years {
		pc := &r.Years[i].Out[u.rec]
		p5[i], p50[i], p95[i] = pc.P5, pc.P50, pc.P95
	}
	ser := []series{{"p95", "P95", p95}, {"p50", "P50", p50}, {"p5", "P5", p5}}
	m := s.market
	money := m.IsMoney(u.shown())
	spec := chartSpec{
		firstYear: r.BaseYear, series: ser, width: w - 4, height: h - 3,
		money: money, currency: moneyFormat{cur.Symbol, cur.PerUSD}, styles: st,
	}
	body := cache.get(spec)
	if body == "" {
		body = st.Subtle.Render("Nothing to draw: every sample gives zero.")
	}
	legend := st.legend([]series{ser[1], {"p5", "P5 / P95", nil}})
	hint := ""
	if rec := m.Outputs.Uncertain; len(rec) > 1 && !u.present {
		hint = "m: " + m.Phrase(rec[(u.rec+1)%len(rec)].Series)
	}
	line := legend + spaces(max(1, w-4-cellWidth(legend)-cellWidth(hint))) + st.Faint.Render(hint)
	return st.box(m.Label(u.shown())+s.givenDeal()+", P5–P50–P95", line+"\n"+body, w, h, false)
}

// figureLines is how many lines the full figures panel needs.
const figureLines = 19

// figures is what both forms of the figures panel say, worked out once.
type figures struct {
	st                         *Styles
	m                          *market.Market
	r                          *market.Result
	mc                         *mcState
	cur                        market.Currency
	head                       market.Uncertain
	net                        market.Percentiles
	asSet                      float64
	given, dealNote, meanLabel string
	run                        string // samples, seed and time, and whether stale
	inner                      int
}

func (u uncertainty) figures(inner int) figures {
	s := u.s
	m, r := s.market, s.mc.result()
	f := figures{st: s.styles, m: m, r: r, mc: s.mc, cur: s.currency(), head: r.Recorded[0], net: r.Last().Out[0], inner: inner}
	f.asSet = s.proj.Last(f.head.Series)
	if d := s.givenDeal(); d != "" {
		f.given = "," + d
	}
	f.meanLabel = "mean " + f.head.Prefix
	if m.Outputs.HasDeal {
		f.dealNote = " (deal " + market.FormatPercent(r.Values[m.Outputs.Deal], 0) + " likely)"
		f.meanLabel = "expected " + f.head.Prefix
	}
	took := " · " + roundDuration(s.mc.took)
	if s.headless {
		took = "" // a file must not depend on how fast this machine was
	}
	f.run = f.st.Faint.Render(fmt.Sprintf("%s samples · seed %d%s", market.FormatCount(r.N), r.Seed, took)) + u.staleNote()
	return f
}

func (f figures) money(v float64) string { return f.m.Format(f.head.Series, v, f.cur) }

func (u uncertainty) renderFigures(w, h int, compact bool) string {
	st := u.s.styles
	f := u.figures(w - 4)
	var lines []string
	if compact {
		lines = f.compact()
	} else {
		lines = f.full(u.s.givenDeal())
	}
	hint := wrapLines("On the Dashboard, [ and ] narrow and widen a range; = pins it.", f.inner, st.Faint)
	if !u.present && len(lines)+len(hint) <= h-2 {
		lines = append(lines, hint...)
	}
	if !compact {
		lines = append(lines, f.byYear(h-2-len(lines))...)
	}
	return st.box("Monte Carlo", strings.Join(lines, "\n"), w, h, false)
}

// byYear is the headline's P5, P50 and P95 year by year, in the rows a
// tall panel has left (a blank line and a heading first): every year when
// they fit, else every other year, always ending on the last. Nothing when
// fewer than three years fit.
func (f figures) byYear(rows int) []string {
	st, r := f.st, f.r
	n := len(r.Years)
	fit3 := rows - 3
	if fit3 < 3 || n == 0 {
		return nil
	}
	step := (n + fit3 - 1) / fit3
	col := func(s string) string { return padLeft(s, 11) }
	lines := []string{"", st.Bold.Render(fmt.Sprintf("%s by year%s", f.m.Label(f.head.Series), f.given)),
		st.Faint.Render("  year" + col("P5") + col("P50") + col("P95"))}
	for i := (n - 1) % step; i < n; i += step {
		y := r.Years[i]
		p := y.Out[0]
		lines = append(lines, st.CardLabel.Render("  "+strconv.Itoa(y.Year))+st.Text.Render(col(f.money(p.P5)))+
			st.CardValue.Render(col(f.money(p.P50)))+st.Text.Render(col(f.money(p.P95))))
	}
	return lines
}

// full is the figures a line each: the median and range, the deal (or no
// revenue and the mean), the target, the second recorded output, the run.
func (f figures) full(givenDeal string) []string {
	st, m, r, mc, net := f.st, f.m, f.r, f.mc, f.net
	row := func(label, value, note string) string {
		return st.CardLabel.Render(fit("  "+label, 16)) + value + st.Faint.Render(note)
	}
	meanNote := " Monte Carlo mean"
	if m.Outputs.HasDeal {
		meanNote = " Monte Carlo mean, no deal = 0"
	}
	lines := []string{
		st.Bold.Render(fmt.Sprintf("%s in %d%s", m.Label(f.head.Series), r.LastYear(), f.given)),
		row("median", st.CardValue.Render(f.money(net.P50)), " ± "+f.money(net.P50SE)),
		row("model as set", st.Text.Render(f.money(f.asSet)), " (the sliders, no spread)"),
		row("90% range", st.Text.Render(f.money(net.P5)+" to "+f.money(net.P95)), ""),
		row("", "", "± "+f.money(net.P5SE)+" and ± "+f.money(net.P95SE)),
	}
	lines = append(lines, wrapLines("Each input's median is its slider (triangular, PERT: mode), low and high its P5, P95; skew multiplied, or a cap, moves this median off the model as set.", f.inner, st.Faint)...)
	heading := "No revenue and the mean"
	if m.Outputs.HasDeal {
		heading = "The deal"
	}
	lines = append(lines,
		st.Bold.Render(heading),
		row("no revenue", st.Text.Render(market.FormatPercent(r.PZeroRevenue, 1)), f.dealNote),
		row(f.meanLabel, st.Text.Render(f.money(r.RiskWeightedMean)), meanNote),
		st.Bold.Render(fmt.Sprintf("Target: %s %s in %d", f.money(mc.target), f.head.Prefix, r.LastYear())),
		row("P(reach it)", st.CardValue.Render(market.FormatPercent(mc.pGiven, 1)), givenDeal),
	)
	if m.Outputs.HasDeal {
		lines = append(lines, row("", st.Text.Render(market.FormatPercent(mc.pWith, 1)), " with the deal risk"))
	}
	if len(r.Recorded) > 1 {
		second := r.Recorded[1].Series
		pc := r.Last().Out[1]
		fm := func(v float64) string { return m.Format(second, v, f.cur) }
		lines = append(lines,
			st.Bold.Render(fmt.Sprintf("%s in %d%s", m.Label(second), r.LastYear(), f.given)),
			row("median", st.Text.Render(fm(pc.P50)), ""),
			row("90% range", st.Text.Render(fm(pc.P5)+" to "+fm(pc.P95)), ""),
		)
	}
	return append(lines, f.run)
}

// compact is the same figures as phrases, as many to a line as fit.
func (f figures) compact() []string {
	st, m, r, mc, net := f.st, f.m, f.r, f.mc, f.net
	phrase := func(label, value, note string) string {
		if label != "" {
			value = st.CardLabel.Render(label+" ") + value
		}
		return value + st.Faint.Render(note)
	}
	meanNote := ""
	if m.Outputs.HasDeal {
		meanNote = " (mean, no deal = 0)"
	}
	phrases := []string{
		phrase("median", st.CardValue.Render(f.money(net.P50)), " ± "+f.money(net.P50SE)),
		phrase("model as set", st.Text.Render(f.money(f.asSet)), ""),
		phrase("90%", st.Text.Render(f.money(net.P5)+" to "+f.money(net.P95)), ""),
		phrase("no revenue", st.Text.Render(market.FormatPercent(r.PZeroRevenue, 1)), f.dealNote),
		phrase(f.meanLabel, st.Text.Render(f.money(r.RiskWeightedMean)), meanNote),
	}
	reach := "P(" + f.head.Prefix + " ≥ " + f.money(mc.target) + ")"
	if m.Outputs.HasDeal {
		phrases = append(phrases,
			phrase(reach, st.CardValue.Render(market.FormatPercent(mc.pGiven, 1)), " given a deal,"),
			phrase("", st.Text.Render(market.FormatPercent(mc.pWith, 1)), " with its risk"))
	} else {
		phrases = append(phrases, phrase(reach, st.CardValue.Render(market.FormatPercent(mc.pGiven, 1)), ""))
	}
	lines := []string{st.Subtle.Render(fmt.Sprintf("%s in %d%s", m.Label(f.head.Series), r.LastYear(), f.given))}
	lines = append(lines, pack(phrases, f.inner)...)
	lines = append(lines, wrapLines("The median is not the model as set: each input's median is its slider, but the model is not linear in them.", f.inner, st.Faint)...)
	return append(lines, f.run)
}

// pack puts phrases on lines of at most w cells, three spaces apart; a
// phrase too long for a line of its own is cut.
func pack(phrases []string, w int) []string {
	var lines []string
	line := ""
	for _, p := range phrases {
		switch {
		case line == "":
			line = p
		case cellWidth(line)+3+cellWidth(p) <= w:
			line += "   " + p
		default:
			lines = append(lines, line)
			line = p
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// renderHistogram draws the horizon year's headline as bars over a log
// axis, with P5, P50, P95 and the target marked under them.
func (u uncertainty) renderHistogram(w, h int) string {
	s := u.s
	st := s.styles
	mc := s.mc
	r := mc.result()
	inner := w - 4
	head := r.Recorded[0].Series
	title := fmt.Sprintf("%s in %d%s, log scale", s.market.Label(head), r.LastYear(), s.givenDeal())
	hist := u.hist
	if inner < 10 || hist.gen != mc.shown || hist.cols != inner {
		return st.box(title, "", w, h, false)
	}
	if len(hist.counts) == 0 {
		return st.box(title, st.Subtle.Render("Every sample gives zero "+s.market.Phrase(head)+"."), w, h, false)
	}
	hp := u.histPlot(inner)
	legend := hp.legend(r.N)
	rows := h - 4 - len(legend) // border, axis, ticks, legend
	if rows < 1 {
		return st.box(title, "", w, h, false)
	}
	lines := hp.bars(rows, st)
	axisLine, ticks := hp.axis(r.Last().Out[0])
	lines = append(lines, st.Faint.Render(axisLine), st.Faint.Render(ticks))
	for _, l := range legend {
		lines = append(lines, st.Faint.Render(l))
	}
	return st.box(title, strings.Join(lines, "\n"), w, h, false)
}

// histPlot is a histogram laid on a log axis inner cells wide.
type histPlot struct {
	histogram
	inner  int
	cur    market.Currency
	target float64
	// The end bars also hold everything beyond the axis: they are tails,
	// drawn apart (░) and left out of the scale, not two extra peaks.
	tails  bool
	lo, hi float64 // the axis, in natural log of USD
}

func (u uncertainty) histPlot(inner int) histPlot {
	edges := u.hist.edges
	return histPlot{
		histogram: u.hist, inner: inner, cur: u.s.currency(), target: u.s.mc.target,
		tails: len(u.hist.counts) >= 3, lo: math.Log(edges[0]), hi: math.Log(edges[len(edges)-1]),
	}
}

func (hp histPlot) targetOnAxis() bool {
	return hp.target > 0 && math.Log(hp.target) >= hp.lo && math.Log(hp.target) <= hp.hi
}

// legend says what the marks, the tails and the zeros are, packed to the width.
func (hp histPlot) legend(samples int) []string {
	edges := hp.edges
	legend := []string{"┼ P5, P50, P95", "target " + market.FormatMoney(hp.target, hp.cur) + " is off this axis"}
	if hp.targetOnAxis() {
		legend[1] = "▲ target " + market.FormatMoney(hp.target, hp.cur)
	}
	if hp.tails {
		legend = append(legend, "░ tails: below "+market.FormatMoney(edges[0], hp.cur)+", above "+market.FormatMoney(edges[len(edges)-1], hp.cur))
	}
	if hp.zeros > 0 {
		legend = append(legend, fmt.Sprintf("%s of samples give zero or less", market.FormatPercent(float64(hp.zeros)/float64(samples), 1)))
	}
	return pack(legend, hp.inner)
}

// bars are the histogram's rows lines, top first, in eighths of a cell.
func (hp histPlot) bars(rows int, st *Styles) []string {
	cols := hp.counts
	peak := 0
	for i, c := range cols {
		if !hp.tails || (i > 0 && i < len(cols)-1) {
			peak = max(peak, c)
		}
	}
	eighths := []string{" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}
	lines := make([]string, 0, rows)
	for row := rows - 1; row >= 0; row-- {
		var ends [2]string // the tails' bars, first and last
		var b strings.Builder
		for i, c := range cols {
			fill := 0
			if peak > 0 {
				fill = min(rows*8, int(math.Round(float64(c)/float64(peak)*float64(rows*8))))
			}
			g := eighths[min(8, max(0, fill-row*8))]
			if hp.tails && (i == 0 || i == len(cols)-1) {
				if fill-row*8 > 0 {
					g = "░"
				}
				ends[min(i, 1)] = g
				continue
			}
			b.WriteString(g)
		}
		body := st.Series["p50"].Render(b.String())
		if hp.tails {
			body = st.Faint.Render(ends[0]) + body + st.Faint.Render(ends[1])
		}
		lines = append(lines, fit(body, hp.inner))
	}
	return lines
}

// col is the column an amount in USD falls in.
func (hp histPlot) col(v float64) int {
	if !(hp.hi > hp.lo) || v <= 0 {
		return 0
	}
	return clamp(int((math.Log(v)-hp.lo)/(hp.hi-hp.lo)*float64(len(hp.counts))), 0, len(hp.counts)-1)
}

// axis is the line under the bars, with P5, P50 and P95 where they fall,
// the target, and round amounts as ticks; and the ticks' labels.
func (hp histPlot) axis(net market.Percentiles) (string, string) {
	inner, cur := hp.inner, hp.cur
	axisLine := []rune(strings.Repeat("─", len(hp.counts)))
	ticks := []rune(spaces(inner + 12))
	first, lastDecade := math.Floor(hp.lo/math.Ln10), math.Ceil(hp.hi/math.Ln10)
	if lastDecade-first <= 30 { // a bounded loop, whatever the market's scale
		for dec := first; dec <= lastDecade; dec++ {
			for _, mult := range []float64{1, 3} {
				v := mult * math.Pow(10, dec)
				if math.Log(v) < hp.lo || math.Log(v) > hp.hi {
					continue
				}
				c := hp.col(v)
				label := []rune(trimZeros(shortNum(v*cur.PerUSD, cur.Symbol)))
				if c+len(label) <= inner && (c == 0 || ticks[c-1] == ' ') && ticks[c] == ' ' {
					axisLine[c] = '┬'
					copy(ticks[c:], label)
				}
			}
		}
	}
	for _, v := range []float64{net.P5, net.P50, net.P95} {
		axisLine[hp.col(v)] = '┼'
	}
	if hp.targetOnAxis() {
		axisLine[hp.col(hp.target)] = '▲'
	}
	return string(axisLine), string(ticks[:inner])
}

func (u uncertainty) renderSpread(w, h int) string {
	s := u.s
	st := s.styles
	r := s.mc.result()
	inner := w - 4
	var lines []string
	note := append(correlatedLines(s.market, inner, st), wrapLines(r.SpreadNote(), inner, st.Faint)...)
	const lw = 16
	spread := familySpread(s.market, s.mc.spread)
	items := familyItems(s.market)
	barW := max(4, inner-lw-8)
	room := h - 2 - len(note)
	shown := 0
	for _, sh := range spread {
		if sh.Share >= 0.0005 {
			shown++
		}
	}
	// The list takes the panel's height, not half of it: under each bar
	// the range its input is drawn from when there are rows for it, and a
	// blank line between the inputs when there are rows for that too.
	ranged := shown > 0 && 2*shown <= room
	spaced := shown > 0 && 3*shown+1 <= room
	if !ranged {
		spaced = shown > 0 && 2*shown+1 <= room
	}
	// The largest share fills the bar: the widths compare the inputs, and
	// the percentages say the shares.
	top := 0.0
	for _, sh := range spread {
		top = math.Max(top, sh.Share)
	}
	for i, sh := range spread {
		if len(lines) >= room-1 && i < len(spread)-1 {
			lines = append(lines, st.Faint.Render(fmt.Sprintf("… %d more", len(spread)-i)))
			break
		}
		if sh.Share < 0.0005 {
			continue
		}
		if spaced && len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, st.Label.Render(fit(inputLabel(s.market, sh.Input, items), lw))+" "+st.BarFill.Render(fit(blockBar(sh.Share/top, barW), barW))+" "+st.Text.Render(padLeft(market.FormatPercent(sh.Share, 0), 5)))
		if ranged {
			how := intervalText(s, sh.Input)
			if fam := s.market.Input(sh.Input).Family; fam != "" {
				how = itemsWord(s.market, items[fam]) + ", " + familyDrawn(s, items[fam])
			}
			lines = append(lines, st.Faint.Render(fit(spaces(lw+1)+how, inner)))
		}
	}
	if spaced {
		lines = append(lines, "")
	}
	lines = append(lines, note...)
	return st.box("What drives the spread", strings.Join(lines, "\n"), w, h, false)
}

// maxCorrelatedLines is how many correlated pairs the spread panel lists;
// Sources lists them all.
const maxCorrelatedLines = 3

// correlatedLines says which inputs are drawn together, a line each:
// "Correlated: Price ~ Conversion −0.50 (Spearman)".
func correlatedLines(m *market.Market, inner int, st *Styles) []string {
	var lines []string
	for i := range m.Correlations {
		if i == maxCorrelatedLines && len(m.Correlations) > i+1 {
			lines = append(lines, st.Faint.Render(fit(fmt.Sprintf("… %d more correlated (Sources lists them)", len(m.Correlations)-i), inner)))
			break
		}
		text := "Correlated: " + m.CorrelationLabel(i) + " " + market.FormatRank(m.Correlations[i].Rank)
		if cellWidth(text+" (Spearman)") <= inner {
			text += " (Spearman)" // the kind of rank, where it fits; the panel's note says it too
		}
		lines = append(lines, st.Faint.Render(fit(text, inner)))
	}
	return lines
}

// roundDuration shows a run's time in whole milliseconds.
func roundDuration(d time.Duration) string {
	if d < time.Millisecond {
		return "<1 ms"
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}
