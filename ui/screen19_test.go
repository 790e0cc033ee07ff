package ui

import (
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"

	"sizeup/data/markets"
	"sizeup/market"
)

// Issue 19, "a screen that never jumps": the status line is one row, the
// space goes to the charts and the lists, forms dim what is behind them,
// and the header, strip, cards and sliders keep their places and say one
// thing each.

func indiaModel(t testing.TB, w, h int, local bool) Model {
	t.Helper()
	mk, err := markets.OpenMarket("india-2016")
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Local: local})
	return send(m, tea.WindowSizeMsg{Width: w, Height: h})
}

func frameLines(m Model) []string { return strings.Split(plain(m), "\n") }

// TestGoldenScreenCutMessage: a message longer than the row is cut on one
// row with the key that shows it, and no panel moves (item 5).
func TestGoldenScreenCutMessage(t *testing.T) {
	m := newTestModel(t, 160, 48)
	before := frameLines(m)
	m.s.setError("The chart was not copied: tmux is not passing copies on (set-clipboard is external, allow-passthrough is off): run tmux set -g set-clipboard on (or put set -g set-clipboard on in ~/.tmux.conf), then press y again.")
	m = send(m, sizeMsg(160, 48))
	after := frameLines(m)
	checkFrame(t, m.View(), 160, 48)
	for i := 0; i < 48-2; i++ {
		if before[i] != after[i] {
			t.Errorf("row %d moved:\n%s\n%s", i, before[i], after[i])
		}
	}
	if !strings.Contains(after[46], "…  v: read it all") {
		t.Errorf("the status row does not say it is cut: %q", after[46])
	}
	golden.RequireEqual(t, []byte(m.View()))
	m = send(m, keys("v")...)
	if m.mode != modeMessage || !strings.Contains(plain(m), "then press y again.") {
		t.Errorf("v does not show the whole message:\n%s", plain(m))
	}
	checkFrame(t, m.View(), 160, 48)
}

// TestScreenGoalSeekDimsAndStandsApart: the form has a blank cell all
// round, and in colour the view behind it is one dim colour (item 7).
func TestScreenGoalSeekDimsAndStandsApart(t *testing.T) {
	m := newTestModel(t, 160, 48)
	m = send(m, keys("g")...)
	lines := frameLines(m)
	top, bottom, x := -1, -1, -1
	for i, l := range lines {
		if j := strings.Index(l, "╭─ Goal seek"); j >= 0 {
			top, x = i, ansi.StringWidth(l[:j])
		}
		if top >= 0 && bottom < 0 && i > top && strings.Contains(l, "╰") && ansi.StringWidth(l) > x && cellAt(l, x) == "╰" {
			bottom = i
		}
	}
	if top < 1 || bottom < 0 {
		t.Fatalf("no goal seek form:\n%s", plain(m))
	}
	w := overlayWidth(m.body.w)
	for _, row := range []int{top - 1, bottom + 1} {
		if got := cells(lines[row], x-1, x+w+1); strings.TrimSpace(got) != "" {
			t.Errorf("row %d next to the form is not blank: %q", row, got)
		}
	}
	for i := top; i <= bottom; i++ {
		if cellAt(lines[i], x-1) != " " || cellAt(lines[i], x+w) != " " {
			t.Errorf("row %d: the form touches what is behind it: %q", i, lines[i])
		}
	}

	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	mk := testMarket(t)
	c := send(New(Options{Market: mk, Values: mk.Defaults(), Renderer: r, Theme: "dark", Background: "dark"}), sizeMsg(160, 48))
	c = send(c, keys("g")...)
	row := strings.Split(c.View(), "\n")[3] // an Assumptions row, left of the form
	dim := c.s.styles.Dim.pre
	if dim == "" || !strings.HasPrefix(row, dim) || strings.Contains(row[:strings.Index(row, "│ ")+1], c.s.styles.Accent.pre) {
		t.Errorf("the view behind the form is not dimmed: %q", row)
	}
}

