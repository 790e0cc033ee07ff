package ui

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// memStore is a ScenarioStore in memory, with a broken file and a switch
// to make saves fail.
type memStore struct {
	saved    map[string]market.Scenario
	broken   []ScenarioEntry
	failSave error
}

func newMemStore() *memStore { return &memStore{saved: map[string]market.Scenario{}} }

func (s *memStore) List() ([]ScenarioEntry, error) {
	var out []ScenarioEntry
	for name, sc := range s.saved {
		sc := sc
		out = append(out, ScenarioEntry{Name: name, Path: "/mem/" + name, Scenario: &sc})
	}
	out = append(out, s.broken...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
func (s *memStore) Save(sc market.Scenario) (string, error) {
	if s.failSave != nil {
		return "", s.failSave
	}
	s.saved[sc.Name] = sc
	return "/mem/" + sc.Name, nil
}
func (s *memStore) Rename(from, to string) error {
	sc, ok := s.saved[from]
	if !ok {
		return fmt.Errorf("no scenario named %q", from)
	}
	delete(s.saved, from)
	sc.Name = to
	s.saved[to] = sc
	return nil
}
func (s *memStore) Delete(name string) error { delete(s.saved, name); return nil }
func (s *memStore) Dir() string              { return "/mem" }

// CheckName refuses what the real store refuses most often: a path.
func (s *memStore) CheckName(name string) error {
	if strings.ContainsAny(name, "/\\") {
		return fmt.Errorf("scenario name %q: a name, not a path", name)
	}
	return nil
}

// run sends msgs and carries out every command they return (but timers),
// as the program would.
func run(m Model, msgs ...tea.Msg) Model {
	for _, msg := range msgs {
		next, cmd := m.Update(msg)
		m = next.(Model)
		m = runCmd(m, cmd)
	}
	return m
}

func runCmd(m Model, cmd tea.Cmd) Model {
	if cmd == nil {
		return m
	}
	msg := cmd()
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			m = runCmd(m, c)
		}
		return m
	case mcStartMsg, nil:
		return m // Monte Carlo is not what these tests are about
	}
	next, more := m.Update(msg)
	return runCmd(next.(Model), more)
}

func newScenarioModel(t *testing.T, store *memStore) Model {
	t.Helper()
	mk := testMarket(t)
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: -1, Store: store})
	m.s.statusTTL = 0 // runCmd runs every command, and a timer would wait for real
	m = send(m, tea.WindowSizeMsg{Width: 160, Height: 48})
	return runCmd(m, m.Init())
}

func TestSaveOpenAndCompare(t *testing.T) {
	store := newMemStore()
	m := newScenarioModel(t, store)
	m = selectInput(t, m, input("conversion"))
	m = run(m, keys("l", "l", "l", "s")...)
	if m.mode != modePrompt || m.prompt.kind != promptSaveName {
		t.Fatalf("s did not ask for a name")
	}
	m = run(m, typeText("Wasu deal")...)
	m = run(m, keys("enter")...)
	m = run(m, typeText("All-device partner")...)
	m = run(m, keys("enter")...)
	sc, ok := store.saved["Wasu deal"]
	if !ok || sc.Note != "All-device partner" || len(sc.Settings) != 1 || sc.Settings[0].ID != input("conversion") || sc.Settings[0].Value != 0.023 {
		t.Fatalf("saved %+v", sc)
	}
	if m.s.scenario.name != "Wasu deal" || !strings.Contains(plain(m), "Saved Wasu deal to /mem/Wasu deal.") || strings.Contains(plain(m), "Wasu deal*") {
		t.Errorf("after saving: scenario %q, frame status missing", m.s.scenario.name)
	}

	// Open Bear from the list: the sliders take its values as one change.
	m = run(m, keys("o")...)
	if m.view != viewScenarios {
		t.Fatalf("o did not open the Scenarios view")
	}
	items := m.scen.items()
	for i, it := range items {
		if it.name == "Bear" {
			m.scen.cursor = i
		}
	}
	m = run(m, keys("enter")...)
	bear, _ := m.s.market.Preset("Bear")
	if m.s.values != bear.Values(m.s.market) || m.s.scenario.name != "Bear" {
		t.Fatalf("opening Bear: scenario %q", m.s.scenario.name)
	}
	m = run(m, keys("u")...)
	if m.s.values[input("conversion")] != 0.023 {
		t.Errorf("u after opening Bear gives conversion %v, want the 2.3%% before it", m.s.values[input("conversion")])
	}

	// Compare Bear and the saved one: inputs that differ, outputs, one chart.
	m.scen.marked = map[string]bool{"preset:Bear": true, "saved:Wasu deal": true}
	frame := plain(m)
	for _, want := range []string{"Compare: Bear · Wasu deal", "INPUTS THAT DIFFER", "Launch year", "2018", "OUTPUTS IN 2025", "Net revenue", "━━ Wasu deal"} {
		if !strings.Contains(frame, want) {
			t.Errorf("comparison lacks %q", want)
		}
	}
	checkFrame(t, m.View(), 160, 48)
}

