package ui

import (
	"time"

	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"sizeup/ui/export"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestPresentationMode(t *testing.T) {
	m := newTestModel(t, 160, 48)
	m = selectInput(t, m, input("conversion"))
	m = send(m, keys("l", "p")...)
	if !(m.mode == modePresent) {
		t.Fatal("p did not turn presentation mode on")
	}
	frame := plain(m)
	for _, want := range []string{"Market, subscribers and revenue, 2015–2025", "China online video · scenario Base, changed · 2015–2025 · money in USD",
		"Assumptions:", "Conversion 2.1%●", "Sources: Bloomberg via The Hollywood Reporter 2015", "log scale"} {
		if !strings.Contains(strings.Join(strings.Fields(frame), " "), want) {
			t.Errorf("presentation lacks %q", want)
		}
	}
	for _, gone := range []string{"Assumptions ─", "▸ ", "? help", "c: linear revenue"} {
		if strings.Contains(frame, gone) {
			t.Errorf("presentation still shows %q", gone)
		}
	}
	checkFrame(t, m.View(), 160, 48)
	// Keys that edit do nothing on a slide; p goes back.
	before := m.s.values
	m = send(m, keys("l", "R")...)
	if m.s.values != before {
		t.Errorf("a slide took an edit")
	}
	m = send(m, keys("p")...)
	if (m.mode == modePresent) || !strings.Contains(plain(m), "Assumptions") {
		t.Errorf("p did not come back")
	}
}

func TestExportWritesEveryFormat(t *testing.T) {
	mk := testMarket(t)
	dir := t.TempDir()
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: -1, ShotsDir: dir})
	m.s.statusTTL = 0         // run runs every command; a status timer would wait for real
	m = send(m, keys("x")...) // before any size: nothing to draw, but no crash
	m = run(m, keys()...)
	m = send(m, sizeMsg(120, 40))
	m = run(m, keys("X")...)
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{".txt", ".ansi", ".svg", ".png"}
	for _, ext := range want {
		found := false
		for _, n := range names {
			found = found || strings.HasPrefix(n, "projection-base-") && strings.HasSuffix(n, ext)
		}
		if !found {
			t.Errorf("no projection %s among %v", ext, names)
		}
	}
	deck := 0
	for _, n := range names {
		if strings.HasPrefix(n, "projection-deck-base-") {
			deck++
		}
	}
	if deck != 2 {
		t.Errorf("%d deck files, want png and svg: %v", deck, names)
	}
	if !strings.Contains(m.s.status.text, "Wrote "+filepath.Join(dir, "projection-base-")) || !strings.Contains(m.s.status.text, ".{txt,ansi,svg,png}") {
		t.Errorf("status %q does not name the files", m.s.status.text)
	}
	// The text file is the chart alone, as drawn.
	for _, n := range names {
		if strings.HasSuffix(n, ".txt") && strings.HasPrefix(n, "projection-base-") {
			b, _ := os.ReadFile(filepath.Join(dir, n))
			if !strings.Contains(string(b), "Revenue projection, 2015–2025") || !strings.Contains(string(b), "TAM $54.5B") {
				t.Errorf("the text screenshot lacks the chart:\n%s", b)
			}
		}
	}
}

func TestCopySendsOSC52(t *testing.T) {
	mk := testMarket(t)
	var clip bytes.Buffer
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: -1, Clipboard: &clip, InTmux: true})
	m.s.statusTTL = 0
	m.s.tmuxOption = fakeTmux(map[string]string{"set-clipboard": "external", "allow-passthrough": "on"})
	m = send(m, sizeMsg(120, 40))
	m = run(m, keys("y")...)
	out := clip.String()
	// tmux passthrough: ESC P tmux; ESC ESC ] 52 ; c ; <base64> BEL ESC \
	if !strings.HasPrefix(out, "\x1bPtmux;\x1b\x1b]52;c;") {
		t.Fatalf("not an OSC 52 sequence wrapped for tmux: %q", out[:min(len(out), 40)])
	}
	payload := strings.TrimPrefix(out, "\x1bPtmux;\x1b\x1b]52;c;")
	payload = payload[:strings.IndexAny(payload, "\x07\x1b")]
	text, err := base64.StdEncoding.DecodeString(payload)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "Revenue projection") || strings.Contains(string(text), "\x1b") {
		t.Errorf("clipboard text is not the plain chart: %q", text[:min(len(text), 80)])
	}
	if !strings.Contains(m.s.status.text, "terminals do not confirm") {
		t.Errorf("status %q is not honest about OSC 52", m.s.status.text)
	}
}

