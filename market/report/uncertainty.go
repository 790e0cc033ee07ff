package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"sizeup/market"
)

// UncertaintyColumns are the machine-readable columns of
// `sizeup report --uncertainty`, one row per year: for each recorded output
// (the market's [outputs] uncertain, as "net" for net revenue) its P5, P50
// and P95 given a signed deal, then for each their Monte Carlo standard
// errors, then p_zero_revenue, the share of samples with no headline that
// year (no deal, or a deal and zero), so it is 1 before launch and
// 1 − deal probability once every signed deal earns something.
func UncertaintyColumns(r *market.Result) []string {
	cols := []string{"year"}
	for _, u := range r.Recorded {
		cols = append(cols, u.Prefix+"_p5", u.Prefix+"_p50", u.Prefix+"_p95")
	}
	for _, u := range r.Recorded {
		cols = append(cols, u.Prefix+"_p5_se", u.Prefix+"_p50_se", u.Prefix+"_p95_se")
	}
	return append(cols, "p_zero_revenue")
}

// yearFigures appends a year's figures to dst[:0] in the order of
// UncertaintyColumns, which must change with it.
func yearFigures(r *market.Result, y *market.YearStats, dst []float64) []float64 {
	dst = append(dst[:0], float64(y.Year))
	for j := range r.Recorded {
		o := &y.Out[j]
		dst = append(dst, o.P5, o.P50, o.P95)
	}
	for j := range r.Recorded {
		o := &y.Out[j]
		dst = append(dst, o.P5SE, o.P50SE, o.P95SE)
	}
	return append(dst, y.PZero)
}

// noResult refuses a run that drew nothing, rather than write empty
// percentiles a script would take for zeros.
func noResult(r *market.Result) error {
	if r == nil || r.N == 0 {
		return errors.New("monte carlo: no result to write")
	}
	return nil
}

// UncertaintyCSV writes one row per year of r under a header of
// UncertaintyColumns, every number in full without an exponent.
func UncertaintyCSV(w io.Writer, r *market.Result) error {
	if err := noResult(r); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cols := UncertaintyColumns(r)
	if err := cw.Write(cols); err != nil {
		return err
	}
	row := make([]string, len(cols))
	var vals []float64
	for i := range r.Years {
		vals = yearFigures(r, &r.Years[i], vals)
		for j, v := range vals {
			row[j] = plain(v)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// UncertaintyJSON writes an array with one object per year of r, its keys
// the UncertaintyColumns in order; a NaN, which a run never makes and JSON
// cannot hold, is null.
func UncertaintyJSON(w io.Writer, r *market.Result) error {
	if err := noResult(r); err != nil {
		return err
	}
	var b []byte
	cols := UncertaintyColumns(r)
	var vals []float64
	b = append(b, "[\n"...)
	for i := range r.Years {
		b = append(b, "  {"...)
		vals = yearFigures(r, &r.Years[i], vals)
		for j, v := range vals {
			if j > 0 {
				b = append(b, ", "...)
			}
			b = strconv.AppendQuote(b, cols[j])
			b = append(b, ": "...)
			b = append(b, plain(v)...)
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

// UncertaintyTable writes the run r for people, in currency c: a line with
// the sample count, the seed, P(zero) and the Monte Carlo expected
// headline, then the percentiles year by year with the medians' standard
// errors, then which inputs were drawn.
func UncertaintyTable(w io.Writer, m *market.Market, r *market.Result, c market.Currency) error {
	if err := noResult(r); err != nil {
		return err
	}
	if err := uncertaintySummary(w, m, r, c); err != nil {
		return err
	}
	if err := percentileTable(w, m, r, c); err != nil {
		return err
	}
	if err := drawnInputs(w, m, r); err != nil {
		return err
	}
	return correlatedInputs(w, m)
}

// uncertaintySummary is the table's opening: how the run was made and
// what it expects of the headline.
func uncertaintySummary(w io.Writer, m *market.Market, r *market.Result, c market.Currency) error {
	last := r.Last()
	head := r.Recorded[0].Series
	zero, given := ".", ""
	if m.Outputs.HasDeal {
		zero = fmt.Sprintf(" (no deal counted as %s).", market.FormatMoney(0, c))
		given = fmt.Sprintf("Percentiles are given a signed deal (%s of samples); ", market.FormatPercent(float64(r.Deals)/float64(r.N), 1))
	}
	_, err := fmt.Fprintf(w, "Monte Carlo: %s samples, seed %d. P(zero %s in %d) %s; Monte Carlo expected %s %s%s\n%s± is the median's Monte Carlo standard error.\n\n",
		market.FormatCount(r.N), r.Seed, m.Phrase(head), last.Year, market.FormatPercent(r.PZeroRevenue, 1), m.Phrase(head),
		market.FormatMoney(r.RiskWeightedMean, c), zero, given)
	return err
}

// percentileTable is P5, P50 ± its standard error and P95 of every
// recorded output, and P(zero), year by year.
func percentileTable(w io.Writer, m *market.Market, r *market.Result, c market.Currency) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	cols := []string{"Year"}
	for j, u := range r.Recorded {
		label := Cell(m.Series[u.Series].Label)
		if j > 0 {
			cols = append(cols, label+" P5", "P50", "±", "P95")
		} else {
			cols = append(cols, label+" P5", label+" P50", "±", label+" P95")
		}
	}
	fmt.Fprintln(tw, strings.Join(append(cols, "P(zero)"), "\t")+"\t")
	for i := range r.Years {
		y := &r.Years[i]
		cells := []string{strconv.Itoa(y.Year)}
		for j, u := range r.Recorded {
			o := &y.Out[j]
			f := func(v float64) string { return m.Format(u.Series, v, c) }
			cells = append(cells, f(o.P5), f(o.P50), f(o.P50SE), f(o.P95))
		}
		cells = append(cells, market.FormatPercent(y.PZero, 1))
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	return tw.Flush()
}

// drawnInputs names the inputs the run drew at random, or says none was.
func drawnInputs(w io.Writer, m *market.Market, r *market.Result) error {
	if len(r.Sampled) == 0 {
		_, err := fmt.Fprintln(w, "\nEvery input was fixed: the percentiles are the deterministic projection.")
		return err
	}
	names := make([]string, len(r.Sampled))
	for i, id := range r.Sampled {
		names[i] = m.Inputs[id].Name
	}
	_, err := fmt.Fprintf(w, "\nDrawn at random: %s.\n", strings.Join(names, ", "))
	return err
}

// correlatedInputs lists the inputs drawn together, a line each with its
// rank and its source (or that it is an assumption); nothing when none is.
func correlatedInputs(w io.Writer, m *market.Market) error {
	if len(m.Correlations) == 0 {
		return nil
	}
	if _, err := fmt.Fprintln(w, "Drawn together (Spearman rank, by a Gaussian copula):"); err != nil {
		return err
	}
	for i := range m.Correlations {
		c := &m.Correlations[i]
		src := "an assumption"
		if c.Source != "" {
			src = Cell(c.Source)
			if c.Year != 0 {
				src += fmt.Sprintf(", %d", c.Year)
			}
		}
		if _, err := fmt.Fprintf(w, "  %s %s (%s)\n", Cell(c.Names()), market.FormatRank(c.Rank), src); err != nil {
			return err
		}
	}
	return nil
}
