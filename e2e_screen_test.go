package main

import (
	"strings"
	"testing"
)

// Issue 19, "a screen that never jumps", in a real terminal: a long
// message keeps every panel where it was and opens whole with v; t keeps
// the tabs in place; goal seek stands apart from the panels behind it;
// 80×24 names the market; rupees fit their slider rows.

// rows is a screen's lines.
func rows(screen string) []string { return strings.Split(strings.TrimRight(screen, "\n"), "\n") }

func TestE2EScreenAMessageMovesNothing(t *testing.T) {
	x := startTmux(t, "160", "48", "--theme", "dark")
	before := rows(x.waitSteady("Funnel, 2025", "USD · dark"))
	// y in tmux without set-clipboard: a message longer than the row.
	x.keys("y")
	after := rows(x.waitSteady("v: read it all"))
	for i := 0; i < 46 && i < len(before) && i < len(after); i++ {
		if before[i] != after[i] {
			t.Errorf("row %d moved when the message came:\n%s\n%s", i, before[i], after[i])
		}
	}
	x.keys("v")
	x.waitFor("any key closes", "set-clipboard on")
	x.keys("Escape")
	x.waitGoneText("any key closes")

	// t swaps the theme and leaves the tabs where they were.
	head := rows(x.waitSteady("Dashboard"))[0]
	x.keys("t")
	lit := rows(x.waitSteady("USD · light"))[0]
	if strings.Index(head, "Dashboard") != strings.Index(lit, "Dashboard") {
		t.Errorf("t moved the tabs:\n%s\n%s", head, lit)
	}

	// Goal seek: a blank row above and below the form.
	x.keys("g")
	s := rows(x.waitFor("Goal seek"))
	for i, l := range s {
		j := strings.Index(l, "╭─ Goal seek")
		if j < 0 {
			continue
		}
		col := len([]rune(l[:j]))
		above := []rune(s[i-1])
		if col >= len(above) || strings.TrimSpace(string(above[col-1:col+20])) != "" {
			t.Errorf("the row above the form is not blank:\n%s\n%s", s[i-1], l)
		}
	}
	if strings.Contains(strings.Join(s, "\n"), "╰─────────╰") {
		t.Errorf("the form's border runs into a panel's:\n%s", strings.Join(s, "\n"))
	}
}

func TestE2EScreenSmallNamesTheMarket(t *testing.T) {
	for _, c := range []struct{ market, name, card string }{{"china-2015", "China", "Subscribers"}, {"india-2016", "India", "Netflix members"}} {
		x := startTmux(t, "80", "24", "--market", c.market)
		s := x.waitFor("sizeup  "+c.name, c.card)
		if strip := rows(s)[2]; strings.Contains(strip, "…") {
			t.Errorf("%s: the strip is cut: %q", c.market, strip)
		}
	}
}

func TestE2EScreenRupeesFitTheirRows(t *testing.T) {
	x := startTmux(t, "160", "48", "--market", "india-2016", "--theme", "dark")
	x.waitFor("USD · dark")
	x.keys("$")
	s := x.waitFor("INR · dark", "₹500.34/mo")
	for _, l := range rows(s)[1:32] {
		if r := []rune(l); len(r) > 57 && strings.Contains(string(r[:57]), "…") {
			t.Errorf("a slider row is cut: %q", string(r[:57]))
		}
	}
}
