package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// Scenarios: the market's presets and the user's saved scenarios, opened
// onto the sliders (one undoable change), saved under a name with a note,
// renamed, deleted, and compared two or three at a time: the inputs that
// differ, the key outputs with their differences, and the projections on
// one chart. The UI reaches the files through ScenarioStore, which main
// backs with package data; every call runs in a tea.Cmd.

// ScenarioStore is the user's saved scenarios for the market on screen.
type ScenarioStore interface {
	// List reads every saved scenario; one that cannot be read is listed
	// with its error, never dropped.
	List() ([]ScenarioEntry, error)
	// Save writes a scenario atomically and returns the file's path.
	Save(sc market.Scenario) (string, error)
	Rename(oldName, newName string) error
	Delete(name string) error
	// CheckName says why a name cannot be saved under, before anything is
	// written; nil when it can.
	CheckName(name string) error
	// Where the files live, to show.
	Dir() string
}

// ScenarioEntry is one saved scenario, or a file that could not be read.
type ScenarioEntry struct {
	Name     string
	Path     string
	Scenario *market.Scenario // nil when Err is set
	Err      error
}

// scenarioItem is one line of the list: the current sliders, a preset, or
// a saved scenario.
type scenarioItem struct {
	kind   string // "current", "preset", "saved"
	name   string
	sc     *market.Scenario
	err    error
	values market.Values
}

func (it scenarioItem) key() string { return it.kind + ":" + it.name }

// Messages from the store.
type (
	scenariosListedMsg struct {
		entries []ScenarioEntry
		err     error
	}
	scenarioSavedMsg struct {
		sc     market.Scenario
		values market.Values
		path   string
		err    error
	}
	scenarioRenamedMsg struct {
		from, to string
		err      error
	}
	scenarioDeletedMsg struct {
		name string
		err  error
	}
)

type scenarios struct {
	s       *session
	w, h    int
	l       scenLayout
	present bool

	saved      []ScenarioEntry
	savedErr   error
	cursor     int
	marked     map[string]bool // ticked for comparison
	confirming string          // the name d asked to delete, until the next key
	compare    *plotCache
	drawn      string     // the comparison as refresh last drew it
	drawnFor   compareKey // what it was drawn from
}

func newScenarios(s *session) scenarios {
	return scenarios{s: s, marked: map[string]bool{}, compare: &plotCache{}}
}

func (v *scenarios) SetSize(w, h int, present bool) {
	v.w, v.h, v.present = w, h, present
	v.l = scenariosLayout(w, h, len(v.items()))
}

func (v scenarios) shortHelp() []key.Binding {
	k := v.s.keys
	nav := k.Up // on the last scenario only ↑ moves
	switch {
	case k.Up.Enabled() && k.Down.Enabled():
		nav = key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "select scenario"))
	case k.Down.Enabled():
		nav = k.Down
	}
	return []key.Binding{nav, k.Edit, k.Mark, k.Save, k.Rename, k.Delete, k.NextView}
}

// list reads the saved scenarios off the UI goroutine.
func (v scenarios) list() tea.Cmd {
	store := v.s.store
	if store == nil {
		return nil
	}
	return func() tea.Msg {
		entries, err := store.List()
		return scenariosListedMsg{entries, err}
	}
}

// items is the list as shown: the current sliders, the presets, then the
// saved scenarios.
func (v scenarios) items() []scenarioItem {
	m := v.s.market
	items := []scenarioItem{{kind: "current", name: "Current", values: v.s.values}}
	for i := range m.Presets {
		p := &m.Presets[i]
		items = append(items, scenarioItem{kind: "preset", name: p.Name, sc: p, values: p.Values(m)})
	}
	for _, e := range v.saved {
		it := scenarioItem{kind: "saved", name: e.Name, sc: e.Scenario, err: e.Err}
		if e.Scenario != nil {
			it.values = e.Scenario.Values(m)
		}
		items = append(items, it)
	}
	return items
}

// selected is the item under the cursor.
func (v scenarios) selected() scenarioItem {
	items := v.items()
	return items[clamp(v.cursor, 0, len(items)-1)]
}

