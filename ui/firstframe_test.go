package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// TestFirstRunWaitsForTheFirstFrame: Init schedules the first Monte Carlo
// run but does not start it, and the first frame says a run is on; the
// first size starts it a frame later (firstFrameWait), once that frame is
// on the terminal; a key meanwhile moves what the run is for, without
// starting one of its own.
func TestFirstRunWaitsForTheFirstFrame(t *testing.T) {
	mk := testMarket(t)
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: 2000, Seed: 7})
	m.s.statusTTL = 0 // a status timer would wait for real
	for _, msg := range drainCmd(m.Init()) {
		if _, ok := msg.(mcStartMsg); ok {
			t.Fatal("Init started Monte Carlo before the first frame")
		}
	}
	if mc := m.s.mc; !mc.running || !mc.held || mc.shown != 0 {
		t.Fatalf("after Init: running %v, held %v, shown %d; want a run scheduled, held for the first frame", mc.running, mc.held, mc.shown)
	}

	start := time.Now()
	next, cmd := m.Update(sizeMsg(160, 48))
	m = next.(Model)
	m = send(m, keyMsg("2")) // the Uncertainty view
	if frame := m.View(); !strings.Contains(frame, "Monte Carlo") || m.s.mc.result() != nil {
		t.Fatalf("the first frame of the Uncertainty view before a result:\n%s", frame)
	}
	got := drainCmd(cmd)
	if len(got) != 1 {
		t.Fatalf("the first size asked for %v, want the first frame's wait alone", got)
	}
	if _, ok := got[0].(mcFrameMsg); !ok {
		t.Fatalf("the first size asked for %T, want mcFrameMsg", got[0])
	}
	if took := time.Since(start); took < firstFrameWait {
		t.Errorf("the first frame's wait took %v, want at least %v", took, firstFrameWait)
	}

	// A key before the wait is over: the run, still held, is for it.
	m = send(m, keyMsg("1"))
	m = selectInput(t, m, input("conversion"))
	next, cmd = m.Update(keyMsg("l"))
	m = next.(Model)
	for _, msg := range drainCmd(cmd) {
		if _, ok := msg.(mcStartMsg); ok {
			t.Fatal("a key started Monte Carlo before the first frame")
		}
	}
	moved := m.s.values
	if moved == mk.Defaults() {
		t.Fatal("l did not move conversion")
	}

	next, cmd = m.Update(got[0])
	m = next.(Model)
	if cmd == nil {
		t.Fatal("the first frame did not start the held run")
	}
	done, ok := cmd().(mcDoneMsg)
	if !ok || done.err != nil || done.gen != m.s.mc.gen {
		t.Fatalf("the held run ended with %+v; want generation %d", done, m.s.mc.gen)
	}
	m = send(m, done)
	if m.s.mc.result() == nil || m.s.mc.stale() || m.s.mc.scheduled != moved {
		t.Errorf("after the first run: result %v, stale %v; want the moved inputs' result", m.s.mc.result() != nil, m.s.mc.stale())
	}
	// Held once: later changes run as before, a moment after they rest.
	if _, cmd = m.Update(mcFrameMsg{}); cmd != nil {
		t.Error("a second mcFrameMsg started a run")
	}
}

// drainCmd carries out cmd and the commands of any batch it returns, and
// lists their messages (timers wait for real).
func drainCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, drainCmd(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	return []tea.Msg{msg}
}
