// Package ui is sizeup's terminal interface: a Bubble Tea program with
// what-if sliders over a market's inputs, KPI cards, a projection chart,
// the funnel, and a sources view. It imports market, never data: main hands
// it the market and its starting values.
package ui

import (
	"io"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"sizeup/market"
)

// view is one of the app's screens.
type view int

const (
	viewDashboard view = iota
	viewUncertainty
	viewSensitivity
	viewScenarios
	viewSources
)

// viewInfo is the tab bar: each view's name and the number key that opens it.
var viewInfo = []struct {
	v    view
	name string
	key  string
}{
	{viewDashboard, "Dashboard", "1"},
	{viewUncertainty, "Uncertainty", "2"},
	{viewSensitivity, "Sensitivity", "3"},
	{viewScenarios, "Scenarios", "4"},
	{viewSources, "Sources", "5"},
}

// Options is what main hands the UI.
type Options struct {
	Market   *market.Market
	Values   market.Values      // the starting values (defaults plus --set)
	Scenario string             // the scenario's name, "base" when none
	Renderer *lipgloss.Renderer // where colours are resolved; nil for the default
	Theme    string             // "auto", "light" or "dark"
	CNY      bool               // show money in yuan

	Samples int    // Monte Carlo samples; 0 means DefaultSamples, < 0 turns Monte Carlo off
	Seed    uint64 // Monte Carlo seed

	ShotsDir  string    // where x and X write; DefaultShotsDir when empty
	Clipboard io.Writer // the terminal, for OSC 52 copies; nil for none
	InTmux    bool      // wrap OSC 52 for tmux

	Store         ScenarioStore    // saved scenarios; nil when there is nowhere to keep them
	ScenarioBase  *market.Scenario // the scenario the values were opened from, if any
	ScenarioValue market.Values    // its values (before --set), for the * in the header
}

// DefaultSamples is the Monte Carlo sample count unless --samples says otherwise.
const DefaultSamples = 100_000

// DefaultTarget is the net revenue whose chance the Uncertainty view
// reports until the user types another.
const DefaultTarget = 500e6

// Model is the whole app's state.
type Model struct {
	market   *market.Market
	values   market.Values
	defaults market.Values
	scenario string

	proj        market.Projection // at the current values
	defaultProj market.Projection // at the defaults, for "vs default"
	warnings    []market.Warning

	rows     []row
	selected int // index into rows; always an input row
	offset   int // first visible row of the sliders panel

	view       view
	width      int
	height     int
	layout     layout
	cny        bool
	logChart   bool
	showHelp   bool
	undo, redo []market.Values

	editing bool
	editor  textinput.Model

	seeking bool     // the goal seek form is open
	seek    seekForm // its fields and last answer

	sensOutput market.Output // the tornado's output and year
	sensYear   int

	mc        *mcState           // Monte Carlo, shared by the Model's copies; nil when off
	unc       market.Uncertainty // widths and pins, set with [ ] =
	fanOutput market.Output      // what the fan chart shows
	fanCache  *plotCache
	edit      editMode // what the editor holds

	store          ScenarioStore
	saved          []ScenarioEntry
	savedErr       error
	unreadable     int
	scenCursor     int
	marked         map[string]bool // scenarios ticked for comparison
	confirmDelete  string          // the name d asked to delete, until the next key
	scenarioNote   string
	scenarioValues market.Values   // the values when the scenario was opened or saved
	scenarioBase   market.Scenario // what a save starts from (keeps the whys)
	renameFrom     string
	pendingName    string // the name typed, while the note is asked for
	compareCache   *plotCache
	hindsight      bool // the actual market drawn on the projection

	present    bool   // presentation mode: the view as a slide
	chartShown Chart  // while a chart is drawn alone, which
	shotsDir   string // where x and X write
	clipboard  io.Writer
	inTmux     bool
	headless   bool   // drawn for a file, not a terminal: no timings
	status     string // the last message, shown in the status line
	isError    bool

	dragging bool          // a drag on a slider's bar is under way
	dragFrom market.Values // the values when it started, for undo

	keys      keyMap
	help      help.Model
	styles    *Styles    // the current theme's
	themes    *[2]Styles // light, dark; behind pointers so each Update copies little
	chart     *plotCache // survives the copies Bubble Tea makes of Model
	rowCache  *rowCache
	helpCache *struct{ key, out string }
	sources   viewport.Model
	srcKey    string // what the sources text was built for
}