// compared is what the compare panel shows: the marked items, or the
// current sliders and the selected item when fewer than two are marked.
func (v scenarios) compared(items []scenarioItem) []scenarioItem {
	var out []scenarioItem
	for _, it := range items {
		if v.marked[it.key()] && it.err == nil {
			out = append(out, it)
		}
	}
	if len(out) >= 2 {
		return out
	}
	out = []scenarioItem{items[0]}
	if c := clamp(v.cursor, 0, len(items)-1); c > 0 && items[c].err == nil {
		out = append(out, items[c])
	}
	return out
}

// enableKeys: the list moves, marks, opens, renames and deletes; o would
// open this very view.
func (v *scenarios) enableKeys(k *keyMap, presenting bool) {
	k.Open.SetEnabled(false)
	if presenting {
		return
	}
	enable(true, &k.Mark, &k.Delete, &k.Rename, &k.Edit)
	k.Up.SetEnabled(v.cursor > 0) // nothing above the first, nothing below the last
	k.Down.SetEnabled(v.cursor < len(v.items())-1)
	k.Up.SetHelp("↑/k", "previous scenario")
	k.Down.SetHelp("↓/j", "next scenario")
	k.Edit.SetHelp("⏎", "open")
}

// title is what a slide of this view is called.
func (v *scenarios) title() string { return "Scenarios compared" }

func (v *scenarios) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return v.key(msg)
	case scenariosListedMsg:
		v.saved, v.savedErr = msg.entries, msg.err
		v.cursor = clamp(v.cursor, 0, len(v.items())-1)
		v.l = scenariosLayout(v.w, v.h, len(v.items()))
	}
	return nil
}

func (v *scenarios) key(msg tea.KeyMsg) tea.Cmd {
	s := v.s
	k := s.keys
	items := v.items()
	v.cursor = clamp(v.cursor, 0, len(items)-1)
	it := items[v.cursor]
	if v.confirming != "" {
		name := v.confirming
		v.confirming = ""
		if key.Matches(msg, k.Delete) {
			store := s.store
			return tea.Batch(s.setStatus("Deleting "+name+"…"), func() tea.Msg { return scenarioDeletedMsg{name, store.Delete(name)} })
		}
		return s.setStatus("Kept " + name + ".")
	}
	switch {
	case key.Matches(msg, k.Up):
		v.cursor = max(0, v.cursor-1)
	case key.Matches(msg, k.Down):
		v.cursor = min(len(items)-1, v.cursor+1)
	case key.Matches(msg, k.Mark):
		if it.err != nil {
			return s.setError(it.name + " cannot be read: " + it.err.Error())
		}
		if v.marked[it.key()] {
			delete(v.marked, it.key())
		} else if len(v.marked) >= 3 {
			return s.setError("Three scenarios are compared at most; unmark one first (space).")
		} else {
			v.marked[it.key()] = true
		}
	case key.Matches(msg, k.Edit):
		return v.open(it)
	case key.Matches(msg, k.Delete):
		if it.kind != "saved" {
			return s.setError("Only saved scenarios can be deleted; presets belong to the market file.")
		}
		v.confirming = it.name
		return s.setError("Delete " + it.name + "? Press d again to delete it; any other key keeps it.")
	}
	return nil
}

// open puts a scenario's values on the sliders as one undoable change.
func (v *scenarios) open(it scenarioItem) tea.Cmd {
	switch {
	case it.err != nil:
		return v.s.setError(it.name + " cannot be read, so it was not opened: " + it.err.Error())
	case it.kind == "current":
		return switchTo(viewDashboard)
	}
	return v.s.open(it.name, it.sc, it.values)
}

// refresh draws the comparison for View (its projections and chart are
// the costly part).
func (v *scenarios) refresh() {
	cmp := v.compared(v.items())
	v.drawn = v.comparePanel(cmp, v.l.compare.w, v.l.compare.h, v.compare)
	v.drawnFor = v.compareKeyOf(cmp)
}

