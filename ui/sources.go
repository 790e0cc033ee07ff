package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"sizeup/market"
)

// The Sources view: every input with its value, range, unit, source and
// note, then what actually happened and the facts behind the market, in a
// scrollable viewport.

type sources struct {
	s    *session
	w, h int
	vp   viewport.Model
	key  string // what the text was built for
}

func newSources(s *session) sources {
	return sources{s: s, vp: newTextViewport()}
}

// SetSize sizes the viewport; the text is laid out again by refresh, when
// the view is on screen.
func (v *sources) SetSize(w, h int, _ bool) {
	v.w, v.h = w, h
	v.vp.Width, v.vp.Height = max(1, w-4), max(1, h-2)
}

// refresh rebuilds the text when the width, the values, the currency or
// the theme changed, keeping the scroll position.
func (v *sources) refresh() {
	s := v.s
	key := fmt.Sprint(v.vp.Width, s.values, s.local, s.styles.dark)
	if key == v.key {
		return
	}
	offset := v.vp.YOffset
	v.vp.SetContent(v.text(v.vp.Width))
	v.vp.SetYOffset(offset)
	v.key = key
}

func (v sources) shortHelp() []key.Binding {
	k := v.s.keys
	return []key.Binding{k.Down, k.Up, k.PageDown, k.NextView}
}

// enableKeys: the text scrolls where there is more of it (g and G go to
// its top and bottom); goal
// seek has no input to move here, and there is no chart to screenshot or
// copy.
func (v *sources) enableKeys(k *keyMap, presenting bool) {
	k.GoalSeek.SetEnabled(false)
	if presenting {
		return
	}
	enable(!v.vp.AtTop(), &k.Up, &k.PageUp, &k.Top)
	enable(!v.vp.AtBottom(), &k.Down, &k.PageDown, &k.Bottom)
	k.Up.SetHelp("↑/k", "scroll up")
	k.Down.SetHelp("↓/j", "scroll down")
}

// title is what a slide of this view is called.
func (v *sources) title() string { return "Sources" }

func (v *sources) Update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(tea.KeyMsg); ok {
		switch k := v.s.keys; {
		case key.Matches(msg, k.Top):
			v.vp.GotoTop()
			return nil
		case key.Matches(msg, k.Bottom):
			v.vp.GotoBottom()
			return nil
		}
	}
	var cmd tea.Cmd
	v.vp, cmd = v.vp.Update(msg)
	return cmd
}

// View draws the viewport in a panel.
func (v sources) View() string {
	title := fmt.Sprintf("Sources · %d%%", int(v.vp.ScrollPercent()*100))
	return v.s.styles.box(title, v.s.styles.keepBG(v.vp.View()), v.w, v.h, true)
}

func (v sources) text(width int) string {
	m := v.s.market
	t := sourcesText{st: v.s.styles, s: v.s, cur: v.s.currency(), width: width}
	t.line(t.para(t.st.Title, m.Title, 0))
	t.line(t.para(t.st.Faint, fmt.Sprintf("Base year %d, horizon %d years. Ranges are plausible low–high; inputs without a source are assumptions. Monte Carlo draws low, default and high as P5, P50 and P95 unless an input says otherwise.", m.BaseYear, m.Horizon), 0))
	t.inputs()
	t.correlations()
	t.tables()
	t.model()
	t.history()
	if len(m.Facts) > 0 {
		t.line("\n" + t.st.Group.Render("FACTS"))
		for _, f := range m.Facts {
			t.line("\n" + t.para(t.st.Text, "• "+f.Text, 0))
			if f.Source != "" {
				t.line(t.para(t.st.Faint, f.Source, 2))
			}
		}
	}
	return strings.TrimRight(t.b.String(), "\n")
}

// sourcesText builds the Sources view's text, section by section.
type sourcesText struct {
	st    *Styles
	s     *session
	cur   market.Currency
	width int
	b     strings.Builder
}

