package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sizeup/data/markets"
	"sizeup/market"
)

// TestReloadKeepsValuesAndSurvivesABadFile: the app follows its market
// file. Saved with a change it reloads, keeping the values of the inputs
// whose ids are still there; saved broken it says what is wrong in one
// line and keeps showing the last good model; fixed, it reloads again.
func TestReloadKeepsValuesAndSurvivesABadFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.toml")
	if err := os.WriteFile(path, markets.Template(), 0o644); err != nil {
		t.Fatal(err)
	}
	mk, err := markets.LoadMarket(path)
	if err != nil {
		t.Fatal(err)
	}
	v := mk.Defaults()
	price, _ := mk.LookupInput("price")
	v[price] = 11
	m := New(Options{Market: mk, Values: v, Renderer: testRenderer(), Theme: "dark", Samples: -1,
		Watch: path, Reload: func() (*market.Market, error) { return markets.LoadMarket(path) }})
	m = send(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	if m.watch() == nil {
		t.Fatal("no watch for a market file")
	}

	// A new input and a renamed market; price keeps the 11 it was moved to.
	text := strings.Replace(string(markets.Template()), `name = "My market"`, `name = "My market, renamed"`, 1)
	text = strings.Replace(text, "[[input]]\nid = \"user_growth\"", "[[input]]\nid = \"extra\"\nlabel = \"Extra\"\ngroup = \"Market\"\nkind = \"share\"\nunit = \"percent\"\ndefault = 0.5\nlow = 0.4\nhigh = 0.6\nmin = 0\nmax = 1\nstep = 0.01\n\n[[input]]\nid = \"user_growth\"", 1)
	os.WriteFile(path, []byte(text), 0o644)
	m = reloadNow(t, m)
	if m.s.market.Name != "My market, renamed" {
		t.Fatalf("not reloaded: %q", m.s.market.Name)
	}
	id, _ := m.s.market.LookupInput("price")
	if m.s.values[id] != 11 {
		t.Errorf("price after reload %v, want the 11 it was moved to", m.s.values[id])
	}
	if got := m.s.status.text; !strings.Contains(got, "Reloaded m.toml") || !strings.Contains(got, "15 inputs kept, 1 new") {
		t.Errorf("status %q", got)
	}
	if !strings.Contains(m.View(), "My market, renamed") {
		t.Error("the header does not show the reloaded market")
	}

	// Broken: one line, the last good model stays.
	os.WriteFile(path, []byte(strings.Replace(text, `formula = "users * interested"`, `formula = "users * intrested"`, 1)), 0o644)
	m = reloadNow(t, m)
	got := m.s.status.text
	if !m.s.status.isError || strings.Contains(got, "\n") || !strings.Contains(got, "m.toml not reloaded") ||
		!strings.Contains(got, `"intrested" is not an input`) || !strings.Contains(got, "still showing the last good model") {
		t.Errorf("status after a bad save %q", got)
	}
	if m.s.market.Name != "My market, renamed" || m.s.values[id] != 11 {
		t.Error("a bad save changed the model on screen")
	}

	// Fixed again.
	os.WriteFile(path, []byte(text), 0o644)
	m = reloadNow(t, m)
	if m.s.status.isError || !strings.Contains(m.s.status.text, "Reloaded") {
		t.Errorf("after the fix: %q", m.s.status.text)
	}
}

// reloadNow is what the watch does once the file's stamp moved: a tick
// starts a load, and its answer comes back; the load runs here rather
// than in its goroutine.
func reloadNow(t *testing.T, m Model) Model {
	t.Helper()
	m.watched = fileStamp{}
	st := stampOf(m.opts.Watch)
	m.watchTicked(watchTickMsg{st})
	if !m.reload.busy {
		t.Fatal("the tick started no load")
	}
	m.reload.running.Add(-1)
	mk, err := m.opts.Reload()
	return send(m, marketReloadedMsg{gen: m.reload.gen, market: mk, err: err, stamp: st})
}