func cells(line string, from, to int) string {
	return ansi.Cut(line, max(0, from), to)
}

func cellAt(line string, x int) string { return cells(line, x, x+1) }

// TestScreenHeaderHoldsStill: t does not move the tabs; a long scenario
// name gives way before the settings; every size names the market (items
// 8 and 14).
func TestScreenHeaderHoldsStill(t *testing.T) {
	m := newTestModel(t, 160, 48)
	spans := m.tabSpans()
	m = send(m, keys("t")...)
	if got := m.tabSpans(); len(got) == 0 || got[0] != spans[0] || got[4] != spans[4] {
		t.Errorf("t moved the tabs: %v to %v", spans, got)
	}
	m = newTestModel(t, 120, 40)
	m.s.scenario.name = "Mobile-only licence, Jio late"
	m = send(m, sizeMsg(120, 40))
	if h := frameLines(m)[0]; !strings.Contains(h, "USD · dark") {
		t.Errorf("a long scenario name drops the settings: %q", h)
	}
	for _, c := range []struct {
		m    Model
		want string
	}{{newTestModel(t, 80, 24), "China"}, {indiaModel(t, 80, 24, false), "India"}} {
		if h := frameLines(c.m)[0]; !strings.Contains(h, "sizeup  "+c.want) {
			t.Errorf("80×24 does not name the market: %q", h)
		}
	}
}

// TestGoldenScreenStrip80: the summary strip is never cut, and names each
// series as its card does (items 8 and 14).
func TestGoldenScreenStrip80(t *testing.T) {
	m := newTestModel(t, 80, 24)
	m.s.values[input("conversion")] = 0.007
	m.s.evaluate()
	m = send(m, sizeMsg(80, 24))
	strip := frameLines(m)[2]
	if strings.Contains(strip, "…") || !strings.Contains(strip, "Subscribers") {
		t.Errorf("the strip is cut: %q", strip)
	}
	golden.RequireEqual(t, []byte(m.View()))

	in := indiaModel(t, 80, 24, false)
	if strip := frameLines(in)[2]; !strings.Contains(strip, "Netflix members") || strings.Contains(strip, "Subscribers") {
		t.Errorf("India's strip does not say what its card says: %q", strip)
	}
}

// TestScreenSlidersKeepTheirValues: India's prices in rupees are whole on
// their rows at 160×48 (item 8).
func TestScreenSlidersKeepTheirValues(t *testing.T) {
	m := indiaModel(t, 160, 48, true)
	for _, l := range frameLines(m)[1:30] {
		left := cells(l, 0, 57)
		if strings.Contains(left, "…") {
			t.Errorf("a slider row is cut: %q", left)
		}
	}
	if !strings.Contains(plain(m), "₹500.34/mo") {
		t.Errorf("no whole rupee price:\n%s", plain(m))
	}
}

// TestGoldenScreenMovedRow: conversion out of its range and pinned: the
// knob sits outside the bar (not beside the selection's arrow), the pin
// shows on the row, the cards it did not change say "unchanged", and no
// card prints a change that rounds to nothing (items 8, 17, 18).
func TestGoldenScreenMovedRow(t *testing.T) {
	m := newTestModel(t, 160, 48)
	m = selectInput(t, m, input("conversion"))
	m = send(m, keys("enter", "ctrl+u")...)
	m = send(m, typeText("12%")...)
	m = send(m, keys("enter", "=")...)
	f := plain(m)
	var row string
	for _, l := range strings.Split(f, "\n") {
		if strings.Contains(l, "▸ Conversion") {
			row = cells(l, 0, 57)
		}
	}
	if row == "" || strings.Contains(row, "▶▸") || !strings.Contains(row, "━▶ =●") {
		t.Errorf("the out-of-range, pinned row: %q", row)
	}
	if !strings.Contains(f, "unchanged") || strings.Contains(f, "at default") {
		t.Errorf("the TAM card after moving conversion:\n%s", f)
	}
	golden.RequireEqual(t, []byte(m.View()))

	mk := testMarket(t)
	share := mk.Outputs.Cards[len(mk.Outputs.Cards)-1]
	if d, _ := cardDelta(mk, share, 0.02674, 0.02671, market.USD); d != "" {
		t.Errorf("a change of 0.003 pt reads %q", d)
	}
}

