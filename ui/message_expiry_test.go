package ui

import (
	"strings"
	"testing"
)

// TestACutMessageWaitsForV: a message too long for its row stays past its
// time, so that v can still open it whole; a short one goes (issue 19,
// item 5: v worked only for the 6 s a message was shown).
func TestACutMessageWaitsForV(t *testing.T) {
	m := newTestModel(t, 80, 24)
	m.s.setStatus(strings.Repeat("a long sentence about the market file ", 6))
	seq := m.s.status.seq
	m = send(m, statusExpiredMsg{seq})
	if m.s.status.text == "" {
		t.Fatal("a cut message went when its time was up; v has nothing to show")
	}
	m = send(m, keys("v")...)
	if m.mode != modeMessage {
		t.Errorf("v after the message's time did not open it (mode %v)", m.mode)
	}

	s := newTestModel(t, 80, 24)
	s.s.setStatus("Saved Bear.")
	s = send(s, statusExpiredMsg{s.s.status.seq})
	if s.s.status.text != "" {
		t.Errorf("a short message stayed past its time: %q", s.s.status.text)
	}
}

// TestUAndDDoNotScrollSources: in Sources, u is undo and d is nothing; they
// must not scroll half a page when there is nothing to undo (bubbles'
// viewport binds u and d to half a page).
func TestUAndDDoNotScrollSources(t *testing.T) {
	m := send(newTestModel(t, 120, 40), keys("5")...)
	if m.view != viewSources {
		t.Fatalf("5 did not open Sources")
	}
	at := m.src.vp.YOffset
	m = send(m, keys("d", "u")...)
	if got := m.src.vp.YOffset; got != at {
		t.Errorf("d and u scrolled Sources from line %d to %d", at, got)
	}
}
