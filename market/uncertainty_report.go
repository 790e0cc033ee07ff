package market

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// UncertaintyColumns are the machine-readable columns of
// `sizeup report --uncertainty`, one row per year: the percentiles of net
// revenue (USD) and subscribers (people) given a signed deal, their Monte
// Carlo standard errors, and p_zero_revenue, the share of samples with no
// revenue that year (no deal, or a deal and zero net), so it is 1 before
// launch and 1 − deal probability once every signed deal earns something.
var UncertaintyColumns = []string{
	"year",
	"net_p5", "net_p50", "net_p95",
	"subscribers_p5", "subscribers_p50", "subscribers_p95",
	"net_p5_se", "net_p50_se", "net_p95_se",
	"subscribers_p5_se", "subscribers_p50_se", "subscribers_p95_se",
	"p_zero_revenue",
}

func (y *YearStats) columns() []float64 {
	n, s := &y.Net, &y.Subscribers
	return []float64{float64(y.Year),
		n.P5, n.P50, n.P95, s.P5, s.P50, s.P95,
		n.P5SE, n.P50SE, n.P95SE, s.P5SE, s.P50SE, s.P95SE,
		y.PZero}
}

func noResult(r *Result) error {
	if r == nil || r.N == 0 {
		return fmt.Errorf("monte carlo: no result to write")
	}
	return nil
}

// WriteUncertaintyCSV writes one row per year under a header of
// UncertaintyColumns, every number in full without an exponent.
func WriteUncertaintyCSV(w io.Writer, r *Result) error {
	if err := noResult(r); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(UncertaintyColumns); err != nil {
		return err
	}
	row := make([]string, len(UncertaintyColumns))
	for i := range r.Years {
		for j, v := range r.Years[i].columns() {
			row[j] = plain(v)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteUncertaintyJSON writes an array with one object per year, its keys
// the UncertaintyColumns in order.
func WriteUncertaintyJSON(w io.Writer, r *Result) error {
	if err := noResult(r); err != nil {
		return err
	}
	var b []byte
	b = append(b, "[\n"...)
	for i := range r.Years {
		b = append(b, "  {"...)
		for j, v := range r.Years[i].columns() {
			if j > 0 {
				b = append(b, ", "...)
			}
			b = strconv.AppendQuote(b, UncertaintyColumns[j])
			b = append(b, ": "...)
			if bad(v) { // never made by a run; JSON has no NaN
				b = append(b, "null"...)
			} else {
				b = append(b, plain(v)...)
			}
		}
		b = append(b, '}')
		if i < len(r.Years)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	b = append(b, "]\n"...)
	_, err := w.Write(b)
	return err
}

// WriteUncertaintyTable writes the run for people: a line with the sample
// count, the seed, P(zero revenue) and the Monte Carlo expected net, then the
// percentiles year by year with the median's standard error.
func WriteUncertaintyTable(w io.Writer, r *Result, c Currency) error {
	if err := noResult(r); err != nil {
		return err
	}
	last := r.Last()
	if _, err := fmt.Fprintf(w, "Monte Carlo: %s samples, seed %d. P(zero revenue in %d) %s; "+MonteCarloExpectedNetName+" %s (no deal counted as $0).\nPercentiles are given a signed deal (%s of samples); ± is the median's Monte Carlo standard error.\n\n",
		FormatCount(r.N), r.Seed, last.Year, FormatPercent(r.PZeroRevenue, 1),
		FormatMoney(r.RiskWeightedMean, c), FormatPercent(float64(r.Deals)/float64(r.N), 1)); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "Year\tNet P5\tNet P50\t±\tNet P95\tSubscribers P5\tP50\t±\tP95\tP(zero)\t")
	for i := range r.Years {
		y := &r.Years[i]
		n, s := &y.Net, &y.Subscribers
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", y.Year,
			FormatMoney(n.P5, c), FormatMoney(n.P50, c), FormatMoney(n.P50SE, c), FormatMoney(n.P95, c),
			FormatPeople(s.P5), FormatPeople(s.P50), FormatPeople(s.P50SE), FormatPeople(s.P95),
			FormatPercent(y.PZero, 1))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.Sampled) == 0 {
		_, err := fmt.Fprintln(w, "\nEvery input was fixed: the percentiles are the deterministic projection.")
		return err
	}
	names := make([]string, len(r.Sampled))
	for i, id := range r.Sampled {
		names[i] = id.String()
	}
	_, err := fmt.Fprintf(w, "\nDrawn at random: %s.\n", strings.Join(names, ", "))
	return err
}