// View draws the list beside the comparison: the one refresh drew, or, if
// the state moved on since without a message (a test ticking marks by
// hand), one drawn afresh and kept nowhere.
func (v scenarios) View() string {
	c := newCanvas(v.w, v.h)
	items := v.items()
	c.at(v.l.list, v.renderList(items, v.l.list.w, v.l.list.h))
	cmp := v.compared(items)
	drawn := v.drawn
	if k := v.compareKeyOf(cmp); !k.ok || k != v.drawnFor {
		drawn = v.comparePanel(cmp, v.l.compare.w, v.l.compare.h, nil)
	}
	c.at(v.l.compare, drawn)
	return c.String()
}

// compareKey is everything the comparison is drawn from; ok is false
// when it cannot say (more scenarios than it holds).
type compareKey struct {
	ok    bool
	w, h  int
	cur   market.Currency
	dark  bool
	n     int
	items [3]struct {
		kind, name string
		values     market.Values
	}
}

func (v scenarios) compareKeyOf(cmp []scenarioItem) compareKey {
	k := compareKey{ok: len(cmp) <= 3, w: v.l.compare.w, h: v.l.compare.h, cur: v.s.currency(), dark: v.s.styles.dark, n: len(cmp)}
	for i, it := range cmp[:min(3, len(cmp))] {
		k.items[i].kind, k.items[i].name, k.items[i].values = it.kind, it.name, it.values
	}
	return k
}

func (v scenarios) renderList(items []scenarioItem, w, h int) string {
	s := v.s
	st := s.styles
	inner := w - 4
	var lines []string
	section := ""
	cursorLine := 0
	for i, it := range items {
		head := map[string]string{"current": "", "preset": "PRESETS (market file)", "saved": "SAVED"}[it.kind]
		if head != section && head != "" {
			section = head
			lines = append(lines, st.Group.Render(head))
		}
		cursor, label := "  ", st.Label
		if i == v.cursor {
			cursor, label, cursorLine = st.Cursor.Render("▸ "), st.LabelSelected, len(lines)
		}
		mark := "[ ] "
		if v.marked[it.key()] {
			mark = "[x] "
		}
		name := it.name
		if it.kind == "current" {
			name = "Current sliders"
		}
		if it.kind != "current" && it.name == s.scenario.name && !s.changed() {
			name += " (open)"
		}
		line := cursor + st.Subtle.Render(mark) + label.Render(name)
		if it.err != nil {
			line = cursor + st.Warn.Render("⚠ "+it.name+": unreadable")
		}
		lines = append(lines, line)
		if i != v.cursor {
			continue
		}
		// The selected scenario explained: its note, and why each value.
		switch {
		case it.err != nil:
			lines = append(lines, indent(wrapLines(it.err.Error(), inner-6, st.Warn), 6)...)
		case it.sc != nil:
			if it.sc.Note != "" {
				lines = append(lines, indent(wrapLines(it.sc.Note, inner-6, st.Faint), 6)...)
			}
			for _, set := range it.sc.Settings {
				in := s.market.Input(set.ID)
				text := in.Label + " " + in.Format(set.Value, s.currency())
				if set.Why != "" {
					text += ": " + set.Why
				}
				lines = append(lines, indent(wrapLines("· "+text, inner-6, st.Faint), 6)...)
			}
		}
	}
	// A frame drawn headless has no store, and nothing to say about one:
	// the list there only names what is compared.
	if len(v.saved) == 0 && !s.headless {
		if s.store != nil {
			lines = append(lines, st.Faint.Render("  none yet: s saves the sliders"))
		} else {
			lines = append(lines, indent(wrapLines("Saving is off: "+s.storeWhy, inner-2, st.Warn), 2)...)
		}
	}
	if v.savedErr != nil {
		lines = append(lines, wrapLines("Saved scenarios could not all be read: "+v.savedErr.Error(), inner, st.Warn)...)
	}
	var foot []string
	if h >= 16 && s.store != nil {
		foot = append(foot, "")
		foot = append(foot, wrapLines("Saved in "+s.store.Dir(), inner, st.Faint)...)
	}
	// Keep the cursor in view when the list is longer than the panel.
	room := h - 2 - len(foot)
	if len(lines) > room && room > 0 {
		start := clamp(cursorLine-room/3, 0, len(lines)-room)
		lines = lines[start : start+room]
	}
	lines = append(lines, foot...)
	return st.box("Scenarios", strings.Join(lines, "\n"), w, h, !v.present)
}

