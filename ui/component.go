package ui

import (
	"reflect"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// The views behind one interface and in one table, as soft-serve's
// pkg/ui/common/component.go has them: the root routes, lays out, draws
// tabs, help bars and headless frames by reading the table, never by
// switching on which view it is.

// component is one view of the app. Update and SetSize change it (so a
// view is used through a pointer); View only reads what they left.
type component interface {
	// Update takes a key or mouse message meant for the view.
	Update(msg tea.Msg) tea.Cmd
	// View draws the view exactly at its size. It changes nothing.
	View() string
	// SetSize gives the view its body, w×h; present is a slide's body
	// (no sliders, no hints).
	SetSize(w, h int, present bool)
	// refresh brings what View reads (caches, drawn panels) up to date
	// with the session. The root calls it after every message while the
	// view is on screen; views off screen catch up when shown.
	refresh()
	// title is what a slide of the view is called.
	title() string
	// shortHelp is the view's part of the help bar.
	shortHelp() []key.Binding
	// enableKeys switches on the keys the view answers to in its state
	// (on a slide, when presenting, only those that work there) with the
	// words the help bar says for them here. Every key starts off.
	enableKeys(k *keyMap, presenting bool)
}

// prompter is a view whose ⏎ asks for a typed value in the footer's
// prompt: it says which, and the root opens it.
type prompter interface {
	promptOnEnter() promptRequest
}

// viewEntry is one view: all the root, the tab bar, the help, the
// screenshots and sizeup render know of it. Adding a view is one entry
// here, its constant and its field in viewSet.
type viewEntry struct {
	id     view
	name   string                   // its tab, and (lower case) its screenshots' names
	key    string                   // the number key that opens it
	render string                   // its name for sizeup render --view
	chart  Chart                    // the chart X and y take from it; "" for none
	mc     bool                     // it shows Monte Carlo: a headless frame waits for a run, a slide's footer names it
	of     func(*viewSet) component // the view in the root
}

// viewSet is the views the root holds, one field each.
type viewSet struct {
	dash dashboard
	unc  uncertainty
	sens sensitivity
	scen scenarios
	src  sources
}

// clone is a copy of the views for an Update to change: the model it was
// given keeps the views it had, as a value would.
func (vs *viewSet) clone() *viewSet {
	c := *vs
	return &c
}

// views is every view, in tab order.
var views = [...]viewEntry{
	{id: viewDashboard, name: "Dashboard", key: "1", render: "dashboard", chart: ChartProjection,
		of: func(v *viewSet) component { return &v.dash }},
	{id: viewUncertainty, name: "Uncertainty", key: "2", render: "uncertainty", chart: ChartFan, mc: true,
		of: func(v *viewSet) component { return &v.unc }},
	{id: viewSensitivity, name: "Sensitivity", key: "3", render: "sensitivity", chart: ChartTornado,
		of: func(v *viewSet) component { return &v.sens }},
	{id: viewScenarios, name: "Scenarios", key: "4", render: "compare", chart: ChartCompare,
		of: func(v *viewSet) component { return &v.scen }},
	{id: viewSources, name: "Sources", key: "5", render: "sources",
		of: func(v *viewSet) component { return &v.src }},
}

// chartViews is every chart that can be drawn alone and the view it
// belongs to (whose footer it carries); alone says sizeup render draws it
// by its name (compare is the Scenarios view's name there).
var chartViews = [...]struct {
	chart Chart
	view  view
	alone bool
}{
	{ChartProjection, viewDashboard, true},
	{ChartFunnel, viewDashboard, true},
	{ChartFan, viewUncertainty, true},
	{ChartTornado, viewSensitivity, true},
	{ChartCompare, viewScenarios, false},
}

// homeOf is the view a chart belongs to.
func homeOf(c Chart) view {
	for _, cv := range chartViews {
		if cv.chart == c {
			return cv.view
		}
	}
	return viewDashboard
}

// renderNames is what RenderRequest.View takes: the views, then the charts
// drawn alone.
func renderNames() []string {
	var names []string
	for _, e := range views {
		names = append(names, e.render)
	}
	for _, cv := range chartViews {
		if cv.alone {
			names = append(names, string(cv.chart))
		}
	}
	return names
}

// viewKeys are the number keys that open the views, for the Views binding.
func viewKeys() []string {
	keys := make([]string, len(views))
	for i, e := range views {
		keys[i] = e.key
	}
	return keys
}

// current is the view on screen.
func (m *Model) current() component { return views[m.view].of(m.viewSet) }

// modal is a part that has the keys over the view while the root's mode
// says so: the ? screen, the goal seek form, the prompt, a slide. It keeps
// no flag of its own: Update's done says the message closed it, and the
// root's mode goes back to the view.
type modal interface {
	Update(msg tea.Msg) (cmd tea.Cmd, done bool)
	shortHelp() []key.Binding
	enableKeys(k *keyMap)
}

// The modal parts, each held to the contract. The root reaches them by
// a switch on its mode, not through the interface: a call through it
// would move the whole model to the heap on every keystroke.
var (
	_ modal = (*helpScreen)(nil)
	_ modal = (*prompt)(nil)
	_ modal = (*goalSeek)(nil)
	_ modal = (*slide)(nil)
	_ modal = (*quitQuestion)(nil)
	_ modal = (*notesScreen)(nil)
	_ modal = (*messageBox)(nil)
)

// modalUpdate hands a message to the modal part that has the keys; done
// says it closed.
func (m *Model) modalUpdate(msg tea.Msg) (cmd tea.Cmd, done bool) {
	switch m.mode {
	case modeHelp:
		return m.help.Update(msg)
	case modePrompt:
		return m.prompt.Update(msg)
	case modeSeek:
		return m.seek.Update(msg)
	case modePresent:
		return m.slide.Update(msg)
	case modeQuit:
		return m.ask.Update(msg)
	case modeNotes:
		return m.notes.Update(msg)
	case modeMessage:
		return m.msgBox.Update(msg)
	}
	return nil, false
}

// modalKeys switches on the keys of the modal part that has the keys.
func (m *Model) modalKeys(k *keyMap) {
	switch m.mode {
	case modeHelp:
		m.help.enableKeys(k)
	case modePrompt:
		m.prompt.enableKeys(k)
	case modeSeek:
		m.seek.enableKeys(k)
	case modePresent:
		m.slide.enableKeys(k)
	case modeQuit:
		m.ask.enableKeys(k)
	case modeNotes:
		m.notes.enableKeys(k)
	case modeMessage:
		m.msgBox.enableKeys(k)
	}
}

// modalHelp is the help bar of the modal part that has the keys; ok is
// false in the view.
func (m *Model) modalHelp() (list []key.Binding, ok bool) {
	switch m.mode {
	case modeHelp:
		return m.help.shortHelp(), true
	case modePrompt:
		return m.prompt.shortHelp(), true
	case modeSeek:
		return m.seek.shortHelp(), true
	case modePresent:
		return m.slide.shortHelp(), true
	case modeQuit:
		return m.ask.shortHelp(), true
	case modeNotes:
		return m.notes.shortHelp(), true
	case modeMessage:
		return m.msgBox.shortHelp(), true
	}
	return nil, false
}

// disableAll switches every key off, so that only what the root, the view
// and the overlay switch on again is on.
func (k *keyMap) disableAll() {
	v := reflect.ValueOf(k).Elem()
	for i := range v.NumField() {
		if b, ok := v.Field(i).Addr().Interface().(*key.Binding); ok {
			b.SetEnabled(false)
		}
	}
}

// enable switches keys on.
func enable(on bool, bs ...*key.Binding) {
	for _, b := range bs {
		b.SetEnabled(on)
	}
}
