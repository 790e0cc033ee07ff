// Command sizeup is a market-sizing terminal UI. Its first market, embedded
// as the default, is China's online-video market in 2015 as a foreign
// streaming service saw it.
//
//	sizeup                          the interactive app on the embedded market
//	sizeup report [flags]           the yearly projection as a table, CSV or JSON
//	sizeup inputs [flags]           the inputs with value, range, unit and source
//
// Run `sizeup -h` or `sizeup report -h` for the flags.
package main

// The README's pictures are made by sizeup itself; go generate ./... makes
// them again, and TestScreenshotsAreCurrent fails when they are stale.
//
//go:generate go run . render --view dashboard --size 160x48 --format png -o docs/dashboard.png
//go:generate go run . render --view uncertainty --size 160x48 --format png -o docs/uncertainty.png
//go:generate go run . render --view sensitivity --size 160x40 --format png -o docs/sensitivity.png
//go:generate go run . render --view compare --compare base,bull,bear --size 160x48 --format png -o docs/compare.png
//go:generate go run . render --view projection --presentation --hindsight --size 120x36 --format png --theme light -o docs/projection-light.png
//go:generate go run . render --view projection --size 120x36 --format deck-png -o docs/projection-deck.png
//go:generate go run . render --market india-2016 --view dashboard --size 160x48 --format png -o docs/india-dashboard.png

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"math"
	"os"
	"os/signal"
	"runtime/debug"
	"sizeup/internal/atomicfile"
	"strings"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"

	"sizeup/data"
	"sizeup/market"
	"sizeup/market/report"
	"sizeup/ui"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// errUsage marks a mistake on the command line: exit status 2, as flag does.
var errUsage = errors.New("usage")

// run is the program without os.Exit, so tests can drive it.
func run(args []string, stdout, stderr io.Writer) int {
	cmd, rest := "", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "report":
		err = runReport(rest, stdout, stderr)
	case "inputs":
		err = runInputs(rest, stdout, stderr)
	case "render":
		err = runRender(rest, stdout, stderr)
	case "markets":
		err = runMarkets(rest, stdout, stderr)
	case "new":
		err = runNew(rest, stdout, stderr)
	case "":
		err = runTop(rest, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "sizeup: %s is not a command; the commands are report, inputs, render, markets and new (sizeup -h for help)\n", market.QuoteShort(cmd))
		return 2
	}
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		// Errors quote files, keys and flags: nothing in them may drive
		// the terminal.
		fmt.Fprintln(stderr, "sizeup:", data.EscapeControls(err.Error()))
		return 1
	}
}

// common holds the flags every command shares.
type common struct {
	marketFile string
	sets       setFlags
	horizon    int
	currency   string
	version    bool
	samples    int
	seed       uint64
	scenario   string

	// Set by parse: the flags given on the command line.
	given map[string]bool

	// Set by load.
	opened      *market.Scenario // the --scenario, if any
	openedValue market.Values    // its values before --set
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.marketFile, "market", "", "a built-in market by `NAME` (sizeup markets lists them) or a market FILE; the app reloads a FILE when it is saved (default china-2015)")
	fs.StringVar(&c.scenario, "scenario", "", "start from a preset (base, bull, bear, …), a saved scenario or a scenario file (`NAME|FILE`); --set applies on top")
	fs.Var(&c.sets, "set", "set an input, e.g. conversion=4% or market_size=¥40bn (`id=value`, repeatable)")
	fs.IntVar(&c.horizon, "horizon", 0, "project `N` years past the base year, 1 to 50 (default: the market's, 10)")
	fs.StringVar(&c.currency, "currency", "usd", "show money in `usd` or the market's own currency (cny, inr)")
	fs.BoolVar(&c.version, "version", false, "print the version and exit")
	fs.IntVar(&c.samples, "samples", ui.DefaultSamples, "Monte Carlo samples (`N`, 1 to 1,000,000)")
	fs.Uint64Var(&c.seed, "seed", 1, "Monte Carlo seed: the same seed gives the same draws (`N`)")
}

