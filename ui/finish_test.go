package ui

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"sizeup/market"
)

// One test per defect of the finish (issue 9), each failing on the code
// before the components.

var sizes = [][2]int{{80, 24}, {100, 30}, {120, 40}, {160, 48}, {200, 60}}

// openPreset opens a preset from the Scenarios view by name.
func openPreset(t *testing.T, m Model, name string) Model {
	t.Helper()
	m = send(m, keys("4")...)
	for i, it := range m.scen.items() {
		if it.name == name {
			m.scen.cursor = i
		}
	}
	return send(m, keys("enter")...)
}

func TestUndoRestoresTheScenarioName(t *testing.T) {
	m := newTestModel(t, 160, 48)
	m = openPreset(t, m, "Bear")
	if m.s.scenario.name != "Bear" || m.s.values == m.s.defaults {
		t.Fatalf("Bear did not open: %q", m.s.scenario.name)
	}
	m = send(m, keys("u")...)
	if m.s.scenario.name != "Base" || m.s.values != m.s.defaults {
		t.Errorf("after undo: scenario %q, values at default %v", m.s.scenario.name, m.s.values == m.s.defaults)
	}
	if !strings.Contains(m.s.status.text, "Back to Base (was Bear; 9 inputs)") {
		t.Errorf("undo says %q", m.s.status.text)
	}
	m = send(m, keys("1")...)
	if f := plain(m); strings.Contains(f, "Bear") {
		t.Errorf("the frame still names Bear after undo:\n%s", f)
	}
	if sub := subtitle(m.s); strings.Contains(sub, "Bear") {
		t.Errorf("the slide subtitle says %q", sub)
	}
	m = send(m, keys("ctrl+r")...)
	if m.s.scenario.name != "Bear" || !strings.Contains(m.s.status.text, "Bear again (was Base; 9 inputs)") {
		t.Errorf("redo: scenario %q, status %q", m.s.scenario.name, m.s.status.text)
	}
}

// Every labelled row of a log axis is the true value of that row: ticks
// fall on whole rows, evenly spaced in powers of ten.
func TestLogAxisLabelsAreTrue(t *testing.T) {
	for rows := 2; rows <= 40; rows++ {
		for _, span := range [][2]float64{{6, 10.7}, {4.2, 8.9}, {7.5, 8.1}, {3, 11.5}} {
			ax, ok := logAxis(span[0], span[1], rows)
			if !ok {
				continue
			}
			if ax.rows > rows || ax.rows < 1 {
				t.Fatalf("rows %d span %v: axis uses %d rows", rows, span, ax.rows)
			}
			ticks := (ax.top - ax.bottom) / ax.step
			if ticks != math.Trunc(ticks) || ax.rows%int(ticks) != 0 {
				t.Fatalf("rows %d span %v: %v ticks over %d rows", rows, span, ticks, ax.rows)
			}
			labelled := 0
			for r := 0; r <= ax.rows; r++ {
				mag := ax.top - float64(r)*(ax.top-ax.bottom)/float64(ax.rows)
				if tick, ok := ax.tickAt(mag); ok {
					labelled++
					if math.Abs(tick-mag) > 1e-9 || tick != math.Round(tick) {
						t.Fatalf("row %d at 10^%v is labelled 10^%v", r, mag, tick)
					}
				}
			}
			if labelled != int(ticks)+1 {
				t.Errorf("rows %d span %v: %d labels for %v ticks", rows, span, labelled, ticks)
			}
		}
	}
}

// At 100×30 the log chart is too short for TAM and revenue together: it
// shows revenue, says where TAM is, and labels no row with a wrong value.
func TestShortLogChartShowsRevenueAndSaysWhereTAMIs(t *testing.T) {
	m := newTestModel(t, 100, 30)
	f := plain(m)
	tam, sam := m.s.proj.Last(output("tam_usd")), m.s.proj.Last(output("sam_usd"))
	if !strings.Contains(f, "TAM "+market.FormatMoney(tam, market.USD)+" and SAM "+market.FormatMoney(sam, market.USD)+" in 2025 are above this axis") {
		t.Errorf("no word of where TAM is:\n%s", f)
	}
	// Labels down the axis are consecutive powers of ten, one per row or
	// evenly spaced, never "$1B" directly above "$10M".
	var labels []string
	for _, l := range strings.Split(f, "\n") {
		if i := strings.Index(l, "┤"); i > 0 {
			if lab := strings.TrimSpace(strings.TrimLeft(l[:i], "│ ")); lab != "" {
				labels = append(labels, lab)
			}
		}
	}
	for i := 1; i < len(labels); i++ {
		if labels[i-1] == "$1B" && labels[i] == "$10M" {
			t.Errorf("the axis skips $100M: %v", labels)
		}
	}
}