// New builds the app for a market.
func New(o Options) Model {
	r := o.Renderer
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	var dark bool
	switch o.Theme {
	case "light":
	case "dark":
		dark = true
	default:
		dark = r.HasDarkBackground() // asks the terminal
	}
	m := Model{
		market:    o.Market,
		values:    o.Values,
		defaults:  o.Market.Defaults(),
		scenario:  o.Scenario,
		keys:      newKeyMap(),
		themes:    &[2]Styles{NewStyles(r, false), NewStyles(r, true)},
		logChart:  true,
		rows:      buildRows(o.Market),
		chart:     &plotCache{},
		rowCache:  &rowCache{},
		helpCache: &struct{ key, out string }{},
		cny:       o.CNY,
	}
	m.setTheme(dark)
	if m.scenario == "" {
		m.scenario = "Base"
	}
	for i, rw := range m.rows {
		if rw.isInput() {
			m.selected = i
			break
		}
	}
	m.help = help.New()
	m.help.Styles.ShortKey = m.styles.helpKey
	m.help.Styles.ShortDesc = m.styles.helpDesc
	m.help.Styles.ShortSeparator = m.styles.helpSep
	m.help.Styles.FullKey = m.styles.helpKey
	m.help.Styles.FullDesc = m.styles.helpDesc
	m.help.Styles.FullSeparator = m.styles.helpSep
	m.help.Styles.Ellipsis = m.styles.helpSep

	m.editor = textinput.New()
	m.editor.Prompt = ""
	m.editor.CharLimit = 40
	m.editor.TextStyle = m.styles.editorText
	m.editor.Cursor.Style = m.styles.editorCursor
	m.editor.Cursor.SetMode(cursor.CursorStatic) // a steady cursor: no blink, no redraws while typing nothing

	m.sources = viewport.New(0, 0)
	m.sensOutput, m.sensYear = market.OutNet, m.market.LastYear()
	m.fanOutput, m.fanCache = market.OutNet, &plotCache{}
	m.store, m.marked, m.compareCache = o.Store, map[string]bool{}, &plotCache{}
	m.shotsDir, m.clipboard, m.inTmux = o.ShotsDir, o.Clipboard, o.InTmux
	m.scenarioValues = m.defaults
	if o.ScenarioBase != nil {
		m.scenarioBase, m.scenarioNote, m.scenarioValues = *o.ScenarioBase, o.ScenarioBase.Note, o.ScenarioValue
		m.scenario = o.ScenarioBase.Name
	}
	if o.Samples >= 0 {
		n := o.Samples
		if n == 0 {
			n = DefaultSamples
		}
		m.mc = newMCState(m.market, n, o.Seed)
		m.mc.target = DefaultTarget
	}
	m.defaultProj = m.market.Evaluate(&m.defaults)
	m.evaluate()
	m.updateKeys()
	return m
}

// Init lists the saved scenarios and starts the first Monte Carlo run; the
// first frame waits for neither.
func (m Model) Init() tea.Cmd {
	list := m.listScenarios()
	if m.mc == nil {
		return list
	}
	m.mc.gen++
	m.mc.running = true
	m.mc.scheduled, m.mc.scheduledUnc = m.values, m.unc
	gen := m.mc.gen
	return tea.Batch(list, func() tea.Msg { return mcStartMsg{gen} })
}

// Update routes a message to the part that owns it.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
	case tea.KeyMsg:
		cmd = m.handleKeys(msg)
	case tea.MouseMsg:
		cmd = m.handleMouse(msg)
	case mcStartMsg:
		cmd = m.startRun(msg.gen)
	case mcDoneMsg:
		m.finishRun(msg)
	case seekDoneMsg:
		m.finishSeek(msg)
	case scenariosListedMsg, scenarioSavedMsg, scenarioRenamedMsg, scenarioDeletedMsg:
		cmd = m.handleStoreMsg(msg)
	case shotsMsg:
		m.finishShots(msg)
	}
	if m.mc != nil && (m.values != m.mc.scheduled || m.unc != m.mc.scheduledUnc) {
		m.mc.scheduled, m.mc.scheduledUnc = m.values, m.unc
		cmd = tea.Batch(cmd, m.invalidate())
	}
	m.updateKeys()
	if m.view == viewSources {
		m.syncSources()
	}
	return m, cmd
}