// TestScreenCardsAlike: the cards of one row are one width, what is left
// over widening the gaps (item 8).
func TestScreenCardsAlike(t *testing.T) {
	for _, sz := range [][2]int{{160, 48}, {200, 60}} {
		m := newTestModel(t, sz[0], sz[1])
		cards := m.dash.renderKPIs(m.dash.l.kpis.w)
		for _, c := range cards {
			if c.w != cards[0].w {
				t.Errorf("%v: cards of widths %d and %d", sz, cards[0].w, c.w)
			}
		}
		last := cards[len(cards)-1]
		if last.x+last.w != m.dash.l.kpis.w {
			t.Errorf("%v: the last card ends at %d of %d", sz, last.x+last.w, m.dash.l.kpis.w)
		}
	}
}

// blankTail counts the blank rows at the foot of the panel whose left
// border is at x and which is w wide: the rows nothing was given to.
func blankTail(lines []string, x, w int) (most int) {
	n := 0
	for _, l := range lines {
		c := cells(l, x, x+w)
		switch {
		case strings.HasPrefix(c, "│") && strings.HasSuffix(c, "│") && strings.TrimSpace(strings.Trim(c, "│")) == "":
			n++
		case strings.HasPrefix(c, "╰"):
			most = max(most, n)
			n = 0
		default:
			n = 0
		}
	}
	return most
}

// TestScreenSpaceGoesToChartsAndLists: at 160×48 and 200×60 the panels
// are not half empty (item 6).
func TestScreenSpaceGoesToChartsAndLists(t *testing.T) {
	for _, sz := range [][2]int{{160, 48}, {200, 60}} {
		m := newTestModel(t, sz[0], sz[1])
		l := m.dash.l
		// At 160×48 China's 23 inputs (issue 18 added later growth and the
		// paid share's year) leave the input's panel no room for the
		// funnel, which goes under the chart; at 200×60 it fits.
		side := l.side.h > 0 && l.funnel.h == 0
		if sz[0] == 160 {
			side = l.side.h > 0 || l.funnel.h > 0
		}
		if !side || l.chart.h < sz[1]-20 {
			t.Errorf("%v: the funnel is not under the input's panel, the chart has %d rows: %+v", sz, l.chart.h, l)
		}
		// A few rows may stay blank under a decision's panel, too few for
		// its effect curve (3 plot rows at least).
		if n := blankTail(frameLines(m), 0, l.detail.w); n > 3 {
			t.Errorf("%v: the input's panel has %d blank rows:\n%s", sz, n, plain(m))
		}
		s := send(m, keys("3")...)
		if n := blankTail(frameLines(s), 0, sz[0]); n > 1 {
			t.Errorf("%v: Sensitivity has %d blank rows:\n%s", sz, n, plain(s))
		}
	}
	// With the judgement of hindsight under the chart, the funnel stays,
	// under the input's panel.
	h := send(newTestModel(t, 200, 60), keys("a")...)
	if f := plain(h); !strings.Contains(f, "Funnel, 2025") || !strings.Contains(f, "Hindsight:") {
		t.Errorf("a at 200×60 loses the funnel or the judgement:\n%s", f)
	}
	// The tornado's base line sits where the swings put it: conversion's
	// rise is far larger than its fall, so the base is left of centre.
	s := send(newTestModel(t, 160, 48), keys("3")...)
	for _, l := range frameLines(s) {
		if strings.HasPrefix(l, "│ Conversion") {
			if i := strings.Index(l, "│█"); i < 0 || ansi.StringWidth(l[:i]) > 70 {
				t.Errorf("the base line is not where the swings put it: %q", l)
			}
		}
	}
}

