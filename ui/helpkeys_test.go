package ui

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Issue 19, item 17: the help, Sources, the hint bar and R.

// TestKeyGroupsSayOneThingPerKey: within a group of the ? screen (and so
// a section of the README's key table) no key has two meanings.
func TestKeyGroupsSayOneThingPerKey(t *testing.T) {
	for _, g := range newKeyMap("CNY").groups() {
		seen := map[string]string{}
		for _, b := range g.keys {
			for _, k := range b.Keys() {
				if was, ok := seen[k]; ok {
					t.Errorf("%s: %q is both %q and %q", g.title, k, was, b.Help().Desc)
				}
				seen[k] = b.Help().Desc
			}
		}
	}
}

// TestViewKeysAreInTheirGroup: every key a view switches on is listed in
// its group of the ? screen or among the keys every view shares, so the
// help and the README name every key a view answers to.
func TestViewKeysAreInTheirGroup(t *testing.T) {
	m := newMCModel(t, 120, 40)
	m = send(m, keys("j", "l")...) // off the first input, and moved: ↑, r and R are on
	groups := newKeyMap("CNY").groups()
	listed := func(title string) map[string]bool {
		out := map[string]bool{}
		for _, g := range groups {
			if g.title == title || g.title == "Every view" {
				for _, b := range g.keys {
					for _, k := range b.Keys() {
						out[k] = true
					}
				}
			}
		}
		return out
	}
	for _, e := range views {
		m = send(m, keys(e.key)...)
		in := listed(e.name)
		for _, b := range allBindings(&m.s.keys) {
			if !b.Enabled() {
				continue
			}
			for _, k := range b.Keys() {
				if !in[k] {
					t.Errorf("%s answers %q (%s), which its help group does not list", e.name, k, b.Help().Desc)
				}
			}
		}
	}
}

// allBindings is every binding of a key map.
func allBindings(k *keyMap) []key.Binding {
	var out []key.Binding
	v := reflect.ValueOf(k).Elem()
	for i := range v.NumField() {
		if b, ok := v.Field(i).Interface().(key.Binding); ok {
			out = append(out, b)
		}
	}
	return out
}

// TestHelpScreenIsTwoColumnsAt80x24: the ? screen lays the groups out in
// as many columns as fit; at 80×24 that is two.
func TestHelpScreenIsTwoColumnsAt80x24(t *testing.T) {
	m := newTestModel(t, 80, 24)
	m = send(m, keys("?")...)
	lines := strings.Split(plain(m), "\n")
	if !strings.Contains(lines[2], "EVERY VIEW") || strings.Count(strings.TrimSpace(strings.Trim(lines[2], "│ ")), "  ") == 0 {
		t.Fatalf("the first row of the help is not two columns: %q", lines[2])
	}
	title := strings.Fields(strings.Trim(lines[2], "│ "))
	if len(title) < 3 { // "EVERY VIEW" and the next column's title
		t.Errorf("one column at 80×24: %q", lines[2])
	}
}

// TestHelpBarSaysCloseWhileHelpIsOpen: with the ? screen open the bar
// says how to close it, not "? help"; and it says nothing of scrolling
// when everything fits.
func TestHelpBarSaysCloseWhileHelpIsOpen(t *testing.T) {
	m := newTestModel(t, 80, 24)
	m = send(m, keys("?")...)
	bar := lastLine(plain(m))
	if !strings.Contains(bar, "?/esc close") || strings.Contains(bar, "? help") {
		t.Errorf("help bar while help is open: %q", bar)
	}
	m = send(m, keys("G")...)
	if !m.help.vp.AtBottom() || strings.Contains(lastLine(plain(m)), "scroll down") {
		t.Errorf("G: at the bottom %v, bar %q", m.help.vp.AtBottom(), lastLine(plain(m)))
	}
	m = send(m, keys("esc")...)
	if m.mode != modeView || !strings.Contains(lastLine(plain(m)), "? help") {
		t.Errorf("esc: mode %v, bar %q", m.mode, lastLine(plain(m)))
	}
	big := send(newTestModel(t, 200, 60), keys("?")...)
	if bar := lastLine(plain(big)); strings.Contains(bar, "scroll") || strings.Contains(bar, "page") {
		t.Errorf("the whole help fits at 200×60, yet the bar offers to scroll: %q", bar)
	}
}

