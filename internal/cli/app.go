package cli

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"

	"sizeup/data/markets"
	"sizeup/data/scenarios"
	"sizeup/market"
	"sizeup/ui"
)

// appFlags are the interactive app's own flags, beside the common ones.
type appFlags struct {
	common
	theme, shots string
}

// runApp is sizeup with no command: the interactive app.
func runApp(e env, args []string) error {
	a := appFlags{theme: "auto", shots: ui.DefaultShotsDir}
	fs := newFlagSet("sizeup", topUsage(), e.stderr)
	a.register(fs)
	fs.StringVar(&a.theme, "theme", a.theme, "colours for a `auto`, light or dark terminal")
	fs.StringVar(&a.shots, "shots", a.shots, "where x and X write screenshots (`DIR`)")
	if done, err := a.parse(fs, args, e); done || err != nil {
		return err
	}
	switch a.theme {
	case "auto", "light", "dark":
	default:
		return fmt.Errorf("--theme %s: give auto, light or dark", market.QuoteShort(a.theme))
	}
	m, v, cur, err := a.load()
	if err != nil {
		return err
	}
	if err := a.fitMemory(m, true); err != nil {
		return err
	}
	if !isTerminal(os.Stdout) || !isTerminal(os.Stdin) {
		return errors.New("the interactive app needs a terminal; for output to a file or a pipe use 'sizeup report' (see sizeup -h)")
	}
	return a.runTUI(m, v, cur)
}

// runTUI runs the interactive app. Every tea.Program option lives here.
func (a *appFlags) runTUI(m *market.Market, v market.Values, cur market.Currency) error {
	// The heap's share of the memory budget (the rest is the program's code
	// and data): past it the collector works harder rather than letting
	// the resident size drift above the budget between collections. GOMEMLIMIT
	// in the environment wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(heapLimit)
	}
	model := ui.New(a.options(m, v, cur))
	sig := &signals{done: make(chan struct{})}
	p := tea.NewProgram(model, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithFilter(sig.filter))
	sig.handle(p, os.Stdin, os.Stdout, os.Stderr)
	_, err := p.Run()
	sig.stop()
	if dump := sig.quitDump(); dump != nil {
		sig.exitOnQuit(dump, os.Stderr)
	}
	if errors.Is(err, tea.ErrProgramKilled) {
		return nil // a hangup that a quit did not end in time; the terminal is restored
	}
	return err
}

// options are the app's: the market and values, the theme on this
// terminal, the file to follow and the scenario store.
func (a *appFlags) options(m *market.Market, v market.Values, cur market.Currency) ui.Options {
	r := lipgloss.NewRenderer(os.Stdout)
	// Bubble Tea's init has already asked this terminal for its background
	// through Lip Gloss's default renderer; take that answer rather than
	// asking again, which costs a second wait (up to 5 s a reply) on a
	// terminal that does not answer.
	background := map[bool]string{true: "dark", false: "light"}[lipgloss.HasDarkBackground()]
	theme := a.theme
	if theme == "auto" {
		theme = background
	}
	r.SetHasDarkBackground(theme == "dark")
	o := ui.Options{Market: m, Values: v, Renderer: r, Theme: theme, Background: background, Local: cur.Code != "USD", Samples: a.samples, Seed: a.seed,
		ScenarioBase: a.opened, ScenarioValue: a.openedValue,
		ShotsDir: a.shots, Clipboard: os.Stdout, InTmux: os.Getenv("TMUX") != ""}
	current := new(atomic.Pointer[market.Market])
	current.Store(m)
	a.watch(&o, current)
	// No usable config folder: the app gets no store (Options.Store nil);
	// scenarios.StoreProblem() says why, in a sentence the app can show.
	if store, err := scenarios.DefaultStore(); err == nil && scenarios.StoreProblem() == "" {
		o.Store = scenarioStore{store, current}
	} else {
		o.StoreProblem = scenarios.StoreProblem()
	}
	return o
}