// parse parses a command's flags. done is true when there is nothing more
// to do: a flag error (already printed with the usage), -h, or --version
// (printed here).
func (c *common) parse(fs *flag.FlagSet, args []string, stdout io.Writer) (done bool, err error) {
	if err := parseFlags(fs, args); err != nil {
		return true, err
	}
	c.given = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { c.given[f.Name] = true })
	if c.version {
		fmt.Fprintln(stdout, "sizeup", version)
		return true, nil
	}
	switch {
	case c.given["horizon"] && (c.horizon < 1 || c.horizon > market.MaxHorizon):
		return true, fmt.Errorf("--horizon %d: give 1 to %d years", c.horizon, market.MaxHorizon)
	case c.given["scenario"] && strings.TrimSpace(c.scenario) == "":
		return true, errors.New("--scenario is empty; give a preset (base, bull, bear …), a saved scenario's name or a scenario file, or leave the flag out")
	case c.given["market"] && c.marketFile == "":
		return true, errors.New("--market is empty; give the path of a market file, or leave the flag out for the embedded China 2015 market")
	}
	return false, c.checkSamples()
}

// refuse says that this command does not use the named flags, if given.
func (c *common) refuse(cmd, why string, names ...string) error {
	for _, n := range names {
		if c.given[n] {
			return fmt.Errorf("sizeup %s does not use --%s: %s", cmd, n, why)
		}
	}
	return nil
}

// scenarioLabel is ", scenario Bear" when one was opened.
func (c *common) scenarioLabel() string {
	if c.opened == nil {
		return ""
	}
	return ", scenario " + c.opened.Name
}

func (c *common) checkSamples() error {
	if c.samples < 1 || c.samples > market.MaxSamples {
		return fmt.Errorf("--samples %d: give 1 to %d", c.samples, market.MaxSamples)
	}
	return nil
}

// setFlags collects repeated --set id=value flags.
type setFlags []string

func (s *setFlags) String() string     { return strings.Join(*s, ",") }
func (s *setFlags) Set(v string) error { *s = append(*s, v); return nil }

// load returns the market and the values the flags ask for.
func (c *common) load() (*market.Market, market.Values, market.Currency, error) {
	var (
		m   *market.Market
		err error
	)
	if c.given["market"] || c.marketFile != "" {
		m, err = data.OpenMarket(c.marketFile)
	} else {
		m, err = data.DefaultMarket()
	}
	if err != nil {
		return nil, market.Values{}, market.USD, err
	}
	if c.given["horizon"] {
		m.Horizon = c.horizon
	}
	v := m.Defaults()
	if c.scenario != "" {
		store, _ := data.DefaultStore() // without a config folder, presets and files still load
		sc, err := store.Load(m, c.scenario)
		if err != nil {
			return nil, v, market.USD, fmt.Errorf("--scenario %s: %w", market.QuoteShort(c.scenario), err)
		}
		c.opened = sc
		v = sc.Values(m)
		c.openedValue = v
	}
	if err := applySets(m, &v, c.sets); err != nil {
		return nil, v, market.USD, err
	}
	cur, err := parseCurrency(m, c.currency, &v)
	return m, v, cur, err
}

// applySets applies id=value pairs; the exchange rate goes first so that
// amounts typed in yuan use the rate given on the same command line.
func applySets(m *market.Market, v *market.Values, sets []string) error {
	type pair struct {
		id   market.ID
		text string
	}
	var pairs []pair
	for _, s := range sets {
		name, text, ok := strings.Cut(s, "=")
		name = strings.TrimSpace(name)
		if !ok {
			return fmt.Errorf("--set %s: write it as id=value, e.g. conversion=4%%", market.QuoteShort(s))
		}
		id, found := m.LookupInput(name)
		if !found {
			return fmt.Errorf("--set %s: %s", market.QuoteShort(s), market.UnknownName(name, "an input", m.InputNames()))
		}
		if m.HasLocal() && id == m.Local.Rate {
			pairs = append([]pair{{id, text}}, pairs...)
		} else {
			pairs = append(pairs, pair{id, text})
		}
	}
	for _, p := range pairs {
		x, err := m.Inputs[p.id].Parse(p.text, m.LocalAt(v))
		if err != nil {
			return fmt.Errorf("--set %w", err)
		}
		v[p.id] = x
	}
	return nil
}

// parseCurrency reads --currency: usd, or the market's own currency by its
// code or sign (cny, ¥ for China; inr, ₹ for India).
func parseCurrency(m *market.Market, s string, v *market.Values) (market.Currency, error) {
	switch strings.ToLower(s) {
	case "usd", "$", "":
		return market.USD, nil
	}
	if m.HasLocal() {
		if strings.EqualFold(s, m.Local.Code) || s == m.Local.Symbol || market.IsLocalWord(m.Local.Code, s) {
			return m.LocalAt(v), nil
		}
		return market.USD, fmt.Errorf("--currency %s: give usd or %s", market.QuoteShort(s), strings.ToLower(m.Local.Code))
	}
	return market.USD, fmt.Errorf("--currency %s: %s has no second currency; money is in usd", market.QuoteShort(s), m.Name)
}

