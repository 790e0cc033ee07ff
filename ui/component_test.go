package ui

import (
	"slices"
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

// TestViewTable holds the views table to what the root assumes of it: an
// entry's index is its id, names and number keys are unique, the Views
// binding answers to exactly those keys, sizeup render finds every view
// by its name, and each entry reaches its own component.
func TestViewTable(t *testing.T) {
	m := newTestModel(t, 120, 40)
	names, keys, seen := map[string]bool{}, map[string]bool{}, map[component]bool{}
	for i, e := range views {
		if e.id != view(i) {
			t.Errorf("views[%d] is view %d", i, e.id)
		}
		if names[e.name] || keys[e.key] {
			t.Errorf("%s: name or key %q used twice", e.name, e.key)
		}
		names[e.name], keys[e.key] = true, true
		if !slices.Contains(m.s.keys.Views.Keys(), e.key) {
			t.Errorf("%s: the Views binding does not answer to %q", e.name, e.key)
		}
		if v, c, ok := renderTarget(e.render); !ok || v != e.id || c != "" {
			t.Errorf("render %q gives view %d chart %q ok %v, want view %d", e.render, v, c, ok, e.id)
		}
		c := e.of(m.viewSet)
		if seen[c] {
			t.Errorf("%s: reaches a component another entry reaches", e.name)
		}
		seen[c] = true
	}
	if len(m.s.keys.Views.Keys()) != len(views) {
		t.Errorf("Views answers to %v, the table has %d views", m.s.keys.Views.Keys(), len(views))
	}
	if !slices.Equal(RenderViews, []string{"dashboard", "uncertainty", "sensitivity", "compare", "sources", "projection", "funnel", "fan", "tornado"}) {
		t.Errorf("RenderViews %v", RenderViews)
	}
}

// TestKeysFollowTheView: each view switches on its own keys and the ones
// that do nothing there stay off, so the help bar does not list them and
// pressing them changes nothing.
func TestKeysFollowTheView(t *testing.T) {
	m := newTestModel(t, 160, 48)
	k := func() keyMap { return m.s.keys }
	on := func(b key.Binding) bool { return b.Enabled() }

	// Dashboard: the sliders' keys; no scrolling, no marking.
	if !on(k().Left) || !on(k().ChartScale) || on(k().PageDown) || on(k().Mark) || on(k().YearBack) {
		t.Errorf("dashboard keys: left %v chart %v pgdn %v mark %v year %v", on(k().Left), on(k().ChartScale), on(k().PageDown), on(k().Mark), on(k().YearBack))
	}
	// Sources: scrolling; goal seek and the chart screenshot are off, and g does nothing.
	m = send(m, keyMsg("5"))
	if !on(k().PageDown) || on(k().GoalSeek) || on(k().ExportChart) || on(k().Left) {
		t.Errorf("sources keys: pgdn %v seek %v X %v left %v", on(k().PageDown), on(k().GoalSeek), on(k().ExportChart), on(k().Left))
	}
	if m = send(m, keyMsg("g")); m.mode != modeView {
		t.Errorf("g on Sources opened mode %d", m.mode)
	}
	// Scenarios: the list's keys; o (open this very view) is off.
	m = send(m, keyMsg("4"))
	if !on(k().Mark) || !on(k().Rename) || on(k().Open) || k().Up.Help().Desc != "previous scenario" {
		t.Errorf("scenarios keys: mark %v rename %v open %v up %q", on(k().Mark), on(k().Rename), on(k().Open), k().Up.Help().Desc)
	}
	// Sensitivity: the year and the output; on a slide only the output.
	m = send(m, keyMsg("3"))
	if !on(k().YearBack) || !on(k().Output) || on(k().Mark) {
		t.Errorf("sensitivity keys: year %v output %v mark %v", on(k().YearBack), on(k().Output), on(k().Mark))
	}
	m = send(m, keyMsg("p"))
	if m.mode != modePresent || on(k().YearBack) || !on(k().Output) || !on(k().Back) || on(k().Save) {
		t.Errorf("sensitivity slide: mode %d year %v output %v esc %v save %v", m.mode, on(k().YearBack), on(k().Output), on(k().Back), on(k().Save))
	}
	m = send(m, keyMsg("esc"))
	if m.mode != modeView || on(k().Back) || !on(k().Save) {
		t.Errorf("after esc: mode %d esc %v save %v", m.mode, on(k().Back), on(k().Save))
	}
}

// TestOneModeValue: every modal part opens and closes through the root's
// mode alone, and the keys go back to the view's.
func TestOneModeValue(t *testing.T) {
	m := newTestModel(t, 160, 48)
	for _, c := range []struct {
		open, close string
		mode        mode
	}{
		{"?", "esc", modeHelp},
		{"?", "?", modeHelp},
		{"enter", "esc", modePrompt},
		{"g", "esc", modeSeek},
		{"p", "p", modePresent},
		{"p", "esc", modePresent},
	} {
		m = send(m, keyMsg(c.open))
		if _, ok := m.modalHelp(); m.mode != c.mode || !ok {
			t.Errorf("%s: mode %d, want %d", c.open, m.mode, c.mode)
		}
		m = send(m, keyMsg(c.close))
		if _, ok := m.modalHelp(); m.mode != modeView || ok || !m.s.keys.Left.Enabled() {
			t.Errorf("%s then %s: mode %d, left %v", c.open, c.close, m.mode, m.s.keys.Left.Enabled())
		}
	}
}