func (t *sourcesText) line(text string) { t.b.WriteString(text + "\n") }

// para wraps text to the width, indented, and paints each line.
func (t *sourcesText) para(p paint, text string, indent int) string {
	lines := wrap(text, max(20, t.width-indent))
	for i := range lines {
		lines[i] = spaces(indent) + p.Render(lines[i])
	}
	return strings.Join(lines, "\n")
}

// inputs is every input by group: value (and default when moved), range,
// source, link and note.
func (t *sourcesText) inputs() {
	s, m, cur := t.st, t.s.market, t.cur
	group := ""
	said := map[string]bool{}
	for _, id := range m.ShownOrder() {
		in := m.Input(id)
		if g := in.ShownGroup(); g != group {
			group = g
			t.line("\n" + s.Group.Render(strings.ToUpper(group)))
		}
		if in.Family != "" {
			if !said[in.Family] {
				said[in.Family] = true
				t.family(m.Family(in.Family))
			}
			continue
		}
		val := in.FormatFull(t.s.values[id], cur)
		if t.s.values[id] != in.Default {
			val += s.Moved.Render(" ● default " + in.Format(in.Default, cur))
		}
		t.line("\n" + s.Bold.Render(in.Label) + s.Faint.Render("  "+in.Name))
		t.line("  " + s.Subtle.Render("value   ") + s.Value.Render(val))
		t.line("  " + s.Subtle.Render("range   ") + s.Text.Render(in.Format(in.Low, cur)+" to "+in.Format(in.High, cur)) +
			s.Faint.Render("   (accepted "+in.Format(in.Min, cur)+" to "+in.Format(in.Max, cur)+")"))
		if in.Kind.Uncertain() {
			t.line(s.Subtle.Render("  drawn   ") + strings.TrimPrefix(t.para(s.Text, in.DistText(), 10), spaces(10)))
		}
		src := strings.TrimPrefix(t.para(s.Accent, in.SourceText(), 10), spaces(10))
		if in.IsAssumption() {
			src = s.Warn.Render("assumption")
		}
		t.line(s.Subtle.Render("  source  ") + src)
		if in.URL != "" {
			t.link(in.URL)
		}
		if i := slices.IndexFunc(m.Tables, func(tb market.Table) bool { return tb.ID == in.Path }); in.Path != "" && i >= 0 {
			t.line(s.Subtle.Render("  scales  ") + strings.TrimPrefix(t.para(s.Text, m.Tables[i].Label+" ("+in.Path+", under tables): 1 is the table as given", 10), spaces(10)))
		}
		if in.Note != "" {
			t.line(t.para(s.Text, in.Note, 10))
		}
	}
}

// family is an input with dims: its label, id and dimensions once, its
// source, link and note once, then a line per item with its value and
// range (not five lines per item: a hundred regions stay readable).
func (t *sourcesText) family(ids []market.ID) {
	s, m, cur := t.st, t.s.market, t.cur
	in := m.Input(ids[0])
	var dims []string
	for _, d := range in.Dims {
		dims = append(dims, strings.ToLower(m.Dims[d].Label))
	}
	t.line("\n" + s.Bold.Render(familyLabel(m, ids)) + s.Faint.Render("  "+in.Family+" · one per "+strings.Join(dims, " × ")))
	src := strings.TrimPrefix(t.para(s.Accent, in.SourceText(), 10), spaces(10))
	if in.IsAssumption() {
		src = s.Warn.Render("assumption")
	}
	t.line(s.Subtle.Render("  source  ") + src)
	if in.URL != "" {
		t.link(in.URL)
	}
	if in.Note != "" {
		t.line(t.para(s.Text, in.Note, 10))
	}
	lw, vw := 0, 0
	for _, id := range ids {
		it := m.Input(id)
		lw = max(lw, cellWidth(m.ItemLabel(it.Dims, it.Items)))
		vw = max(vw, cellWidth(it.FormatFull(t.s.values[id], cur)))
	}
	lw = min(lw, 24)
	for _, id := range ids {
		it := m.Input(id)
		val := it.FormatFull(t.s.values[id], cur)
		line := "  " + s.Text.Render(fit(m.ItemLabel(it.Dims, it.Items), lw)) + "  " + s.Value.Render(padLeft(val, vw))
		rng := "range " + it.Format(it.Low, cur) + " to " + it.Format(it.High, cur)
		if 2+lw+2+vw+3+cellWidth(rng) <= t.width {
			line += "   " + s.Faint.Render(rng)
		} else {
			line += "\n" + spaces(4+lw) + s.Faint.Render(rng)
		}
		if t.s.values[id] != it.Default {
			line += s.Moved.Render(" ● default " + it.Format(it.Default, cur))
		}
		t.line(line)
	}
	t.line(s.Faint.Render("  accepted " + in.Format(in.Min, cur) + " to " + in.Format(in.Max, cur)))
	if in.Kind.Uncertain() {
		t.line(s.Subtle.Render("  drawn   ") + strings.TrimPrefix(t.para(s.Text, in.DistText()+", each item", 10), spaces(10)))
	}
}

