package ui

import (
	"fmt"
	"io"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// session is what every view reads: the market, the values on the sliders
// with their undo history, the projection at those values, the scenario
// they came from, the money shown, the theme, the keys and the status
// line. It plays the part of soft-serve's common.Common. The root model and
// its children share one session; only Update changes it, never View.
type session struct {
	market   *market.Market
	values   market.Values
	defaults market.Values

	proj        market.Projection // at the current values
	defaultProj market.Projection // at the defaults, for "vs default"
	warnings    []market.Warning
	keyInputs   []market.ID // the inputs a slide's footer names (keyInputs)

	scenario   scenarioState // what the sliders were opened from or saved as
	undo, redo []snapshot

	local  bool       // money in the market's own currency (m.Local), not USD
	styles *Styles    // the current theme's
	themes *[2]Styles // light, dark
	keys   keyMap
	help   help.Model // draws key help in the theme's colours
	bars   *barCache  // help bars already drawn

	mc  *mcState           // Monte Carlo; nil when off
	unc market.Uncertainty // widths and pins, set with [ ] =

	store      ScenarioStore
	storeWhy   string // why there is no store, when there is none
	shotsDir   string
	clipboard  io.Writer
	inTmux     bool
	tmuxOption func(name string) (string, error) // asks tmux for an option's value
	headless   bool                              // drawn for a file, not a terminal: no timings

	status    statusLine
	statusTTL time.Duration // how long a message stays; 0 keeps it until the next action
}

// scenarioState is the scenario the sliders belong to: its name, note, the
// values it was opened or saved with (for the * in the header) and the
// settings a save starts from (to keep their whys).
type scenarioState struct {
	name   string
	note   string
	values market.Values
	base   market.Scenario
}

// snapshot is one step of undo: the values and the scenario before a
// change, and what the change was, for "Undid: opened Bear".
type snapshot struct {
	values   market.Values
	scenario scenarioState
	what     string
}

// statusLine is the last message. It goes when the next action comes or
// when its time is up, whichever is first.
type statusLine struct {
	text    string
	isError bool
	seq     int // bumped by every message, so an old expiry leaves a new one alone
}

// statusTTL is how long a message stays when nothing else happens.
const statusTTL = 6 * time.Second

// statusExpiredMsg clears the status line if it still shows message seq.
type statusExpiredMsg struct{ seq int }

func (s *session) setStatus(text string) tea.Cmd { return s.say(text, false) }
func (s *session) setError(text string) tea.Cmd  { return s.say(text, true) }

func (s *session) say(text string, isError bool) tea.Cmd {
	s.status.seq++
	s.status.text, s.status.isError = text, isError
	if text == "" || s.headless || s.statusTTL <= 0 {
		return nil
	}
	seq := s.status.seq
	return tea.Tick(s.statusTTL, func(time.Time) tea.Msg { return statusExpiredMsg{seq} })
}

// hold says something that stays until the next action, with no timer:
// a question waiting for its answer.
func (s *session) hold(text string) {
	s.status.seq++
	s.status.text, s.status.isError = text, false
}

func (s *session) clearStatus() { s.status.text, s.status.isError = "", false }

// expire clears the message if it is the one the timer was set for.
func (s *session) expire(seq int) {
	if s.status.seq == seq {
		s.clearStatus()
	}
}

// currency is how money is shown: USD, or the market's own currency at
// the rate on its slider.
func (s *session) currency() market.Currency {
	if s.local {
		return s.market.LocalAt(&s.values)
	}
	return market.USD
}

// localCurrency is the market's own currency at the sliders' rate, for
// amounts typed in it; USD when it has none.
func (s *session) localCurrency() market.Currency { return s.market.LocalAt(&s.values) }

func (s *session) moved() bool { return s.values != s.defaults }

// changed reports whether the sliders moved since the scenario was opened
// or saved.
func (s *session) changed() bool { return s.values != s.scenario.values }

// evaluate recomputes the projection for the current values.
func (s *session) evaluate() {
	s.market.EvaluateInto(&s.proj, &s.values)
	s.warnings = s.market.Warnings(&s.values, s.currency())
}

// change applies an edit to the values as one undoable step. what names
// the step for undo ("conversion 2.0% → 4.0%"); status is said after it.
func (s *session) change(edit func(*market.Values), what, status string) tea.Cmd {
	before := s.snapshot(what)
	edit(&s.values)
	if s.values == before.values {
		if status != "" {
			return s.setStatus("Nothing to change.")
		}
		return nil
	}
	s.push(before)
	s.evaluate()
	return s.setStatus(status)
}

// open puts a scenario on the sliders as one undoable step, its name with it.
func (s *session) open(name string, sc *market.Scenario, values market.Values) tea.Cmd {
	before := s.snapshot("opened " + name)
	if values == s.values && name == s.scenario.name {
		return s.setStatus(name + " is what the sliders already show.")
	}
	s.push(before)
	s.values = values
	s.scenario = scenarioState{name: name, note: sc.Note, values: values, base: *sc}
	s.evaluate()
	return s.setStatus("Opened " + name + " (u goes back).")
}

// baseState is the sliders' scenario when none was opened: the market's
// defaults, called Base.
func (s *session) baseState() scenarioState {
	return scenarioState{name: "Base", values: s.defaults}
}

// forget is what deleting a saved scenario leaves: if it was the one open,
// the sliders keep its values as unsaved changes to Base, and no undo or
// redo step brings its name back; it says which.
func (s *session) forget(name string) tea.Cmd {
	if _, preset := s.market.Preset(name); preset {
		return s.setStatus("Deleted " + name + ".")
	}
	for _, steps := range []*[]snapshot{&s.undo, &s.redo} {
		for i := range *steps {
			if (*steps)[i].scenario.name == name {
				(*steps)[i].scenario = s.baseState()
			}
		}
	}
	if s.scenario.name != name {
		return s.setStatus("Deleted " + name + ".")
	}
	s.scenario = s.baseState()
	if !s.changed() {
		return s.setStatus("Deleted " + name + ", which was open; the sliders are on Base again.")
	}
	return s.setStatus("Deleted " + name + ", which was open; its values stay on the sliders as unsaved changes to Base (s saves them).")
}

func (s *session) snapshot(what string) snapshot {
	return snapshot{values: s.values, scenario: s.scenario, what: what}
}

func (s *session) push(before snapshot) {
	s.undo = append(s.undo, before)
	s.redo = s.redo[:0]
}

// undoStep and redoStep move through the history, restoring the scenario's
// name with the values, and say where the sliders are now.
func (s *session) undoStep() tea.Cmd { return s.travel(&s.undo, &s.redo, false) }
func (s *session) redoStep() tea.Cmd { return s.travel(&s.redo, &s.undo, true) }

// travel takes the last step off from, puts the state it leaves on to, and
// says what the sliders went to: "User growth back to 12.0%/yr (was
// 8.0%/yr)" on undo, "User growth to 8.0%/yr again (was 12.0%/yr)" on redo.
func (s *session) travel(from, to *[]snapshot, redo bool) tea.Cmd {
	if len(*from) == 0 {
		if redo {
			return s.setStatus("Nothing to redo.")
		}
		return s.setStatus("Nothing to undo.")
	}
	step := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	left := snapshot{values: s.values, scenario: s.scenario, what: step.what}
	*to = append(*to, left)
	s.values, s.scenario = step.values, step.scenario
	s.evaluate()
	return s.setStatus(s.travelled(left, step.what, redo))
}

// travelled says what an undo or redo did, from the state it left: one
// input's new and old values, or the step's name and how many inputs it
// moved, with the scenario when that changed too.
func (s *session) travelled(left snapshot, what string, redo bool) string {
	var moved []market.ID
	for i := range s.market.Inputs {
		if id := market.ID(i); s.values[id] != left.values[id] {
			moved = append(moved, id)
		}
	}
	cur := s.currency()
	if len(moved) == 1 && s.scenario.name == left.scenario.name {
		in := s.market.Input(moved[0])
		now, was := in.Format(s.values[in.ID], cur), in.Format(left.values[in.ID], cur)
		if redo {
			return in.Label + " to " + now + " again (was " + was + ")."
		}
		return in.Label + " back to " + now + " (was " + was + ")."
	}
	if s.scenario.name != left.scenario.name {
		// "Back to Base (was Bear; 8 inputs)", "Bear again (was Base; 8 inputs)".
		now := "Back to " + s.scenario.name
		if redo {
			now = s.scenario.name + " again"
		}
		return fmt.Sprintf("%s (was %s; %s).", now, left.scenario.name, inputCount(len(moved)))
	}
	if redo {
		return fmt.Sprintf("Redid %s: %s changed again.", what, inputCount(len(moved)))
	}
	return fmt.Sprintf("Undid %s: %s back to what they were.", what, inputCount(len(moved)))
}

// inputCount is "1 input", "4 inputs".
func inputCount(n int) string {
	if n == 1 {
		return "1 input"
	}
	return fmt.Sprintf("%d inputs", n)
}

// setTheme picks the light or dark styles; the renderer follows so the
// bubbles components' adaptive colours agree.
func (s *session) setTheme(dark bool) {
	i := 0
	if dark {
		i = 1
	}
	s.styles = &s.themes[i]
	s.styles.r.SetHasDarkBackground(dark)
	hs := &s.help.Styles
	hs.ShortKey, hs.ShortDesc, hs.ShortSeparator = s.styles.helpKey, s.styles.helpDesc, s.styles.helpSep
	hs.FullKey, hs.FullDesc, hs.FullSeparator = s.styles.helpKey, s.styles.helpDesc, s.styles.helpSep
	hs.Ellipsis = s.styles.helpSep
}

func (s *session) themeName() string {
	if s.styles.dark {
		return "dark"
	}
	return "light"
}

// scenarioLabel is the scenario's name with a * when the sliders moved
// since it was opened or saved.
func (s *session) scenarioLabel() string {
	if s.changed() {
		return s.scenario.name + "*"
	}
	return s.scenario.name
}

// stepWhat names a slider change for undo: "Conversion 2.0% → 4.0%".
func (s *session) stepWhat(id market.ID, to float64) string {
	in := s.market.Input(id)
	cur := s.currency()
	return in.Label + " " + in.Format(s.values[id], cur) + " → " + in.Format(to, cur)
}
