package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"sizeup/market"
	"sizeup/ui"
)

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
func (c *common) parse(fs *flag.FlagSet, args []string, e env) (done bool, err error) {
	if err := parseFlags(fs, args); err != nil {
		return true, err
	}
	c.given = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { c.given[f.Name] = true })
	if c.version {
		fmt.Fprintln(e.stdout, "sizeup", e.version)
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