// View draws the frame.
func (m Model) View() string { return m.render() }

func (m *Model) resize(w, h int) {
	m.width, m.height = max(0, w), max(0, h)
	m.layout = computeLayout(m.width, m.height, len(m.rows), m.present)
	m.help.Width = m.width
	m.offset = sliderWindow(m.offset, m.selected, len(m.rows), m.sliderRows())
}

// sliderRows is how many rows the sliders panel shows.
func (m *Model) sliderRows() int { return max(0, m.layout.sliders.h-2) }

// handleKeys splits runes that arrived together ("jjj" from a held key or
// a fast typist) into one key each, unless they are being typed as a value.
func (m *Model) handleKeys(msg tea.KeyMsg) tea.Cmd {
	if m.editing || msg.Type != tea.KeyRunes || len(msg.Runes) < 2 || msg.Paste {
		return m.handleKey(msg)
	}
	var cmds []tea.Cmd
	for _, r := range msg.Runes {
		one := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}
		cmds = append(cmds, m.handleKey(one))
		m.updateKeys()
		if m.editing {
			break
		}
	}
	return tea.Batch(cmds...)
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if m.editing {
		return m.handleEditKey(msg)
	}
	if m.seeking {
		if msg.Type == tea.KeyCtrlC {
			return tea.Quit
		}
		return m.handleSeekKey(msg)
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp = !m.showHelp
		return nil
	case m.showHelp && msg.Type == tea.KeyEsc:
		m.showHelp = false
		return nil
	case key.Matches(msg, k.NextView):
		m.switchView(+1)
	case key.Matches(msg, k.PrevView):
		m.switchView(-1)
	case key.Matches(msg, k.Views):
		for _, vi := range viewInfo {
			if msg.String() == vi.key {
				m.view = vi.v
				m.showHelp = false
			}
		}
	case key.Matches(msg, k.Currency):
		m.cny = !m.cny
		m.setStatus("Money in " + m.currency().Code + ".")
	case key.Matches(msg, k.Theme):
		m.setTheme(!m.styles.dark)
		m.setStatus("Theme: " + m.themeName() + ".")
	case key.Matches(msg, k.Undo):
		m.undoRedo(&m.undo, &m.redo, "Undone")
	case key.Matches(msg, k.Redo):
		m.undoRedo(&m.redo, &m.undo, "Redone")
	case key.Matches(msg, k.ResetAll):
		m.change(func(v *market.Values) { *v = m.defaults }, "Every input reset to its default.")
	case key.Matches(msg, k.GoalSeek):
		return m.openSeek()
	case key.Matches(msg, k.Save):
		name := m.scenario
		if _, preset := m.market.Preset(name); preset || name == "" {
			name = ""
		}
		return m.startNameEdit(editSaveName, name)
	case key.Matches(msg, k.Open):
		m.view, m.showHelp = viewScenarios, false
		return m.listScenarios()
	case key.Matches(msg, k.Present):
		m.present = !m.present
		m.layout = computeLayout(m.width, m.height, len(m.rows), m.present)
		if m.present {
			m.setStatus("")
		}
		return nil
	case key.Matches(msg, k.Export):
		return m.exportCmd(false)
	case key.Matches(msg, k.ExportChart):
		return m.exportCmd(true)
	case key.Matches(msg, k.Copy):
		return m.copyCmd()
	}
	if m.present {
		return nil // a slide takes no edits
	}
	switch m.view {
	case viewDashboard:
		return m.handleDashboardKey(msg)
	case viewSensitivity:
		return m.handleSensitivityKey(msg)
	case viewUncertainty:
		return m.handleUncertaintyKey(msg)
	case viewScenarios:
		return m.handleScenariosKey(msg)
	case viewSources:
		var cmd tea.Cmd
		m.sources, cmd = m.sources.Update(msg)
		return cmd
	}
	return nil
}

