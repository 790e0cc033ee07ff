package ui

import (
	"io"
	"math"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sizeup/data/markets"
)

// a judges the model against what happened, year by year, at each year's
// own exchange rate, says where modelled users stand against CNNIC's, and
// A tries the growth the actuals imply as one undoable change: in USD at
// each year's rate, the model's unit, never the yuan rate (37.8%).
func TestHindsightJudgesInTheApp(t *testing.T) {
	m := newTestModel(t, 160, 48)
	m = send(m, keys("a")...)
	f := strings.Join(strings.Fields(plain(m)), " ")
	for _, want := range []string{"2016 −11.7%", "2018 +1.3%", "(¥6.64/$)", "implies 35.5% a year 2015–2018 in USD at each year's rate (37.8% in CNY)", "run a year behind"} {
		if !strings.Contains(f, want) {
			t.Errorf("the hindsight panel lacks %q", want)
		}
	}
	// The actual market of 2016 is ¥60.9bn at 2016's own 6.64, not the slider's 6.28.
	actual, _, _ := m.dash.actualMoney()
	if got, want := actual[1], 60.9e9/6.64; math.Abs(got/want-1) > 1e-9 {
		t.Errorf("2016's actual market in USD is %v, want %v", got, want)
	}
	m = send(m, keys("A")...)
	// iResearch ¥36.8bn (2015) and ¥96.27bn (2018) at 2015's and 2018's own rates.
	usd := math.Pow((96.27e9/6.6090)/(36.8e9/6.2843), 1.0/3) - 1
	if g := m.s.values[input("market_growth")]; math.Abs(g-usd) > 0.001 {
		t.Errorf("A set market growth to %v, want the USD rate %v (not the yuan 37.8%%)", g, usd)
	}
	m = send(m, keys("u")...)
	if m.s.values[input("market_growth")] != m.s.defaults[input("market_growth")] || !strings.Contains(m.s.status.text, "Market growth back to 35.0%/yr (was 35.5%/yr)") {
		t.Errorf("u after A: growth %v, status %q", m.s.values[input("market_growth")], m.s.status.text)
	}
}

// The hindsight note is a note, in the faint colour, not the red of errors
// and of the actual line.
func TestHindsightNoteIsNotRed(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	mk := testMarket(t)
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: r, Theme: "dark", Samples: -1})
	m = send(m, sizeMsg(160, 48))
	m = send(m, keys("a")...)
	for _, l := range strings.Split(m.View(), "\n") {
		if strings.Contains(l, "the market as reported") && !strings.Contains(l, m.s.styles.Faint.pre+"·· the market as reported") {
			t.Errorf("the hindsight note is not painted as a note: %q", l)
		}
	}
}

// After seeking P5 ≥ $100M on the Uncertainty view's draws and applying it,
// the view's own P5 is at the target.
func TestPercentileSeekReproducesOnTheView(t *testing.T) {
	m := newMCModel(t, 160, 48)
	m = selectInput(t, m, input("conversion"))
	m = send(m, keys("g")...)
	m = send(m, typeText("$100M")...)
	m = send(m, keys("up", "right", "right")...) // basis: P5
	next, cmd := m.Update(keyMsg("enter"))
	m = send(next.(Model), cmd())
	if m.seek.answer == nil || !m.seek.answer.Found {
		t.Fatalf("no answer: %q", m.seek.err)
	}
	m = send(m, keys("enter")...) // apply
	m = settle(t, m)
	if p5 := m.s.mc.result().Last().Out[0].P5; p5 < 100e6*(1-1e-9) {
		t.Errorf("the view's P5 is %v after seeking P5 ≥ $100M", p5)
	}
}

// India's calibrated inputs were fitted to some of its history: the header
// says what to, and the Hindsight panel marks those points in-sample while
// it shows them; the chart's note (on a slide too) names in-sample years
// of the actual line it draws.
func TestHindsightMarksInSampleInTheApp(t *testing.T) {
	mk, err := markets.OpenMarket("india-2016")
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark"})
	m = send(m, tea.WindowSizeMsg{Width: 200, Height: 60})
	if h := plain(m); !strings.Contains(strings.SplitN(h, "\n", 2)[0], "India online video · 2016–2024 · calibrated to 2016–2019") {
		t.Errorf("the header does not say what the market was calibrated to:\n%s", strings.SplitN(h, "\n", 2)[0])
	}
	m = send(m, keys("a")...)
	f := strings.Join(strings.Fields(plain(m)), " ")
	for _, want := range []string{"2016 −4.5% in-sample", "2017 +38.9%,", "in-sample: fitted to, not a test"} {
		if !strings.Contains(f, want) {
			t.Errorf("the hindsight view lacks %q:\n%s", want, plain(m))
		}
	}
	// China's actual market drawn on the chart, with 2016 taken as in-sample.
	ch := testMarket(t)
	ch.Inputs[input("market_growth")].Calibrated = true
	ch.History[0].InSample = []int{2016}
	c := send(New(Options{Market: ch, Values: ch.Defaults(), Renderer: testRenderer(), Theme: "dark"}), tea.WindowSizeMsg{Width: 160, Height: 48})
	c = send(c, keys("a")...)
	if note := c.dash.hindsightNote(); !strings.Contains(note, "; 2016 in-sample (a calibrated input was fitted to it)") {
		t.Errorf("the chart's note %q does not say 2016 is in-sample", note)
	}
}
