package cli

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
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
	p := tea.NewProgram(model, tea.WithAltScreen(), tea.WithMouseCellMotion())
	stop := quitOnHangup(p)
	defer stop()
	_, err := p.Run()
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
		current.Store(nm)
		return nm, nil
	}
}

// quitOnHangup makes SIGHUP (the terminal closed, or kill -HUP) quit the
// app as q does, so the terminal leaves the alternate screen and gets its
// mouse mode and cursor back; Bubble Tea itself handles INT and TERM. If
// the quit does not finish within a second (the terminal may be gone), the
// program is killed, which still restores what it can.
func quitOnHangup(p *tea.Program) (stop func()) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-hup:
			p.Quit()
			select {
			case <-time.After(time.Second):
				p.Kill()
			case <-done:
			}
		case <-done:
		}
	}()
	return func() {
		signal.Stop(hup)
		close(done)
	}
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