// watch has the app reload --market when it names a regular file and the
// file is saved; current follows the reloads, for the scenario store.
func (a *appFlags) watch(o *ui.Options, current *atomic.Pointer[market.Market]) {
	if a.marketFile == "" {
		return
	}
	if info, err := os.Stat(a.marketFile); err != nil || !info.Mode().IsRegular() {
		return
	}
	path := a.marketFile
	o.Watch = path
	o.Reload = func() (*market.Market, error) {
		nm, err := markets.LoadMarket(path)
		if err != nil {
			return nil, err
		}
		if a.given["horizon"] {
			nm.Horizon = a.horizon
		}
		// The app keeps its sample count across a reload, so a market that
		// no longer fits the memory budget at it is refused as a broken
		// file is: the last good model stays.
		fit := a.common
		fit.given = map[string]bool{"samples": true}
		if err := fit.fitMemory(nm, true); err != nil {
			return nil, err
		}
		current.Store(nm)
		return nm, nil
	}
}

// signals are the app's answers to the signals Bubble Tea v1.3.10 leaves
// alone (it handles INT and TERM itself):
//
//   - SIGHUP (the terminal closed, or kill -HUP) quits as q does, so the
//     terminal leaves the alternate screen and gets its mouse mode and
//     cursor back. If the quit does not end within a second (the terminal
//     may be gone), the program is killed, which still restores what it can.
//   - SIGTSTP from outside (kill -TSTP) becomes tea.Suspend, as ctrl+z in
//     the app does (the terminal is raw, so it arrives as a key, and ui
//     answers it with tea.Suspend): Bubble Tea gives the terminal
//     back (normal screen, cursor, line mode), stops the process group with
//     a SIGTSTP of its own, and on SIGCONT (fg) takes the terminal again and
//     redraws. Bubble Tea's SIGTSTP comes back here, as a signal once
//     caught stays caught in Go (signal.Reset keeps the runtime's handler,
//     which then drops SIGTSTP), so while suspending a SIGTSTP is answered
//     with SIGSTOP to the process group, which stops it just the same (the
//     shell says "Stopped (signal)"); SIGCONT ends the suspension.
//   - SIGQUIT would print the runtime's goroutine dump into the alternate
//     screen and exit with the terminal raw. Instead the dump is taken at
//     once (where every goroutine was when the user asked, which is what
//     SIGQUIT is for), the terminal is restored, and then the dump is
//     printed and the process exits with status 2, as Go's own SIGQUIT
//     handler does. Re-raising SIGQUIT after the restore was the other way;
//     its dump would show the program already torn down, not the hang the
//     user wanted to see.
type signals struct {
	done chan struct{}
	dump atomic.Pointer[[]byte]
	exit sync.Once
	// suspending is set from Bubble Tea's suspend (ctrl+z in the app, or
	// tea.Suspend sent on an outside SIGTSTP) until SIGCONT, so that the
	// SIGTSTP Bubble Tea then sends itself stops the process.
	suspending atomic.Bool
}

// filter sees every message before the program does: a suspend about to
// start is noted, whatever asked for it.
func (s *signals) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	if _, ok := msg.(tea.SuspendMsg); ok {
		s.suspending.Store(true)
	}
	return msg
}

// handle answers the signals until stop.
func (s *signals) handle(p *tea.Program, in, out, errOut *os.File) {
	caught := make(chan os.Signal, 1)
	signal.Notify(caught, syscall.SIGHUP, syscall.SIGTSTP, syscall.SIGQUIT)
	cont := make(chan os.Signal, 1)
	signal.Notify(cont, syscall.SIGCONT)
	// The terminal as it was, to put back by hand if a SIGQUIT comes while
	// the program is too stuck to restore it itself.
	var saved *term.State
	if isTerminal(in) {
		saved, _ = term.GetState(in.Fd())
	}
	go func() {
		defer signal.Stop(caught)
		defer signal.Stop(cont)
		for {
			select {
			case sig := <-caught:
				switch sig {
				case syscall.SIGHUP:
					p.Quit()
					s.killAfter(p, time.Second)
					return
				case syscall.SIGQUIT:
					s.onQuit(p, in, out, errOut, saved)
					return
				case syscall.SIGTSTP:
					if s.suspending.Load() {
						// Bubble Tea's own, the terminal given back: stop.
						_ = syscall.Kill(0, syscall.SIGSTOP)
						continue
					}
					go p.Send(tea.Suspend())
				}
			case <-cont:
				s.suspending.Store(false)
			case <-s.done:
				return
			}
		}
	}()
}

// killAfter kills p if it has not ended after d.
func (s *signals) killAfter(p *tea.Program, d time.Duration) {
	select {
	case <-time.After(d):
		p.Kill()
	case <-s.done:
	}
}

