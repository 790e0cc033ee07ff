package ui

import (
	"math"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

func TestArrowsChooseAndStep(t *testing.T) {
	m := newTestModel(t, 160, 48)
	if m.dash.selectedID() != m.s.market.ShownOrder()[0] {
		t.Fatalf("starts on %d, want the first input shown (the first decision)", m.dash.selectedID())
	}
	m = selectInput(t, m, input("conversion"))
	m = send(m, keys("right")...)
	if got := m.s.values[input("conversion")]; got != 0.021 {
		t.Errorf("→ gives conversion %v, want 0.021 (2%% + one 0.1%% step)", got)
	}
	m = send(m, keys("shift+right")...)
	if got := m.s.values[input("conversion")]; math.Abs(got-0.031) > 1e-12 {
		t.Errorf("⇧→ gives %v, want 0.031 (ten steps more)", got)
	}
	m = send(m, keys("h", "h", "H")...)
	if got := m.s.values[input("conversion")]; math.Abs(got-0.019) > 1e-12 {
		t.Errorf("h h H gives %v, want 0.019", got)
	}
	// The frame's net revenue follows the model.
	v := m.s.market.Defaults()
	v[input("conversion")] = 0.019
	p := m.s.market.Evaluate(&v)
	if want := market.FormatMoney(p.Last(output("net_usd")), market.USD); !strings.Contains(plain(m), want) {
		t.Errorf("frame lacks net revenue %s", want)
	}
	// The hard limit stops a slider and says so.
	m = selectInput(t, m, input("approval_lag"))
	m = send(m, keys("L", "L")...)
	if m.s.values[input("approval_lag")] != 12 || !strings.Contains(m.s.status.text, "limit") {
		t.Errorf("approval lag %v, status %q; want 12 and a word about the limit", m.s.values[input("approval_lag")], m.s.status.text)
	}
}

func TestRunesTogetherAreSeparateKeys(t *testing.T) {
	m := newTestModel(t, 160, 48)
	m = selectInput(t, m, input("price"))
	m = send(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("lll")})
	if got := m.s.values[input("price")]; got != 4.75 {
		t.Errorf("\"lll\" in one read gives price %v, want 4.75 (three steps)", got)
	}
}

func TestTypeAValue(t *testing.T) {
	m := newTestModel(t, 120, 40)
	m = selectInput(t, m, input("conversion"))
	m = send(m, keys("enter", "ctrl+u")...)
	m = send(m, typeText("5%")...)
	m = send(m, keys("enter")...)
	if (m.mode == modePrompt) || m.s.values[input("conversion")] != 0.05 {
		t.Fatalf("typing 5%% gives editing=%v conversion=%v", (m.mode == modePrompt), m.s.values[input("conversion")])
	}
	// ¥ at the market's rate.
	m = selectInput(t, m, input("market_size"))
	m = send(m, keys("enter", "ctrl+u")...)
	m = send(m, typeText("¥36.8bn")...)
	m = send(m, keys("enter")...)
	if got := m.s.values[input("market_size")]; math.Abs(got-36.8e9/6.28) > 1 {
		t.Errorf("¥36.8bn gives %v, want %v", got, 36.8e9/6.28)
	}
}

