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

func (m *Model) listScenarios() tea.Cmd {
	if m.store == nil {
		return nil
	}
	store := m.store
	return func() tea.Msg {
		entries, err := store.List()
		return scenariosListedMsg{entries, err}
	}
}

// items is the list as shown: the current sliders, the presets, then the
// saved scenarios.
func (m *Model) items() []scenarioItem {
	items := []scenarioItem{{kind: "current", name: "Current", values: m.values}}
	for i := range m.market.Presets {
		p := &m.market.Presets[i]
		items = append(items, scenarioItem{kind: "preset", name: p.Name, sc: p, values: p.Values(m.market)})
	}
	for _, e := range m.saved {
		it := scenarioItem{kind: "saved", name: e.Name, sc: e.Scenario, err: e.Err}
		if e.Scenario != nil {
			it.values = e.Scenario.Values(m.market)
		}
		items = append(items, it)
	}
	return items
}

// compared is what the compare panel shows: the marked items, or the
// current sliders and the selected item when fewer than two are marked.
func (m *Model) compared(items []scenarioItem) []scenarioItem {
	var out []scenarioItem
	for _, it := range items {
		if m.marked[it.key()] && it.err == nil {
			out = append(out, it)
		}
	}
	if len(out) >= 2 {
		return out
	}
	out = []scenarioItem{items[0]}
	if c := clamp(m.scenCursor, 0, len(items)-1); c > 0 && items[c].err == nil {
		out = append(out, items[c])
	}
	return out
}

func (m *Model) handleScenariosKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	items := m.items()
	m.scenCursor = clamp(m.scenCursor, 0, len(items)-1)
	it := items[m.scenCursor]
	if m.confirmDelete != "" {
		name := m.confirmDelete
		m.confirmDelete = ""
		if key.Matches(msg, k.Delete) {
			store := m.store
			m.setStatus("Deleting " + name + "…")
			return func() tea.Msg { return scenarioDeletedMsg{name, store.Delete(name)} }
		}
		m.setStatus("Kept " + name + ".")
		return nil
	}
	switch {
	case key.Matches(msg, k.Up):
		m.scenCursor = max(0, m.scenCursor-1)
	case key.Matches(msg, k.Down):
		m.scenCursor = min(len(items)-1, m.scenCursor+1)
	case key.Matches(msg, k.Mark):
		if it.err != nil {
			m.setError(it.name + " cannot be read: " + it.err.Error())
			return nil
		}
		if m.marked[it.key()] {
			delete(m.marked, it.key())
		} else if len(m.marked) >= 3 {
			m.setError("Three scenarios are compared at most; unmark one first (space).")
		} else {
			m.marked[it.key()] = true
		}
	case key.Matches(msg, k.Edit):
		m.openScenario(it)
	case key.Matches(msg, k.Rename):
		if it.kind != "saved" {
			m.setError("Only saved scenarios can be renamed; presets belong to the market file.")
			return nil
		}
		return m.startNameEdit(editRename, it.name)
	case key.Matches(msg, k.Delete):
		if it.kind != "saved" {
			m.setError("Only saved scenarios can be deleted; presets belong to the market file.")
			return nil
		}
		m.confirmDelete = it.name
		m.setError("Delete " + it.name + "? Press d again to delete it; any other key keeps it.")
	}
	return nil
}

// openScenario puts a scenario's values on the sliders as one change.
func (m *Model) openScenario(it scenarioItem) {
	switch {
	case it.err != nil:
		m.setError(it.name + " cannot be read, so it was not opened: " + it.err.Error())
		return
	case it.kind == "current":
		m.view = viewDashboard
		return
	}
	m.change(func(v *market.Values) { *v = it.values }, "Opened "+it.name+" (u goes back).")
	m.scenario, m.scenarioNote, m.scenarioValues = it.name, it.sc.Note, it.values
	m.scenarioBase = *it.sc
	if m.status == "Nothing to change." {
		m.setStatus(it.name + " is what the sliders already show.")
	}
}

// startNameEdit asks for a scenario's name (to save or to rename to).
func (m *Model) startNameEdit(mode editMode, name string) tea.Cmd {
	if m.store == nil {
		m.setError("There is no folder for saved scenarios on this machine (no config directory).")
		return nil
	}
	m.editing, m.edit = true, mode
	m.renameFrom = name
	m.editor.SetValue(name)
	m.editor.CursorEnd()
	m.editor.Width = 30
	m.editor.CharLimit = 64
	m.status, m.isError = "", false
	return m.editor.Focus()
}