func TestRenderFrameIsTheAppsFrame(t *testing.T) {
	mk := testMarket(t)
	for _, view := range []string{"dashboard", "sensitivity", "sources"} {
		o := Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: -1}
		frame, _, err := RenderFrame(o, RenderRequest{View: view, Width: 120, Height: 40})
		if err != nil {
			t.Fatal(err)
		}
		m := New(o)
		m = send(m, sizeMsg(120, 40))
		m = send(m, keys(map[string]string{"dashboard": "1", "sensitivity": "3", "sources": "5"}[view])...)
		if ansi.Strip(frame) != ansi.Strip(m.View()) {
			t.Errorf("%s: the headless frame differs from the app's", view)
		}
	}
	// Uncertainty: the same once Monte Carlo has run, timings aside.
	o := Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: 20000, Seed: 7}
	frame, _, err := RenderFrame(o, RenderRequest{View: "uncertainty", Width: 160, Height: 48})
	if err != nil {
		t.Fatal(err)
	}
	m := newMCModel(t, 160, 48)
	m = send(m, keys("2")...)
	m.s.headless = true
	if ansi.Strip(frame) != ansi.Strip(m.View()) {
		t.Errorf("uncertainty: the headless frame differs from the app's:\n%s\n---\n%s", ansi.Strip(frame), ansi.Strip(m.View()))
	}
	if _, _, err := RenderFrame(o, RenderRequest{View: "pie", Width: 120, Height: 40}); err == nil || !strings.Contains(err.Error(), "dashboard, uncertainty") {
		t.Errorf("an unknown view: %v", err)
	}
	if _, _, err := RenderFrame(o, RenderRequest{View: "dashboard", Width: 20, Height: 5}); err == nil || !strings.Contains(err.Error(), "at least 60×20") {
		t.Errorf("a tiny frame: %v", err)
	}
}

// fakeTmux answers option queries as a tmux with those options would.
func fakeTmux(opts map[string]string) func(string) (string, error) {
	return func(name string) (string, error) { return opts[name], nil }
}

// Inside tmux, y sends plain OSC 52 when tmux takes it (set-clipboard on),
// and when nothing can carry it, says in full how to turn it on.
func TestCopyInTmuxFollowsTmux(t *testing.T) {
	mk := testMarket(t)
	for _, tc := range []struct {
		opts       map[string]string
		prefix     string
		wantStatus string
	}{
		{map[string]string{"set-clipboard": "on", "allow-passthrough": "off"}, "\x1b]52;c;", "paste buffer"},
		{map[string]string{"set-clipboard": "external", "allow-passthrough": "off"}, "", "tmux set -g set-clipboard on"},
	} {
		var clip bytes.Buffer
		m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: -1, Clipboard: &clip, InTmux: true})
		m.s.statusTTL = 0
		m.s.tmuxOption = fakeTmux(tc.opts)
		m = send(m, sizeMsg(120, 40))
		m = run(m, keys("y")...)
		if out := clip.String(); tc.prefix == "" && out != "" || !strings.HasPrefix(out, tc.prefix) {
			t.Errorf("%v: wrote %q", tc.opts, out[:min(len(out), 20)])
		}
		if !strings.Contains(m.s.status.text, tc.wantStatus) {
			t.Errorf("%v: status %q lacks %q", tc.opts, m.s.status.text, tc.wantStatus)
		}
	}
}

// Two screenshots in the same second keep both sets of files.
func TestTwoShotsInOneSecondKeepBoth(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	a, err := WriteShots(dir, "dashboard", "Base", now, "one", nil, export.Options{Theme: export.Dark()})
	if err != nil {
		t.Fatal(err)
	}
	b, err := WriteShots(dir, "dashboard", "Base", now, "two", nil, export.Options{Theme: export.Dark()})
	if err != nil {
		t.Fatal(err)
	}
	if a[0] == b[0] {
		t.Fatalf("the second shot took the first's name %s", a[0])
	}
	for i, want := range map[int]string{0: "one", 1: "two"} {
		got, _ := os.ReadFile([]string{a[0], b[0]}[i])
		if !strings.Contains(string(got), want) {
			t.Errorf("%s holds %q, want %q", []string{a[0], b[0]}[i], got, want)
		}
	}
}
