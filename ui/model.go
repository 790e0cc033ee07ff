// Package ui is sizeup's terminal interface: a Bubble Tea program with
// what-if sliders over a market's inputs, KPI cards, a projection chart,
// the funnel, Monte Carlo, sensitivity, scenarios and sources. It imports
// market, never data: main hands it the market, its starting values and
// the scenario store.
package ui

import (
	"io"
	"sync/atomic"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"sizeup/market"
)

// view is one of the app's screens.
type view int

// The views, in tab order; each has its entry in views (component.go).
const (
	viewDashboard view = iota
	viewUncertainty
	viewSensitivity
	viewScenarios
	viewSources
)

// mode is what has the keys: the view, or one overlay over it.
type mode int

const (
	modeView    mode = iota // the current view
	modeHelp                // the ? screen
	modePrompt              // a value or name being typed
	modeSeek                // the goal seek form
	modePresent             // the view as a slide
	modeQuit                // asking whether to quit with unsaved changes
	modeNotes               // every warning, and the hindsight judgement (w)
	modeMessage             // a cut status message, read whole
)

// Options is what main hands the UI.
type Options struct {
	Market   *market.Market
	Values   market.Values      // the starting values (defaults plus --set)
	Scenario string             // the scenario's name, "Base" when none
	Renderer *lipgloss.Renderer // where colours are resolved; nil for the default
	Theme    string             // "light" or "dark"; anything else asks the terminal
	// Background is the terminal's own background, "dark" or "light", when
	// known: a theme of the other kind paints its own. "" (not known, as
	// for a file) has both themes paint theirs.
	Background string
	Local      bool // show money in the market's own currency (ignored when it has none)

	Samples int    // Monte Carlo samples; 0 means DefaultSamples, < 0 turns Monte Carlo off
	Seed    uint64 // Monte Carlo seed

	ShotsDir  string    // where x and X write; DefaultShotsDir when empty
	Clipboard io.Writer // the terminal, for OSC 52 copies; nil for none
	InTmux    bool      // running inside tmux: y asks tmux how to reach the clipboard

	Store         ScenarioStore    // saved scenarios; nil when there is nowhere to keep them
	StoreProblem  string           // why Store is nil, to tell the user
	ScenarioBase  *market.Scenario // the scenario the values were opened from, if any
	ScenarioValue market.Values    // its values (before --set), for the * in the header

	// Watch is the market file to follow, "" for none; Reload reads it
	// again (see reload.go).
	Watch  string
	Reload func() (*market.Market, error)
}

// DefaultSamples is the Monte Carlo sample count unless --samples says otherwise.
const DefaultSamples = 100_000

// The Uncertainty view's target, whose chance it reports until the user
// types another, is the first round figure (1, 2 or 5 × a power of ten)
// above the headline at the defaults in the horizon year: China's $299M
// net gives $500M (roundAbove).

// Model is the root of the app: it routes each message to the view or
// overlay that owns it, lays them out on resize, and draws the chrome.
type Model struct {
	s             *session
	mode          mode
	view          view
	width, height int
	body          rect      // the views' rectangle in the terminal
	small         bool      // below the minimum size
	footH         int       // lines the footer takes now
	laid          sizeKey   // what the layout was worked out for
	opts          Options   // what the app was started with, for a reload
	watched       fileStamp // the market file as last read
	reload        reloading // the loads of the market file under way
	bar           string    // the help bar as last drawn, for the footer
	broken        string    // the market file's name while it is broken on disk (badge)
	brokenWhy     string    // what is wrong with it, for the w screen

	// The views, each its own component. Update works on a copy of them
	// (clone), so a model handed out before never changes under its owner.
	*viewSet
	help   helpScreen
	seek   goalSeek
	prompt prompt
	slide  slide
	ask    quitQuestion
	notes  notesScreen
	msgBox messageBox
}

