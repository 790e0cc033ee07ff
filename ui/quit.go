package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Quitting with unsaved changes asks once, as editors do: q with the
// sliders moved since their scenario was opened or saved (Base*) puts the
// question on the status line; q again or y quits, esc stays, and any
// other key drops the question and does what it always does. Nothing
// unsaved, q quits at once. ctrl+c is the terminal's interrupt and always
// quits at once (Model.keys): the way out that never asks.

// quitQuestion is the question on the status line while the root's mode
// is modeQuit; back is the mode q was pressed in.
type quitQuestion struct {
	s    *session
	back mode
}

// quit quits, or asks first when there are unsaved changes.
func (m *Model) quit() tea.Cmd {
	s := m.s
	if !s.changed() {
		return tea.Quit
	}
	m.ask.back, m.mode = m.mode, modeQuit
	s.hold("Unsaved changes to " + s.scenario.name + ": q or y quits, esc stays.")
	return nil
}

// Update: q or y quits; esc stays; any other key drops the question (done,
// and the root hands the key on).
func (q *quitQuestion) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := q.s.keys
	msg2, ok := msg.(tea.KeyMsg)
	switch {
	case !ok:
		return nil, false
	case key.Matches(msg2, k.QuitNow):
		return tea.Quit, false
	case key.Matches(msg2, k.Stay):
		return q.s.setStatus("Still here; s saves the changes."), true
	}
	q.s.clearStatus()
	return nil, true
}

func (q *quitQuestion) shortHelp() []key.Binding {
	k := q.s.keys
	return []key.Binding{k.QuitNow, k.Stay}
}

// enableKeys: only the answers; q is one of them, so the bar's q quit goes.
func (q *quitQuestion) enableKeys(k *keyMap) {
	enable(true, &k.QuitNow, &k.Stay)
	enable(false, &k.Quit, &k.Help)
}

// answerQuit takes the key pressed while the question is asked.
func (m *Model) answerQuit(msg tea.KeyMsg) tea.Cmd {
	cmd, done := m.ask.Update(msg)
	if !done {
		return cmd
	}
	m.mode = m.ask.back
	if key.Matches(msg, m.s.keys.Stay) {
		return cmd
	}
	m.updateKeys() // the keys of the mode it goes back to, for the key
	return m.key(msg)
}