func TestHelpFitsAndListsEveryKey(t *testing.T) {
	for _, sz := range sizes {
		m := newTestModel(t, sz[0], sz[1])
		m = send(m, keys("?")...)
		checkFrame(t, m.View(), sz[0], sz[1])
		text := ansi.Strip(m.help.vp.View())
		for range 40 { // scroll to the end, collecting what is shown
			m = send(m, keys("pgdown")...)
			text += ansi.Strip(m.help.vp.View())
		}
		for _, want := range []string{"tab ", "⇧tab", "1-5", "q ", "r ", "R ", "ctrl+r", "space", "m ", "[ ", "] ", "= ", "esc", "? "} {
			if !strings.Contains(text, want) {
				t.Errorf("%dx%d: help lacks %q", sz[0], sz[1], want)
			}
		}
	}
}

func TestHelpBarAlwaysEndsInHelpAndQuit(t *testing.T) {
	for _, sz := range sizes {
		for _, v := range []string{"1", "2", "3", "4", "5"} {
			m := newTestModel(t, sz[0], sz[1])
			m = send(m, keys(v)...)
			lines := strings.Split(plain(m), "\n")
			bar := lines[len(lines)-1]
			if !strings.Contains(bar, "? help") || !strings.Contains(bar, "q quit") || strings.Contains(bar, "…") {
				t.Errorf("%dx%d view %s: help bar %q", sz[0], sz[1], v, bar)
			}
		}
	}
}

func TestTypingReplacesTheValueShown(t *testing.T) {
	m := newTestModel(t, 120, 40)
	m = selectInput(t, m, input("conversion"))
	m = send(m, keys("enter")...)
	m = send(m, typeText("3%")...)
	m = send(m, keys("enter")...)
	if got := m.s.values[input("conversion")]; got != 0.03 {
		t.Errorf("typing 3%% over 2.0%% gives %v", got)
	}
	// ← keeps the value and moves the cursor.
	m = send(m, keys("enter", "left")...)
	m = send(m, typeText("5")...)
	if got := m.prompt.text.value(); got != "3.05%" {
		t.Errorf("after ← and 5: %q, want 3.05%%", got)
	}
	m = send(m, keys("esc")...)
	// Goal seek's target is selected the same way.
	m = send(m, keys("g")...)
	m = send(m, typeText("$100M")...)
	if got := m.seek.target.value(); got != "$100M" {
		t.Errorf("goal seek target %q, want $100M", got)
	}
}

func TestPastedTextIsText(t *testing.T) {
	store := newMemStore()
	m := newScenarioModel(t, store)
	m = run(m, keys("s")...)
	for _, msg := range []tea.KeyMsg{
		{Type: tea.KeyRunes, Runes: []rune("prices up and down")},         // a burst
		{Type: tea.KeyRunes, Runes: []rune(" left right q"), Paste: true}, // bracketed
	} {
		m = run(m, msg)
	}
	if got := m.prompt.text.value(); got != "prices up and down left right q" {
		t.Errorf("the name box holds %q", got)
	}
}