func (m *Model) handleDashboardKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	id := m.selectedID()
	switch {
	case key.Matches(msg, k.Up):
		m.moveSelection(-1)
	case key.Matches(msg, k.Down):
		m.moveSelection(+1)
	case key.Matches(msg, k.Left):
		m.step(id, -1)
	case key.Matches(msg, k.Right):
		m.step(id, +1)
	case key.Matches(msg, k.BigLeft):
		m.step(id, -10)
	case key.Matches(msg, k.BigRight):
		m.step(id, +10)
	case key.Matches(msg, k.Toggle):
		m.toggle(id)
	case key.Matches(msg, k.Reset):
		in := m.market.Input(id)
		m.change(func(v *market.Values) { v[id] = in.Default }, in.Label+" reset to "+in.Format(in.Default, m.currency())+".")
	case key.Matches(msg, k.ChartScale):
		m.logChart = !m.logChart
	case key.Matches(msg, k.Hindsight):
		m.hindsight = !m.hindsight
		if m.hindsight && !m.logChart {
			m.logChart = true // the market is only on the log chart
		}
	case key.Matches(msg, k.Narrow), key.Matches(msg, k.Widen), key.Matches(msg, k.Pin):
		m.adjustUncertainty(id, msg)
	case key.Matches(msg, k.Edit):
		return m.startEdit()
	}
	return nil
}

func (m *Model) switchView(d int) {
	i := 0
	for j, vi := range viewInfo {
		if vi.v == m.view {
			i = j
		}
	}
	i = (i + d + len(viewInfo)) % len(viewInfo)
	m.view = viewInfo[i].v
	m.showHelp = false
}

// selectedID is the input on the selected row.
func (m *Model) selectedID() market.ID { return m.rows[m.selected].input }

func (m *Model) moveSelection(d int) {
	i := m.selected
	for {
		i += d
		if i < 0 || i >= len(m.rows) {
			return
		}
		if m.rows[i].isInput() {
			m.selectRow(i)
			return
		}
	}
}

func (m *Model) selectRow(i int) {
	if i < 0 || i >= len(m.rows) || !m.rows[i].isInput() {
		return
	}
	m.selected = i
	m.offset = sliderWindow(m.offset, m.selected, len(m.rows), m.sliderRows())
	// Keep the heading above the first input of a group in view.
	if m.selected > 0 && m.offset == m.selected && !m.rows[m.selected-1].isInput() {
		m.offset--
	}
	m.status, m.isError = "", false
}

// step moves an input by n steps, within its hard limits.
func (m *Model) step(id market.ID, n int) {
	in := m.market.Input(id)
	if in.Kind == market.KindSwitch {
		m.toggle(id)
		return
	}
	v := in.Clamp(cleanFloat(m.values[id]+float64(n)*in.Step, in.Step))
	if v == m.values[id] {
		m.setStatus(in.Label + " is at its limit (" + in.Format(v, m.currency()) + ").")
		return
	}
	m.change(func(vals *market.Values) { vals[id] = v }, "")
}

func (m *Model) toggle(id market.ID) {
	in := m.market.Input(id)
	if in.Kind != market.KindSwitch {
		return
	}
	v := 1 - m.values[id]
	m.change(func(vals *market.Values) { vals[id] = v }, in.Label+" "+in.Format(v, m.currency())+".")
}

// change applies an edit to the values, keeping the old ones for undo.
func (m *Model) change(edit func(*market.Values), status string) {
	before := m.values
	edit(&m.values)
	if m.values == before {
		if status != "" {
			m.setStatus("Nothing to change.")
		}
		return
	}
	m.undo = append(m.undo, before)
	m.redo = m.redo[:0]
	m.evaluate()
	m.setStatus(status)
}