// correlations is each pair of inputs drawn together: the pair, its rank
// and how it is applied, then its source (or that it is an assumption),
// link and note, as an input's.
func (t *sourcesText) correlations() {
	s, m := t.st, t.s.market
	if len(m.Correlations) == 0 {
		return
	}
	t.line("\n" + s.Group.Render("DRAWN TOGETHER"))
	t.line(t.para(s.Faint, "Monte Carlo draws these inputs with the Spearman rank correlation given, by a Gaussian copula on their draws' normal scores; each keeps its own low, default and high.", 0))
	for i := range m.Correlations {
		c := &m.Correlations[i]
		t.line("\n" + s.Bold.Render(m.CorrelationLabel(i)) + s.Faint.Render("  "+c.Names()))
		t.line("  " + s.Subtle.Render("rank    ") + s.Value.Render(market.FormatRank(c.Rank)) + s.Faint.Render(" (Spearman)"))
		t.cited(c.Source, c.Year, c.URL, c.Note)
	}
}

// cited writes what stands behind a figure that is not an input (a
// correlation, a table): its source and year, or that it is an
// assumption, then its link and its note.
func (t *sourcesText) cited(source string, year int, url, note string) {
	s := t.st
	if source == "" {
		t.line(s.Subtle.Render("  source  ") + s.Warn.Render("assumption"))
	} else {
		if y := strconv.Itoa(year); year != 0 && !strings.Contains(source, y) {
			source += ", " + y
		}
		t.line(s.Subtle.Render("  source  ") + strings.TrimPrefix(t.para(s.Accent, source, 10), spaces(10)))
	}
	if url != "" {
		t.link(url)
	}
	if note != "" {
		t.line(t.para(s.Text, note, 10))
	}
}

// tables is the market's figures by year ([[table]]): data, not inputs,
// so no slider and no draw; each with its unit, source and note, and its
// figures as the file gives them, per item.
func (t *sourcesText) tables() {
	s, m := t.st, t.s.market
	if len(m.Tables) == 0 {
		return
	}
	t.line("\n" + s.Group.Render("TABLES BY YEAR"))
	t.line(t.para(s.Faint, "Figures known year by year: data, not assumptions, so no slider and no draw. Between the years given a table is linear (or held, step); before the first and after the last it is held flat.", 0))
	for i := range m.Tables {
		tb := &m.Tables[i]
		how := "linear"
		if tb.Step {
			how = "step"
		}
		t.line("\n" + s.Bold.Render(tb.Label) + s.Faint.Render("  "+tb.ID+" · "+tableUnit(tb)+" · "+how))
		t.cited(tb.Source, tb.Year, tb.URL, tb.Note)
		t.tableFigures(tb)
	}
}

