// Package report writes the model's outputs for scripts and people: the
// projection, the inputs, the Monte Carlo percentiles and the hindsight
// comparison, each as CSV, JSON or an aligned table. It only formats:
// every figure comes from package market, so the engine never waits on a
// writer and a new format never touches the model.
//
// CSV and JSON are for scripts and keep money in USD, people as people and
// shares as fractions, every number in full without an exponent; tables
// are for people and put a unit on every figure.
package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"sizeup/market"
)

// plain writes a number in full without an exponent, so spreadsheets read it.
func plain(v float64) string { return market.PlainNumber(v) }

// Columns are the machine-readable column names of a report: year, then
// every series in file order. People are people, money is USD, shares are
// fractions.
func Columns(m *market.Market) []string {
	return append([]string{"year"}, m.SeriesNames()...)
}

// CSV writes one row per year of p under a header of Columns.
func CSV(w io.Writer, m *market.Market, p *market.Projection) error {
	cw := csv.NewWriter(w)
	cols := Columns(m)
	if err := cw.Write(cols); err != nil {
		return err
	}
	cells := make([]string, len(cols))
	var row []float64
	for i := 0; i < p.Len(); i++ {
		cells[0] = strconv.Itoa(p.Year(i))
		row = p.Row(i, row)
		for j, v := range row {
			cells[j+1] = plain(v)
		}
		if err := cw.Write(cells); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// JSON writes an array with one object per year of p, its keys the
// Columns in order (so a reader sees year first). It is built by hand
// because encoding/json would sort a map's keys.
func JSON(w io.Writer, m *market.Market, p *market.Projection) error {
	cols := Columns(m)
	var row []float64
	var b []byte
	b = append(b, "[\n"...)
	for i := 0; i < p.Len(); i++ {
		b = append(b, "  {"...)
		b = append(b, `"year": `...)
		b = strconv.AppendInt(b, int64(p.Year(i)), 10)
		row = p.Row(i, row)
		for j, v := range row {
			b = append(b, ", "...)
			b = strconv.AppendQuote(b, cols[j+1])
			b = append(b, ": "...)
			b = append(b, plain(v)...)
		}
		b = append(b, '}')
		if i < p.Len()-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	b = append(b, "]\n"...)
	_, err := w.Write(b)
	return err
}

// MaxCell is the most characters of a label, a source or a note a table
// shows: a screen's worth. A table pads every row to its widest cell, so a
// 3.9 MB label made every row 3.9 MB and took 23 s; text is cut before the
// table measures it.
const MaxCell = 160

// Cell is s cut to MaxCell characters, with … for what was cut; it looks
// at no more of s than it keeps, and a tab or newline (which would break
// the table's columns) becomes a space.
func Cell(s string) string {
	n := 0
	for i := range s {
		if n == MaxCell {
			return clean(s[:i-len(lastRune(s[:i]))]) + "…"
		}
		n++
	}
	return clean(s)
}

func lastRune(s string) string {
	_, size := utf8.DecodeLastRuneInString(s)
	return s[len(s)-size:]
}

func clean(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}

// Table writes p as an aligned table for people, with units on every
// figure in currency c: a column per series, under its label.
//
// A market split by dimensions has too many columns for that (a value per
// item): its table is a row per series, each item under its value, and a
// column per year, as a spreadsheet lays figures by year.
func Table(w io.Writer, m *market.Market, p *market.Projection, c market.Currency) error {
	if hasItems(m) {
		return tableByYear(w, m, p, c)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"Year"}
	for i := range m.Series {
		head = append(head, Cell(m.Series[i].Label))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	cells := make([]string, len(head))
	var row []float64
	for i := 0; i < p.Len(); i++ {
		cells[0] = strconv.Itoa(p.Year(i))
		row = p.Row(i, row)
		for j, v := range row {
			cells[j+1] = m.Format(market.Output(j), v, c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	return tw.Flush()
}

func hasItems(m *market.Market) bool {
	for i := range m.Series {
		if m.Series[i].Items != nil {
			return true
		}
	}
	return false
}

// tableByYear writes a row per series and a column per year; an item is
// indented under its value, named by its item alone.
func tableByYear(w io.Writer, m *market.Market, p *market.Projection, c market.Currency) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{""}
	for i := 0; i < p.Len(); i++ {
		head = append(head, strconv.Itoa(p.Year(i)))
	}
	// The labels, left-aligned (the writer right-aligns every column).
	type line struct {
		label string
		s     int // the series, or −1 for a value's label alone
	}
	var lines []line
	width := 0
	for j := range m.Series {
		s := &m.Series[j]
		switch {
		case s.Items == nil:
			lines = append(lines, line{Cell(s.Label), j})
		case j == 0 || m.Series[j-1].Family != s.Family:
			// the first item of a value without a total: its label first
			lines = append(lines, line{Cell(strings.TrimSuffix(s.Label, " · "+m.ItemLabel(s.Dims, s.Items))), -1})
			fallthrough
		default:
			lines = append(lines, line{"  " + Cell(m.ItemLabel(s.Dims, s.Items)), j})
		}
		width = max(width, utf8.RuneCountInString(lines[len(lines)-1].label))
	}
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(l.label))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-utf8.RuneCountInString(s)) }
	head[0] = pad("")
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	cells := make([]string, len(head))
	for _, l := range lines {
		cells[0] = pad(l.label)
		for i := 0; i < p.Len(); i++ {
			cells[i+1] = ""
			if l.s >= 0 {
				cells[i+1] = m.Format(market.Output(l.s), p.Get(market.Output(l.s), i), c)
			}
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	return tw.Flush()
}
