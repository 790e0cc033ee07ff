package market

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
)

// Hindsight sets the projection beside what actually happened and judges
// it: for each history series that names a model column (Series.Compare),
// the model's figure, the actual one and the model's error, year by year,
// and the growth rate the actuals imply. Money reported in yuan is
// converted at each year's own average rate, from the market's history
// series of unit RateUnit, not at the display rate of the CNY slider; a
// year the rate series does not cover falls back to the slider's rate and
// says so (HindsightRow.OwnRate).

// RateUnit is the unit of a history series that holds each year's average
// exchange rate (the market's currency per USD), used to convert that
// year's figures in that currency. Files may also write "cny_per_usd".
const RateUnit = "local_per_usd"

// isLocal reports whether a history unit is the market's own currency.
func (m *Market) isLocal(unit string) bool { return m.HasLocal() && unit == m.Local.Code }

// YearRate is the local currency per USD to convert year's figures at: that year's
// average from the market's rate series (own is true), or fallback.
func (m *Market) YearRate(year int, fallback float64) (rate float64, own bool) {
	for i := range m.History {
		h := &m.History[i]
		if h.Unit != RateUnit {
			continue
		}
		if v, ok := h.At(year); ok && v > 0 {
			return v, true
		}
	}
	return fallback, false
}

// At is the series' figure for a year as written.
func (s *Series) At(year int) (float64, bool) {
	for i, y := range s.Years {
		if y == year && i < len(s.Values) {
			return s.Values[i], true
		}
	}
	return 0, false
}

// IsMoney reports whether the series is an amount of money: in USD or in
// a currency's code ("CNY").
func (s *Series) IsMoney() bool {
	return s.Unit == "USD" || len(s.Unit) == 3 && strings.ToUpper(s.Unit) == s.Unit
}

// HindsightRow is one year of a history series set against the model.
type HindsightRow struct {
	Year    int
	Model   float64 // the model's figure: USD or people
	Actual  float64 // what happened, in the same unit (yuan converted at Rate)
	Rate    float64 // CNY per USD used for Actual; 0 unless the series is in yuan
	OwnRate bool    // Rate is that year's own average, not the slider's fallback
	// Error is Model/Actual − 1: −0.18 means the model is 18% under what
	// happened. 0 when Actual is 0.
	Error float64
}

// Judgement is one history series judged against the model column it names.
type Judgement struct {
	Series *Series
	Column string         // the series compared: "tam_usd", "users", "viewers"
	Output Output         // that series
	Rows   []HindsightRow // the projection's years that have an actual figure, in order

	// The growth the actuals imply, a yearly rate compounded from FromYear
	// (the first year with a figure from the base year on) to ToYear (the
	// last), in the series' own unit: for the iResearch market that is yuan,
	// the market's own growth with exchange-rate moves left out, which is
	// what market_growth means in a model that converts at one rate.
	// GrowthUSD is the same in USD at each year's rate (equal to Growth
	// unless the series is in yuan). HasGrowth is false with fewer than two
	// such years or a figure that is not positive.
	FromYear, ToYear int
	Growth           float64
	GrowthUSD        float64
	HasGrowth        bool
}

// ModelGrowth is the model's own yearly growth of the compared column over
// the same years, for showing beside Growth.
func (j *Judgement) ModelGrowth(p *Projection) (float64, bool) {
	x, okA := p.At(j.Output, j.FromYear)
	y, okB := p.At(j.Output, j.ToYear)
	if !j.HasGrowth || !okA || !okB {
		return 0, false
	}
	if !(x > 0 && y > 0) {
		return 0, false
	}
	return math.Pow(y/x, 1/float64(j.ToYear-j.FromYear)) - 1, true
}