// tableFigures writes a table's figures, a line per item: each year the
// file gives, or the first two and the last two of a long run.
func (t *sourcesText) tableFigures(tb *market.Table) {
	s, m := t.st, t.s.market
	names := make([]string, len(tb.Items))
	for k := range names {
		names[k] = m.ItemLabel(tb.Dims, m.Item(tb.Dims, k))
	}
	lw := 0
	for _, n := range names {
		lw = max(lw, cellWidth(n))
	}
	for k, p := range tb.Items {
		var pts []string
		for j, y := range p.Years {
			if len(p.Years) > 6 && j == 2 {
				pts = append(pts, "…")
			}
			if len(p.Years) > 6 && j >= 2 && j < len(p.Years)-2 {
				continue
			}
			pts = append(pts, fmt.Sprintf("%d %s", y, strings.TrimSpace(tb.Format(p.Values[j], t.cur))))
		}
		label := "  figures "
		if k > 0 {
			label = spaces(10)
		}
		name := ""
		if k < len(names) && names[k] != "" {
			name = fit(names[k], lw) + "  "
		}
		line := strings.TrimPrefix(t.para(s.Text, name+strings.Join(pts, " · "), 10), spaces(10))
		t.line(s.Subtle.Render(label) + line)
	}
}

// link writes an input's link after its label, or when it does not fit
// there on the next line under the label (or at the panel's edge); only a
// link wider than the whole panel is broken, after a / where it can be.
func (t *sourcesText) link(url string) {
	s := t.st
	const label = "  link    "
	n := cellWidth(url)
	switch {
	case n <= t.width-len(label):
		t.line(s.Subtle.Render(label) + s.Faint.Render(url))
	case n <= t.width:
		t.line(s.Subtle.Render("  link"))
		t.line(spaces(min(2, t.width-n)) + s.Faint.Render(url))
	default:
		t.line(s.Subtle.Render("  link"))
		for _, l := range breakURL(url, max(1, t.width)) {
			t.line(s.Faint.Render(l))
		}
	}
}

// breakURL cuts a link wider than w into lines of at most w cells, each
// after a / (or ? & = -) in its second half when it has one.
func breakURL(url string, w int) []string {
	var lines []string
	for cellWidth(url) > w {
		cut := ansi.Truncate(url, w, "")
		if i := strings.LastIndexAny(cut, "/?&=-"); i >= len(cut)/2 {
			cut = cut[:i+1]
		}
		lines = append(lines, cut)
		url = url[len(cut):]
	}
	return append(lines, url)
}

// model is the model itself: each series' formula and its value at the
// horizon, then the checks.
func (t *sourcesText) model() {
	s, m := t.st, t.s.market
	t.line("\n" + s.Group.Render("THE MODEL"))
	t.line(t.para(s.Faint, fmt.Sprintf("Each series is worked out every year from %d (t = 0) to %d, after the ones it names; prev(x) is x the year before.", m.BaseYear, m.LastYear()), 0))
	said := map[string]bool{}
	for i := range m.Series {
		se := &m.Series[i]
		o := market.Output(i)
		if se.Family != "" {
			if !said[se.Family] {
				said[se.Family] = true
				t.seriesFamily(se.Family)
			}
			continue
		}
		t.line("\n" + s.Bold.Render(se.Label) + s.Faint.Render("  "+se.ID) + s.Value.Render("  "+m.Format(o, t.s.proj.Last(o), t.cur)+" in "+fmt.Sprint(m.LastYear())))
		t.line(t.para(s.Text, "= "+se.Formula, 2))
	}
	if len(m.Checks) > 0 {
		t.line("\n" + s.Group.Render("CHECKS"))
		for _, c := range m.Checks {
			t.line("\n" + t.para(s.Text, "when "+c.When, 0) + "\n" + t.para(s.Faint, c.Say, 2))
		}
	}
}