func TestNothingCutWhereThereIsRoom(t *testing.T) {
	// Sensitivity's "No effect on …" line, at every size.
	for _, sz := range sizes {
		m := newTestModel(t, sz[0], sz[1])
		m = send(m, keys("3")...)
		f := plain(m)
		if strings.Contains(f, "No effect on") && strings.Contains(f, "…") && !strings.Contains(f, "more inputs") {
			t.Errorf("%dx%d: sensitivity cuts text:\n%s", sz[0], sz[1], f)
		}
	}
	// Sources at 100 columns: the header sentence whole.
	m := newTestModel(t, 100, 30)
	m = send(m, keys("5")...)
	if f := plain(m); !strings.Contains(f, "inputs without a source are") || !strings.Contains(f, "assumptions.") || strings.Contains(f, "are ass…") {
		t.Errorf("Sources cuts its header:\n%s", f)
	}
	// A long message is one row that says how to read it whole, and v
	// shows it whole (issue 19 item 5: a wrapped message moved the panels).
	m = newTestModel(t, 80, 24)
	long := "Wrote sizeup-shots/dashboard-base-20261201-101500.{txt,ansi,svg,png} and the deck chart projection-deck-base-20261201-101500.{png,svg}."
	m.s.setStatus(long)
	m = send(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if f := plain(m); !strings.Contains(f, "v: read it all") {
		t.Errorf("the cut message does not say how to read it:\n%s", f)
	}
	checkFrame(t, m.View(), 80, 24)
	m = send(m, keys("v")...)
	f := plain(m)
	for _, l := range wrap(long, overlayWidth(80)-4) {
		if !strings.Contains(f, strings.TrimSpace(l)) {
			t.Errorf("v does not show the message whole (no %q):\n%s", l, f)
		}
	}
	if m = send(m, keys("j")...); m.mode != modeView || strings.Contains(plain(m), "any key closes") {
		t.Errorf("a key does not close the message:\n%s", plain(m))
	}
	checkFrame(t, m.View(), 80, 24)
	// A triangulation warning is readable whole at 200×60.
	m = newTestModel(t, 200, 60)
	m.s.values[input("conversion")], m.s.values[input("price")] = 0.5, 60
	m.s.evaluate()
	m = send(m, sizeMsg(200, 60))
	if len(m.s.warnings) == 0 {
		t.Fatal("no warning at 50% conversion and $60 a month")
	}
	notes := strings.Fields(ansi.Strip(strings.Join(m.dash.notes, " ")))
	if !strings.Contains(strings.Join(notes, " "), strings.Join(strings.Fields(m.s.warnings[0].Message), " ")) {
		t.Errorf("the warning is not whole: %q in %q", m.s.warnings[0].Message, notes)
	}
	f = plain(m)
	for _, l := range m.dash.notes {
		if !strings.Contains(f, strings.TrimSpace(ansi.Strip(l))) {
			t.Errorf("the frame lacks the note line %q", ansi.Strip(l))
		}
	}
}

func TestPresentationFitsAndSaysHowToLeave(t *testing.T) {
	for _, sz := range sizes {
		m := newTestModel(t, sz[0], sz[1])
		m = send(m, keys("p")...)
		checkFrame(t, m.View(), sz[0], sz[1])
		f := plain(m)
		if !strings.Contains(f, "esc leaves") {
			t.Errorf("%dx%d: the slide does not say how to leave", sz[0], sz[1])
		}
		if !strings.Contains(strings.Join(strings.Fields(f), " "), "Made with sizeup.") {
			t.Errorf("%dx%d: the footer is cut:\n%s", sz[0], sz[1], f)
		}
		for i, l := range strings.Split(f, "\n") {
			if strings.HasPrefix(l, "╭") && !strings.HasSuffix(l, "╮") {
				t.Errorf("%dx%d line %d: a box loses its right edge: %q", sz[0], sz[1], i, l)
			}
		}
		m = send(m, keys("esc")...)
		if m.mode != modeView || !strings.Contains(m.s.status.text, "Left presentation mode") {
			t.Errorf("%dx%d: esc leaves %v, says %q", sz[0], sz[1], m.mode, m.s.status.text)
		}
	}
	// m on a slide of the Uncertainty view: the title follows the chart.
	m := newMCModel(t, 120, 40)
	m = send(m, keys("2", "p", "m")...)
	if f := plain(m); !strings.HasPrefix(strings.TrimSpace(f), "Subscribers under uncertainty") {
		t.Errorf("after m the slide is titled:\n%s", strings.SplitN(f, "\n", 2)[0])
	}
}

func TestThemesPaintTheirBackground(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	mk := testMarket(t)
	for _, theme := range []string{"light", "dark"} {
		for _, k := range []string{"", "?", "g", "enter", "2", "3", "4", "5", "p"} {
			m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: r, Theme: theme, Samples: -1})
			m = send(m, sizeMsg(120, 40))
			if k != "" {
				m = send(m, keys(k)...)
			}
			bg := m.s.styles.bg
			if bg == "" {
				t.Fatalf("%s: no background", theme)
			}
			for i, l := range strings.Split(m.View(), "\n") {
				if !strings.HasPrefix(l, bg) || strings.Count(l, "\x1b[0m") != strings.Count(l, "\x1b[0m"+bg)+1 ||
					strings.Count(l, "\x1b[m") != strings.Count(l, "\x1b[m"+bg) { // lipgloss's padding resets too
					t.Fatalf("%s after %q, line %d: the background is not kept across the line: %q", theme, k, i, l)
				}
			}
		}
	}
	// On a terminal known to be dark, the light theme paints its background
	// and the dark theme leaves the terminal's own.
	for _, tc := range []struct {
		theme string
		paint bool
	}{{"light", true}, {"dark", false}} {
		m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: r, Theme: tc.theme, Background: "dark", Samples: -1})
		if got := m.s.styles.bg != ""; got != tc.paint {
			t.Errorf("%s theme on a dark terminal paints its background: %v, want %v", tc.theme, got, tc.paint)
		}
	}
	// The light theme's chart axis is darker than the old light grey
	// (256-colour 250, #bcbcbc).
	if c := seriesRGB("axis", false); int(c.R)+int(c.G)+int(c.B) >= 3*0xbc {
		t.Errorf("light axis colour %v is too pale to read", c)
	}
}