// ErrorRange is the smallest and largest error over the rows from year
// from to year to (inclusive); ok is false when no row falls there.
func (j *Judgement) ErrorRange(from, to int) (lo, hi float64, ok bool) {
	for _, r := range j.Rows {
		if r.Year < from || r.Year > to {
			continue
		}
		if !ok {
			lo, hi, ok = r.Error, r.Error, true
			continue
		}
		lo, hi = math.Min(lo, r.Error), math.Max(hi, r.Error)
	}
	return lo, hi, ok
}

// Judge sets every history series that names a model column against the
// projection p. fx is the fallback rate (the slider's) for yuan in a year
// the market's rate series does not cover.
func (m *Market) Judge(p *Projection, fx float64) []Judgement {
	var out []Judgement
	for i := range m.History {
		h := &m.History[i]
		if h.Compare == "" || h.Unit == RateUnit {
			continue
		}
		o, known := m.LookupOutput(h.Compare)
		if !known {
			continue
		}
		j := Judgement{Series: h, Column: h.Compare, Output: o}
		for k := 0; k < p.Len(); k++ {
			year := p.Year(k)
			v, ok := h.At(year)
			if !ok {
				continue
			}
			r := HindsightRow{Year: year, Model: p.Get(o, k), Actual: v}
			if m.isLocal(h.Unit) {
				r.Rate, r.OwnRate = m.YearRate(year, fx)
				r.Actual = v / r.Rate
			}
			if r.Actual != 0 {
				r.Error = r.Model/r.Actual - 1
			}
			j.Rows = append(j.Rows, r)
		}
		j.impliedGrowth(m, fx)
		out = append(out, j)
	}
	return out
}

func (j *Judgement) impliedGrowth(m *Market, fx float64) {
	h := j.Series
	first, last := -1, -1
	for i, y := range h.Years {
		if len(j.Rows) == 0 || y < j.Rows[0].Year {
			continue // before the base year, or nothing to compare
		}
		if first < 0 {
			first = i
		}
		last = i
	}
	if first < 0 || last <= first || !(h.Values[first] > 0 && h.Values[last] > 0) {
		return
	}
	j.FromYear, j.ToYear = h.Years[first], h.Years[last]
	years := float64(j.ToYear - j.FromYear)
	j.Growth = math.Pow(h.Values[last]/h.Values[first], 1/years) - 1
	j.GrowthUSD = j.Growth
	if m.isLocal(h.Unit) {
		r0, _ := m.YearRate(j.FromYear, fx)
		r1, _ := m.YearRate(j.ToYear, fx)
		j.GrowthUSD = math.Pow(h.Values[last]/r1/(h.Values[first]/r0), 1/years) - 1
	}
	j.HasGrowth = true
}

// ImpliedGrowth is the growth a history series implies that names the
// growth input it can be tried as (Series.Implies: the iResearch market
// for market_growth), for the UI to offer. ok is false when no series does.
func (m *Market) ImpliedGrowth(p *Projection, fx float64) (j Judgement, input ID, ok bool) {
	for _, j := range m.Judge(p, fx) {
		if j.Series.Implies != "" && j.HasGrowth {
			if id, found := m.LookupInput(j.Series.Implies); found {
				return j, id, true
			}
		}
	}
	return Judgement{}, 0, false
}

// HindsightColumn is one history series as a report column.
type HindsightColumn struct {
	Name   string // "market_cny_usd", "iqiyi_paying", "cny_per_usd"
	Series *Series
	money  bool
}

// HindsightColumns names the report's history columns: money in USD
// (suffix _usd), people as people, a rate series as it is.
func (m *Market) HindsightColumns() []HindsightColumn {
	var cols []HindsightColumn
	for i := range m.History {
		h := &m.History[i]
		c := HindsightColumn{Name: h.ID, Series: h}
		if h.IsMoney() {
			c.Name, c.money = h.ID+"_usd", true
		}
		cols = append(cols, c)
	}
	return cols
}