// seriesFamily is a series with dims: its formula once (it works item by
// item), its total when it declares one, and each item's value.
func (t *sourcesText) seriesFamily(fam string) {
	s, m := t.st, t.s.market
	last := fmt.Sprint(m.LastYear())
	var items []market.Output
	total := ""
	for i := range m.Series {
		se := &m.Series[i]
		switch {
		case se.Family != fam:
		case se.Items == nil:
			total = s.Faint.Render(", total") + s.Value.Render("  "+m.Format(market.Output(i), t.s.proj.Last(market.Output(i)), t.cur)+" in "+last)
		default:
			items = append(items, market.Output(i))
		}
	}
	label, formula := fam, ""
	for _, d := range m.Defs {
		if d.ID == fam {
			label, formula = d.Label, d.Formula
		}
	}
	var dims []string
	if len(items) > 0 {
		for _, d := range m.Series[items[0]].Dims {
			dims = append(dims, strings.ToLower(m.Dims[d].Label))
		}
	}
	t.line("\n" + s.Bold.Render(label) + s.Faint.Render("  "+fam+" · one per "+strings.Join(dims, " × ")) + total)
	t.line(t.para(s.Text, "= "+formula, 2))
	lw := 0
	for _, o := range items {
		lw = max(lw, cellWidth(m.ItemLabel(m.Series[o].Dims, m.Series[o].Items)))
	}
	lw = min(lw, 24)
	for _, o := range items {
		se := &m.Series[o]
		t.line("  " + s.Text.Render(fit(m.ItemLabel(se.Dims, se.Items), lw)) + "  " + s.Value.Render(m.Format(o, t.s.proj.Last(o), t.cur)+" in "+last) + s.Faint.Render("  "+se.ID))
	}
}

// history is what actually happened, series by series.
func (t *sourcesText) history() {
	s, m := t.st, t.s.market
	if len(m.History) == 0 {
		return
	}
	t.line("\n" + s.Group.Render("WHAT ACTUALLY HAPPENED"))
	for _, h := range m.History {
		t.line("\n" + s.Bold.Render(h.Label) + "\n" + t.para(s.Faint, h.Source, 2))
		var pts []string
		for i, y := range h.Years {
			pts = append(pts, fmt.Sprintf("%d %s", y, historyValue(m, h, h.Values[i])))
		}
		t.line(t.para(s.Text, strings.Join(pts, " · "), 2))
		if h.Note != "" {
			t.line(t.para(s.Faint, h.Note, 2))
		}
	}
}

// historyValue is a history figure as written, in its own unit.
func historyValue(m *market.Market, h market.Series, v float64) string {
	switch {
	case h.Unit == "USD":
		return market.FormatMoney(v, market.USD)
	case m.HasLocal() && h.Unit == m.Local.Code:
		return market.FormatMoney(v, market.Currency{Code: m.Local.Code, Symbol: m.Local.Symbol, PerUSD: 1})
	case h.Unit == "people":
		return market.FormatPeople(v)
	case h.Unit == market.RateUnit:
		return m.Local.Symbol + strconv.FormatFloat(v, 'f', 2, 64) + "/$"
	case h.Unit == "percent":
		return market.FormatPercent(v, 1)
	case h.Unit == market.OutcomeUnit && v == 1:
		return "yes"
	case h.Unit == market.OutcomeUnit:
		return "no"
	}
	return fmt.Sprint(v)
}

// newTextViewport is a viewport for a page of text (Sources, help, the
// warnings). Half a page is ctrl+u and ctrl+d only: bubbles also binds u
// and d, which here are undo and delete and must not scroll instead when
// there is nothing to undo or delete.
func newTextViewport() viewport.Model {
	vp := viewport.New(0, 0)
	vp.KeyMap.HalfPageUp = key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "½ page up"))
	vp.KeyMap.HalfPageDown = key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "½ page down"))
	return vp
}

// tableUnit is a table's unit as the file writes it.
func tableUnit(tb *market.Table) string {
	if tb.UnitName != "" {
		return tb.UnitName
	}
	return tb.Unit.String()
}
