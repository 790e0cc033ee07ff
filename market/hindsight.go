package market

import (
	"fmt"
	"math"
	"slices"
	"strings"
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

// IsLocal reports whether a history unit is the market's own currency,
// whose figures are converted at each year's rate.
func (m *Market) IsLocal(unit string) bool { return m.HasLocal() && unit == m.Local.Code }

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
	// InSample: a calibrated input was fitted to this figure, so its
	// error says how well the fit was made, not how well the model
	// foresaw: shown, marked, never scored.
	InSample bool
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

// ErrorRange is the smallest and largest error over the held-out rows
// from year from to year to (inclusive); ok is false when none falls
// there. In-sample rows are never scored.
func (j *Judgement) ErrorRange(from, to int) (lo, hi float64, ok bool) {
	for _, r := range j.Rows {
		if r.Year < from || r.Year > to || r.InSample {
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
			r := HindsightRow{Year: year, Model: p.Get(o, k), Actual: v, InSample: h.IsInSample(year)}
			if m.IsLocal(h.Unit) {
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
	if m.IsLocal(h.Unit) {
		r0, _ := m.YearRate(j.FromYear, fx)
		r1, _ := m.YearRate(j.ToYear, fx)
		j.GrowthUSD = math.Pow(h.Values[last]/r1/(h.Values[first]/r0), 1/years) - 1
	}
	j.HasGrowth = true
}

// HeldOut are the rows no calibrated input was fitted to: the ones that
// test the model.
func (j *Judgement) HeldOut() []HindsightRow {
	var out []HindsightRow
	for _, r := range j.Rows {
		if !r.InSample {
			out = append(out, r)
		}
	}
	return out
}

// InSampleYears are the years of rows a calibrated input was fitted to.
func (j *Judgement) InSampleYears() []int {
	var out []int
	for _, r := range j.Rows {
		if r.InSample {
			out = append(out, r.Year)
		}
	}
	return out
}

// ModelRate is the implied growth in the model's own unit: money in USD
// at each year's rate (GrowthUSD), anything else as it is. A growth input
// of a model that works in USD takes this rate, never a yuan one.
func (j *Judgement) ModelRate() float64 { return j.GrowthUSD }

// HasCalibrated reports whether any input was chosen to meet what
// happened (Input.Calibrated).
func (m *Market) HasCalibrated() bool {
	for i := range m.Inputs {
		if m.Inputs[i].Calibrated {
			return true
		}
	}
	return false
}

// CalibratedYears are the years of every history point a calibrated
// input was fitted to, rising, each once.
func (m *Market) CalibratedYears() []int {
	seen := map[int]bool{}
	var out []int
	for i := range m.History {
		for _, y := range m.History[i].InSample {
			if !seen[y] {
				seen[y] = true
				out = append(out, y)
			}
		}
	}
	slices.Sort(out)
	return out
}

// CalibrationNote is what a market's header line says of its calibration:
// "calibrated to 2016–2019", "calibrated with hindsight" when its
// calibrated inputs name no years, "" when none is calibrated.
func (m *Market) CalibrationNote() string {
	if !m.HasCalibrated() {
		return ""
	}
	if ys := m.CalibratedYears(); len(ys) > 0 {
		return "calibrated to " + YearSpan(ys)
	}
	return "calibrated with hindsight"
}

// YearSpan writes years compactly: "2016", "2016–2019", "2016, 2018–2019".
func YearSpan(years []int) string {
	var parts []string
	for i := 0; i < len(years); {
		j := i
		for j+1 < len(years) && years[j+1] == years[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, fmt.Sprint(years[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", years[i], years[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
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

// OutcomeUnit is the unit of a history series that records whether an
// event happened (1) or not (0), against the probability input that
// forecast it (Series.Forecast).
const OutcomeUnit = "outcome"

// Outcome is an event that was forecast with a probability, and what
// happened: its Brier score is (P − happened)², 0 for a sure forecast
// that came true, 0.25 for a coin toss, 1 for a sure one that did not.
type Outcome struct {
	Series   *Series
	Input    ID
	Year     int
	Happened bool
	P        float64
	Brier    float64
}

// Outcomes scores every recorded event against the probability its input
// has in values v.
func (m *Market) Outcomes(v *Values) []Outcome {
	var out []Outcome
	for i := range m.History {
		h := &m.History[i]
		if h.Forecast == "" {
			continue
		}
		id, ok := m.LookupInput(h.Forecast)
		if !ok {
			continue
		}
		for k, y := range h.Years {
			hit := h.Values[k] == 1
			p, x := v[id], 0.0
			if hit {
				x = 1
			}
			out = append(out, Outcome{Series: h, Input: id, Year: y, Happened: hit, P: p, Brier: (p - x) * (p - x)})
		}
	}
	return out
}

// Sentence says an outcome and its score for people.
func (o Outcome) Sentence(m *Market) string {
	what := "no"
	if o.Happened {
		what = "yes"
	}
	return fmt.Sprintf("%s, %d: %s. The model gave it %s (%s): Brier score %.2f (0 is a sure forecast that came true, 0.25 a coin toss, 1 a sure one that did not).",
		o.Series.Label, o.Year, what, FormatPercent(o.P, 1), strings.ToLower(m.Inputs[o.Input].Label), o.Brier)
}

// HindsightColumn is one history series as a report column.
type HindsightColumn struct {
	Name   string // "market_cny_usd", "iqiyi_paying", "cny_per_usd"
	Series *Series
}

// HindsightColumns names the report's history columns: money in USD
// (suffix _usd), people as people, a rate series as it is.
func (m *Market) HindsightColumns() []HindsightColumn {
	var cols []HindsightColumn
	for i := range m.History {
		h := &m.History[i]
		if h.Unit == OutcomeUnit {
			continue // scored as an outcome, not a column of figures
		}
		c := HindsightColumn{Name: h.ID, Series: h}
		if h.IsMoney() {
			c.Name = h.ID + "_usd"
		}
		cols = append(cols, c)
	}
	return cols
}

// Actual is the series' figure for a year in model units (USD or people):
// the market's own currency at the year's own rate, or at fx when the
// market has none for it. ok is false when the series has no figure then.
func (c HindsightColumn) Actual(m *Market, year int, fx float64) (float64, bool) {
	v, ok := c.Series.At(year)
	if ok && m.IsLocal(c.Series.Unit) {
		rate, _ := m.YearRate(year, fx)
		if rate > 0 {
			v /= rate
		}
	}
	return v, ok
}

// HindsightModel are the series a hindsight report shows of the model:
// those history compares with, then the uncertain outputs that count
// people (subscribers), each once.
func (m *Market) HindsightModel() []Output {
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
