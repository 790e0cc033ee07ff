package market

import (
	"fmt"
	"math"
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
// nodes to the program.
func (b *builder) compileTerms() error {
	b.p.terms = make([][]term, len(b.m.Checks))
	for ci := range b.m.Checks {
		c := &b.m.Checks[ci]
		say := c.Say
		for i := 0; i < len(say); i++ {
			if say[i] != '{' {
				continue
			}
			j := strings.IndexByte(say[i:], '}')
			if j < 0 {
				return &FormulaError{What: "check", Series: c.name(ci), Col: column(say, i), Msg: "this { in say has no } to close it", Formula: say}
			}
			text := strings.TrimSpace(say[i+1 : i+j])
			tm := term{start: i, end: i + j + 1, text: text}
			switch text {
			case "years":
				tm.years = true
			default:
				e, err := b.parse("check", c.name(ci), text)
				if err != nil {
					fe := err.(*FormulaError)
					fe.Col += column(say, i+1) - 1
					fe.Msg = "in say: " + fe.Msg
					fe.Formula = say
					return fe
				}
				tm.node = b.build(e)
				tm.plain = true
				if e.kind == exprName {
					switch r := b.names[e.name]; r.kind {
					case 'i':
						tm.unit, tm.plain = b.m.Inputs[r.index].Unit, false
					case 's':
						tm.unit, tm.plain = b.m.Series[r.index].Unit, false
					default:
						tm.whole = true
					}
				}
			}
			b.p.terms[ci] = append(b.p.terms[ci], tm)
			i += j
		}
	}
	return nil
}

// Warnings are the market's checks that hold in p, each with its figures,
// then the growth rates outside what their sources observed (v are the
// values p was evaluated at). The order is the file's, then the inputs'.
func (m *Market) Warnings(v *Values, p *Projection, c Currency) []Warning {
	var out []Warning
	for ci := range m.Checks {
		var years []int
		first := -1
		for i := 0; i < p.Len(); i++ {
			if p.Holds(ci, i) {
				years = append(years, p.Year(i))
				if first < 0 {
					first = i
				}
			}
		}
		if first < 0 {
			continue
		}
		out = append(out, Warning{Kind: m.Checks[ci].name(ci), Years: years, Message: m.say(ci, p, first, years, v, c)})
	}
	return append(out, m.observedGrowth(v, c)...)
}

// say fills in check ci's Say for row i.
func (m *Market) say(ci int, p *Projection, i int, years []int, v *Values, c Currency) string {
	say := m.Checks[ci].Say
	terms := m.prog.terms[ci]
	if len(terms) == 0 {
		return say
	}
	vals := m.termValues(ci, p, i, v)
	var b strings.Builder
	at := 0
	for k, tm := range terms {
		b.WriteString(say[at:tm.start])
		x := vals[k]
		switch {
		case tm.years:
			b.WriteString(yearSpan(years))
		case tm.whole:
			b.WriteString(strconv.FormatFloat(math.Round(x), 'f', 0, 64))
		case tm.plain:
			b.WriteString(sigFigs3(x))
		case tm.unit == UnitUSD:
			b.WriteString(FormatMoney(x, c))
		default:
			in := Input{Unit: tm.unit, Step: 0.01, Symbol: m.Local.Symbol}
			b.WriteString(in.Format(x, c))
		}
		at = tm.end
	}
	b.WriteString(say[at:])
	return b.String()
}

// termValues evaluates check ci's placeholders in row i: the model is run
// again up to that year (a warning is rare and short; the projection does
// not keep every node).
func (m *Market) termValues(ci int, p *Projection, i int, v *Values) []float64 {
	prog := m.prog
	r := make([]float64, len(prog.nodes))
	s := &prog.full
	prog.fillLeaves(r, s, v, m.Horizon) // the placeholders are roots of the full schedule
	prog.runScalar(r, s.pre, 0)
	for y := 0; y <= i; y++ {
		if y > 0 {
			for _, k := range s.prevs {
				r[k] = r[prog.series[prog.nodes[k].a]]
			}
		}
		prog.setYear(r, s, y, m.BaseYear)
		prog.runScalar(r, s.year, y)
	}
	out := make([]float64, len(prog.terms[ci]))
	for k, tm := range prog.terms[ci] {
		if !tm.years {
			out[k] = r[tm.node]
		}
	}
	return out
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
