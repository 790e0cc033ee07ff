package market

import (
	"fmt"
	"math"
	"sizeup/market/formula"
	"slices"
	"strconv"
	"strings"
)

// Warning is one plain statement that the model disagrees with itself or
// with what its sources saw: a [[check]] that holds, or a growth rate
// outside what was ever observed.
type Warning struct {
	Kind    string // the check's id ("above_sam"), or "growth_observed"
	Years   []int  // the years it applies to
	Message string
	// Expected is why the check was expected to hold (Check.Why): a note
	// to show with its reason, not an alarm. "" for a warning.
	Expected string
}

// Text is the warning as one sentence or two: an expected one ends with
// its reason.
func (w Warning) Text() string {
	if w.Expected == "" {
		return w.Message
	}
	return w.Message + " Expected: " + w.Expected
}

// A check's Say may name values in braces, filled in for the first year
// the check holds: {name} is a series or input shown in its unit, {year}
// that year, {years} every year it holds ("2019–2025"), and any other
// formula ({our_arpu_usd / market_arpu_usd}) a number to three figures.

// term is one {…} of a check's Say.
type term struct {
	start, end int // the braces' place in Say
	text       string
	node       int32
	unit       Unit
	plain      bool // a bare number: three significant figures
	whole      bool // a year or a count of years
	years      bool // {years}
}

// compileTerms parses the placeholders of every check's Say and adds their
// nodes to the program. An error's span is into the whole Say.
func (m *Market) compileTerms(c *formula.Compiler) ([][]term, error) {
	terms := make([][]term, len(m.Checks))
	for ci := range m.Checks {
		say := m.Checks[ci].Say
		owner := formula.Owner{Kind: formula.CheckSay, ID: m.Checks[ci].name(ci), Index: ci}
		for i := 0; i < len(say); i++ {
			if say[i] != '{' {
				continue
			}
			j := strings.IndexByte(say[i:], '}')
			if j < 0 {
				return nil, &formula.Error{Owner: owner, Span: formula.Span{Start: i, End: i + 1}, Text: say, Msg: "this { in say has no } to close it"}
			}
			inner := say[i+1 : i+j]
			text := strings.TrimSpace(inner)
			tm := term{start: i, end: i + j + 1, text: text}
			if text == "years" {
				tm.years = true
			} else if err := m.compileTerm(c, &tm, owner, i+1+strings.Index(inner, text)); err != nil {
				return nil, err
			}
			terms[ci] = append(terms[ci], tm)
			i += j
		}
	}
	return terms, nil
}

// compileTerm compiles one placeholder, tm.text at byte offset at in Say.
func (m *Market) compileTerm(c *formula.Compiler, tm *term, owner formula.Owner, at int) error {
	n, e, err := c.Formula(owner, tm.text)
	if err != nil {
		fe := err.(*formula.Error)
		fe.Span.Start += at
		fe.Span.End += at
		fe.Text = m.Checks[owner.Index].Say
		fe.Msg = "in say: " + fe.Msg
		return fe
	}
	tm.node, tm.plain = n, true
	if name, ok := e.(*formula.Name); ok {
		switch name.Ref.Kind {
		case formula.RefInput:
			tm.unit, tm.plain = m.Inputs[c.FlatInput(name.Ref.Index)].Unit, false
		case formula.RefSeries:
			tm.unit, tm.plain = m.Series[c.FlatSeries(name.Ref.Index)].Unit, false
		default:
			tm.whole = true
		}
	}
	return nil
}

