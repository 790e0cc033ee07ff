package market

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
)

// ReportColumns are the machine-readable column names of DESIGN.md §2, then
// three more: the expected net at the sliders (net × deal probability,
// under its old column name) and both ARPUs. People are people, money is
// USD, shares are fractions.
var ReportColumns = []string{
	"year", "users", "viewers", "coverage", "reachable", "tam_usd", "sam_usd",
	"adoption", "subscribers", "paying", "gross_usd", "net_usd", "share_of_tam",
	"pay_share", "share_of_sam",
	"risk_weighted_net_usd", "market_arpu_usd", "our_arpu_usd",
}

func (y *Year) columns() []float64 {
	return []float64{float64(y.Year), y.Users, y.Viewers, y.Coverage, y.Reachable, y.TAM, y.SAM,
		y.Adoption, y.Subscribers, y.Paying, y.Gross, y.Net, y.ShareOfTAM,
		y.PayShare, y.ShareOfSAM,
		y.RiskNet, y.MarketARPU, y.OurARPU}
}

// plain writes a number in full without an exponent, so spreadsheets read it.
func plain(v float64) string { return PlainNumber(v) }

// WriteCSV writes one row per year under a header of ReportColumns.
func WriteCSV(w io.Writer, p *Projection) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ReportColumns); err != nil {
		return err
	}
	row := make([]string, len(ReportColumns))
	for i := range p.Years {
		for j, v := range p.Years[i].columns() {
			row[j] = plain(v)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes an array with one object per year, its keys the
// ReportColumns in order (so a reader sees year first).
func WriteJSON(w io.Writer, p *Projection) error {
	var b []byte
	b = append(b, "[\n"...)
	for i := range p.Years {
		b = append(b, "  {"...)
		for j, v := range p.Years[i].columns() {
			if j > 0 {
				b = append(b, ", "...)
			}
			b = strconv.AppendQuote(b, ReportColumns[j])
			b = append(b, ": "...)
			b = append(b, plain(v)...)
		}
		b = append(b, '}')
		if i < len(p.Years)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	b = append(b, "]\n"...)
	_, err := w.Write(b)
	return err
}

// WriteTable writes an aligned table for people, with units on every figure.
func WriteTable(w io.Writer, p *Projection, c Currency) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "Year\tUsers\tViewers\tCoverage\tReachable\tTAM\tSAM\tAdoption\tSubscribers\tPaying\tGross\tNet\tShare of TAM\tPaid share\tShare of SAM\tExp. net (sliders)\t")
	for i := range p.Years {
		y := &p.Years[i]
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n",
			y.Year, FormatPeople(y.Users), FormatPeople(y.Viewers), FormatPercent(y.Coverage, 1),
			FormatPeople(y.Reachable), FormatMoney(y.TAM, c), FormatMoney(y.SAM, c),
			FormatPercent(y.Adoption, 1), FormatPeople(y.Subscribers), FormatPeople(y.Paying),
			FormatMoney(y.Gross, c), FormatMoney(y.Net, c), FormatShare(y.ShareOfTAM),
			FormatPercent(y.PayShare, 1), FormatShare(y.ShareOfSAM), FormatMoney(y.RiskNet, c))
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
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", id, in.Label, value, in.Format(in.Low, c), in.Format(in.High, c), in.SourceText())
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
			ID: id.String(), Label: in.Label, Group: in.Group, Kind: in.Kind.String(), Unit: in.Unit.String(),
			Value: v[id], Default: in.Default, Low: in.Low, High: in.High, Min: in.Min, Max: in.Max, Step: in.Step,
			Assumption: in.IsAssumption(), Source: in.Source, SourceYear: in.SourceYear, URL: in.URL, Note: in.Note,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}