func TestNoColorMarksTheActiveTab(t *testing.T) {
	m := newTestModel(t, 120, 40)
	if !strings.Contains(plain(m), "[Dashboard]") {
		t.Errorf("the active tab is not marked without colour: %q", strings.SplitN(plain(m), "\n", 2)[0])
	}
}

func TestStatusExpires(t *testing.T) {
	m := newTestModel(t, 120, 40)
	m = send(m, keys("$")...)
	seq := m.s.status.seq
	if m.s.status.text == "" {
		t.Fatal("no message")
	}
	m = send(m, statusExpiredMsg{seq - 1})
	if m.s.status.text == "" {
		t.Fatal("an older timer cleared a newer message")
	}
	m = send(m, statusExpiredMsg{seq})
	if m.s.status.text != "" {
		t.Errorf("the message outlived its time: %q", m.s.status.text)
	}
	m = send(m, keys("$")...)
	m = send(m, keys("j")...) // the next action
	if strings.Contains(m.s.status.text, "Money in") {
		t.Errorf("the message outlived the next action")
	}
}

func TestSwitchesAndMarks(t *testing.T) {
	m := newTestModel(t, 160, 48)
	m = selectInput(t, m, input("licence_tv"))
	m = send(m, keys("h")...)
	if m.s.values[input("licence_tv")] != 0 {
		t.Errorf("h did not switch the TV licence off")
	}
	m = send(m, keys("h")...)
	if m.s.values[input("licence_tv")] != 0 {
		t.Errorf("h switched it back on")
	}
	m = send(m, keys("l")...)
	if m.s.values[input("licence_tv")] != 1 {
		t.Errorf("l did not switch it on")
	}
	for _, l := range strings.Split(plain(m), "\n") {
		if strings.Contains(l, "Licence: PC") && strings.Count(l, "on") != 1 {
			t.Errorf("a licence row says on more than once: %q", l)
		}
		if strings.Contains(l, "Internet users ") && strings.Contains(l, "●") {
			t.Errorf("● marks an input that did not move: %q", l)
		}
	}
}

func TestLongScenarioNameKeepsTheTitle(t *testing.T) {
	mk := testMarket(t)
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: -1,
		Scenario: "A very long scenario name about an all-device partner deal"})
	m = send(m, sizeMsg(160, 48))
	if head := strings.SplitN(plain(m), "\n", 2)[0]; !strings.Contains(head, "China online video") {
		t.Errorf("header lost the title: %q", head)
	}
}

func TestDeletingTheLastSavedKeepsTheCursorOnARow(t *testing.T) {
	store := newMemStore()
	store.saved["Only"] = market.Scenario{Name: "Only"}
	m := newScenarioModel(t, store)
	m = run(m, keys("4")...)
	m.scen.cursor = len(m.scen.items()) - 1
	m = run(m, keys("d", "d")...)
	if _, ok := store.saved["Only"]; ok {
		t.Fatal("not deleted")
	}
	if m.scen.cursor >= len(m.scen.items()) {
		t.Errorf("cursor %d past the %d rows", m.scen.cursor, len(m.scen.items()))
	}
}

func TestBadNameIsRefusedBeforeTheNote(t *testing.T) {
	m := newScenarioModel(t, newMemStore())
	m = run(m, keys("s")...)
	m = run(m, typeText("../../x")...)
	m = run(m, keys("enter")...)
	if m.prompt.kind != promptSaveName || m.prompt.err == "" {
		t.Errorf("a path as a name went on to the note: kind %v, err %q", m.prompt.kind, m.prompt.err)
	}
}

