package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"sizeup/market"
)

// InputsTable lists every input with its value v (and its default when v
// differs), range and source, in currency c. Labels and sources are cut to
// a screen's worth (Cell) before the table measures them.
func InputsTable(w io.Writer, m *market.Market, v *market.Values, c market.Currency) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tINPUT\tVALUE\tLOW\tHIGH\tSOURCE")
	for _, id := range m.Order {
		in := &m.Inputs[id]
		value := in.Format(v[id], c)
		if v[id] != in.Default {
			value += " (default " + in.Format(in.Default, c) + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", Cell(in.Name), Cell(in.Label), value, in.Format(in.Low, c), in.Format(in.High, c), Cell(in.SourceText()))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return tablesTable(w, m, c)
}

// tablesTable lists the market's tables, item by item: figures by year,
// not inputs (no slider, no draw), with their source.
func tablesTable(w io.Writer, m *market.Market, c market.Currency) error {
	if len(m.Tables) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tFIGURES BY YEAR\tBETWEEN\tSOURCE")
	for i := range m.Tables {
		t := &m.Tables[i]
		between := "linear"
		if t.Step {
			between = "step"
		}
		source := t.Source
		if source == "" {
			source = "assumption"
		}
		for k, p := range t.Items {
			name := t.ID
			if len(t.Dims) > 0 {
				name += "." + m.ItemName(t.Dims, m.Item(t.Dims, k))
			}
			var figs []string
			for i, y := range p.Years {
				figs = append(figs, fmt.Sprintf("%d %s", y, t.Format(p.Values[i], c)))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", Cell(name), Cell(strings.Join(figs, ", ")), between, Cell(source))
		}
	}
	return tw.Flush()
}

// inputJSON is one input as `sizeup inputs --format json` writes it; the
// field order is the order of the keys.
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

// InputsJSON lists the inputs as a JSON array in model units, each with
// its value v.
func InputsJSON(w io.Writer, m *market.Market, v *market.Values) error {
	rows := make([]inputJSON, 0, len(m.Order))
	for _, id := range m.Order {
		in := &m.Inputs[id]
		rows = append(rows, inputJSON{
			ID: in.Name, Label: in.Label, Group: in.Group, Kind: in.Kind.String(), Unit: in.UnitText(),
			Value: v[id], Default: in.Default, Low: in.Low, High: in.High, Min: in.Min, Max: in.Max, Step: in.Step,
			Assumption: in.IsAssumption(), Source: in.Source, SourceYear: in.SourceYear, URL: in.URL, Note: in.Note,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}