// TestScreenSpreadFillsItsPanel: "What drives the spread" gives its rows
// to the inputs (each with the range it is drawn from), not to a blank
// half (item 6).
func TestScreenSpreadFillsItsPanel(t *testing.T) {
	m := send(newMCModel(t, 160, 48), keys("2")...)
	l := m.unc.l.spread
	lines := frameLines(m)[1 : 1+m.body.h]
	if n := blankTail(lines, l.x, l.w); n > 4 {
		t.Errorf("the spread panel ends in %d blank rows:\n%s", n, plain(m))
	}
	if !strings.Contains(plain(m), "logit-normal, P5–P95 0.5% to 8.0%") {
		t.Errorf("the spread does not say what conversion is drawn from:\n%s", plain(m))
	}
}

// TestScreenFiguresFillTheirPanel: at 200×60 the Monte Carlo figures
// panel gives its spare rows to the headline's percentiles year by year
// (it ended in 11 blank rows; item 6).
func TestScreenFiguresFillTheirPanel(t *testing.T) {
	m := send(newMCModel(t, 200, 60), keys("2")...)
	l := m.unc.l.figures
	// The figures panel's rows only: the spread panel under it is in the
	// same columns.
	lines := frameLines(m)[1+l.y : 1+l.y+l.h]
	if n := blankTail(lines, l.x, l.w); n > 2 {
		t.Errorf("the figures panel ends in %d blank rows:\n%s", n, plain(m))
	}
	if f := plain(m); !strings.Contains(f, "Net revenue by year") || !strings.Contains(f, "2025") {
		t.Errorf("no year-by-year percentiles in the figures panel:\n%s", f)
	}
}

// TestScreenNoChangeThatRoundsToNothing: neither a card nor the compare
// table prints +0.00 pt or +$0 for a change too small to show (item 18).
func TestScreenNoChangeThatRoundsToNothing(t *testing.T) {
	m := newTestModel(t, 160, 48)
	a := m.s.defaults
	b := a
	b[input("price")] += 0.00001
	tab := newCompareTable(m.s, []scenarioItem{{kind: "current", name: "A", values: a}, {kind: "current", name: "B", values: b}}, 120)
	rows := ansi.Strip(strings.Join(tab.outputRows(), "\n"))
	for _, bad := range []string{"+0.00", "−0.00", "+$0 ", "−$0 ", "+0 ", "+$0\n"} {
		if strings.Contains(rows+"\n", bad) {
			t.Errorf("the compare table prints %q:\n%s", bad, rows)
		}
	}
	m.s.values = b
	m.s.evaluate()
	m = send(m, sizeMsg(160, 48))
	if f := plain(m); strings.Contains(f, "0.00 pt") || strings.Contains(f, "+$0 vs") || strings.Count(f, "unchanged") < 2 {
		t.Errorf("the cards after a change too small to show:\n%s", f)
	}
}

// TestScreenPromptMovesNothing: typing a value keeps the panels where they
// were, and the hint fits its row by dropping its aside (item 5).
func TestScreenPromptMovesNothing(t *testing.T) {
	m := newTestModel(t, 80, 24)
	before := frameLines(m)
	m = send(m, keys("enter")...)
	after := frameLines(m)
	for i := 0; i < 22; i++ {
		if before[i] != after[i] {
			t.Errorf("row %d moved when the prompt opened:\n%s\n%s", i, before[i], after[i])
		}
	}
	// the first input is the decision Price: its hint has two asides
	if hint := after[23]; strings.Contains(hint, "…") || !strings.Contains(hint, "¥19.8") {
		t.Errorf("the hint row: %q", hint)
	}
}
