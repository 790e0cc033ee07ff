package market

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// ReportColumns are the machine-readable column names of a report: year,
// then every series in file order. People are people, money is USD,
// shares are fractions.
func (m *Market) ReportColumns() []string {
	return append([]string{"year"}, m.SeriesNames()...)
}

// plain writes a number in full without an exponent, so spreadsheets read it.
func plain(v float64) string { return PlainNumber(v) }

// WriteCSV writes one row per year under a header of ReportColumns.
func (m *Market) WriteCSV(w io.Writer, p *Projection) error {
	cw := csv.NewWriter(w)
	cols := m.ReportColumns()
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

// WriteJSON writes an array with one object per year, its keys the
// ReportColumns in order (so a reader sees year first).
func (m *Market) WriteJSON(w io.Writer, p *Projection) error {
	cols := m.ReportColumns()
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

// WriteTable writes an aligned table for people, with units on every
// figure: a column per series, under its label.
func (m *Market) WriteTable(w io.Writer, p *Projection, c Currency) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"Year"}
	for i := range m.Series {
		head = append(head, m.Series[i].Label)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	cells := make([]string, len(head))
	var row []float64
	for i := 0; i < p.Len(); i++ {
		cells[0] = strconv.Itoa(p.Year(i))
		row = p.Row(i, row)
		for j, v := range row {
			cells[j+1] = m.Format(Output(j), v, c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	return tw.Flush()
}

// WriteInputsTable lists every input with its value, range, unit and source.
func WriteInputsTable(w io.Writer, m *Market, v *Values, c Currency) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tINPUT\tVALUE\tLOW\tHIGH\tSOURCE")
	for _, id := range m.Order {
		in := &m.Inputs[id]
		value := in.Format(v[id], c)
		if v[id] != in.Default {
			value += " (default " + in.Format(in.Default, c) + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", in.Name, in.Label, value, in.Format(in.Low, c), in.Format(in.High, c), in.SourceText())
	}
	return tw.Flush()
}

type inputJSON struct {
	ID         string  `json:"id"`
	Label      string  `json:"label"`
	Group      string  `json:"group"`
	Kind       string  `json:"kind"`
	Unit       string  `json:"unit"`
	Value      float64 `json:"value"`
	Default    float64 `json:"default"`
	Low        float64 `json:"low"`
	High       float64 `json:"high"`
	Min        float64 `json:"min"`
	Max        float64 `json:"max"`
	Step       float64 `json:"step"`
	Assumption bool    `json:"assumption"`
	Source     string  `json:"source,omitempty"`
	SourceYear int     `json:"source_year,omitempty"`
	URL        string  `json:"url,omitempty"`
	Note       string  `json:"note,omitempty"`
}

// WriteInputsJSON lists the inputs as a JSON array in model units.
func WriteInputsJSON(w io.Writer, m *Market, v *Values) error {
	rows := make([]inputJSON, 0, len(m.Order))
	for _, id := range m.Order {
		in := &m.Inputs[id]
		rows = append(rows, inputJSON{
			ID: in.Name, Label: in.Label, Group: in.Group, Kind: in.Kind.String(), Unit: in.Unit.String(),
			Value: v[id], Default: in.Default, Low: in.Low, High: in.High, Min: in.Min, Max: in.Max, Step: in.Step,
			Assumption: in.IsAssumption(), Source: in.Source, SourceYear: in.SourceYear, URL: in.URL, Note: in.Note,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}