// New builds the app for a market.
func New(o Options) Model {
	r := o.Renderer
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	dark := true
	switch o.Theme {
	case "light":
		dark = false
	case "dark":
	default:
		dark = r.HasDarkBackground()
	}
	s := &session{
		market:     o.Market,
		values:     o.Values,
		defaults:   o.Market.Defaults(),
		keys:       newKeyMap(o.Market.Local.Code),
		themes:     &[2]Styles{NewStyles(r, false, o.Background != "light"), NewStyles(r, true, o.Background != "dark")},
		local:      o.Local && o.Market.HasLocal(),
		store:      o.Store,
		storeWhy:   o.StoreProblem,
		shotsDir:   o.ShotsDir,
		clipboard:  o.Clipboard,
		inTmux:     o.InTmux,
		tmuxOption: queryTmux,
		help:       help.New(),
		bars:       &barCache{},
		statusTTL:  statusTTL,
	}
	if s.store == nil && s.storeWhy == "" {
		s.storeWhy = "there is no folder for saved scenarios on this machine."
	}
	s.setTheme(dark)
	s.scenario = scenarioState{name: o.Scenario, values: s.defaults}
	if s.scenario.name == "" {
		s.scenario.name = "Base"
	}
	if o.ScenarioBase != nil {
		s.scenario = scenarioState{name: o.ScenarioBase.Name, note: o.ScenarioBase.Note, values: o.ScenarioValue, base: *o.ScenarioBase}
	}
	s.defaultProj = s.market.Evaluate(&s.defaults)
	if o.Samples >= 0 {
		n := o.Samples
		if n == 0 {
			n = DefaultSamples
		}
		s.mc = newMCState(s.market, n, o.Seed, roundAbove(s.defaultProj.Last(s.market.Outputs.Headline)))
	}
	s.keyInputs = keyInputs(s.market, &s.defaults)
	s.evaluate()
	m := Model{
		s: s,
		viewSet: &viewSet{
			dash: newDashboard(s),
			unc:  newUncertainty(s),
			sens: newSensitivity(s),
			scen: newScenarios(s),
			src:  newSources(s),
		},
		help:   newHelpScreen(s),
		seek:   newGoalSeek(s),
		prompt: newPrompt(s),
		slide:  slide{s: s},
		ask:    quitQuestion{s: s},
		notes:  newNotesScreen(s),
		msgBox: messageBox{s: s},
	}
	m.opts = o
	m.reload.running = new(atomic.Int32)
	if o.Watch != "" {
		m.watched = stampOf(o.Watch)
	}
	m.updateKeys()
	return m
}

// Init lists the saved scenarios and schedules the first Monte Carlo run,
// which starts once the first frame is on the terminal (afterSize): the
// first frame waits for neither.
func (m Model) Init() tea.Cmd {
	m.s.holdFirstRun()
	return tea.Batch(m.scen.list(), m.s.schedule(), m.watch(), m.s.afterSize(m.width, m.height))
}

// switchViewMsg asks the root to show another view.
type switchViewMsg struct{ v view }

func switchTo(v view) tea.Cmd { return func() tea.Msg { return switchViewMsg{v} } }

// Update routes a message to the part that owns it.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.viewSet = m.viewSet.clone()
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(0, msg.Width), max(0, msg.Height)
		cmd = m.s.afterSize(m.width, m.height)
	case mcFrameMsg:
		cmd = m.s.frameWritten()
	case tea.KeyMsg:
		cmd = m.keys(msg)
	case tea.MouseMsg:
		cmd = m.mouse(msg)
	case statusExpiredMsg:
		// A message cut short stays until the next key, so that v can still
		// show it whole; one that fits goes when its time is up.
		if !m.statusCut() {
			m.s.expire(msg.seq)
		}
	case mcStartMsg:
		cmd = m.s.startRun(msg.gen)
	case mcDoneMsg:
		m.s.finishRun(msg)
	case seekDoneMsg:
		cmd, _ = m.seek.Update(msg)
	case scenariosListedMsg:
		cmd = m.scen.Update(msg)
	case scenarioSavedMsg, scenarioRenamedMsg, scenarioDeletedMsg:
		cmd = m.storeAnswer(msg)
	case shotsMsg:
		cmd = m.finishShots(msg)
	case clipboardMsg:
		cmd = m.finishCopy(msg)
	case switchViewMsg:
		m.setView(msg.v)
	case watchTickMsg:
		cmd = m.watchTicked(msg)
	case reloadSlowMsg:
		m.reloadSlow(msg)
	case marketReloadedMsg:
		m, cmd = m.reloaded(msg)
	}
	cmd = tea.Batch(cmd, m.s.schedule())
	m.sync()
	return m, cmd
}

