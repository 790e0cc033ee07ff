package ui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// Monte Carlo runs off the UI goroutine. Every change to the values or the
// intervals bumps a generation; a short pause later the run for that
// generation starts, cancelling any run still going, and its result comes
// back as a message. Results of older generations are dropped, so the
// screen shows the last finished result, marked stale while a newer one is
// being computed. The engine keeps its draws between runs, so a result
// moves only because an assumption moved.

// mcDebounce is how long the inputs must rest before a run starts: a held
// arrow key does not start (and cancel) a run per repeat, and the keys keep
// both cores to themselves while they move.
const mcDebounce = 40 * time.Millisecond

// mcState is shared by every copy of the Model (Bubble Tea copies it on
// each Update), and touched only from Update and View.
type mcState struct {
	engine      *market.Engine
	n           int
	seed        uint64
	front, back *market.Result // shown; being written by the running run
	cancel      context.CancelFunc
	gen         int  // the generation the inputs are at
	shown       int  // the generation of front; 0 before the first result
	running     bool // a run is under way (or about to start)
	took        time.Duration
	err         error

	scheduled    market.Values // the inputs the latest generation is for
	scheduledUnc market.Uncertainty

	// Worked out once per result (and target, and histogram width), not on
	// every frame.
	hist       []int     // horizon-year net, log-spaced bins
	histEdges  []float64 // USD
	histZeros  int       // samples with zero net, given a deal
	histFor    [2]int    // the generation and width hist was counted for
	spread     []market.SpreadShare
	pGiven     float64 // P(net ≥ target | deal)
	pWith      float64 // P(net ≥ target) counting the deal risk
	probFor    float64 // the target those were worked out for
	probForGen int
	target     float64 // USD
}

// mcStartMsg starts the run for a generation, if it is still the latest.
type mcStartMsg struct{ gen int }

// mcDoneMsg brings a finished (or failed) run back.
type mcDoneMsg struct {
	gen    int
	result *market.Result
	took   time.Duration
	err    error
}

func newMCState(m *market.Market, n int, seed uint64) *mcState {
	return &mcState{
		engine: market.NewEngine(m),
		n:      n,
		seed:   seed,
		front:  &market.Result{},
		back:   &market.Result{},
	}
}

// invalidate records that the inputs changed and schedules a run.
func (m *Model) invalidate() tea.Cmd {
	if m.mc == nil {
		return nil
	}
	m.mc.gen++
	m.mc.running = true
	gen := m.mc.gen
	return tea.Tick(mcDebounce, func(time.Time) tea.Msg { return mcStartMsg{gen} })
}

// startRun cancels whatever runs and starts the run for the current inputs.
func (m *Model) startRun(gen int) tea.Cmd {
	mc := m.mc
	if mc == nil || gen != mc.gen {
		return nil
	}
	if mc.cancel != nil {
		mc.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	mc.cancel = cancel
	cfg := market.RunConfig{N: mc.n, Seed: mc.seed, Values: m.values, Uncertainty: m.unc}
	engine, dst := mc.engine, mc.back
	return func() tea.Msg {
		start := time.Now()
		err := engine.Run(ctx, dst, cfg)
		return mcDoneMsg{gen: gen, result: dst, took: time.Since(start), err: err}
	}
}

// finishRun takes a result in if it is for the current inputs.
func (m *Model) finishRun(msg mcDoneMsg) {
	mc := m.mc
	if mc == nil || msg.gen != mc.gen {
		return // an older run, cancelled or overtaken
	}
	mc.running = false
	if msg.err != nil {
		if msg.err != context.Canceled {
			mc.err = msg.err
		}
		return
	}
	mc.front, mc.back = msg.result, mc.front
	mc.shown, mc.took, mc.err = msg.gen, msg.took, nil
	mc.spread = mc.front.SpreadShares()
	mc.probForGen = 0
	m.updateProb()
}

// updateProb works out P(net ≥ target) for the shown result.
func (m *Model) updateProb() {
	mc := m.mc
	if mc == nil || mc.shown == 0 || (mc.probForGen == mc.shown && mc.probFor == mc.target) {
		return
	}
	r := mc.front
	mc.pGiven, mc.pWith, _ = r.ProbAtLeast(market.OutNet, r.LastYear(), mc.target)
	mc.probFor, mc.probForGen = mc.target, mc.shown
}

// result is the shown Monte Carlo result, or nil before the first one.
func (m *Model) result() *market.Result {
	if m.mc == nil || m.mc.shown == 0 {
		return nil
	}
	return m.mc.front
}

// stale reports whether the inputs moved since the shown result.
func (m *Model) stale() bool { return m.mc != nil && m.mc.shown != m.mc.gen }

// histogram counts the shown result's horizon-year net into cols log-spaced
// bins, once per result and width.
func (mc *mcState) histogram(cols int) {
	if mc.histFor == [2]int{mc.shown, cols} {
		return
	}
	r := mc.front
	mc.histEdges, mc.hist, mc.histZeros, _ = r.LogHistogramOf(market.OutNet, r.LastYear(), cols)
	mc.histFor = [2]int{mc.shown, cols}
}