func newFlagSet(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses and reports flag errors once, the flag package having
// already printed them with the usage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "sizeup %s: unexpected argument %s\n", fs.Name(), market.QuoteShort(fs.Arg(0)))
		return errUsage
	}
	return nil
}

const topUsage = `sizeup sizes a market: China's online-video market in 2015 as a foreign
streaming service saw it, with what-if sliders over every assumption.

Usage:
  sizeup [flags]                 open the interactive app (needs a terminal)
  sizeup report [flags]          print the yearly projection (table, csv, json)
  sizeup inputs [flags]          list the inputs with value, range, unit and source
  sizeup render [flags]          draw a view or chart to a file: txt, ansi, svg, png, deck-png, deck-svg
  sizeup markets                 list the built-in markets (--market NAME opens one)
  sizeup new FILE                write a working template market to FILE, to make your own

Run 'sizeup report -h' for a command's flags.
`

func runTop(args []string, stdout, stderr io.Writer) error {
	var c common
	theme, shots := "auto", ui.DefaultShotsDir
	fs := newFlagSet("sizeup", topUsage, stderr)
	c.register(fs)
	fs.StringVar(&theme, "theme", theme, "colours for a `auto`, light or dark terminal")
	fs.StringVar(&shots, "shots", shots, "where x and X write screenshots (`DIR`)")
	if done, err := c.parse(fs, args, stdout); done || err != nil {
		return err
	}
	switch theme {
	case "auto", "light", "dark":
	default:
		return fmt.Errorf("--theme %s: give auto, light or dark", market.QuoteShort(theme))
	}
	if err := c.checkSamples(); err != nil {
		return err
	}
	m, v, cur, err := c.load()
	if err != nil {
		return err
	}
	if err := c.fitMemory(m, true); err != nil {
		return err
	}
	if !isTerminal(os.Stdout) || !isTerminal(os.Stdin) {
		return errors.New("the interactive app needs a terminal; for output to a file or a pipe use 'sizeup report' (see sizeup -h)")
	}
	return runTUI(m, v, cur, theme, shots, &c)
}