// actual is a series' figure for a year in model units (USD or people);
// yuan at the year's own rate, or fx when the market has none for it.
func (c HindsightColumn) actual(m *Market, year int, fx float64) (float64, bool) {
	v, ok := c.Series.At(year)
	if ok && m.isLocal(c.Series.Unit) {
		rate, _ := m.YearRate(year, fx)
		if rate > 0 {
			v /= rate
		}
	}
	return v, ok
}

// hindsightModel are the series a hindsight report shows of the model:
// those history compares with, then the uncertain outputs that count
// people (subscribers).
func (m *Market) hindsightModel() []Output {
	var outs []Output
	add := func(o Output) {
		for _, x := range outs {
			if x == o {
				return
			}
		}
		outs = append(outs, o)
	}
	for i := range m.History {
		if o, ok := m.LookupOutput(m.History[i].Compare); ok && m.History[i].Compare != "" {
			add(o)
		}
	}
	for _, u := range m.Outputs.Uncertain {
		if m.IsPeople(u.Series) {
			add(u.Series)
		}
	}
	return outs
}

// hindsightCell is one cell of a hindsight row: a value, or none.
type hindsightCell struct {
	name string
	v    float64
	ok   bool
}

// hindsightRow is year y's cells: the model's columns, then each history
// column, each followed by its error when the series is judged.
func hindsightRow(m *Market, p *Projection, k int, cols []HindsightColumn, judged map[*Series]*Judgement, fx float64) []hindsightCell {
	year := p.Year(k)
	cells := []hindsightCell{{"year", float64(year), true}}
	for _, o := range m.hindsightModel() {
		cells = append(cells, hindsightCell{m.SeriesID(o), p.Get(o, k), true})
	}
	for _, c := range cols {
		v, ok := c.actual(m, year, fx)
		cells = append(cells, hindsightCell{c.Name, v, ok})
		if j := judged[c.Series]; j != nil {
			e := hindsightCell{name: c.Name + "_error"}
			for _, r := range j.Rows {
				if r.Year == year {
					e.v, e.ok = r.Error, true
				}
			}
			cells = append(cells, e)
		}
	}
	return cells
}

func judgedBySeries(js []Judgement) map[*Series]*Judgement {
	out := map[*Series]*Judgement{}
	for i := range js {
		out[js[i].Series] = &js[i]
	}
	return out
}

