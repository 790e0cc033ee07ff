package ui

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"sizeup/market"
)

func TestUncertaintyViewShowsTheRun(t *testing.T) {
	m := newMCModel(t, 160, 48)
	m = send(m, keys("2")...)
	r := m.s.mc.result()
	if r == nil || r.N != 20000 || m.s.mc.stale() {
		t.Fatalf("no fresh result: %+v stale=%v", r, m.s.mc.stale())
	}
	frame := plain(m)
	cur := market.USD
	for _, want := range []string{
		"median        " + market.FormatMoney(r.Last().Out[0].P50, cur),
		market.FormatMoney(r.Last().Out[0].P5, cur) + " to " + market.FormatMoney(r.Last().Out[0].P95, cur),
		"no revenue    " + market.FormatPercent(r.PZeroRevenue, 1),
		"expected net  " + market.FormatMoney(r.RiskWeightedMean, cur) + " Monte Carlo mean, no deal = 0",
		"model as set  " + market.FormatMoney(m.s.proj.Last(output("net_usd")), cur),
		"Target: $500M net in 2025", "20,000 samples · seed 7", "What drives the spread", "Conversion",
		"Share of the variance of log(net in 2025)",
	} {
		if !strings.Contains(frame, want) {
			t.Errorf("Uncertainty view lacks %q", want)
		}
	}
	checkFrame(t, m.View(), 160, 48)
	golden.RequireEqual(t, []byte(m.View()))
}

func TestSliderMoveRerunsWithCommonDraws(t *testing.T) {
	m := newMCModel(t, 160, 48)
	before := m.s.mc.result().Last().Out[0]
	// Halve the price on the dashboard: with the draws kept, every net
	// percentile halves (to float32 precision), as nothing else moved.
	// (Doubling it would bring its hard limit, $50/mo, within reach of
	// the top 0.05% of its draws: those samples would not double.)
	m = selectInput(t, m, input("price"))
	m = send(m, keys("enter", "ctrl+u")...)
	m = send(m, typeText("2")...)
	m = send(m, keys("enter")...)
	if !m.s.mc.stale() || !m.s.mc.running {
		t.Fatalf("a moved slider does not mark the result stale and schedule a run")
	}
	m = send(m, keys("2")...)
	if !strings.Contains(plain(m), "stale, recomputing") {
		t.Errorf("stale result not marked")
	}
	m = settle(t, m)
	after := m.s.mc.result().Last().Out[0]
	for _, pair := range [][2]float64{{before.P5, after.P5}, {before.P50, after.P50}, {before.P95, after.P95}} {
		if r := pair[1] / pair[0]; r < 0.499995 || r > 0.500005 {
			t.Errorf("percentile went from %v to %v, ratio %v, want 1/2", pair[0], pair[1], r)
		}
	}
}

func TestOlderRunsAreDropped(t *testing.T) {
	m := newMCModel(t, 120, 40)
	shown := m.s.mc.result().Last().Out[0].P50
	m = selectInput(t, m, input("conversion"))
	m = send(m, keys("l")...)
	oldGen := m.s.mc.gen
	cmd := m.s.startRun(oldGen)
	m = send(m, keys("l")...) // moves again before the run comes back
	m = send(m, cmd())        // the overtaken run's result arrives
	if m.s.mc.shown == oldGen || m.s.mc.result().Last().Out[0].P50 != shown {
		t.Errorf("an overtaken run's result was shown")
	}
	m = settle(t, m)
	if m.s.mc.stale() {
		t.Errorf("still stale after the latest run")
	}
}

func TestNarrowWidenPin(t *testing.T) {
	m := newMCModel(t, 160, 48)
	m = selectInput(t, m, input("conversion"))
	in := m.s.market.Input(input("conversion"))
	lo0, hi0, _ := m.s.market.Interval(input("conversion"), &m.s.values, &m.s.unc)
	if math.Abs(lo0-in.Low) > 1e-12 || math.Abs(hi0-in.High) > 1e-12 {
		t.Fatalf("default interval %v..%v, want the file's %v..%v", lo0, hi0, in.Low, in.High)
	}
	m = send(m, keys("[")...)
	lo1, hi1, _ := m.s.market.Interval(input("conversion"), &m.s.values, &m.s.unc)
	if !(lo1 > lo0 && hi1 < hi0) || !strings.Contains(m.s.status.text, "×0.80 width") {
		t.Errorf("[ gives %v..%v (status %q), want narrower than %v..%v", lo1, hi1, m.s.status.text, lo0, hi0)
	}
	m = send(m, keys("]", "]")...)
	lo2, hi2, _ := m.s.market.Interval(input("conversion"), &m.s.values, &m.s.unc)
	if !(lo2 < lo0 && hi2 > hi0) {
		t.Errorf("] ] gives %v..%v, want wider than %v..%v", lo2, hi2, lo0, hi0)
	}
	m = send(m, keys("=")...)
	if !m.s.unc.Pinned[input("conversion")] || !strings.Contains(plain(m), "pinned at 2.0%") {
		t.Errorf("= does not pin conversion")
	}
	m = settle(t, m)
	for _, sh := range m.s.mc.spread {
		if sh.Input == input("conversion") && sh.Share != 0 {
			t.Errorf("pinned conversion still explains %v of the spread", sh.Share)
		}
	}
	// Switches and years carry no uncertainty: the keys are off for them.
	m = selectInput(t, m, input("launch_year"))
	if m.s.keys.Narrow.Enabled() || m.s.keys.Pin.Enabled() {
		t.Errorf("[ and = enabled on the launch year")
	}
}