// runTUI runs the interactive app. Every tea.Program option lives here.
func runTUI(m *market.Market, v market.Values, cur market.Currency, theme, shots string, c *common) error {
	// The heap's share of the memory budget (the rest is the program's code
	// and data): past it the collector works harder rather than letting
	// the resident size drift above the budget between collections. GOMEMLIMIT
	// in the environment wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(heapLimit)
	}
	r := lipgloss.NewRenderer(os.Stdout)
	// Bubble Tea's init has already asked this terminal for its background
	// through Lip Gloss's default renderer; take that answer rather than
	// asking again, which costs a second wait (up to 5 s a reply) on a
	// terminal that does not answer.
	background := map[bool]string{true: "dark", false: "light"}[lipgloss.HasDarkBackground()]
	if theme == "auto" {
		theme = background
	}
	r.SetHasDarkBackground(theme == "dark")
	o := ui.Options{Market: m, Values: v, Renderer: r, Theme: theme, Background: background, Local: cur.Code != "USD", Samples: c.samples, Seed: c.seed,
		ScenarioBase: c.opened, ScenarioValue: c.openedValue,
		ShotsDir: shots, Clipboard: os.Stdout, InTmux: os.Getenv("TMUX") != ""}
	// No usable config folder: the app gets no store (Options.Store nil);
	// data.StoreProblem() says why, in a sentence the app can show.
	current := new(atomic.Pointer[market.Market])
	current.Store(m)
	if c.marketFile != "" {
		if info, err := os.Stat(c.marketFile); err == nil && info.Mode().IsRegular() {
			path := c.marketFile
			o.Watch = path
			o.Reload = func() (*market.Market, error) {
				nm, err := data.LoadMarket(path)
				if err != nil {
					return nil, err
				}
				if c.given["horizon"] {
					nm.Horizon = c.horizon
				}
				current.Store(nm)
				return nm, nil
			}
		}
	}
	if store, err := data.DefaultStore(); err == nil && data.StoreProblem() == "" {
		o.Store = scenarioStore{store, current}
	} else {
		o.StoreProblem = data.StoreProblem()
	}
	model := ui.New(o)
	p := tea.NewProgram(model, tea.WithAltScreen(), tea.WithMouseCellMotion())
	stop := quitOnHangup(p)
	defer stop()
	_, err := p.Run()
	if errors.Is(err, tea.ErrProgramKilled) {
		return nil // a hangup that a quit did not end in time; the terminal is restored
	}
	return err
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
	need := func(n int) int64 {
		return baseRSS + eng.MemoryEstimate(n, years) + int64(results-1)*eng.ResultBytes(n, years)
	}
	if need(c.samples) <= budget {
		return nil
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

const reportUsage = `Usage: sizeup report [flags]

Prints one row per year from the base year to the horizon. csv and json use
people as people, money in USD and shares as fractions; the table is for
reading. Triangulation warnings go below the table, or to stderr for csv/json.

With --uncertainty it prints the Monte Carlo percentiles instead: P5, P50
and P95 of the market's uncertain outputs per year (China: net revenue and
subscribers, given a signed deal), their standard errors, and the chance of
nothing in the headline. With --hindsight it prints the model beside what
actually happened, as the market file's history gives it (for China: the
market as iResearch reported it, in USD at each year's average rate; internet
and video users; paying members of iQiyi and Tencent Video), the model's
error against each, and the growth the actual market implies.
`

func runReport(args []string, stdout, stderr io.Writer) error {
	var c common
	format := "table"
	uncertainty, hindsight := false, false
	fs := newFlagSet("report", reportUsage, stderr)
	c.register(fs)
	fs.StringVar(&format, "format", format, "`table`, csv or json")
	fs.BoolVar(&uncertainty, "uncertainty", false, "print Monte Carlo percentiles per year")
	fs.BoolVar(&hindsight, "hindsight", false, "print the projection beside what actually happened (iResearch market, paying members)")
	if done, err := c.parse(fs, args, stdout); done || err != nil {
		return err
	}
	if format != "table" && c.given["currency"] && !strings.EqualFold(c.currency, "usd") {
		return fmt.Errorf("--currency %s with --format %s: csv and json are always in USD (columns such as tam_usd, net_usd), as DESIGN says money is kept; use --format table to read the figures in another currency",
			market.QuoteShort(c.currency), market.QuoteShort(format))
	}
	m, v, cur, err := c.load()
	if err != nil {
		return err
	}
	if uncertainty {
		if err := c.fitMemory(m, false); err != nil {
			return err
		}
		return reportUncertainty(stdout, m, v, cur, format, c.samples, c.seed)
	}
	if hindsight {
		p := m.Evaluate(&v)
		fx := m.LocalAt(&v).PerUSD
		switch format {
		case "table":
			rate := ""
			if m.HasLocal() {
				rate = m.Local.Code + " at each year's average rate; "
			}
			fmt.Fprintf(stdout, "%s, %d–%d%s: the model beside what happened (%serror = model ÷ actual − 1)\n\n", m.Name, m.BaseYear, m.LastYear(), c.scenarioLabel(), rate)
			return report.HindsightTable(stdout, m, &p, fx, cur)
		case "csv":
			return report.HindsightCSV(stdout, m, &p, fx)
		case "json":
			return report.HindsightJSON(stdout, m, &p, fx)
		}
		return fmt.Errorf("--format %s: give table, csv or json", market.QuoteShort(format))
	}
	p := m.Evaluate(&v)
	warnings := m.Warnings(&v, cur)
	switch format {
	case "table":
		fmt.Fprintf(stdout, "%s, %d–%d%s, money in %s\n\n", m.Name, m.BaseYear, m.LastYear(), c.scenarioLabel(), cur.Code)
		if err := report.Table(stdout, m, &p, cur); err != nil {
			return err
		}
		if o := m.Outputs; o.HasDeal {
			head := o.Uncertain[0].Prefix
			fmt.Fprintf(stdout, "\n%s %s: expected %s at the sliders in %d is %s (%s × %s).\n", m.Inputs[o.Deal].Label,
				market.FormatPercent(v[o.Deal], 0), head, m.LastYear(), market.FormatMoney(p.Last(o.Headline)*v[o.Deal], cur), head, strings.ToLower(m.Inputs[o.Deal].Label))
		}
		for _, w := range warnings {
			fmt.Fprintln(stdout, "Warning:", w.Message)
		}
		return nil
	case "csv":
		err = report.CSV(stdout, m, &p)
	case "json":
		err = report.JSON(stdout, m, &p)
	default:
		return fmt.Errorf("--format %s: give table, csv or json", market.QuoteShort(format))
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, "warning:", w.Message)
	}
	return err
}

