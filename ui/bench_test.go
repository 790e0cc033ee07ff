package ui

import (
	"context"
	"io"
	"runtime"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"sizeup/market"
)

// benchModel is the app as a user sees it: true colour, a dark terminal and
// the dark theme that --theme auto picks for it, 160×48.
func benchModel(b *testing.B) Model {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	mk := testMarket(b)
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: r, Theme: "dark", Background: "dark"})
	return send(m, tea.WindowSizeMsg{Width: 160, Height: 48})
}

// BenchmarkKeystroke is a keystroke to a finished frame: Update with → or
// ← on a slider, then View of the dashboard at 160×48 (budget 0.5 ms).
func BenchmarkKeystroke(b *testing.B) {
	m := benchModel(b)
	m = selectInput(b, m, input("conversion"))
	keystrokes(b, m)
}

// keystrokes times → and ← in turn on the selected slider, each followed
// by a full frame.
func keystrokes(b *testing.B, m Model) {
	right, left := keyMsg("right"), keyMsg("left")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := right
		if i%2 == 1 {
			k = left
		}
		i++
		next, _ := m.Update(k)
		m = next.(Model)
		_ = m.View()
	}
}

// BenchmarkResize is a resize to a finished frame.
func BenchmarkResize(b *testing.B) {
	m := benchModel(b)
	sizes := []tea.WindowSizeMsg{{Width: 160, Height: 48}, {Width: 159, Height: 47}}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		next, _ := m.Update(sizes[i%2])
		i++
		m = next.(Model)
		_ = m.View()
	}
}

// BenchmarkView is View alone with nothing changed (the chart is cached).
func BenchmarkView(b *testing.B) {
	m := benchModel(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkKeystrokeWhileMonteCarlo is BenchmarkKeystroke while Monte
// Carlo runs of 100,000 samples on both cores go on back to back, as they
// do after a slider moves.
func BenchmarkKeystrokeWhileMonteCarlo(b *testing.B) {
	m := benchModel(b)
	m = selectInput(b, m, input("conversion"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	runs := 0
	go func() {
		defer close(done)
		e := market.NewEngine(m.s.market)
		var r market.Result
		v := m.s.market.Defaults()
		for ctx.Err() == nil {
			v[input("conversion")] = 0.02 + float64(runs%5)*0.001
			if e.Run(ctx, &r, market.RunConfig{N: 100_000, Seed: 1, Values: v}) == nil {
				runs++
			}
		}
	}()
	keystrokes(b, m)
	b.StopTimer()
	cancel()
	<-done
	b.ReportMetric(float64(runs), "mc-runs")
}

// BenchmarkFirstFrame is what start-up does before the first frame: build
// the app on a parsed market and draw the dashboard at 160×48.
func BenchmarkFirstFrame(b *testing.B) {
	mk := testMarket(b)
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	b.ReportAllocs()
	for b.Loop() {
		m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: r, Theme: "dark"})
		m = send(m, tea.WindowSizeMsg{Width: 160, Height: 48})
		_ = m.View()
	}
}

// BenchmarkMemoryWithSamples reports the heap the app holds with 100,000
// Monte Carlo samples after two runs (front and back results, kept draws).
func BenchmarkMemoryWithSamples(b *testing.B) {
	for b.Loop() {
		mk := testMarket(b)
		m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: 100_000, Seed: 1})
		m = send(m, tea.WindowSizeMsg{Width: 160, Height: 48})
		m = settle(b, m)
		m = selectInput(b, m, input("price"))
		m = send(m, keyMsg("right"))
		m = settle(b, m)
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
		runtime.KeepAlive(m)
	}
}