func TestTargetProbability(t *testing.T) {
	m := newMCModel(t, 160, 48)
	m = send(m, keys("2", "enter", "ctrl+u")...)
	m = send(m, typeText("$100M")...)
	m = send(m, keys("enter")...)
	if m.s.mc.target != 100e6 {
		t.Fatalf("target %v, want 100e6", m.s.mc.target)
	}
	given, with, err := m.s.mc.result().ProbAtLeast(output("net_usd"), 2025, 100e6)
	if err != nil {
		t.Fatal(err)
	}
	frame := plain(m)
	if !strings.Contains(frame, "Target: $100M net in 2025") || !strings.Contains(frame, "P(reach it)   "+market.FormatPercent(given, 1)+" given a deal") ||
		!strings.Contains(frame, market.FormatPercent(with, 1)+" with the deal risk") {
		t.Errorf("frame lacks P(net ≥ $100M) %v / %v", given, with)
	}
	m = send(m, keys("enter", "ctrl+u")...)
	m = send(m, typeText("heaps")...)
	m = send(m, keys("enter")...)
	if m.s.mc.target != 100e6 || m.prompt.err == "" || m.mode != modePrompt {
		t.Errorf("a bad target was taken or not refused")
	}
}

func TestMonteCarloMatchesTheEngine(t *testing.T) {
	// The view's result is the engine's for the same values, seed and N.
	m := newMCModel(t, 120, 40)
	var r market.Result
	if err := market.NewEngine(m.s.market).Run(context.Background(), &r, market.RunConfig{N: 20000, Seed: 7, Values: m.s.values}); err != nil {
		t.Fatal(err)
	}
	if got, want := m.s.mc.result().Last().Out[0], r.Last().Out[0]; got != want {
		t.Errorf("UI result %+v, engine %+v", got, want)
	}
}

func TestGoalSeekOnAPercentile(t *testing.T) {
	// "What conversion makes the pessimistic case reach $100M net in 2025?"
	m := newMCModel(t, 160, 48)
	m = selectInput(t, m, input("conversion"))
	m = send(m, keys("g", "ctrl+u")...)
	m = send(m, typeText("$100M")...)
	m = send(m, keys("up", "right", "right")...) // basis: model → P50 → P5
	if seekBases[m.seek.basis].p != 0.05 {
		t.Fatalf("basis %q, want P5", seekBases[m.seek.basis].name)
	}
	next, cmd := m.Update(keyMsg("enter"))
	m = next.(Model)
	if !m.seek.busy || cmd == nil {
		t.Fatalf("a percentile seek did not start")
	}
	if !strings.Contains(plain(m), "Seeking over the Monte Carlo draws") {
		t.Errorf("no word that the seek runs")
	}
	m = send(m, cmd())
	a := m.seek.answer
	if a == nil || !a.Found {
		t.Fatalf("no answer: %+v %q", a, m.seek.err)
	}
	// Check it: P5 over the same first 20,000 draws at that conversion.
	v := m.s.values
	v[input("conversion")] = a.Value
	p5, err := m.s.mc.engine.Quantile(context.Background(), market.RunConfig{N: 20000, Seed: 7, Values: v}, output("net_usd"), 2025, 0.05, 20000)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(p5-100e6) > 0.5e6 {
		t.Errorf("P5 at conversion %v is %v, want $100M", a.Value, p5)
	}
	if !strings.HasPrefix(a.Message, "At P5 (the pessimistic case) over the Uncertainty view's 20,000 samples, Conversion ") {
		t.Errorf("the answer does not say it is about P5: %q", a.Message)
	}
	// An answer for fields that changed since is dropped.
	m = send(m, keys("down")...) // to the target
	m = send(m, typeText("0")...)
	if m.seek.answer != nil {
		t.Errorf("answer kept after the target changed")
	}
	m = send(m, keys("enter")...)
	m = send(m, keys("esc")...)
	if (m.mode == modeSeek) || m.seek.busy {
		t.Errorf("esc leaves the seek running")
	}
}