// compareTable is the compare panel's columns: the scenarios compared,
// their projections, and the widths of the label and each column.
type compareTable struct {
	st       *Styles
	mk       *market.Market
	cur      market.Currency
	cmp      []scenarioItem
	projs    []market.Projection
	lw, colW int
}

func newCompareTable(s *session, cmp []scenarioItem, inner int) compareTable {
	t := compareTable{st: s.styles, mk: s.market, cur: s.currency(), cmp: cmp, lw: 24}
	t.colW = max(10, min(26, (inner-t.lw)/len(cmp)))
	if t.lw+t.colW*len(cmp) > inner {
		t.lw = max(12, inner-t.colW*len(cmp))
	}
	t.projs = make([]market.Projection, len(cmp))
	for i := range cmp {
		t.projs[i] = t.mk.Evaluate(&cmp[i].values)
	}
	return t
}

// comparePanel draws the comparison w×h: the column heads, the inputs that
// differ, the outputs in the horizon year and the headline's projections
// on one chart, plotted through cache (nil plots afresh).
func (v scenarios) comparePanel(cmp []scenarioItem, w, h int, cache *plotCache) string {
	inner := w - 4
	t := newCompareTable(v.s, cmp, inner)
	heads, inputs, outputs := t.heads(), t.inputRows(), t.outputRows()
	var tail []string
	if len(cmp) < 2 {
		tail = append([]string{""}, wrapLines("Choose a scenario (↑/↓) to compare with the sliders, or mark two or three with space.", inner, t.st.Faint)...)
	}
	table := len(heads) + len(inputs) + len(outputs) + len(tail)
	var chart []string
	if chartH := h - 2 - table - 1; chartH >= 8 && len(cmp) >= 1 {
		chart = t.chart(inner, chartH, cache)
	}
	// The rows the chart's axis cannot use (it puts them blank above the
	// plot) set the table's parts apart instead of sitting under the
	// legend.
	pad := 0
	for pad+2 < len(chart) && strings.TrimSpace(chart[pad+2]) == "" {
		pad++
	}
	if pad > 0 {
		chart = append(chart[:2:2], chart[2+pad:]...)
	}
	gap := func() []string {
		if pad == 0 {
			return nil
		}
		pad--
		return []string{""}
	}
	lines := append([]string{}, heads...)
	if table > h-2 {
		// Too short for the whole table: the outputs first, as they are
		// what the comparison is for, and the inputs below, as many as fit.
		lines = append(lines, outputs...)
		if len(inputs) > 0 {
			lines = append(lines, "")
			lines = append(lines, inputs...)
		}
		return t.st.box(compareTitle(cmp), strings.Join(append(lines, tail...), "\n"), w, h, false)
	}
	if len(inputs) > 0 {
		lines = append(lines, gap()...)
		lines = append(lines, inputs...)
	}
	lines = append(lines, gap()...)
	lines = append(lines, outputs...)
	lines = append(lines, tail...)
	if len(chart) > 0 {
		lines = append(lines, make([]string, pad)...) // what is left, above the legend
	}
	lines = append(lines, chart...)
	return t.st.box(compareTitle(cmp), strings.Join(lines, "\n"), w, h, false)
}

// compareTitle names the scenarios compared, once two or more are.
func compareTitle(cmp []scenarioItem) string {
	if len(cmp) < 2 {
		return "Compare"
	}
	names := make([]string, len(cmp))
	for i, it := range cmp {
		names[i] = it.name
	}
	return "Compare: " + strings.Join(names, " · ")
}

// heads are the column heads, wrapped onto a second line rather than lose
// the name.
func (t compareTable) heads() []string {
	var lines []string
	heads := make([][]string, len(t.cmp))
	depth := 1
	for i, it := range t.cmp {
		name := it.name
		if it.kind == "current" {
			name = "Current sliders"
		}
		heads[i] = wrap(name, t.colW-1)
		if len(heads[i]) > 2 {
			heads[i] = []string{heads[i][0], truncate(strings.Join(heads[i][1:], " "), t.colW-1)}
		}
		depth = max(depth, len(heads[i]))
	}
	for d := 0; d < depth; d++ {
		header := fit("", t.lw)
		for i := range t.cmp {
			cell := ""
			if d < len(heads[i]) {
				cell = heads[i][d]
			}
			header += t.st.Bold.Render(padLeft(cell, t.colW))
		}
		lines = append(lines, header)
	}
	return lines
}