// onQuit answers SIGQUIT: the dump first, then the terminal back. Kill
// makes Run restore the terminal and return (runTUI then prints the dump);
// if Run has not returned within a second, the event loop is stuck, and
// the terminal is restored by hand and the dump printed here.
func (s *signals) onQuit(p *tea.Program, in, out, errOut *os.File, saved *term.State) {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	buf = append([]byte("SIGQUIT: quit\n\n"), buf...)
	s.dump.Store(&buf)
	p.Kill()
	select {
	case <-s.done:
	case <-time.After(time.Second):
		// Leave the alternate screen, mouse reporting and bracketed paste;
		// show the cursor; the line mode the terminal had.
		fmt.Fprint(out, "\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?1049l\x1b[?25h")
		if saved != nil {
			_ = term.Restore(in.Fd(), saved)
		}
		s.exitOnQuit(buf, errOut)
	}
}

// stop ends the handling, once Run has returned.
func (s *signals) stop() { close(s.done) }

// quitDump is the goroutine dump taken on SIGQUIT, nil without one.
func (s *signals) quitDump() []byte {
	if d := s.dump.Load(); d != nil {
		return *d
	}
	return nil
}

// exitOnQuit prints the dump taken on SIGQUIT and exits as Go's own
// SIGQUIT handler does, with status 2; once, whichever of runTUI and
// onQuit's timer comes first.
func (s *signals) exitOnQuit(dump []byte, errOut *os.File) {
	s.exit.Do(func() {
		errOut.Write(dump)
		os.Exit(2)
	})
	select {} // the other caller is exiting
}

// memoryBudget is the app's resident memory budget (DESIGN.md §7), and
// headlessBudget what a one-off report or render may take.
const (
	memoryBudget   = 60 << 20
	headlessBudget = 256 << 20
	// baseRSS is what the app holds before any Monte Carlo: the runtime,
	// the market, the views and their caches (measured by BenchmarkTUIRSS
	// with --samples 1, plus what the runtime keeps beyond the live heap:
	// 100,000 samples over 11 years measure about 53 MB).
	baseRSS = 26 << 20
	// heapLimit is what the app's Go heap and runtime may hold: the budget
	// less what the binary's code and data take in memory.
	heapLimit = memoryBudget - 12<<20
)

// fitMemory checks that Monte Carlo at --samples over the horizon fits the
// budget: the app keeps two results (one shown, one being computed), a
// report or render one. A --samples given on the command line that does
// not fit is refused with the most that fits; the default is scaled down
// to fit, silently (the Uncertainty view and the report say the count).
func (c *common) fitMemory(m *market.Market, app bool) error {
	years := m.Horizon + 1
	eng := market.NewEngine(m)
	budget, results := int64(headlessBudget), 1
	if app {
		budget, results = memoryBudget, 2
	}
	// The model's own evaluation counts too: its register files grow with
	// its operations (formula.MaxNodes bounds them) and its horizon.
	need := func(n int) int64 {
		if !app { // a one-shot run: no kept draws, no stored samples
			return baseRSS + m.ModelBytes() + eng.OneShotEstimate(n, years)
		}
		return baseRSS + m.ModelBytes() + eng.MemoryEstimate(n, years) + int64(results-1)*eng.ResultBytes(n, years)
	}
	if need(c.samples) <= budget {
		return nil
	}
	if least := min(c.samples, 1000); need(least) > budget {
		return fmt.Errorf("this market's formulas (%d operations over %d years) need about %d MB even at %d samples, and %s %d MB; simplify its formulas or give a shorter --horizon",
			m.Operations(), years, need(least)>>20, least, map[bool]string{true: "the app keeps to", false: "a report or render keeps to"}[app], budget>>20)
	}
	most := c.samples
	for most > 1 && need(most) > budget {
		most = most * 9 / 10
	}
	most = max(most/1000*1000, 1)
	if !c.given["samples"] {
		c.samples = most
		return nil
	}
	where := "a report or render keeps to"
	if app {
		where = "the app keeps to"
	}
	return fmt.Errorf("--samples %d over %d years needs about %d MB, and %s %d MB; give --samples %d or fewer, or a shorter --horizon",
		c.samples, years, need(c.samples)>>20, where, budget>>20, most)
}

func isTerminal(f *os.File) bool { return f != nil && term.IsTerminal(f.Fd()) }
