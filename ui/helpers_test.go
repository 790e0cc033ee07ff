package ui

import (
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"sizeup/data/markets"
	"sizeup/market"
)

// testRenderer resolves styles without colour and for a dark background,
// so views are stable text.
func testRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return r
}

func testMarket(t testing.TB) *market.Market {
	t.Helper()
	m, err := markets.DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// newTestModel is the app on the embedded market at a terminal size.
func newTestModel(t testing.TB, w, h int) Model {
	t.Helper()
	mk := testMarket(t)
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark"})
	return send(m, tea.WindowSizeMsg{Width: w, Height: h})
}

// send runs messages through Update as the program would.
func send(m Model, msgs ...tea.Msg) Model {
	for _, msg := range msgs {
		next, _ := m.Update(msg)
		m = next.(Model)
	}
	return m
}

// keys turns key names into key messages: "down", "enter", "q", "shift+right".
func keys(names ...string) []tea.Msg {
	out := make([]tea.Msg, 0, len(names))
	for _, n := range names {
		out = append(out, keyMsg(n))
	}
	return out
}

func keyMsg(n string) tea.KeyMsg {
	special := map[string]tea.KeyType{
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"shift+left": tea.KeyShiftLeft, "shift+right": tea.KeyShiftRight, "enter": tea.KeyEnter,
		"esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab, " ": tea.KeySpace,
		"ctrl+r": tea.KeyCtrlR, "ctrl+c": tea.KeyCtrlC, "backspace": tea.KeyBackspace,
		"ctrl+u": tea.KeyCtrlU, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
	}
	if t, ok := special[n]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(n)}
}

// typeText types each rune as its own key.
func typeText(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

// selectInput moves the selection to an input by pressing down/up.
func selectInput(t testing.TB, m Model, id market.ID) Model {
	t.Helper()
	for range len(m.dash.rows) {
		if m.dash.selectedID() == id {
			return m
		}
		m = send(m, keyMsg("down"))
	}
	for range len(m.dash.rows) {
		if m.dash.selectedID() == id {
			return m
		}
		m = send(m, keyMsg("up"))
	}
	t.Fatalf("cannot select %s", china().Inputs[id].Name)
	return m
}

var badNumber = regexp.MustCompile(`NaN|\bInf\b`)

// plain is the frame without escape codes.
func plain(m Model) string { return ansi.Strip(m.View()) }

// checkFrame asserts the frame is exactly w×h cells with no NaN or Inf.
func checkFrame(t testing.TB, frame string, w, h int) {
	t.Helper()
	lines := strings.Split(ansi.Strip(frame), "\n")
	if len(lines) != h {
		t.Fatalf("frame has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			t.Fatalf("line %d is %d cells wide, want %d: %q", i, got, w, l)
		}
	}
	if badNumber.MatchString(frame) {
		t.Fatalf("frame shows %q:\n%s", badNumber.FindString(frame), frame)
	}
}

// settle runs the pending Monte Carlo run to its end, as the program would
// after the pause, and hands the result to Update.
func settle(t testing.TB, m Model) Model {
	t.Helper()
	for i := 0; m.s.mc != nil && m.s.mc.running && i < 3; i++ {
		cmd := m.s.startRun(m.s.mc.gen)
		if cmd == nil {
			t.Fatal("no run to start")
		}
		m = send(m, cmd())
	}
	if m.s.mc != nil && m.s.mc.running {
		t.Fatal("Monte Carlo did not settle")
	}
	if m.s.mc != nil {
		m.s.mc.took = 12e6 // 12 ms: golden frames must not depend on the machine
	}
	return m
}

// newMCModel is newTestModel with a small, fast Monte Carlo that has run.
func newMCModel(t testing.TB, w, h int) Model {
	t.Helper()
	mk := testMarket(t)
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: 20000, Seed: 7})
	m = send(m, tea.WindowSizeMsg{Width: w, Height: h})
	return settle(t, m) // the first run was scheduled by the first message
}

func sizeMsg(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// china is the embedded market, loaded once for looking its inputs and
// series up by name.
var china = sync.OnceValue(func() *market.Market {
	m, err := markets.DefaultMarket()
	if err != nil {
		panic(err)
	}
	return m
})

// input is the embedded market's input of that id ("conversion").
func input(name string) market.ID {
	id, ok := china().LookupInput(name)
	if !ok {
		panic("the embedded market has no input " + name)
	}
	return id
}

// output is the embedded market's series of that id ("net_usd").
func output(name string) market.Output {
	o, ok := china().LookupOutput(name)
	if !ok {
		panic("the embedded market has no series " + name)
	}
	return o
}
