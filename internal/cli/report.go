package cli

import (
	"context"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"strings"

	"sizeup/market"
	"sizeup/market/report"
)

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

// reportFlags are report's own flags, beside the common ones.
type reportFlags struct {
	common
	format                 string
	uncertainty, hindsight bool
}

// reportRun is one report being written: the flags, the market and the
// values they chose, and where it goes.
type reportRun struct {
	*reportFlags
	e   env
	m   *market.Market
	v   market.Values
	cur market.Currency
}

func runReport(e env, args []string) error {
	defer oneShotGC()()
	f := reportFlags{format: "table"}
	fs := newFlagSet("report", reportUsage, e.stderr)
	f.register(fs)
	fs.StringVar(&f.format, "format", f.format, "`table`, csv or json")
	fs.BoolVar(&f.uncertainty, "uncertainty", false, "print Monte Carlo percentiles per year")
	fs.BoolVar(&f.hindsight, "hindsight", false, "print the projection beside what actually happened (iResearch market, paying members)")
	if done, err := f.parse(fs, args, e); done || err != nil {
		return err
	}
	if f.format != "table" && f.given["currency"] && !strings.EqualFold(f.currency, "usd") {
		return fmt.Errorf("--currency %s with --format %s: csv and json are always in USD (columns such as tam_usd, net_usd), as DESIGN says money is kept; use --format table to read the figures in another currency",
			market.QuoteShort(f.currency), market.QuoteShort(f.format))
	}
	m, v, cur, err := f.load()
	if err != nil {
		return err
	}
	r := reportRun{&f, e, m, v, cur}
	switch {
	case f.uncertainty:
		if err := f.fitMemory(m, false); err != nil {
			return err
		}
		return r.uncertaintyReport()
	case f.hindsight:
		return r.hindsightReport()
	}
	return r.projection()
}

// badFormat refuses --format with the formats report knows.
func badFormat(format string) error {
	return fmt.Errorf("--format %s: give table, csv or json", market.QuoteShort(format))
}

// hindsightReport is report --hindsight: the model beside what happened.
func (r reportRun) hindsightReport() error {
	m, w := r.m, r.e.stdout
	p := m.Evaluate(&r.v)
	fx := m.LocalAt(&r.v).PerUSD
	switch r.format {
	case "table":
		rate := ""
		if m.HasLocal() {
			rate = m.Local.Code + " at each year's average rate; "
		}
		fmt.Fprintf(w, "%s, %d–%d%s%s: the model beside what happened (%serror = model ÷ actual − 1)\n\n", m.Name, m.BaseYear, m.LastYear(), calibration(m), r.scenarioLabel(), rate)
		if err := report.HindsightTable(w, m, &p, fx, r.cur); err != nil {
			return err
		}
		report.HindsightOutcomes(w, m, &r.v)
		return nil
	case "csv":
		return report.HindsightCSV(w, m, &p, fx)
	case "json":
		return report.HindsightJSON(w, m, &p, fx)
	}
	return badFormat(r.format)
}

// projection is plain report: the yearly projection and, below a table or
// on stderr for csv and json, the triangulation warnings.
func (r reportRun) projection() error {
	m := r.m
	p := m.Evaluate(&r.v)
	var warnings []market.Warning
	// A series that gave no number or divided by zero is named on stderr
	// whatever the format: the figures on stdout show "–" or a 0 there.
	for _, w := range m.Warnings(&r.v, r.cur) {
		if w.IsDiagnostic() {
			fmt.Fprintln(r.e.stderr, "warning:", w.Message)
			continue
		}
		warnings = append(warnings, w)
	}
	var err error
	switch r.format {
	case "table":
		if err := r.projectionTable(&p); err != nil {
			return err
		}
		for _, w := range warnings {
			if w.Expected != "" {
				fmt.Fprintln(r.e.stdout, "Note:", w.Text())
				continue
			}
			fmt.Fprintln(r.e.stdout, "Warning:", w.Message)
		}
		return nil
	case "csv":
		err = report.CSV(r.e.stdout, m, &p)
	case "json":
		err = report.JSON(r.e.stdout, m, &p)
	default:
		return badFormat(r.format)
	}
	for _, w := range warnings {
		if w.Expected != "" {
			fmt.Fprintln(r.e.stderr, "note:", w.Text())
			continue
		}
		fmt.Fprintln(r.e.stderr, "warning:", w.Message)
	}
	return err
}

// projectionTable writes the projection as a table, with a title and, for
// a market with a deal, the expected headline at the sliders.
func (r reportRun) projectionTable(p *market.Projection) error {
	m, w := r.m, r.e.stdout
	fmt.Fprintf(w, "%s, %d–%d%s%s, money in %s\n\n", m.Name, m.BaseYear, m.LastYear(), calibration(m), r.scenarioLabel(), r.cur.Code)
	if err := report.Table(w, m, p, r.cur); err != nil {
		return err
	}
	if o := m.Outputs; o.HasDeal {
		head, deal := o.Uncertain[0].Prefix, m.Inputs[o.Deal]
		fmt.Fprintf(w, "\n%s %s: expected %s at the sliders in %d is %s (%s × %s).\n", deal.Label,
			market.FormatPercent(r.v[o.Deal], 0), head, m.LastYear(), market.FormatMoney(p.Last(o.Headline)*r.v[o.Deal], r.cur), head, strings.ToLower(deal.Label))
	}
	return nil
}

// uncertaintyReport is report --uncertainty: Monte Carlo on every core,
// and its percentiles.
func (r reportRun) uncertaintyReport() error {
	switch r.format {
	case "table", "csv", "json":
	default:
		return badFormat(r.format)
	}
	// A run made once keeps no draws and no samples, and the spread
	// shares are never printed: only the percentiles and the tallies.
	var res market.Result
	cfg := market.RunConfig{N: r.samples, Seed: r.seed, Values: r.v, OneShot: true, Keep: market.KeepNone, NoSpread: true}
	if err := market.NewEngine(r.m).Run(context.Background(), &res, cfg); err != nil {
		return err
	}
	if err := finiteResult(&res); err != nil {
		return err
	}
	return writeUncertainty(r.e.stdout, r.m, &res, r.cur, r.format)
}

func writeUncertainty(w io.Writer, m *market.Market, res *market.Result, cur market.Currency, format string) error {
	switch format {
	case "csv":
		return report.UncertaintyCSV(w, res)
	case "json":
		return report.UncertaintyJSON(w, res)
	}
	fmt.Fprintf(w, "%s, %d–%d%s, Monte Carlo, money in %s\n\n", m.Name, m.BaseYear, m.LastYear(), calibration(m), cur.Code)
	return report.UncertaintyTable(w, m, res, cur)
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

// calibration is the title line's word on a market whose inputs were
// chosen to meet what happened: " · calibrated to 2016–2019", or "".
func calibration(m *market.Market) string {
	if n := m.CalibrationNote(); n != "" {
		return " · " + n
	}
	return ""
}

// oneShotGC lets a one-shot run (report, render) collect garbage less
// often, and gives back a function that puts it back. Its memory is
// already bounded by what it keeps (common.fitMemory), and at the default
// the collector ran through start-up and the run's few large allocations:
// GOGC=400 took report --uncertainty at 100,000 samples on 2 cores from
// 24.8 to 20.8 ms (medians of 7, whole process), peak RSS unchanged at
// 100,000 and 1,000,000 samples.
func oneShotGC() func() {
	old := debug.SetGCPercent(400)
	return func() { debug.SetGCPercent(old) }
}