// sync brings the layout, the view's drawn panels, the keys and the help
// bar up to date with the session after a message: View only reads them.
func (m *Model) sync() {
	if key := (sizeKey{m.width, m.height, m.footerHeight(), m.mode == modePresent, m.view}); key != m.laid {
		m.laid = key
		m.layout()
	}
	// Only what is on screen follows the session now; the rest catches up
	// when it is shown.
	m.current().refresh()
	switch m.mode {
	case modeHelp:
		m.help.refresh()
	case modeNotes:
		var judged []string
		if m.dash.hindsight {
			judged = m.dash.hindsightLines(m.notes.vp.Width)
		}
		m.notes.refresh(judged, m.brokenWhy)
	}
	m.updateKeys()
	if m.width > 0 && m.mode != modePrompt && m.mode != modePresent {
		st := m.s.styles
		m.bar = m.s.bars.get(m.s.help, m.shortHelp(), m.width-2, st)
	}
}

// sizeKey is what the layout depends on.
type sizeKey struct {
	w, h, footH int
	present     bool
	view        view
}

// layout sizes every part for the terminal: the body left by the header
// and the footer goes to the views, or a slide's body when presenting.
func (m *Model) layout() {
	m.footH = m.footerHeight()
	body, ok := frameLayout(m.width, m.height, m.footH)
	m.body, m.small = body, !ok
	if !ok {
		return
	}
	w, h := body.w, body.h
	present := m.mode == modePresent
	if present {
		m.slide.SetSize(m.width, m.height)
		w, h = m.slide.bodySize(m.view)
	}
	for _, e := range views {
		e.of(m.viewSet).SetSize(w, h, present)
	}
	m.help.SetSize(body.w, body.h)
	m.seek.SetSize(body.w, body.h)
	m.notes.SetSize(body.w, body.h)
	m.msgBox.SetSize(body.w, body.h)
}

// keys splits runes that arrived together ("jjj" from a held key or a fast
// typist) into one key each, unless they are text being typed or pasted.
func (m *Model) keys(msg tea.KeyMsg) tea.Cmd {
	if msg.Type == tea.KeyCtrlC {
		return tea.Quit
	}
	if msg.Type == tea.KeyCtrlZ {
		// The terminal's suspend key, in every mode: Bubble Tea gives the
		// terminal back and stops the process; fg resumes it.
		return tea.Suspend
	}
	typing := m.mode == modePrompt || m.mode == modeSeek && m.seek.field == seekTarget
	if typing || msg.Type != tea.KeyRunes || len(msg.Runes) < 2 || msg.Paste {
		return m.key(msg)
	}
	var cmds []tea.Cmd
	for _, r := range msg.Runes {
		cmds = append(cmds, m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
		m.sync()
		if m.mode == modePrompt {
			break // the rest would be typed into a box the user has not seen
		}
	}
	return tea.Batch(cmds...)
}

// key hands one key to whatever has the keys now: the view (after the
// keys every view shares), a slide (which takes p and esc, and leaves the
// rest to the shared keys), or a modal part until it says it is done.
func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	switch m.mode {
	case modeView:
		if key.Matches(msg, m.s.keys.Message) && m.statusCut() {
			m.msgBox.open(m.s.status.text, m.s.status.isError)
			m.mode = modeMessage
			return nil
		}
		m.s.clearStatus() // a message lasts until the next action
		if cmd, ok := m.globalOrOpen(msg); ok {
			return cmd
		}
		return m.toView(msg)
	case modePresent:
		if cmd, done := m.modalUpdate(msg); done {
			m.mode = modeView
			return cmd
		}
		return m.global(msg)
	case modeQuit:
		return m.answerQuit(msg)
	case modeHelp, modeNotes:
		if key.Matches(msg, m.s.keys.Quit) {
			return m.quit()
		}
	}
	cmd, done := m.modalUpdate(msg)
	if done {
		m.mode = modeView
	}
	return cmd
}