// TestHintBarAt80x24: on the first input ↑ does nothing, so it is off and
// not offered; tab and ? are always in the bar.
func TestHintBarAt80x24(t *testing.T) {
	m := newTestModel(t, 80, 24)
	bar := lastLine(plain(m))
	if m.s.keys.Up.Enabled() || strings.Contains(bar, "↑") {
		t.Errorf("first input: ↑ on %v, bar %q", m.s.keys.Up.Enabled(), bar)
	}
	for _, want := range []string{"↓/j next input", "tab next view", "? help", "q quit"} {
		if !strings.Contains(bar, want) {
			t.Errorf("80×24 bar %q lacks %q", bar, want)
		}
	}
	m = send(m, keys("j")...)
	if bar := lastLine(plain(m)); !strings.Contains(bar, "↑/↓ select input") || !strings.Contains(bar, "tab next view") {
		t.Errorf("second input: bar %q", bar)
	}
	for _, v := range views {
		m = send(m, keys(v.key)...)
		bar := lastLine(plain(m))
		if !strings.Contains(bar, "tab next view") || !strings.Contains(bar, "? help") {
			t.Errorf("%s at 80×24: bar %q lacks tab or ?", v.name, bar)
		}
		if v.id != viewDashboard && strings.Contains(bar, "↑") { // the first scenario, the top of Sources
			t.Errorf("%s at 80×24 offers ↑ where it does nothing: %q", v.name, bar)
		}
	}
}

func lastLine(frame string) string {
	lines := strings.Split(strings.TrimRight(frame, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestSourcesGoesToTopAndBottom: G and End go to the bottom of Sources,
// g and Home to the top; goal seek is not what g does there.
func TestSourcesGoesToTopAndBottom(t *testing.T) {
	rune := func(r string) tea.Msg { return keyMsg(r) }
	for _, k := range []struct {
		name        string
		bottom, top tea.Msg
	}{{"G/g", rune("G"), rune("g")}, {"end/home", tea.KeyMsg{Type: tea.KeyEnd}, tea.KeyMsg{Type: tea.KeyHome}}} {
		m := newTestModel(t, 80, 24)
		m = send(m, keys("5")...)
		m = send(m, k.bottom)
		if !m.src.vp.AtBottom() || !strings.Contains(plain(m), "Sources · 100%") {
			t.Errorf("%s: not at the bottom: offset %d", k.name, m.src.vp.YOffset)
		}
		m = send(m, k.top)
		if !m.src.vp.AtTop() || m.mode != modeView {
			t.Errorf("%s: not at the top (offset %d), mode %v", k.name, m.src.vp.YOffset, m.mode)
		}
	}
}

// TestSourcesBreaksLinesBeforeAURL: a link is never cut when it fits on a
// line of the panel; one wider than the panel is cut to its width.
func TestSourcesBreaksLinesBeforeAURL(t *testing.T) {
	for _, w := range []int{80, 120, 160} {
		m := newTestModel(t, w, 24)
		m = send(m, keys("5")...)
		text := ansi.Strip(m.src.text(m.src.vp.Width))
		lines := strings.Split(text, "\n")
		for _, id := range m.s.market.Order {
			url := m.s.market.Input(id).URL
			if url == "" {
				continue
			}
			whole := slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, url) })
			if cellWidth(url) <= m.src.vp.Width && !whole {
				t.Errorf("%d columns: %s fits a line of %d yet is cut", w, url, m.src.vp.Width)
			}
			if !whole && !strings.Contains(strings.Join(lines, ""), url) {
				t.Errorf("%d columns: %s is not there, even cut", w, url)
			}
		}
	}
}

// TestResetAllSaysWhatItKept: R puts every input back and says that pins
// and changed ranges stay, and how to undo them.
func TestResetAllSaysWhatItKept(t *testing.T) {
	m := newMCModel(t, 120, 40)
	m = selectInput(t, m, input("conversion"))
	m = send(m, keys("l", "=")...)
	m = selectInput(t, m, input("user_growth")) // price is a decision: no range to narrow
	m = send(m, keys("[", "R")...)
	const want = "Every input reset to its default; 1 pin kept (= unpins), 1 changed range kept ([ and ] set ranges)."
	if m.s.status.text != want || m.s.moved() {
		t.Errorf("R says %q (moved %v), want %q", m.s.status.text, m.s.moved(), want)
	}
}