func TestBadTypedValueKeepsTheOldOne(t *testing.T) {
	m := newTestModel(t, 120, 40)
	m = selectInput(t, m, input("conversion"))
	m = send(m, keys("enter", "ctrl+u")...)
	m = send(m, typeText("lots")...)
	m = send(m, keys("enter")...)
	if m.s.values[input("conversion")] != 0.02 {
		t.Errorf("bad text changed conversion to %v", m.s.values[input("conversion")])
	}
	if m.mode != modePrompt || m.prompt.err == "" {
		t.Fatalf("bad text: prompt open=%v error=%q; want the prompt open with an error", m.mode == modePrompt, m.prompt.err)
	}
	frame := plain(m)
	for _, want := range []string{`"lots"`, "5%", "0.05"} {
		if !strings.Contains(frame, want) {
			t.Errorf("the error line lacks %q", want)
		}
	}
	// Out of range is refused the same way.
	m = send(m, keys("ctrl+u")...)
	m = send(m, typeText("150%")...)
	m = send(m, keys("enter")...)
	if m.s.values[input("conversion")] != 0.02 || !strings.Contains(m.prompt.err, "outside") {
		t.Errorf("150%%: conversion %v, error %q", m.s.values[input("conversion")], m.prompt.err)
	}
	m = send(m, keys("esc")...)
	if (m.mode == modePrompt) || m.s.values[input("conversion")] != 0.02 {
		t.Errorf("esc: editing=%v conversion=%v", (m.mode == modePrompt), m.s.values[input("conversion")])
	}
}

func TestTypingGuard(t *testing.T) {
	// While typing, q types a q and does not quit; neither do u, R or $.
	m := newTestModel(t, 120, 40)
	m = selectInput(t, m, input("conversion"))
	m = send(m, keys("enter", "ctrl+u")...)
	for _, r := range "quR$t" {
		next, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		m = next.(Model)
		if cmd != nil {
			if _, quit := cmd().(tea.QuitMsg); quit {
				t.Fatalf("%q quit while typing", r)
			}
		}
	}
	if got := m.prompt.text.value(); got != "quR$t" {
		t.Errorf("editor holds %q, want \"quR$t\"", got)
	}
	if m.s.local || m.s.values != m.s.defaults {
		t.Errorf("keys acted while typing: cny=%v values moved=%v", m.s.local, m.s.values != m.s.defaults)
	}
}

