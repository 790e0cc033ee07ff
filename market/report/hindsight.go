package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"sizeup/market"
)

// hindsight is what the hindsight writers share: the projection, the
// market's history columns and the judgements of the series that name a
// model column.
type hindsight struct {
	m      *market.Market
	p      *market.Projection
	fx     float64 // the rate for a year with none of its own
	cols   []market.HindsightColumn
	js     []market.Judgement
	judged map[*market.Series]*market.Judgement
	model  []market.Output // the model's columns, after year
}

func newHindsight(m *market.Market, p *market.Projection, fx float64) *hindsight {
	h := &hindsight{m: m, p: p, fx: fx, cols: m.HindsightColumns(), js: m.Judge(p, fx), model: m.HindsightModel()}
	h.judged = map[*market.Series]*market.Judgement{}
	for i := range h.js {
		h.judged[h.js[i].Series] = &h.js[i]
	}
	return h
}

// cell is one cell of a hindsight row: a value, or none.
type cell struct {
	name string
	v    float64
	ok   bool
	in   bool // an error a calibrated input was fitted to: in-sample
}

// row is the cells of the projection's k-th year: year, the model's
// columns, then each history column, each followed by its error when the
// series is judged and, for data (flagged), by <name>_in_sample (1 where
// a calibrated input was fitted to the figure) when it has such points.
func (h *hindsight) row(k int, flagged bool) []cell {
	year := h.p.Year(k)
	cells := []cell{{name: "year", v: float64(year), ok: true}}
	for _, o := range h.model {
		cells = append(cells, cell{name: h.m.SeriesID(o), v: h.p.Get(o, k), ok: true})
	}
	for _, c := range h.cols {
		v, ok := c.Actual(h.m, year, h.fx)
		cells = append(cells, cell{name: c.Name, v: v, ok: ok})
		if j := h.judged[c.Series]; j != nil {
			cells = append(cells, errorCell(c.Name, j, year))
		}
		if flagged && len(c.Series.InSample) > 0 {
			in := cell{name: c.Name + "_in_sample", ok: ok}
			if c.Series.IsInSample(year) {
				in.v = 1
			}
			cells = append(cells, in)
		}
	}
	return cells
}

// errorCell is the model's error against judged series j in year.
func errorCell(name string, j *market.Judgement, year int) cell {
	e := cell{name: name + "_error"}
	for _, r := range j.Rows {
		if r.Year == year {
			e.v, e.ok, e.in = r.Error, true, r.InSample
		}
	}
	return e
}