// applyNameEdit acts on a typed name or note.
func (m *Model) applyNameEdit() tea.Cmd {
	text := strings.TrimSpace(m.editor.Value())
	store := m.store
	switch m.edit {
	case editSaveName:
		if text == "" {
			m.setError("A scenario needs a name: letters, digits and spaces, up to 64 characters.")
			return nil
		}
		m.pendingName = text
		m.edit = editSaveNote
		m.editor.CharLimit = 200
		m.editor.SetValue(m.scenarioNote)
		m.editor.CursorEnd()
		m.status, m.isError = "", false
		return nil
	case editSaveNote:
		sc := m.scenarioBase.WithValues(m.market, m.values)
		sc.Name, sc.Market, sc.Note = m.pendingName, m.market.Name, text
		values := m.values
		m.stopEdit()
		m.setStatus("Saving " + sc.Name + "…")
		return func() tea.Msg {
			path, err := store.Save(sc)
			return scenarioSavedMsg{sc, values, path, err}
		}
	case editRename:
		from := m.renameFrom
		m.stopEdit()
		if text == from {
			return nil
		}
		return func() tea.Msg { return scenarioRenamedMsg{from, text, store.Rename(from, text)} }
	}
	return nil
}

// handleStoreMsg takes the store's answers in.
func (m *Model) handleStoreMsg(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case scenariosListedMsg:
		m.saved, m.savedErr = msg.entries, msg.err
		bad := 0
		for _, e := range m.saved {
			if e.Err != nil {
				bad++
			}
		}
		m.unreadable = bad
	case scenarioSavedMsg:
		if msg.err != nil {
			m.setError("Not saved: " + msg.err.Error())
			return nil
		}
		m.scenario, m.scenarioNote, m.scenarioValues, m.scenarioBase = msg.sc.Name, msg.sc.Note, msg.values, msg.sc
		m.setStatus("Saved " + msg.sc.Name + " to " + msg.path + ".")
		return m.listScenarios()
	case scenarioRenamedMsg:
		if msg.err != nil {
			m.setError("Not renamed: " + msg.err.Error())
			return nil
		}
		if m.scenario == msg.from {
			m.scenario = msg.to
		}
		m.setStatus("Renamed " + msg.from + " to " + msg.to + ".")
		return m.listScenarios()
	case scenarioDeletedMsg:
		if msg.err != nil {
			m.setError("Not deleted: " + msg.err.Error())
			return nil
		}
		m.setStatus("Deleted " + msg.name + ".")
		return m.listScenarios()
	}
	return nil
}

// renderScenarios draws the list beside the comparison.
func (m *Model) renderScenarios() string {
	b := m.layout.body
	c := newCanvas(b.w, b.h)
	items := m.items()
	cmp := m.compared(items)
	if b.w >= wideWidth {
		left := clamp(b.w*30/100, 36, 52)
		right := b.w - left - 1
		c.paste(0, 0, left, m.renderScenarioList(items, left, b.h))
		c.paste(left+1, 0, right, m.renderCompare(cmp, right, b.h))
		return c.String()
	}
	listH := min(len(items)+8, max(10, b.h*45/100))
	c.paste(0, 0, b.w, m.renderScenarioList(items, b.w, listH))
	c.paste(0, listH, b.w, m.renderCompare(cmp, b.w, b.h-listH))
	return c.String()
}

