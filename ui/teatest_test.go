package ui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// A smoke test through a real tea.Program: it starts, draws the
// dashboard, answers keys, and quits with the model it was given.
func TestProgramSmoke(t *testing.T) {
	mk := testMarket(t)
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark"})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(160, 48))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("Assumptions")) && bytes.Contains(b, []byte("$299M"))
	}, teatest.WithDuration(5*time.Second))

	// Select conversion and double it.
	downs := 0
	for _, r := range m.dash.rows[m.dash.selected:] {
		if r.isInput() && r.input == input("conversion") {
			break
		}
		if r.isInput() {
			downs++
		}
	}
	for range downs {
		tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlU})
	tm.Type("4%")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("$598M")) // net doubles with conversion
	}, teatest.WithDuration(5*time.Second))
	// q asks first (the changes are unsaved); y quits.
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if final.s.values[input("conversion")] != 0.04 {
		t.Errorf("final conversion %v, want 0.04", final.s.values[input("conversion")])
	}
	if !strings.Contains(final.View(), "4.0%") {
		t.Errorf("final frame lacks 4.0%%")
	}
}