// HindsightCSV writes year, the model's columns that history compares with
// (tam_usd, users …) and the people it records (subscribers), then one
// column per history series of m (money in USD at each year's own rate,
// a rate series as it is), each judged series followed by <name>_error
// (model/actual − 1, a fraction) and, when a calibrated input was fitted
// to some of its points, <name>_in_sample (1 for those, 0 for held-out
// ones). A year with no figure is an empty cell.
// fx is the rate for a year with none of its own.
func HindsightCSV(w io.Writer, m *market.Market, p *market.Projection, fx float64) error {
	h := newHindsight(m, p, fx)
	cw := csv.NewWriter(w)
	for i := 0; i < p.Len(); i++ {
		cells := h.row(i, true)
		if i == 0 {
			header := make([]string, len(cells))
			for k, c := range cells {
				header[k] = c.name
			}
			if err := cw.Write(header); err != nil {
				return err
			}
		}
		row := make([]string, len(cells))
		for k, c := range cells {
			if c.ok {
				row[k] = plain(c.v)
			}
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// HindsightJSON writes one object per year with the keys of HindsightCSV;
// a missing figure is null.
func HindsightJSON(w io.Writer, m *market.Market, p *market.Projection, fx float64) error {
	h := newHindsight(m, p, fx)
	var b strings.Builder
	b.WriteString("[\n")
	for i := 0; i < p.Len(); i++ {
		b.WriteString("  {")
		for k, c := range h.row(i, true) {
			if k > 0 {
				b.WriteString(", ")
			}
			val := "null"
			if c.ok {
				val = plain(c.v)
			}
			fmt.Fprintf(&b, "%q: %s", c.name, val)
		}
		b.WriteString("}")
		if i < p.Len()-1 {
			b.WriteString(",")
		}
		b.WriteString("\n")
	}
	b.WriteString("]\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// HindsightTable writes, for people, the years that have an actual
// figure: the model beside each history series, the model's error against
// each judged one, each year's rate, then what the errors and the implied
// growth say and the series' sources and notes. Money is in currency cur.
func HindsightTable(w io.Writer, m *market.Market, p *market.Projection, fx float64, cur market.Currency) error {
	h := newHindsight(m, p, fx)
	if err := h.yearTable(w, cur); err != nil {
		return err
	}
	if len(m.CalibratedYears()) > 0 {
		fmt.Fprintf(w, "%s in-sample: a calibrated input was fitted to this figure, so its error is shown but not scored.\n", inSampleMark)
	}
	fmt.Fprintln(w)
	for i := range h.js {
		h.verdict(w, &h.js[i])
	}
	fmt.Fprintln(w)
	h.sources(w)
	return nil
}

// HindsightOutcomes writes, after a blank line, a line per event the
// market recorded against the probability that forecast it, with its
// Brier score (China: no partner launch, against the deal probability);
// nothing when it records none.
func HindsightOutcomes(w io.Writer, m *market.Market, v *market.Values) {
	os := m.Outcomes(v)
	if len(os) == 0 {
		return
	}
	fmt.Fprintln(w)
	for _, o := range os {
		fmt.Fprintln(w, o.Sentence(m))
		if src := strings.TrimSpace(o.Series.Source + ". " + o.Series.Note); src != "." {
			fmt.Fprintf(w, "  %s\n", src)
		}
	}
}

// yearTable is the table of the years with something to compare. A
// market split by dimensions compares many columns: its table is turned,
// a row per model series and history (each error under it), a column per
// year, as Table turns its figures.
func (h *hindsight) yearTable(w io.Writer, cur market.Currency) error {
	var rows [][]string
	for i := 0; i < h.p.Len(); i++ {
		cells := h.row(i, false)
		if i == 0 {
			rows = append(rows, h.head(cells))
		}
		if !h.hasActual(cells) {
			continue // a year with nothing to compare
		}
		rows = append(rows, h.tableRow(i, cells, cur))
	}
	if hasItems(h.m) || tooWide(rows) {
		rows = turned(rows)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t")+"\t")
	}
	return tw.Flush()
}

// maxTableWidth is the widest row a table by year keeps: past it (China's
// hindsight was 382 characters, India's 731) no terminal shows a row, and
// the table is turned.
const maxTableWidth = 200

// tooWide reports whether rows, laid out two spaces apart, pass
// maxTableWidth.
func tooWide(rows [][]string) bool {
	if len(rows) == 0 {
		return false
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for k, c := range r {
			if k < len(widths) {
				widths[k] = max(widths[k], utf8.RuneCountInString(c))
			}
		}
	}
	total := 0
	for _, w := range widths {
		total += w + 2
	}
	return total > maxTableWidth
}

// turned is a table's rows as columns, its first column (the labels)
// padded to the left so the writer's right alignment leaves them flush.
func turned(rows [][]string) [][]string {
	if len(rows) == 0 {
		return rows
	}
	out := make([][]string, len(rows[0]))
	width := 0
	for k := range out {
		width = max(width, utf8.RuneCountInString(rows[0][k]))
	}
	for k := range out {
		label := rows[0][k]
		if k == 0 {
			label = ""
		}
		if label == "error" {
			label = "  error"
		}
		out[k] = append(out[k], label+strings.Repeat(" ", width-utf8.RuneCountInString(label)))
		for _, r := range rows[1:] {
			out[k] = append(out[k], r[k])
		}
	}
	return out
}

// head names the table's columns for people: the model's by their labels,
// the history series' by theirs, each error "error".
func (h *hindsight) head(cells []cell) []string {
	labels := map[string]string{}
	for _, o := range h.model {
		labels[h.m.SeriesID(o)] = Cell(h.m.Label(o)) + " (model)"
	}
	head := make([]string, len(cells))
	for k, c := range cells {
		switch {
		case k == 0:
			head[k] = "Year"
		case labels[c.name] != "":
			head[k] = labels[c.name]
		case strings.HasSuffix(c.name, "_error"):
			head[k] = "error"
		default:
			for _, col := range h.cols {
				if col.Name == c.name {
					head[k] = Cell(col.Series.Label)
				}
			}
		}
	}
	return head
}

// hasActual reports whether a row has any history figure, past the
// model's columns.
func (h *hindsight) hasActual(cells []cell) bool {
	for _, c := range cells[1+len(h.model):] {
		if c.ok {
			return true
		}
	}
	return false
}

// tableRow formats the k-th year's cells, each in its own unit.
func (h *hindsight) tableRow(k int, cells []cell, cur market.Currency) []string {
	row := make([]string, len(cells))
	row[0] = fmt.Sprint(h.p.Year(k))
	for i := 1; i < len(cells); i++ {
		c := cells[i]
		name := strings.TrimSuffix(c.name, "_error")
		switch {
		case !c.ok:
		case strings.HasSuffix(c.name, "_error") && c.in:
			row[i] = signedPercent(c.v) + inSampleMark
		case strings.HasSuffix(c.name, "_error"):
			row[i] = signedPercent(c.v)
		case h.unit(name) == market.RateUnit:
			row[i] = fmt.Sprintf("%s%.4f", h.m.Local.Symbol, c.v)
		case i <= len(h.model):
			row[i] = h.m.Format(h.model[i-1], c.v, cur)
		case strings.HasSuffix(name, "_usd"):
			row[i] = market.FormatMoney(c.v, cur)
		case h.unit(name) == "percent":
			row[i] = market.FormatPercent(c.v, 1)
		default:
			row[i] = market.FormatPeople(c.v)
		}
	}
	return row
}

// unit is the unit of the history column named name, or "".
func (h *hindsight) unit(name string) string {
	for _, c := range h.cols {
		if c.Name == name {
			return c.Series.Unit
		}
	}
	return ""
}

// verdict is a line on judgement j: how far off the model is over the
// held-out years after the base year, the years a calibrated input was
// fitted to (in-sample, never scored), and the growth the actuals imply
// beside the model's. Nothing for a series with no year in the projection.
func (h *hindsight) verdict(w io.Writer, j *market.Judgement) {
	if len(j.Rows) == 0 {
		return
	}
	// The base year is an input, so the judgement is on the years after it.
	var held []int
	for _, r := range j.HeldOut() {
		held = append(held, r.Year)
	}
	if len(held) > 1 && held[0] == h.p.BaseYear {
		held = held[1:]
	}
	in := j.InSampleYears()
	switch {
	case len(held) > 0 && len(in) > 0:
		lo, hi, _ := j.ErrorRange(held[0], held[len(held)-1])
		fmt.Fprintf(w, "%s, held out %s: the model is %s; in-sample (calibrated): %s.", j.Series.Label, market.YearSpan(held), errorWords(lo, hi), market.YearSpan(in))
	case len(held) > 0:
		lo, hi, _ := j.ErrorRange(held[0], held[len(held)-1])
		fmt.Fprintf(w, "%s, %s: the model is %s.", j.Series.Label, yearRange(held), errorWords(lo, hi))
	default:
		fmt.Fprintf(w, "%s: every point is in-sample (calibrated): %s, so none is scored.", j.Series.Label, market.YearSpan(in))
	}
	if j.HasGrowth {
		h.growth(w, j)
	}
	fmt.Fprintln(w)
}

// yearRange is the first and last of years: "2017–2023", or "2019".
func yearRange(years []int) string {
	if years[0] == years[len(years)-1] {
		return fmt.Sprint(years[0])
	}
	return fmt.Sprintf("%d–%d", years[0], years[len(years)-1])
}

// growth is the growth judgement j's actuals imply, in their currency and
// in USD when that differs, beside the model's own.
func (h *hindsight) growth(w io.Writer, j *market.Judgement) {
	fmt.Fprintf(w, " Growth it implies, %d–%d: %s a year", j.FromYear, j.ToYear, market.FormatPercent(j.Growth, 1))
	if h.m.IsLocal(j.Series.Unit) {
		fmt.Fprintf(w, " in %s (%s in USD at each year's rate)", j.Series.Unit, market.FormatPercent(j.GrowthUSD, 1))
	}
	if g, ok := j.ModelGrowth(h.p); ok {
		fmt.Fprintf(w, "; the model's is %s", market.FormatPercent(g, 1))
	}
	fmt.Fprint(w, ".")
}

// sources is a line per history series: its source and note.
func (h *hindsight) sources(w io.Writer) {
	for _, c := range h.cols {
		src := c.Series.Source
		if c.Series.Note != "" {
			src += ". " + c.Series.Note
		}
		fmt.Fprintf(w, "%s: %s\n", c.Series.Label, src)
	}
}

// inSampleMark follows an in-sample error in the table.
const inSampleMark = "*"

// signedPercent shows an error as +2.5% or −18.2%.
func signedPercent(f float64) string {
	s := market.FormatPercent(math.Abs(f), 1)
	switch {
	case s == market.FormatPercent(0, 1):
		return s
	case f < 0:
		return "−" + s
	}
	return "+" + s
}

// errorWords says how far off the model is: "13% to 20% under it",
// "4.1% over it", "−3.0% to +2.0% off it".
func errorWords(lo, hi float64) string {
	span := func(a, b float64) string {
		if market.FormatPercent(a, 1) == market.FormatPercent(b, 1) {
			return market.FormatPercent(a, 1)
		}
		return market.FormatPercent(a, 1) + " to " + market.FormatPercent(b, 1)
	}
	switch {
	case hi < 0:
		return span(-hi, -lo) + " under it"
	case lo > 0:
		return span(lo, hi) + " over it"
	}
	return signedPercent(lo) + " to " + signedPercent(hi) + " off it"
}