func (m *Model) renderScenarioList(items []scenarioItem, w, h int) string {
	s := m.styles
	inner := w - 4
	var lines []string
	section := ""
	cursorLine := 0
	for i, it := range items {
		head := map[string]string{"current": "", "preset": "PRESETS (market file)", "saved": "SAVED"}[it.kind]
		if head != section && head != "" {
			section = head
			lines = append(lines, s.Group.Render(head))
		}
		cursor := "  "
		label := s.Label
		if i == m.scenCursor {
			cursor, label, cursorLine = s.Cursor.Render("▸ "), s.LabelSelected, len(lines)
		}
		mark := "[ ] "
		if m.marked[it.key()] {
			mark = "[x] "
		}
		name := it.name
		if it.kind == "current" {
			name = "Current sliders"
		}
		if it.kind != "current" && it.name == m.scenario && m.values == m.scenarioValues {
			name += " (open)"
		}
		line := cursor + s.Subtle.Render(mark) + label.Render(name)
		if it.err != nil {
			line = cursor + s.Warn.Render("⚠ "+it.name+": unreadable")
		}
		lines = append(lines, line)
		if i == m.scenCursor && it.err != nil {
			lines = append(lines, wrapLines(it.err.Error(), inner-4, s.Warn)...)
		}
	}
	if len(m.saved) == 0 {
		lines = append(lines, s.Faint.Render("  none yet: s saves the sliders"))
	}
	if m.savedErr != nil {
		lines = append(lines, wrapLines("Saved scenarios could not all be read: "+m.savedErr.Error(), inner, s.Warn)...)
	}
	var foot []string
	if h >= 16 {
		foot = append(foot, "")
		if m.store != nil {
			foot = append(foot, wrapLines("Saved in "+m.store.Dir(), inner, s.Faint)...)
		}
		foot = append(foot, s.Faint.Render("⏎ open · space compare · s save"), s.Faint.Render("n rename · d delete"))
	} else {
		foot = append(foot, s.Faint.Render("⏎ open · space compare · s save · n rename · d delete"))
	}
	// Keep the cursor in view when the list is longer than the panel.
	room := h - 2 - len(foot)
	if len(lines) > room && room > 0 {
		start := clamp(cursorLine-room/2, 0, len(lines)-room)
		lines = lines[start : start+room]
	}
	lines = append(lines, foot...)
	return s.box("Scenarios", strings.Join(lines, "\n"), w, h, true)
}

// compareColumns are the outputs the comparison lists for the horizon year.
var compareOutputs = []market.Output{market.OutTAM, market.OutSAM, market.OutSubscribers, market.OutNet, market.OutRiskNet, market.OutShareOfTAM}

func (m *Model) renderCompare(cmp []scenarioItem, w, h int) string {
	s := m.styles
	cur := m.currency()
	inner := w - 4
	const lw = 24
	colW := max(10, min(22, (inner-lw)/len(cmp)))
	projs := make([]market.Projection, len(cmp))
	for i := range cmp {
		projs[i] = m.market.Evaluate(&cmp[i].values)
	}
	var lines []string
	header := fit("", lw)
	for _, it := range cmp {
		header += s.Bold.Render(padLeft(truncate(it.name, colW-1), colW))
	}
	lines = append(lines, header)

	// Inputs that differ between the compared scenarios.
	lines = append(lines, s.Group.Render("INPUTS THAT DIFFER"))
	differ := 0
	for _, id := range m.market.Order {
		same := true
		for _, it := range cmp[1:] {
			same = same && it.values[id] == cmp[0].values[id]
		}
		if same {
			continue
		}
		differ++
		in := m.market.Input(id)
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
	year := m.market.LastYear()
	lines = append(lines, s.Group.Render(fmt.Sprintf("OUTPUTS IN %d", year)))
	for _, o := range compareOutputs {
		label := capitalize(o.Label())
		if o == market.OutRiskNet {
			label = "Risk-weighted net"
		}
		row := s.Label.Render(fit(label, lw))
		base := o.Of(projs[0].Last())
		for i := range cmp {
			v := o.Of(projs[i].Last())
			cell := o.Format(v, cur)
			if i > 0 && v != base {
				d := v - base
				sign := "+"
				if d < 0 {
					sign = "−"
				}
				diff := o.Format(math.Abs(d), cur)
				if o == market.OutShareOfTAM {
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

	// The projections of net revenue on one chart.
	chartH := h - 2 - len(lines) - 1
	if chartH >= 8 && len(cmp) >= 1 {
		ser := make([]series, len(cmp))
		for i, it := range cmp {
			vals := make([]float64, len(projs[i].Years))
			for j := range projs[i].Years {
				vals[j] = projs[i].Years[j].Net
			}
			ser[i] = series{seriesKind(fmt.Sprintf("s%d", i+1)), truncate(it.name, 14), vals}
		}
		spec := chartSpec{
			firstYear: m.market.BaseYear, series: ser, width: inner, height: chartH - 1, money: true,
			currency: moneyFormat{cur.Symbol, cur.PerUSD}, dark: s.dark, color: !s.colorless(),
		}
		lines = append(lines, "", s.legend(ser)+s.Faint.Render("   net revenue, "+cur.Code))
		if body := m.compareCache.render(spec); body != "" {
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

// capitalize upper-cases the first letter: "net revenue" → "Net revenue".
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// truncate cuts plain text to w cells with an ellipsis.
func truncate(s string, w int) string {
	if cellWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && cellWidth(string(r))+1 > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
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
