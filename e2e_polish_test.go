package main

import (
	"strings"
	"testing"
)

// Issue 19 items 17-19 on the screen: the 80×24 hint bar, the ? screen
// in two columns with a bar that says how to close it, and Sources'
// g/G/Home/End, for both built-in markets.

func TestE2EHelpAndSourcesAt80x24(t *testing.T) {
	for _, mk := range []string{"china-2015", "india-2016"} {
		t.Run(mk, func(t *testing.T) {
			x := startTmux(t, "80", "24", "--market", mk, "--theme", "dark")
			s := x.waitFor("Assumptions", "tab next view", "? help")
			if strings.Contains(s, "↑/k previous input") {
				t.Errorf("the first input offers ↑:\n%s", s)
			}
			x.keys("?")
			s = x.waitFor("EVERY VIEW", "?/esc close")
			if strings.Contains(s, "? help") || !twoTitlesOnALine(s) {
				t.Errorf("help at 80×24 is not two columns with a close key:\n%s", s)
			}
			x.keys("Escape")
			x.waitFor("? help", "Assumptions")
			x.keys("5")
			x.waitFor("Sources · 0%")
			x.keys("G")
			x.waitFor("Sources · 100%")
			x.keys("g")
			x.waitFor("Sources · 0%")
			x.keys("End")
			x.waitFor("Sources · 100%")
			x.keys("Home")
			x.waitFor("Sources · 0%")
		})
	}
}

// twoTitlesOnALine reports whether one line of the screen holds two
// group titles of the ? screen (upper-case words in two columns).
func twoTitlesOnALine(screen string) bool {
	titles := []string{"EVERY VIEW", "DASHBOARD", "UNCERTAINTY", "SENSITIVITY", "SCENARIOS", "SOURCES"}
	for _, l := range strings.Split(screen, "\n") {
		n := 0
		for _, tt := range titles {
			if strings.Contains(l, tt) {
				n++
			}
		}
		if n >= 2 {
			return true
		}
	}
	return false
}