func TestRenameAndDeleteAskFirst(t *testing.T) {
	store := newMemStore()
	store.saved["Old"] = market.Scenario{Name: "Old"}
	m := newScenarioModel(t, store)
	m = run(m, keys("4")...)
	for i, it := range m.scen.items() {
		if it.name == "Old" {
			m.scen.cursor = i
		}
	}
	m = run(m, keys("n", "ctrl+u")...)
	m = run(m, typeText("New")...)
	m = run(m, keys("enter")...)
	if _, ok := store.saved["New"]; !ok || m.scen.saved[0].Name != "New" {
		t.Fatalf("rename: store %v, list %v", store.saved, m.scen.saved)
	}
	m = run(m, keys("d")...)
	if !strings.Contains(m.s.status.text, "Press d again") {
		t.Fatalf("d did not ask: %q", m.s.status.text)
	}
	m = run(m, keys("j")...) // any other key keeps it
	if _, ok := store.saved["New"]; !ok {
		t.Fatalf("deleted without a second d")
	}
	m = run(m, keys("d", "d")...)
	if _, ok := store.saved["New"]; ok {
		t.Errorf("d d did not delete")
	}
	// Presets cannot be renamed or deleted.
	m.scen.cursor = 1
	m = run(m, keys("d")...)
	if !strings.Contains(m.s.status.text, "Only saved scenarios") {
		t.Errorf("deleting a preset: %q", m.s.status.text)
	}
}

func TestUnreadableScenarioIsListedNotOpened(t *testing.T) {
	store := newMemStore()
	store.broken = []ScenarioEntry{{Name: "garbled", Path: "/mem/garbled.toml", Err: errors.New("garbled.toml:3: set.conversion: \"lots\" is not a value")}}
	m := newScenarioModel(t, store)
	m = run(m, keys("4")...)
	for i, it := range m.scen.items() {
		if it.name == "garbled" {
			m.scen.cursor = i
		}
	}
	before := m.s.values
	m = run(m, keys("enter")...)
	if m.s.values != before || !m.s.status.isError || !strings.Contains(m.s.status.text, "cannot be read") {
		t.Errorf("opening an unreadable scenario: status %q", m.s.status.text)
	}
	frame := plain(m)
	if !strings.Contains(frame, "⚠ garbled: unreadable") || !strings.Contains(frame, `garbled.toml:3: set.conversion`) {
		t.Errorf("unreadable entry not shown with its error:\n%s", frame)
	}
}

func TestFailedSaveSaysSo(t *testing.T) {
	store := newMemStore()
	store.failSave = errors.New("saving Wasu: no space left on device; the previous file was kept")
	m := newScenarioModel(t, store)
	m = run(m, keys("s")...)
	m = run(m, typeText("Wasu")...)
	m = run(m, keys("enter", "enter")...)
	if !m.s.status.isError || !strings.Contains(m.s.status.text, "Not saved: saving Wasu: no space left on device; the previous file was kept") {
		t.Errorf("status %q", m.s.status.text)
	}
}

func TestHindsightOverlay(t *testing.T) {
	m := newScenarioModel(t, newMemStore())
	m = run(m, keys("a")...)
	frame := plain(m)
	// iResearch 2018: 96.27bn CNY at 2018's own 6.609 = $14.57B, against TAM
	// 2018 $6B × 1.35³ = $14.76B: the model is 1.3% over it.
	for _, want := range []string{"·· actual TAM", "2018 +1.3% (¥6.61/$)", "definition of the market changed"} {
		if !strings.Contains(strings.Join(strings.Fields(frame), " "), want) {
			t.Errorf("hindsight lacks %q", want)
		}
	}
	checkFrame(t, m.View(), 160, 48)
}