func (m *Model) undoRedo(from, to *[]market.Values, verb string) {
	if len(*from) == 0 {
		m.setStatus("Nothing to " + map[string]string{"Undone": "undo", "Redone": "redo"}[verb] + ".")
		return
	}
	*to = append(*to, m.values)
	m.values = (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	m.evaluate()
	m.setStatus(verb + ".")
}

// evaluate recomputes the projection for the current values.
func (m *Model) evaluate() {
	m.market.EvaluateInto(&m.proj, &m.values)
	m.warnings = market.Triangulate(&m.proj, m.currency())
}

// setTheme picks the light or dark styles; the renderer follows so the
// bubbles components' adaptive colours agree.
func (m *Model) setTheme(dark bool) {
	i := 0
	if dark {
		i = 1
	}
	m.styles = &m.themes[i]
	m.styles.r.SetHasDarkBackground(dark)
}

func (m *Model) themeName() string {
	if m.styles.dark {
		return "dark"
	}
	return "light"
}

func (m *Model) setStatus(s string) { m.status, m.isError = s, false }
func (m *Model) setError(s string)  { m.status, m.isError = s, true }

func (m *Model) currency() market.Currency {
	if m.cny {
		return market.CNY(m.values[market.FXCNYPerUSD])
	}
	return market.USD
}

func (m *Model) moved() bool { return m.values != m.defaults }

// updateKeys enables only the bindings that do something now, so the help
// never lies.
func (m *Model) updateKeys() {
	k := &m.keys
	modal := m.editing || m.seeking
	live := !modal && !m.present // a slide takes no edits
	dash := m.view == viewDashboard && live
	id := m.selectedID()
	isSwitch := m.market.Input(id).Kind == market.KindSwitch
	scen := m.view == viewScenarios && live
	for _, b := range []*key.Binding{&k.Left, &k.Right, &k.BigLeft, &k.BigRight, &k.ChartScale} {
		b.SetEnabled(dash)
	}
	k.Up.SetEnabled(dash || scen)
	k.Down.SetEnabled(dash || scen)
	if scen {
		k.Up.SetHelp("↑/k", "previous scenario")
		k.Down.SetHelp("↓/j", "next scenario")
	} else {
		k.Up.SetHelp("↑/k", "previous input")
		k.Down.SetHelp("↓/j", "next input")
	}
	k.Hindsight.SetEnabled(dash && hasMoneyHistory(m.market))
	k.Save.SetEnabled(live && m.store != nil)
	k.Open.SetEnabled(!modal && m.view != viewScenarios)
	for _, b := range []*key.Binding{&k.Mark, &k.Rename, &k.Delete} {
		b.SetEnabled(scen)
	}
	k.BigLeft.SetEnabled(dash && !isSwitch)
	k.BigRight.SetEnabled(dash && !isSwitch)
	k.Toggle.SetEnabled(dash && isSwitch)
	k.Reset.SetEnabled(dash && m.values[id] != m.defaults[id])
	k.ResetAll.SetEnabled(live && m.moved())
	k.Undo.SetEnabled(live && len(m.undo) > 0)
	k.Redo.SetEnabled(live && len(m.redo) > 0)
	src := m.view == viewSources && !modal
	k.PageUp.SetEnabled(src)
	k.PageDown.SetEnabled(src)
	sens := m.view == viewSensitivity && live
	k.YearBack.SetEnabled(sens)
	k.YearOn.SetEnabled(sens)
	k.GoalSeek.SetEnabled(live && m.view != viewSources)
	k.Present.SetEnabled(!modal)
	k.Export.SetEnabled(!modal)
	k.ExportChart.SetEnabled(!modal && m.view != viewSources)
	k.Copy.SetEnabled(!modal && m.view != viewSources && m.clipboard != nil)
	unc := m.view == viewUncertainty && live && m.result() != nil
	k.Output.SetEnabled(sens || unc)
	k.Edit.SetEnabled(dash || unc || scen)
	switch {
	case unc:
		k.Edit.SetHelp("⏎", "change target")
	case scen:
		k.Edit.SetHelp("⏎", "open")
	default:
		k.Edit.SetHelp("⏎", "type a value")
	}
	sampled := m.mc != nil && id.Kind().Uncertain()
	k.Narrow.SetEnabled(dash && sampled && !m.unc.Pinned[id])
	k.Widen.SetEnabled(dash && sampled && !m.unc.Pinned[id])
	k.Pin.SetEnabled(dash && sampled)
	for _, b := range []*key.Binding{&k.Currency, &k.Theme, &k.NextView, &k.PrevView, &k.Views, &k.Help, &k.Quit} {
		b.SetEnabled(!modal)
	}
	k.Apply.SetEnabled(modal)
	k.Cancel.SetEnabled(modal)
	for _, b := range []*key.Binding{&k.FieldUp, &k.FieldDown, &k.ChoicePrev, &k.ChoiceNext} {
		b.SetEnabled(m.seeking)
	}
	switch {
	case m.seeking && m.seek.answer != nil && m.seek.answer.Found:
		k.Apply.SetHelp("⏎", "apply")
	case m.seeking:
		k.Apply.SetHelp("⏎", "seek")
	default:
		k.Apply.SetHelp("⏎", "apply")
	}
}