// Warnings are the market's checks that hold at values v, each with its
// figures, then the series that gave no number or divided by zero
// (IsDiagnostic), then the growth rates outside what their sources
// observed. The order is the file's, then the inputs'. The checks are
// evaluated here, not in Evaluate, so a projection costs only its series.
func (m *Market) Warnings(v *Values, c Currency) []Warning {
	var out []Warning
	years := m.Horizon + 1
	prog := m.prog
	// The register file is the pool's, not this call's: a fresh one per
	// call was nodes × years × 8 bytes of garbage a keystroke (141 MB
	// peak in the app on a large legal market).
	rp := prog.registers(years)
	defer prog.scratch.Put(rp)
	r := *rp
	prog.columns(r, &prog.withTerms, v, m.BaseYear, years)
	col := func(i int32) []float64 { return r[int(i)*years : int(i)*years+years] }
	for ci, n := range prog.checks {
		var yrs []int
		first := -1
		for y, x := range col(n) {
			if x != 0 {
				yrs = append(yrs, m.BaseYear+y)
				if first < 0 {
					first = y
				}
			}
		}
		if first >= 0 {
			out = append(out, Warning{Kind: m.Checks[ci].name(ci), Years: yrs, Message: m.say(ci, first, yrs, c, func(i int32) float64 { return col(i)[first] }), Expected: m.Checks[ci].Why})
		}
	}
	out = append(out, m.diagnose(r, years)...)
	return append(out, m.observedGrowth(v, c)...)
}

// say fills in check ci's Say for row i; at reads a node there.
func (m *Market) say(ci, i int, years []int, c Currency, at func(int32) float64) string {
	say := m.Checks[ci].Say
	var b strings.Builder
	pos := 0
	for _, tm := range m.prog.terms[ci] {
		b.WriteString(say[pos:tm.start])
		switch {
		case tm.years:
			b.WriteString(yearSpan(years))
			pos = tm.end
			continue
		}
		x := at(tm.node)
		switch {
		case tm.whole:
			b.WriteString(strconv.FormatFloat(math.Round(x), 'f', 0, 64))
		case tm.plain:
			b.WriteString(sigFigs3(x))
		default:
			b.WriteString(m.formatIn(tm.unit, x, c))
		}
		pos = tm.end
	}
	b.WriteString(say[pos:])
	return b.String()
}

func sigFigs3(x float64) string {
	if bad(x) {
		return "–"
	}
	if math.Abs(x) >= 1000 {
		return groupThousands(strconv.FormatFloat(math.Round(x), 'f', 0, 64))
	}
	if x < 0 {
		return "-" + sigFigs(-x, 3)
	}
	if x < 1 {
		return strconv.FormatFloat(x, 'g', 3, 64)
	}
	return sigFigs(x, 3)
}

// observedGrowth warns of each growth input outside every rate its sources
// observed (Input.Observed), or outside its low..high when the file lists
// none.
func (m *Market) observedGrowth(v *Values, c Currency) []Warning {
	var warnings []Warning
	for id := range m.Inputs {
		in := &m.Inputs[id]
		if in.Kind != KindGrowth {
			continue
		}
		lo, hi, what := in.Low, in.High, "its sources' range"
		if len(in.Observed) > 0 {
			lo, hi, what = slices.Min(in.Observed), slices.Max(in.Observed), "every rate its sources observed"
		}
		x := v[id]
		var side string
		switch {
		case x < lo:
			side = "below"
		case x > hi:
			side = "above"
		default:
			continue
		}
		warnings = append(warnings, Warning{Kind: "growth_observed", Message: fmt.Sprintf(
			"%s of %s is %s %s (%s to %s).", in.Label, in.Format(x, c), side, what, in.Format(lo, c), in.Format(hi, c))})
	}
	return warnings
}

// yearSpan writes a list of years compactly: "2019–2025", "2016", "2016, 2018".
func yearSpan(years []int) string {
	if len(years) == 0 {
		return ""
	}
	contiguous := years[len(years)-1]-years[0] == len(years)-1
	switch {
	case len(years) == 1:
		return fmt.Sprint(years[0])
	case contiguous:
		return fmt.Sprintf("%d–%d", years[0], years[len(years)-1])
	default:
		s := fmt.Sprint(years[0])
		for _, y := range years[1:] {
			s += fmt.Sprintf(", %d", y)
		}
		return s
	}
}