func TestQuit(t *testing.T) {
	m := newTestModel(t, 120, 40)
	for _, k := range []string{"q", "ctrl+c"} {
		_, cmd := m.Update(keyMsg(k))
		if cmd == nil {
			t.Fatalf("%s: no command", k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%s does not quit", k)
		}
	}
}

func TestToggleResetUndoRedo(t *testing.T) {
	m := newTestModel(t, 160, 48)
	m = selectInput(t, m, input("licence_tv"))
	m = send(m, keys(" ")...)
	if m.s.values[input("licence_tv")] != 0 {
		t.Fatalf("space left the TV licence at %v", m.s.values[input("licence_tv")])
	}
	// TV licence off: coverage 0.6 + 0.4 × 0.75 = 0.9.
	if !strings.Contains(plain(m), "coverage: 90%") {
		t.Errorf("coverage line does not say 90%%")
	}
	m = selectInput(t, m, input("price"))
	m = send(m, keys("l", "l")...)
	m = send(m, keys("r")...)
	if m.s.values[input("price")] != 4 {
		t.Errorf("r left price at %v", m.s.values[input("price")])
	}
	m = send(m, keys("u")...)
	if m.s.values[input("price")] != 4.5 {
		t.Errorf("u after r gives price %v, want 4.5", m.s.values[input("price")])
	}
	m = send(m, keys("ctrl+r")...)
	if m.s.values[input("price")] != 4 {
		t.Errorf("ctrl+r gives price %v, want 4", m.s.values[input("price")])
	}
	m = send(m, keys("R")...)
	if m.s.values != m.s.defaults {
		t.Errorf("R did not reset everything")
	}
	m = send(m, keys("u")...)
	if m.s.values[input("licence_tv")] != 0 || m.s.values[input("price")] != 4 {
		t.Errorf("u after R: TV %v price %v, want 0 and 4", m.s.values[input("licence_tv")], m.s.values[input("price")])
	}
	// Undo everything, then once more: nothing to undo, said plainly.
	for len(m.s.undo) > 0 {
		m = send(m, keys("u")...)
	}
	if m.s.values != m.s.defaults {
		t.Errorf("undoing everything does not give the defaults")
	}
	if m.s.keys.Undo.Enabled() {
		t.Errorf("undo is enabled with nothing to undo: the help would lie")
	}
}

func TestHelpFollowsState(t *testing.T) {
	m := newTestModel(t, 160, 48)
	m = selectInput(t, m, input("conversion"))
	if m.s.keys.Toggle.Enabled() || m.s.keys.Reset.Enabled() || m.s.keys.ResetAll.Enabled() {
		t.Errorf("toggle/reset enabled on an unmoved slider")
	}
	m = send(m, keys("l")...)
	if !m.s.keys.Reset.Enabled() || !m.s.keys.ResetAll.Enabled() || !m.s.keys.Undo.Enabled() {
		t.Errorf("reset/undo disabled after a move")
	}
	m = selectInput(t, m, input("licence_mobile"))
	if !m.s.keys.Toggle.Enabled() {
		t.Errorf("toggle disabled on a switch")
	}
	if !strings.Contains(plain(m), "space switch on/off") {
		t.Errorf("the help bar does not offer space on a switch")
	}
	m = send(m, keys("5")...)
	if m.s.keys.Left.Enabled() || !m.s.keys.PageDown.Enabled() {
		t.Errorf("on Sources: sliders enabled=%v, paging enabled=%v", m.s.keys.Left.Enabled(), m.s.keys.PageDown.Enabled())
	}
}

func TestCurrencyThemeViewsHelp(t *testing.T) {
	m := newTestModel(t, 160, 48)
	m = send(m, keys("$")...)
	frame := plain(m)
	if !strings.Contains(frame, "CNY · dark") || !strings.Contains(frame, "¥342B") {
		t.Errorf("$ does not show yuan: TAM 2025 $54.5B × 6.28 = ¥342B")
	}
	m = send(m, keys("t")...)
	if m.s.styles.dark || !strings.Contains(plain(m), "CNY · light") {
		t.Errorf("t does not switch to light")
	}
	m = send(m, keys("tab")...)
	if m.view != viewUncertainty {
		t.Errorf("tab does not open the next view")
	}
	m = send(m, keys("5")...)
	if m.view != viewSources || !strings.Contains(plain(m), "¥25.12/mo") {
		t.Errorf("5 does not open Sources with full values")
	}
	m = send(m, keys("1")...)
	if m.view != viewDashboard {
		t.Errorf("1 does not open the dashboard")
	}
	m = send(m, keys("?")...)
	if !(m.mode == modeHelp) || !strings.Contains(plain(m), "light/dark") {
		t.Errorf("? does not show the full help")
	}
	m = send(m, keys("esc")...)
	if m.mode == modeHelp {
		t.Errorf("esc does not close the help")
	}
}

func TestSourcesSayAssumption(t *testing.T) {
	m := newTestModel(t, 120, 400) // tall enough to show everything
	m = send(m, keys("5")...)
	frame := plain(m)
	for _, want := range []string{"Partner cut", "assumption", "CNNIC", "THE MODEL", "= reachable * conversion * adoption", "WHAT ACTUALLY HAPPENED", "iQiyi"} {
		if !strings.Contains(frame, want) {
			t.Errorf("Sources lacks %q", want)
		}
	}
}

func TestMouse(t *testing.T) {
	m := newTestModel(t, 160, 48)
	sl := m.dash.l.sliders
	sl.y += m.body.y // the panel in terminal rows
	// Find the conversion row on screen.
	row := -1
	for i, r := range m.dash.rows {
		if r.isInput() && r.input == input("conversion") {
			row = i
		}
	}
	y := sl.y + 1 + row - m.dash.offset
	m = send(m, tea.MouseMsg{X: sl.x + 5, Y: y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if m.dash.selectedID() != input("conversion") {
		t.Fatalf("click on the label selected %d", m.dash.selectedID())
	}
	g := geometryFor(sl.w - 4)
	barStart := sl.x + 2 + g.barX()
	// Click at the bar's right end: the input's high, 8%.
	m = send(m, tea.MouseMsg{X: barStart + g.bar - 1, Y: y, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
	if got := m.s.values[input("conversion")]; got != 0.08 {
		t.Errorf("click at the bar's end gives %v, want 0.08", got)
	}
	// Drag to the left end: the low, 0.5%, and one undo step for the whole drag.
	undos := len(m.s.undo)
	for x := barStart + g.bar - 2; x >= barStart-3; x-- {
		m = send(m, tea.MouseMsg{X: x, Y: y, Action: tea.MouseActionMotion, Button: tea.MouseButtonLeft})
	}
	m = send(m, tea.MouseMsg{X: barStart, Y: y, Action: tea.MouseActionRelease, Button: tea.MouseButtonLeft})
	if got := m.s.values[input("conversion")]; got != 0.005 {
		t.Errorf("drag to the start gives %v, want 0.005", got)
	}
	if len(m.s.undo) != undos {
		t.Errorf("a drag added %d undo steps, want 0 beyond the press", len(m.s.undo)-undos)
	}
	// Click on a switch's box toggles it.
	for i, r := range m.dash.rows {
		if r.isInput() && r.input == input("licence_pc") {
			m = send(m, tea.MouseMsg{X: barStart + 1, Y: sl.y + 1 + i - m.dash.offset, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
		}
	}
	if m.s.values[input("licence_pc")] != 0 {
		t.Errorf("click on the PC licence box left it %v", m.s.values[input("licence_pc")])
	}
	// Tabs in the header.
	for _, sp := range m.tabSpans() {
		if sp.v == viewSources {
			m = send(m, tea.MouseMsg{X: sp.from + 1, Y: 0, Action: tea.MouseActionPress, Button: tea.MouseButtonLeft})
		}
	}
	if m.view != viewSources {
		t.Errorf("click on the Sources tab did not open it")
	}
}

func TestWheelScrollsSliders(t *testing.T) {
	m := newTestModel(t, 80, 24) // the panel shows a few rows only
	sl := m.dash.l.sliders
	sl.y += m.body.y // the panel in terminal rows
	for range 30 {
		m = send(m, tea.MouseMsg{X: sl.x + 3, Y: sl.y + 2, Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	}
	if m.dash.offset == 0 {
		t.Fatalf("wheel did not scroll")
	}
	if m.dash.selected < m.dash.offset || m.dash.selected >= m.dash.offset+m.dash.sliderRows() {
		t.Errorf("selection %d left the window %d..%d", m.dash.selected, m.dash.offset, m.dash.offset+m.dash.sliderRows())
	}
	checkFrame(t, m.View(), 80, 24)
}

func TestResizeAndTooSmall(t *testing.T) {
	m := newTestModel(t, 160, 48)
	for _, sz := range [][2]int{{59, 30}, {100, 19}, {10, 3}, {1, 1}} {
		m = send(m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		frame := plain(m)
		checkFrame(t, m.View(), sz[0], sz[1])
		if sz[0] >= 20 && !strings.Contains(strings.Join(strings.Fields(frame), " "), "larger") {
			t.Errorf("%v: no request for a larger window:\n%s", sz, frame)
		}
	}
	for w := 60; w <= 300; w += 7 {
		for h := 20; h <= 100; h += 9 {
			m = send(m, tea.WindowSizeMsg{Width: w, Height: h})
			checkFrame(t, m.View(), w, h)
			m = send(m, keys("5")...)
			checkFrame(t, m.View(), w, h)
			m = send(m, keys("?")...)
			checkFrame(t, m.View(), w, h)
			m = send(m, keys("?", "1")...)
		}
	}
}

func TestNoRevenueSaysSo(t *testing.T) {
	m := newTestModel(t, 160, 48)
	for _, id := range []market.ID{input("licence_mobile"), input("licence_pc"), input("licence_tv")} {
		m = selectInput(t, m, id)
		m = send(m, keys(" ")...)
	}
	m = send(m, keys("c")...) // the linear revenue chart has nothing to draw
	frame := plain(m)
	if !strings.Contains(strings.Join(strings.Fields(frame), " "), "No revenue in 2015–2025") {
		t.Errorf("with no licence the chart does not say there is no revenue:\n%s", frame)
	}
	checkFrame(t, m.View(), 160, 48)
}

func TestSensitivityView(t *testing.T) {
	m := newTestModel(t, 160, 48)
	m = send(m, keys("3")...)
	frame := plain(m)
	// Conversion from 0.5% to 8% takes 2025 net from a quarter of today's
	// to four times it (net is proportional to conversion): the biggest bar.
	net := m.s.proj.Last(output("net_usd"))
	lo, hi := market.FormatMoney(net/4, market.USD), market.FormatMoney(net*4, market.USD)
	if !strings.Contains(frame, "Sensitivity: net revenue in 2025") || !strings.Contains(frame, lo) || !strings.Contains(frame, hi) {
		t.Errorf("tornado lacks the conversion bar:\n%s", frame)
	}
	first := strings.Index(frame, "Conversion")
	if first < 0 || strings.Index(frame, "Price") < first {
		t.Errorf("conversion is not the first bar")
	}
	m = send(m, keys("m", "h", "h")...)
	// m goes from the headline to the next output in [outputs]: the
	// first card, TAM.
	if m.sens.output != output("tam_usd") || m.sens.year != 2023 {
		t.Errorf("m h h: output %d year %d, want TAM 2023", m.sens.output, m.sens.year)
	}
	if !strings.Contains(plain(m), "TAM in 2023") {
		t.Errorf("title does not follow the choice")
	}
	checkFrame(t, m.View(), 160, 48)
}

func TestGoalSeekFormAppliesAndUndoes(t *testing.T) {
	m := newTestModel(t, 160, 48)
	m = selectInput(t, m, input("conversion"))
	m = send(m, keys("g", "ctrl+u")...)
	m = send(m, typeText("$200M")...)
	// Year field (two up from the target): five years back from 2025.
	m = send(m, keys("up", "up", "left", "left", "left", "left", "left", "enter")...)
	if m.seek.answer == nil || !m.seek.answer.Found {
		t.Fatalf("no answer: %+v err %q", m.seek.answer, m.seek.err)
	}
	// 2% gives $83.86M in 2020, so $200M needs 2% × 200/83.86 = 4.77%.
	if !strings.Contains(plain(m), "Conversion 4.8% gives net revenue in 2020 of $200M") {
		t.Errorf("form does not show the answer:\n%s", plain(m))
	}
	m = send(m, keys("enter")...)
	if (m.mode == modeSeek) || m.s.values[input("conversion")] < 0.0476 || m.s.values[input("conversion")] > 0.0478 {
		t.Fatalf("apply: seeking %v, conversion %v", (m.mode == modeSeek), m.s.values[input("conversion")])
	}
	m = send(m, keys("u")...)
	if m.s.values[input("conversion")] != 0.02 {
		t.Errorf("u after goal seek gives %v, want 0.02", m.s.values[input("conversion")])
	}
	// Out of reach: said plainly, nothing applied.
	m = send(m, keys("g", "ctrl+u")...)
	m = send(m, typeText("$900B")...)
	m = send(m, keys("enter", "enter")...)
	if !(m.mode == modeSeek) || m.s.values[input("conversion")] != 0.02 || !strings.Contains(plain(m), "Conversion cannot make") {
		t.Errorf("unreachable target: seeking %v conversion %v", (m.mode == modeSeek), m.s.values[input("conversion")])
	}
	// A bad target is refused with the accepted forms.
	m = send(m, keys("ctrl+u")...)
	m = send(m, typeText("lots")...)
	m = send(m, keys("enter")...)
	if !strings.Contains(m.seek.err, `"lots"`) {
		t.Errorf("bad target error %q", m.seek.err)
	}
	m = send(m, keys("esc")...)
	if m.mode == modeSeek {
		t.Errorf("esc does not close the form")
	}
}