// globalOrOpen is the keys every view shares, and those that open an
// overlay or a prompt.
func (m *Model) globalOrOpen(msg tea.KeyMsg) (tea.Cmd, bool) {
	s, k := m.s, m.s.keys
	switch {
	case key.Matches(msg, k.Help):
		m.mode = modeHelp
	case key.Matches(msg, k.Notes):
		m.mode = modeNotes
	case key.Matches(msg, k.GoalSeek):
		m.mode = modeSeek
		return m.seek.open(m.dash.selectedID()), true
	case key.Matches(msg, k.Save):
		if s.store == nil {
			return s.setError("Saving is off: " + s.storeWhy), true
		}
		name := s.scenario.name
		if _, preset := s.market.Preset(name); preset {
			name = ""
		}
		m.mode = modePrompt
		return m.prompt.openSave(name), true
	case key.Matches(msg, k.Rename):
		it := m.scen.selected()
		if it.kind != "saved" {
			return s.setError("Only saved scenarios can be renamed; presets belong to the market file."), true
		}
		m.mode = modePrompt
		return m.prompt.openRename(it.name), true
	case key.Matches(msg, k.Edit) && m.prompter() != nil:
		m.mode = modePrompt
		return m.prompt.openFor(m.prompter().promptOnEnter()), true
	case key.Matches(msg, k.Present):
		m.mode = modePresent
		return s.setStatus("Presentation mode: p or esc leaves; x saves a screenshot."), true
	case matchesOff(msg, k.Undo): // off in the help bar when there is nothing to undo, but it still answers
		return s.undoStep(), true
	case matchesOff(msg, k.Redo):
		return s.redoStep(), true
	case key.Matches(msg, k.ResetAll):
		return s.change(func(v *market.Values) { *v = s.defaults }, "reset all", resetAllSaid(s)), true
	case key.Matches(msg, k.Open):
		m.setView(viewScenarios)
		return m.scen.list(), true
	default:
		return m.global(msg), m.isGlobal(msg)
	}
	return nil, true
}

// matchesOff is key.Matches for a binding whether it is on or off: for
// keys the help bar leaves out when they have nothing to do, but that
// still say so when pressed.
func matchesOff(msg tea.KeyMsg, b key.Binding) bool {
	b.SetEnabled(true)
	return key.Matches(msg, b)
}

// isGlobal reports whether a key is one of the keys global handles.
func (m *Model) isGlobal(msg tea.KeyMsg) bool {
	k := m.s.keys
	for _, b := range []key.Binding{k.Quit, k.NextView, k.PrevView, k.Views, k.Currency, k.Theme, k.Export, k.ExportChart, k.Copy} {
		if key.Matches(msg, b) {
			return true
		}
	}
	return false
}

// global is the keys that work in a view and on a slide alike.
func (m *Model) global(msg tea.KeyMsg) tea.Cmd {
	s, k := m.s, m.s.keys
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.NextView):
		m.cycleView(+1)
	case key.Matches(msg, k.PrevView):
		m.cycleView(-1)
	case key.Matches(msg, k.Views):
		for _, e := range views {
			if msg.String() == e.key {
				m.setView(e.id)
			}
		}
	case key.Matches(msg, k.Currency):
		s.local = !s.local
		s.evaluate() // the warnings quote money in the currency shown
		return s.setStatus("Money in " + s.currency().Code + ".")
	case key.Matches(msg, k.Theme):
		s.setTheme(!s.styles.dark)
		return s.setStatus("Theme: " + s.themeName() + ".")
	case key.Matches(msg, k.Export):
		return m.exportCmd(false)
	case key.Matches(msg, k.ExportChart):
		return m.exportCmd(true)
	case key.Matches(msg, k.Copy):
		return m.copyCmd()
	case m.mode == modePresent && key.Matches(msg, k.Output):
		return m.toView(msg) // m changes what a slide's chart shows
	}
	return nil
}