// inputRows are the inputs that differ between the compared scenarios.
func (t compareTable) inputRows() []string {
	s, cmp := t.st, t.cmp
	lines := []string{s.Group.Render("INPUTS THAT DIFFER")}
	differ := 0
	for _, id := range t.mk.Order {
		same := true
		for _, it := range cmp[1:] {
			same = same && it.values[id] == cmp[0].values[id]
		}
		if same {
			continue
		}
		differ++
		in := t.mk.Input(id)
		row := s.Label.Render(fit(in.Label, t.lw))
		for _, it := range cmp {
			row += s.Text.Render(padLeft(in.Format(it.values[id], t.cur), t.colW))
		}
		lines = append(lines, row)
	}
	if differ == 0 {
		lines = append(lines, s.Faint.Render("  none: the same inputs"))
	}
	return lines
}

// compareRow is an output row's figure in each scenario; deal is the
// deal-weighted headline, after the headline when the market has a deal.
type compareRow struct {
	label string
	o     market.Output
	deal  bool
}

// outputRows are the key outputs in the horizon year, with each one's
// difference from the first scenario.
func (t compareTable) outputRows() []string {
	mk := t.mk
	lines := []string{t.st.Group.Render(fmt.Sprintf("OUTPUTS IN %d", mk.LastYear()))}
	for _, o := range compareOutputs(mk) {
		lines = append(lines, t.outputRow(compareRow{shortLabel(mk, o), o, false}))
		if o == mk.Outputs.Headline && mk.Outputs.HasDeal {
			lines = append(lines, t.outputRow(compareRow{firstWord(mk.Label(o)) + " × deal chance", o, true}))
		}
	}
	return lines
}

func (t compareTable) outputRow(or compareRow) string {
	s, mk, cur := t.st, t.mk, t.cur
	at := func(i int) float64 {
		x := t.projs[i].Last(or.o)
		if or.deal {
			x *= t.cmp[i].values[mk.Outputs.Deal]
		}
		return x
	}
	row := s.Label.Render(fit(or.label, t.lw))
	base := at(0)
	for i := range t.cmp {
		v := at(i)
		cell := mk.Format(or.o, v, cur)
		if i > 0 && v != base {
			d := v - base
			sign := "+"
			if d < 0 {
				sign = "−"
			}
			diff := mk.Format(or.o, math.Abs(d), cur)
			zero := diff == mk.Format(or.o, 0, cur)
			if mk.Series[or.o].Unit == market.UnitPercent {
				diff = fmt.Sprintf("%.2fpt", math.Abs(d)*100)
				zero = diff == "0.00pt"
			}
			if !zero { // a change that rounds to nothing is no change
				cell += " " + sign + diff
			}
		}
		row += s.Text.Render(padLeft(truncate(cell, t.colW-1), t.colW))
	}
	return row
}

// chart is the headline's projections on one chart, chartH lines with the
// blank line and legend above it.
func (t compareTable) chart(inner, chartH int, cache *plotCache) []string {
	s, mk, cur := t.st, t.mk, t.cur
	ser := make([]series, len(t.cmp))
	for i, it := range t.cmp {
		ser[i] = series{seriesKind(fmt.Sprintf("s%d", i+1)), truncate(it.name, 14), column(&t.projs[i], mk.Outputs.Headline)}
	}
	spec := chartSpec{
		firstYear: mk.BaseYear, series: ser, width: inner, height: chartH - 1, money: true,
		currency: moneyFormat{cur.Symbol, cur.PerUSD}, styles: s,
	}
	lines := []string{"", s.legend(ser) + s.Faint.Render("   "+mk.Phrase(mk.Outputs.Headline)+", "+cur.Code)}
	if body := cache.get(spec); body != "" {
		return append(lines, strings.Split(body, "\n")...)
	}
	return append(lines, s.Subtle.Render("No revenue in any of them."))
}