// reportUncertainty runs Monte Carlo on every core and writes the percentiles.
func reportUncertainty(w io.Writer, m *market.Market, v market.Values, cur market.Currency, format string, samples int, seed uint64) error {
	switch format {
	case "table", "csv", "json":
	default:
		return fmt.Errorf("--format %s: give table, csv or json", market.QuoteShort(format))
	}
	var r market.Result
	if err := market.NewEngine(m).Run(context.Background(), &r, market.RunConfig{N: samples, Seed: seed, Values: v}); err != nil {
		return err
	}
	if err := finiteResult(&r); err != nil {
		return err
	}
	switch format {
	case "csv":
		return report.UncertaintyCSV(w, &r)
	case "json":
		return report.UncertaintyJSON(w, &r)
	}
	fmt.Fprintf(w, "%s, %d–%d, Monte Carlo, money in %s\n\n", m.Name, m.BaseYear, m.LastYear(), cur.Code)
	return report.UncertaintyTable(w, m, &r, cur)
}

// finiteResult refuses to print a run with a NaN or an infinity in it.
// The market's limits keep every output finite, so this never fires on a
// market that loaded; it is the last guard before numbers reach a script.
func finiteResult(r *market.Result) error {
	for _, y := range r.Years {
		for _, p := range y.Out[:len(r.Recorded)] {
			for _, x := range []float64{p.P5, p.P50, p.P95, p.P5SE, p.P50SE, p.P95SE, y.PZero} {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					return fmt.Errorf("the Monte Carlo run for %d overflowed (%v), so nothing was printed; the market's inputs are too large for the horizon", y.Year, x)
				}
			}
		}
	}
	if math.IsNaN(r.RiskWeightedMean) || math.IsInf(r.RiskWeightedMean, 0) {
		return fmt.Errorf("the Monte Carlo risk-weighted mean overflowed (%v), so nothing was printed; the market's inputs are too large for the horizon", r.RiskWeightedMean)
	}
	return nil
}

const inputsUsage = `Usage: sizeup inputs [flags]

Lists every input with its value, plausible range, unit and source.
`

func runInputs(args []string, stdout, stderr io.Writer) error {
	var c common
	format := "table"
	fs := newFlagSet("inputs", inputsUsage, stderr)
	c.register(fs)
	fs.StringVar(&format, "format", format, "`table` or json")
	if done, err := c.parse(fs, args, stdout); done || err != nil {
		return err
	}
	if err := c.refuse("inputs", "it lists the inputs and runs no Monte Carlo (report --uncertainty and the app do)", "samples", "seed"); err != nil {
		return err
	}
	m, v, cur, err := c.load()
	if err != nil {
		return err
	}
	switch format {
	case "table":
		return report.InputsTable(stdout, m, &v, cur)
	case "json":
		return report.InputsJSON(stdout, m, &v)
	}
	return fmt.Errorf("--format %s: give table or json", market.QuoteShort(format))
}

const marketsUsage = `Usage: sizeup markets

Lists the markets built into sizeup: open one with --market NAME, or copy
one with 'sizeup new FILE' and a market of your own.
`

func runMarkets(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sizeup markets", marketsUsage, stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sizeup markets: unexpected argument %s\n", market.QuoteShort(fs.Arg(0)))
		return errUsage
	}
	list, ms, err := data.EmbeddedMarkets()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tMARKET\tYEARS\tINPUTS\tSERIES\tMONEY")
	for i, e := range list {
		m := ms[i]
		money := "USD"
		if m.HasLocal() {
			money += ", " + m.Local.Code
		}
		name := e.Name
		if i == 0 {
			name += " (default)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d–%d\t%d\t%d\t%s\n", name, m.Name, m.BaseYear, m.LastYear(), len(m.Inputs), len(m.Series), money)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\nOpen one with --market NAME, e.g. sizeup --market "+list[len(list)-1].Name+"; write your own with sizeup new FILE.")
	return nil
}

const newUsage = `Usage: sizeup new FILE

Writes a small working market to FILE (a new file; an existing one is
kept): inputs with ranges and room for sources, a funnel written as
formulas, what the screens show and a check. 'sizeup report --market FILE'
and 'sizeup --market FILE' run it as written; the app reloads it whenever
it is saved, so it can be edited beside the running app.
`

func runNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("sizeup new", newUsage, stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprint(stderr, newUsage)
		return errUsage
	}
	path := fs.Arg(0)
	err := atomicfile.Write(path, atomicfile.Options{NoClobber: true}, func(w io.Writer) error {
		_, err := w.Write(data.Template())
		return err
	})
	if err != nil {
		if errors.Is(err, iofs.ErrExist) {
			return fmt.Errorf("%s already exists and was kept; give a new file name", path)
		}
		return err
	}
	fmt.Fprintf(stdout, "Wrote %s: a working market to make your own.\nTry: sizeup report --market %s   or open it: sizeup --market %s\n", path, path, path)
	return nil
}