// WriteHindsightCSV writes year, the model's tam_usd, users, viewers and
// subscribers, then one column per history series (money in USD at each
// year's own rate, the rate series as CNY per USD), each judged series
// followed by <name>_error (model/actual − 1, a fraction). A year with no
// figure is an empty cell. fx is the rate for a year with none of its own.
func WriteHindsightCSV(w io.Writer, m *Market, p *Projection, fx float64) error {
	cols := m.HindsightColumns()
	judged := judgedBySeries(m.Judge(p, fx))
	cw := csv.NewWriter(w)
	for i := 0; i < p.Len(); i++ {
		cells := hindsightRow(m, p, i, cols, judged, fx)
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

// WriteHindsightJSON writes one object per year with the keys of
// WriteHindsightCSV; a missing figure is null.
func WriteHindsightJSON(w io.Writer, m *Market, p *Projection, fx float64) error {
	cols := m.HindsightColumns()
	judged := judgedBySeries(m.Judge(p, fx))
	var b strings.Builder
	b.WriteString("[\n")
	for i := 0; i < p.Len(); i++ {
		b.WriteString("  {")
		for k, c := range hindsightRow(m, p, i, cols, judged, fx) {
			if k > 0 {
				b.WriteString(", ")
			}
			val := "null"
			if c.ok && !bad(c.v) {
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

// signedPercent shows an error as +2.5% or −18.2%.
func signedPercent(f float64) string {
	s := FormatPercent(math.Abs(f), 1)
	switch {
	case s == FormatPercent(0, 1):
		return s
	case f < 0:
		return "−" + s
	}
	return "+" + s
}

// WriteHindsightTable writes, for people, the years that have an actual
// figure: the model beside each history series, the model's error against
// each judged one, each year's rate, then what the errors and the implied
// growth say and the series' sources and notes.
func WriteHindsightTable(w io.Writer, m *Market, p *Projection, fx float64, cur Currency) error {
	cols := m.HindsightColumns()
	js := m.Judge(p, fx)
	judged := judgedBySeries(js)
	model := m.hindsightModel()
	labels := map[string]string{}
	for _, o := range model {
		labels[m.SeriesID(o)] = m.Label(o) + " (model)"
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for i := 0; i < p.Len(); i++ {
		cells := hindsightRow(m, p, i, cols, judged, fx)
		if i == 0 {
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
					for _, col := range cols {
						if col.Name == c.name {
							head[k] = col.Series.Label
						}
					}
				}
			}
			fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
		}
		any := false
		for _, c := range cells[1+len(model):] {
			any = any || c.ok
		}
		if !any {
			continue // a year with nothing to compare
		}
		row := make([]string, len(cells))
		row[0] = fmt.Sprint(p.Year(i))
		for k := 1; k < len(cells); k++ {
			c := cells[k]
			name := strings.TrimSuffix(c.name, "_error")
			switch {
			case !c.ok:
			case strings.HasSuffix(c.name, "_error"):
				row[k] = signedPercent(c.v)
			case seriesUnit(cols, name) == RateUnit:
				row[k] = fmt.Sprintf("%s%.4f", m.Local.Symbol, c.v)
			case k <= len(model):
				row[k] = m.Format(model[k-1], c.v, cur)
			case strings.HasSuffix(name, "_usd"):
				row[k] = FormatMoney(c.v, cur)
			default:
				row[k] = FormatPeople(c.v)
			}
		}
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	for i := range js {
		j := &js[i]
		if len(j.Rows) == 0 {
			continue
		}
		// The base year is an input, so the judgement is on the years after it.
		rows := j.Rows
		if len(rows) > 1 && rows[0].Year == p.BaseYear {
			rows = rows[1:]
		}
		first, last := rows[0], rows[len(rows)-1]
		lo, hi, _ := j.ErrorRange(first.Year, last.Year)
		span := fmt.Sprint(first.Year)
		if last.Year != first.Year {
			span += fmt.Sprintf("–%d", last.Year)
		}
		fmt.Fprintf(w, "%s, %s: the model is %s.", j.Series.Label, span, errorWords(lo, hi))
		if j.HasGrowth {
			fmt.Fprintf(w, " Growth it implies, %d–%d: %s a year", j.FromYear, j.ToYear, FormatPercent(j.Growth, 1))
			if m.isLocal(j.Series.Unit) {
				fmt.Fprintf(w, " in %s (%s in USD at each year's rate)", j.Series.Unit, FormatPercent(j.GrowthUSD, 1))
			}
			if g, ok := j.ModelGrowth(p); ok {
				fmt.Fprintf(w, "; the model's is %s", FormatPercent(g, 1))
			}
			fmt.Fprint(w, ".")
		}
		fmt.Fprintln(w)
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

// errorWords says how far off the model is: "13% to 20% under it",
// "4.1% over it", "−3.0% to +2.0% off it".
func errorWords(lo, hi float64) string {
	span := func(a, b float64) string {
		if FormatPercent(a, 1) == FormatPercent(b, 1) {
			return FormatPercent(a, 1)
		}
		return FormatPercent(a, 1) + " to " + FormatPercent(b, 1)
	}
	switch {
	case hi < 0:
		return span(-hi, -lo) + " under it"
	case lo > 0:
		return span(lo, hi) + " over it"
	}
	return signedPercent(lo) + " to " + signedPercent(hi) + " off it"
}

func seriesUnit(cols []HindsightColumn, name string) string {
	for _, c := range cols {
		if c.Name == name {
			return c.Series.Unit
		}
	}
	return ""
}
