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

// mcState is the session's Monte Carlo: the engine, the result shown and
// the run under way. Only Update touches it.
type mcState struct {
	engine      *market.Engine
	n           int
	seed        uint64
	front, back *market.Result // shown; being written by the running run
	cancel      context.CancelFunc
	gen         int  // the generation the inputs are at
	shown       int  // the generation of front; 0 before the first result
	running     bool // a run is under way (or about to start)
	held        bool // the first run waits for the first frame (Init; afterSize)
	took        time.Duration
	err         error

	scheduled    market.Values // the inputs the latest generation is for
	scheduledUnc market.Uncertainty

	// Worked out once per result and target, not on every frame.
	spread     []market.SpreadShare
	pGiven     float64 // P(headline ≥ target | deal)
	pWith      float64 // P(headline ≥ target) counting the deal risk
	probFor    float64 // the target those were worked out for
	probForGen int
	target     float64 // USD
}

// mcStartMsg starts the run for a generation, if it is still the latest.
type mcStartMsg struct{ gen int }

// mcFrameMsg comes when the first frame is on the terminal, and starts the
// run held for it.
type mcFrameMsg struct{}

// firstFrameWait is how long after the first size the first run waits.
// Bubble Tea (v1.3.10) writes frames from a 60 Hz ticker, so a frame
// (16.7 ms) and a little later the first one, drawn at that size, is on
// the terminal; a run started before it took both cores from the
// renderer and held that frame back by up to 20 ms of a 50 ms start. The
// screen says "running…" meanwhile, as it does while any run is on.
const firstFrameWait = 20 * time.Millisecond

// mcDoneMsg brings a finished (or failed) run back.
type mcDoneMsg struct {
	gen    int
	result *market.Result
	took   time.Duration
	err    error
}

// newMCState sets Monte Carlo up for a market; target is where P(headline
// ≥ target) starts.
func newMCState(m *market.Market, n int, seed uint64, target float64) *mcState {
	return &mcState{
		engine: market.NewEngine(m),
		n:      n,
		seed:   seed,
		front:  &market.Result{},
		back:   &market.Result{},
		target: target,
	}
}

// schedule records that the inputs changed and asks for a run a moment
// later; nil when nothing changed or Monte Carlo is off.
func (s *session) schedule() tea.Cmd {
	mc := s.mc
	if mc == nil || (s.values == mc.scheduled && s.unc == mc.scheduledUnc && mc.gen > 0) {
		return nil
	}
	mc.scheduled, mc.scheduledUnc = s.values, s.unc
	mc.gen++
	mc.running = true
	gen := mc.gen
	if mc.held {
		return nil // the latest generation starts after the first frame
	}
	if gen == 1 {
		return func() tea.Msg { return mcStartMsg{gen} } // the first run starts at once
	}
	return tea.Tick(mcDebounce, func(time.Time) tea.Msg { return mcStartMsg{gen} })
}

// holdFirstRun has the first run wait for the first frame (afterSize).
func (s *session) holdFirstRun() {
	if s.mc != nil && s.mc.gen == 0 {
		s.mc.held = true
	}
}

// afterSize is the first frame's wait, once the terminal's size is known
// and the first run is held for that frame; nil otherwise.
func (s *session) afterSize(w, h int) tea.Cmd {
	if s.mc == nil || !s.mc.held || w <= 0 || h <= 0 {
		return nil
	}
	return tea.Tick(firstFrameWait, func(time.Time) tea.Msg { return mcFrameMsg{} })
}

// frameWritten starts the run held for the first frame, for the inputs
// as they are now.
func (s *session) frameWritten() tea.Cmd {
	mc := s.mc
	if mc == nil || !mc.held {
		return nil
	}
	mc.held = false
	if !mc.running {
		return nil
	}
	return s.startRun(mc.gen)
}

// startRun cancels whatever runs and starts the run for the current inputs.
func (s *session) startRun(gen int) tea.Cmd {
	mc := s.mc
	if mc == nil || gen != mc.gen {
		return nil
	}
	if mc.cancel != nil {
		mc.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	mc.cancel = cancel
	cfg := mc.config(s)
	engine, dst := mc.engine, mc.back
	return func() tea.Msg {
		start := time.Now()
		err := engine.Run(ctx, dst, cfg)
		return mcDoneMsg{gen: gen, result: dst, took: time.Since(start), err: err}
	}
}

// config is the run configuration for the session's inputs: the one the
// view shows, which goal seek on a percentile solves on too.
// A frame drawn headless (sizeup render) is a run made once: it keeps no
// draws, and of the samples only the headline in the horizon year, which
// the histogram and P(headline ≥ target) read.
func (mc *mcState) config(s *session) market.RunConfig {
	cfg := market.RunConfig{N: mc.n, Seed: mc.seed, Values: s.values, Uncertainty: s.unc}
	if s.headless {
		cfg.OneShot, cfg.Keep = true, market.KeepHeadline
	}
	return cfg
}

// finishRun takes a result in if it is for the current inputs.
func (s *session) finishRun(msg mcDoneMsg) {
	mc := s.mc
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
	mc.updateProb()
}

// setTarget changes the target of P(headline ≥ target).
func (mc *mcState) setTarget(usd float64) {
	mc.target = usd
	mc.updateProb()
}

// updateProb works out P(headline ≥ target) for the shown result.
func (mc *mcState) updateProb() {
	if mc == nil || mc.shown == 0 || (mc.probForGen == mc.shown && mc.probFor == mc.target) {
		return
	}
	r := mc.front
	mc.pGiven, mc.pWith, _ = r.ProbAtLeast(r.Recorded[0].Series, r.LastYear(), mc.target)
	mc.probFor, mc.probForGen = mc.target, mc.shown
}

// result is the shown Monte Carlo result, or nil before the first one.
func (mc *mcState) result() *market.Result {
	if mc == nil || mc.shown == 0 {
		return nil
	}
	return mc.front
}

// stale reports whether the inputs moved since the shown result.
func (mc *mcState) stale() bool { return mc != nil && mc.shown != mc.gen }

// runNow runs Monte Carlo for the current inputs and waits, for frames
// drawn headless.
func (s *session) runNow() error {
	cmd := s.schedule()
	if cmd == nil && s.mc.shown == s.mc.gen {
		return nil
	}
	msg := s.startRun(s.mc.gen)().(mcDoneMsg)
	if msg.err != nil {
		return msg.err
	}
	s.finishRun(msg)
	return nil
}
