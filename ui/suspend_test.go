package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestCtrlZSuspends: ctrl+z is the terminal's suspend key in every mode,
// as ctrl+c is its interrupt: Bubble Tea's suspend, not a key for a view
// or a box being typed in.
func TestCtrlZSuspends(t *testing.T) {
	for _, opening := range [][]string{nil, {"?"}, {"g"}, {"enter"}} {
		m := send(newTestModel(t, 120, 40), keys(opening...)...)
		_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyCtrlZ})
		if cmd == nil {
			t.Fatalf("after %v: ctrl+z gave no command", opening)
		}
		if _, ok := cmd().(tea.SuspendMsg); !ok {
			t.Errorf("after %v: ctrl+z gave %T, want tea.SuspendMsg", opening, cmd())
		}
	}
}
