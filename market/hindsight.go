package market

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Hindsight sets the projection beside what actually happened: for every
// year of the projection, the model's TAM and subscribers and each series
// of the market's history that has a figure that year. Money reported in
// yuan is converted at fx (CNY per USD).

// HindsightColumn is one history series as a report column.
type HindsightColumn struct {
	Name   string // "market_cny_usd", "iqiyi_paying"
	Series *Series
	money  bool
}

// HindsightColumns names the report's history columns: money in USD
// (suffix _usd), people as people.
func (m *Market) HindsightColumns() []HindsightColumn {
	var cols []HindsightColumn
	for i := range m.History {
		h := &m.History[i]
		c := HindsightColumn{Name: h.ID, Series: h}
		if h.Unit == "CNY" || h.Unit == "USD" {
			c.Name, c.money = h.ID+"_usd", true
		}
		cols = append(cols, c)
	}
	return cols
}

// actual is a series' figure for a year in model units (USD or people).
func (c HindsightColumn) actual(year int, fx float64) (float64, bool) {
	for i, y := range c.Series.Years {
		if y == year {
			v := c.Series.Values[i]
			if c.Series.Unit == "CNY" && fx > 0 {
				v /= fx
			}
			return v, true
		}
	}
	return 0, false
}

// WriteHindsightCSV writes year, tam_usd, subscribers, then one column per
// history series; a year with no figure is an empty cell.
func WriteHindsightCSV(w io.Writer, m *Market, p *Projection, fx float64) error {
	cols := m.HindsightColumns()
	cw := csv.NewWriter(w)
	header := []string{"year", "tam_usd", "subscribers"}
	for _, c := range cols {
		header = append(header, c.Name)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for i := range p.Years {
		y := &p.Years[i]
		row := []string{fmt.Sprint(y.Year), plain(y.TAM), plain(y.Subscribers)}
		for _, c := range cols {
			if v, ok := c.actual(y.Year, fx); ok {
				row = append(row, plain(v))
			} else {
				row = append(row, "")
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteHindsightTable is the same for reading, with the series' notes below.
func WriteHindsightTable(w io.Writer, m *Market, p *Projection, fx float64, cur Currency) error {
	cols := m.HindsightColumns()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"Year", "TAM (model)", "Subscribers (model)"}
	for _, c := range cols {
		head = append(head, c.Series.Label)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for i := range p.Years {
		y := &p.Years[i]
		row := []string{fmt.Sprint(y.Year), FormatMoney(y.TAM, cur), FormatPeople(y.Subscribers)}
		for _, c := range cols {
			v, ok := c.actual(y.Year, fx)
			switch {
			case !ok:
				row = append(row, "")
			case c.money:
				row = append(row, FormatMoney(v, cur))
			default:
				row = append(row, FormatPeople(v))
			}
		}
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for _, c := range cols {
		src := c.Series.Source
		if c.Series.Note != "" {
			src += ". " + c.Series.Note
		}
		fmt.Fprintf(w, "%s: %s\n", c.Series.Label, src)
	}
	return nil
}

// WriteHindsightJSON writes one object per year; a missing figure is null.
func WriteHindsightJSON(w io.Writer, m *Market, p *Projection, fx float64) error {
	cols := m.HindsightColumns()
	var b strings.Builder
	b.WriteString("[\n")
	for i := range p.Years {
		y := &p.Years[i]
		fmt.Fprintf(&b, `  {"year": %d, "tam_usd": %s, "subscribers": %s`, y.Year, plain(y.TAM), plain(y.Subscribers))
		for _, c := range cols {
			val := "null"
			if v, ok := c.actual(y.Year, fx); ok {
				val = plain(v)
			}
			fmt.Fprintf(&b, `, %q: %s`, c.Name, val)
		}
		b.WriteString("}")
		if i < len(p.Years)-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	_, err := io.WriteString(w, b.String())
	return err
}