// toView hands a key or a mouse message to the current view.
func (m *Model) toView(msg tea.Msg) tea.Cmd { return m.current().Update(msg) }

// prompter is the current view if its ⏎ opens the prompt; nil if not.
func (m *Model) prompter() prompter {
	p, _ := m.current().(prompter)
	return p
}

func (m *Model) setView(v view) {
	m.view = v
	if m.mode == modeHelp {
		m.mode = modeView
	}
}

func (m *Model) cycleView(d int) {
	m.setView(view((int(m.view) + d + len(views)) % len(views)))
}

// mouse: a click on a tab opens its view; the rest goes to the view (the
// dashboard's sliders, the sources' scrolling), in the body's coordinates.
func (m *Model) mouse(msg tea.MouseMsg) tea.Cmd {
	if m.small || m.mode != modeView {
		return nil
	}
	if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft && msg.Y < headerHeight {
		for _, t := range m.tabSpans() {
			if msg.X >= t.from && msg.X < t.to {
				m.setView(t.v)
			}
		}
		return nil
	}
	msg.Y -= m.body.y
	return m.toView(msg)
}

// storeAnswer takes the scenario store's answers in.
func (m *Model) storeAnswer(msg tea.Msg) tea.Cmd {
	s := m.s
	switch msg := msg.(type) {
	case scenarioSavedMsg:
		if msg.err != nil {
			return s.setError("Not saved: " + sentence(msg.err))
		}
		s.scenario = scenarioState{name: msg.sc.Name, note: msg.sc.Note, values: msg.values, base: msg.sc}
		return tea.Batch(s.setStatus("Saved "+msg.sc.Name+" to "+msg.path+"."), m.scen.list())
	case scenarioRenamedMsg:
		if msg.err != nil {
			return s.setError("Not renamed: " + sentence(msg.err))
		}
		if s.scenario.name == msg.from {
			s.scenario.name = msg.to
		}
		return tea.Batch(s.setStatus("Renamed "+msg.from+" to "+msg.to+"."), m.scen.list())
	case scenarioDeletedMsg:
		if msg.err != nil {
			return s.setError("Not deleted: " + sentence(msg.err))
		}
		return tea.Batch(s.forget(msg.name), m.scen.list())
	}
	return nil
}

// View draws the frame. It changes nothing.
func (m Model) View() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.small {
		return m.s.styles.frame(m.tooSmall())
	}
	v := m.current()
	if m.mode == modePresent {
		return m.s.styles.frame(m.slide.frame(m.view, v.title(), v.View()))
	}
	var body string
	switch m.mode {
	case modeHelp:
		body = m.help.View()
	case modeNotes:
		body = m.notes.View()
	case modeSeek:
		form, h := m.seek.View()
		body = m.dimmed(v.View(), form, m.seek.w, h)
	case modeMessage:
		box, h := m.msgBox.View()
		body = m.dimmed(v.View(), box, overlayWidth(m.body.w), h)
	default:
		if f, ok := v.(framedView); ok {
			return m.s.styles.frame(f.viewFramed(m.header(), m.footer()))
		}
		body = v.View()
	}
	return m.s.styles.frame(m.header() + "\n" + body + "\n" + m.footer())
}

// framedView is a view that writes itself between the frame's header and
// footer, so the frame is not copied together again (the dashboard, a
// keystroke's frame).
type framedView interface {
	viewFramed(head, foot string) string
}
