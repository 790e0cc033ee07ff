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
}

func newScenarios(s *session) scenarios {
	return scenarios{s: s, marked: map[string]bool{}, compare: &plotCache{}}
}

func (v *scenarios) SetSize(w, h int) {
	v.w, v.h = w, h
	v.l = scenariosLayout(w, h, len(v.items()))
}

func (v scenarios) shortHelp() []key.Binding {
	k := v.s.keys
	return []key.Binding{k.Up, k.Edit, k.Mark, k.Save, k.Rename, k.Delete, k.NextView}
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

func (v scenarios) Update(msg tea.Msg) (scenarios, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return v, v.key(msg)
	case scenariosListedMsg:
		v.saved, v.savedErr = msg.entries, msg.err
		v.cursor = clamp(v.cursor, 0, len(v.items())-1)
		v.l = scenariosLayout(v.w, v.h, len(v.items()))
	}
	return v, nil
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

// renderScenarios draws the list beside the comparison.
func (v scenarios) View() string {
	c := newCanvas(v.w, v.h)
	items := v.items()
	c.at(v.l.list, v.renderList(items, v.l.list.w, v.l.list.h))
	c.at(v.l.compare, v.renderCompare(v.compared(items), v.l.compare.w, v.l.compare.h))
	return c.String()
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
	if len(v.saved) == 0 {
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

func (v scenarios) renderCompare(cmp []scenarioItem, w, h int) string {
	s := v.s.styles
	mk := v.s.market
	cur := v.s.currency()
	inner := w - 4
	lw := 24
	colW := max(10, min(26, (inner-lw)/len(cmp)))
	if lw+colW*len(cmp) > inner {
		lw = max(12, inner-colW*len(cmp))
	}
	projs := make([]market.Projection, len(cmp))
	for i := range cmp {
		projs[i] = mk.Evaluate(&cmp[i].values)
	}
	// Column heads wrap onto a second line rather than lose the name.
	var lines []string
	heads := make([][]string, len(cmp))
	depth := 1
	for i, it := range cmp {
		name := it.name
		if it.kind == "current" {
			name = "Current sliders"
		}
		heads[i] = wrap(name, colW-1)
		if len(heads[i]) > 2 {
			heads[i] = []string{heads[i][0], truncate(strings.Join(heads[i][1:], " "), colW-1)}
		}
		depth = max(depth, len(heads[i]))
	}
	for d := 0; d < depth; d++ {
		header := fit("", lw)
		for i := range cmp {
			cell := ""
			if d < len(heads[i]) {
				cell = heads[i][d]
			}
			header += s.Bold.Render(padLeft(cell, colW))
		}
		lines = append(lines, header)
	}

	// Inputs that differ between the compared scenarios.
	lines = append(lines, s.Group.Render("INPUTS THAT DIFFER"))
	differ := 0
	for _, id := range mk.Order {
		same := true
		for _, it := range cmp[1:] {
			same = same && it.values[id] == cmp[0].values[id]
		}
		if same {
			continue
		}
		differ++
		in := mk.Input(id)
		row := s.Label.Render(fit(in.Label, lw))
		for _, it := range cmp {
			row += s.Text.Render(padLeft(in.Format(it.values[id], cur), colW))
		}
		lines = append(lines, row)
	}
	if differ == 0 {
		lines = append(lines, s.Faint.Render("  none: the same inputs"))
	}
	// Key outputs in the horizon year, with the difference from the first.
	year := mk.LastYear()
	lines = append(lines, s.Group.Render(fmt.Sprintf("OUTPUTS IN %d", year)))
	// A row's figure in scenario i; the deal-weighted headline after the
	// headline when the market has a deal.
	type outRow struct {
		label string
		o     market.Output
		deal  bool
	}
	var outRows []outRow
	for _, o := range compareOutputs(mk) {
		outRows = append(outRows, outRow{shortLabel(mk, o), o, false})
		if o == mk.Outputs.Headline && mk.Outputs.HasDeal {
			outRows = append(outRows, outRow{firstWord(mk.Label(o)) + " × deal chance", o, true})
		}
	}
	for _, or := range outRows {
		at := func(i int) float64 {
			x := projs[i].Last(or.o)
			if or.deal {
				x *= cmp[i].values[mk.Outputs.Deal]
			}
			return x
		}
		row := s.Label.Render(fit(or.label, lw))
		base := at(0)
		for i := range cmp {
			v := at(i)
			cell := mk.Format(or.o, v, cur)
			if i > 0 && v != base {
				d := v - base
				sign := "+"
				if d < 0 {
					sign = "−"
				}
				diff := mk.Format(or.o, math.Abs(d), cur)
				if mk.Series[or.o].Unit == market.UnitPercent {
					diff = fmt.Sprintf("%.2fpt", math.Abs(d)*100)
				}
				cell += " " + sign + diff
			}
			row += s.Text.Render(padLeft(truncate(cell, colW-1), colW))
		}
		lines = append(lines, row)
	}
	if len(cmp) < 2 {
		lines = append(lines, "", s.Faint.Render("Choose a scenario (↑/↓) to compare with the sliders, or mark two or three with space."))
	}

	// The projections of the headline on one chart.
	chartH := h - 2 - len(lines) - 1
	if chartH >= 8 && len(cmp) >= 1 {
		ser := make([]series, len(cmp))
		for i, it := range cmp {
			ser[i] = series{seriesKind(fmt.Sprintf("s%d", i+1)), truncate(it.name, 14), column(&projs[i], mk.Outputs.Headline)}
		}
		spec := chartSpec{
			firstYear: mk.BaseYear, series: ser, width: inner, height: chartH - 1, money: true,
			currency: moneyFormat{cur.Symbol, cur.PerUSD}, styles: s,
		}
		lines = append(lines, "", s.legend(ser)+s.Faint.Render("   "+mk.Phrase(mk.Outputs.Headline)+", "+cur.Code))
		if body := v.compare.render(spec); body != "" {
			lines = append(lines, strings.Split(body, "\n")...)
		} else {
			lines = append(lines, s.Subtle.Render("No revenue in any of them."))
		}
	}
	title := "Compare"
	if len(cmp) >= 2 {
		names := make([]string, len(cmp))
		for i, it := range cmp {
			names[i] = it.name
		}
		title = "Compare: " + strings.Join(names, " · ")
	}
	return s.box(title, strings.Join(lines, "\n"), w, h, false)
}