func TestScenariosShowNotesAndWhys(t *testing.T) {
	m := newScenarioModel(t, newMemStore())
	m = run(m, keys("4")...)
	bear, ok := m.s.market.Preset("Bear")
	if !ok || len(bear.Settings) == 0 {
		t.Skip("the market has no Bear preset with settings")
	}
	for i, it := range m.scen.items() {
		if it.name == "Bear" {
			m.scen.cursor = i
		}
	}
	f := strings.Join(strings.Fields(plain(m)), " ")
	if bear.Note != "" && !strings.Contains(f, strings.Join(strings.Fields(bear.Note), " ")[:20]) {
		t.Errorf("the note of Bear is not shown")
	}
	for _, set := range bear.Settings {
		if set.Why != "" && !strings.Contains(f, strings.Join(strings.Fields(set.Why), " ")[:min(8, len(set.Why))]) {
			t.Errorf("the why of %s is not shown", china().Inputs[set.ID].Name)
		}
	}
}

func TestGoalSeekForm(t *testing.T) {
	m := newTestModel(t, 120, 40)
	m = send(m, keys("g")...)
	f := plain(m)
	if strings.Contains(f, "Asked ofthe") || !strings.Contains(f, "Asked of  ") {
		t.Errorf("label and choice run together")
	}
	m = send(m, keys("up", "up", "up", "up")...) // to the input field
	for range 30 {
		m = send(m, keys("right")...)
		if m.seek.input == input("fx_cny_per_usd") {
			t.Fatal("goal seek offers the exchange rate")
		}
	}
}

func TestHistogramTailsAreLabelled(t *testing.T) {
	m := newMCModel(t, 160, 48)
	m = send(m, keys("2")...)
	if f := plain(m); !strings.Contains(f, "░ tails: below") {
		t.Errorf("the histogram's end bars are not labelled as tails")
	}
}

// A golden frame per view and overlay at every size.
func TestGoldenComponents(t *testing.T) {
	for _, sz := range sizes {
		for _, c := range []struct {
			name string
			keys []string
		}{
			{"dashboard", nil}, {"sensitivity", []string{"3"}}, {"scenarios", []string{"4"}}, {"sources", []string{"5"}},
			{"help", []string{"?"}}, {"goalseek", []string{"g"}}, {"prompt", []string{"enter"}}, {"slide", []string{"p"}},
		} {
			t.Run(fmt.Sprintf("%s-%dx%d", c.name, sz[0], sz[1]), func(t *testing.T) {
				m := newTestModel(t, sz[0], sz[1])
				m = send(m, keys(c.keys...)...)
				checkFrame(t, m.View(), sz[0], sz[1])
				golden.RequireEqual(t, []byte(m.View()))
			})
		}
		t.Run(fmt.Sprintf("uncertainty-%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m := newMCModel(t, sz[0], sz[1])
			m = send(m, keys("2")...)
			checkFrame(t, m.View(), sz[0], sz[1])
			golden.RequireEqual(t, []byte(m.View()))
		})
	}
}

// One flow per view through a real tea.Program: each step's keys, then
// what the screen must come to show (polled, with a deadline).
func TestProgramFlows(t *testing.T) {
	mk := testMarket(t)
	type step struct {
		keys  string
		waits []string
	}
	for _, flow := range []struct {
		name  string
		steps []step
	}{
		{"uncertainty", []step{{"2", []string{"samples · seed"}}, {"m", []string{"Subscribers given a deal"}}}},
		{"sensitivity", []step{{"3m", []string{"Sensitivity: TAM"}}}},
		{"scenarios", []step{{"4jj\r", []string{"Opened Bull"}}}},
		{"sources", []step{{"5", []string{"Sources ·", "DECISIONS", "Price"}}}},
	} {
		t.Run(flow.name, func(t *testing.T) {
			m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: 5000, Seed: 1})
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(160, 48))
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte("Assumptions")) }, teatest.WithDuration(10*time.Second))
			for _, st := range flow.steps {
				for _, r := range st.keys {
					if r == '\r' {
						tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
					} else {
						tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
					}
				}
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
					for _, w := range st.waits {
						if !bytes.Contains(b, []byte(w)) {
							return false
						}
					}
					return true
				}, teatest.WithDuration(10*time.Second))
			}
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
			tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
		})
	}
}
