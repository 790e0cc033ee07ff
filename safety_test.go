package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"

	"sizeup/data/markets"
)

// The app's safety end to end (issue 10): the built binary in tmux. The
// command line's refusals are tested in internal/cli.

// escMarket writes the embedded market with escape sequences in its name
// and a label (issue 10, item 1).
func escMarket(t *testing.T) string {
	t.Helper()
	text := string(markets.DefaultMarketSource())
	text = strings.Replace(text, `name = "China online video"`, `name = "China\u001b]52;c;cHduZWQ=\u0007…"`, 1)
	text = strings.Replace(text, `label = "Internet users"`, `label = "Internet\u001b[2J\u001b[H users"`, 1)
	path := filepath.Join(t.TempDir(), "esc.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Item 10: SIGHUP quits the app and the terminal leaves the alternate
// screen.
func TestEndToEndHangupRestoresTerminal(t *testing.T) {
	x := startTmux(t, "120", "40", "--samples", "2000")
	x.waitFor("Assumptions")
	// remain-on-exit keeps the pane after the program ends, to look at it.
	x.run("set-option", "-t", "e2e", "remain-on-exit", "on")
	if out, _ := x.run("display", "-p", "-t", "e2e", "#{alternate_on}"); strings.TrimSpace(out) != "1" {
		t.Fatalf("the app is not in the alternate screen: %q", out)
	}
	if err := syscall.Kill(x.pid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		dead, _ := x.run("display", "-p", "-t", "e2e", "#{pane_dead}")
		if strings.TrimSpace(dead) == "1" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the app did not end on SIGHUP")
		}
		time.Sleep(20 * time.Millisecond)
	}
	out, _ := x.run("display", "-p", "-t", "e2e", "#{alternate_on} #{mouse_any_flag}")
	if f := strings.Fields(out); len(f) != 2 || f[0] != "0" || f[1] != "0" {
		t.Errorf("after SIGHUP: alternate_on, mouse_any_flag = %q, want 0 0 (main screen, no mouse reporting)", out)
	}
}

// Items 1 and 2 end to end: a market name full of escapes never reaches the
// pane's title or clipboard.
func TestEndToEndEscapesDoNotReachTheTerminal(t *testing.T) {
	x := startTmux(t, "160", "48", "--samples", "2000", "--market", escMarket(t))
	x.waitFor("Assumptions", "Internet users")
	if out, _ := x.run("display", "-p", "-t", "e2e", "#{pane_title}"); strings.Contains(out, "pwned") || strings.ContainsFunc(out, unicode.IsControl) && strings.TrimSpace(out) != "" && strings.ContainsAny(strings.TrimSpace(out), "\x1b\x07") {
		t.Errorf("pane title %q", out)
	}
	if out, _ := x.run("show-buffer"); strings.Contains(out, "owned") {
		t.Errorf("the clipboard was written: %q", out)
	}
	x.keys("q")
	x.waitGone()
}
