package market

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"sizeup/market/formula"
)

// Kinds of the warnings that say a series gave no number, or divided by
// zero. A / b is 0 when b is 0, by design, so a model never stops; but a
// silent 0 makes a plausible-looking $0, and NaN or ±Inf print as "–". The
// deterministic evaluation finds both and says where (Warnings); Monte
// Carlo's hot loop is not touched. A division is flagged where its divisor
// is 0 and what it divides is not: 0 / 0 (revenue per subscriber before
// there are any) is the 0 it means.
const (
	WarnNotANumber   = "not_a_number"
	WarnDivideByZero = "divide_by_zero"
)

// IsDiagnostic reports whether a warning is about the arithmetic (a series
// that gave no number or divided by zero) rather than a check or a growth
// rate: the report writes these on stderr.
func (w Warning) IsDiagnostic() bool {
	return w.Kind == WarnNotANumber || w.Kind == WarnDivideByZero
}

// diagnose reads register file r (every node in every year, as Warnings
// evaluated it) for each series that gave NaN or ±Inf (from the first year
// it did, and why, when its own formula shows it) and each that divided by
// zero (in every year it did). They are in file order, NaN first.
func (m *Market) diagnose(r []float64, years int) []Warning {
	p := m.prog
	// A node that does not change over the years holds its value in the
	// first row only, unless something needed it down its column.
	at := func(i int32, y int) float64 {
		if p.nodes[i].Inv {
			y = 0
		}
		return r[int(i)*years+y]
	}
	nan := make([]*diag, len(m.Series))
	div := make([]*diag, len(m.Series))
	for s := range m.Series {
		if year, what, why, ok := m.notANumber(Output(s), at, years); ok {
			nan[s] = &diag{years: []int{year}, what: what, why: why}
		}
		var yrs []int
		for y := 0; y < years; y++ {
			for _, i := range p.divs[s] {
				if n := &p.nodes[i]; at(n.B, y) == 0 && at(n.A, y) != 0 {
					yrs = append(yrs, m.BaseYear+y)
					break
				}
			}
		}
		if len(yrs) > 0 {
			div[s] = &diag{years: yrs}
		}
	}
	var out []Warning
	for _, g := range m.valueGroups() {
		if d, where := m.merge(nan, g); d != nil {
			msg := fmt.Sprintf("%s gives %s from %d", m.groupLabel(g), d.what, d.years[0])
			if d.why != "" {
				msg += " (" + d.why + ")"
			}
			out = append(out, Warning{Kind: WarnNotANumber, Years: d.years[:1], Message: msg + where + ", shown as –."})
		}
	}
	for _, g := range m.valueGroups() {
		if d, where := m.merge(div, g); d != nil {
			out = append(out, Warning{Kind: WarnDivideByZero, Years: d.years, Message: fmt.Sprintf(
				"%s divides by zero in %s%s: a / b is 0 when b is 0, so the figure there is likely not what was meant.", m.groupLabel(g), yearSpan(d.years), where)})
		}
	}
	return out
}

// diag is what one series' numbers showed: the years, and for no number
// what it gave and why.
type diag struct {
	years     []int
	what, why string
}

// valueGroups are the series as the file writes them: one alone, or the
// items (and total) of one with dims, so a fault is told once per value.
func (m *Market) valueGroups() [][]Output {
	var out [][]Output
	for s := 0; s < len(m.Series); {
		g := []Output{Output(s)}
		for s++; s < len(m.Series) && m.Series[s].Family != "" && m.Series[s].Family == m.Series[g[0]].Family; s++ {
			g = append(g, Output(s))
		}
		out = append(out, g)
	}
	return out
}

func (m *Market) groupLabel(g []Output) string {
	if m.Series[g[0]].Family == "" {
		return m.Series[g[0]].Label
	}
	for _, d := range m.Defs {
		if d.ID == m.Series[g[0]].Family {
			return d.Label
		}
	}
	return m.Series[g[0]].Family
}

// merge is one warning for a group's items: the first item's cause (a
// total only says it is "through" its items), every year any item had,
// and which items (", in every area", ", in Cities and Towns").
func (m *Market) merge(found []*diag, g []Output) (*diag, string) {
	var items, faulty []Output
	for _, s := range g {
		if m.Series[s].Items != nil {
			items = append(items, s)
			if found[s] != nil {
				faulty = append(faulty, s)
			}
		}
	}
	if len(items) == 0 || len(faulty) == 0 {
		return found[g[0]], "" // a series without dims, or a total alone
	}
	d := *found[faulty[0]]
	years := map[int]bool{}
	for _, s := range faulty {
		for _, y := range found[s].years {
			years[y] = true
		}
	}
	d.years = slices.Sorted(maps.Keys(years))
	if len(faulty) == len(items) {
		dims := m.Series[items[0]].Dims
		if len(dims) == 1 {
			return &d, ", in every " + strings.ToLower(m.Dims[dims[0]].Label)
		}
		return &d, ", in every item"
	}
	labels := make([]string, 0, len(faulty))
	for _, s := range faulty {
		labels = append(labels, m.ItemLabel(m.Series[s].Dims, m.Series[s].Items))
	}
	if len(labels) > 5 {
		labels = append(labels[:5], fmt.Sprintf("%d more", len(faulty)-5))
	}
	if len(labels) == 1 {
		return &d, ", in " + labels[0]
	}
	return &d, ", in " + strings.Join(labels[:len(labels)-1], ", ") + " and " + labels[len(labels)-1]
}

// notANumber is the warning for series s when it gives NaN or ±Inf in some
// year: from the first, with the cause its own nodes show in that year.
func (m *Market) notANumber(s Output, at func(int32, int) float64, years int) (year int, what, why string, ok bool) {
	root := m.prog.series[s]
	first := -1
	for y := 0; y < years && first < 0; y++ {
		if bad(at(root, y)) {
			first = y
		}
	}
	if first < 0 {
		return 0, "", "", false
	}
	what = "no number (NaN)"
	switch x := at(root, first); {
	case math.IsInf(x, 1):
		what = "no finite number (+Inf)"
	case math.IsInf(x, -1):
		what = "no finite number (−Inf)"
	}
	return m.BaseYear + first, what, m.why(m.prog.ownNodes(s), at, first), true
}

// why names the first of nodes (in evaluation order) that made a NaN or
// ±Inf in year y from finite arguments ("log of a negative"), or else the
// first series it read that had none ("through prospects").
func (m *Market) why(nodes []int32, at func(int32, int) float64, y int) string {
	p := m.prog
	through := ""
	for _, i := range nodes {
		n := &p.nodes[i]
		if !bad(at(i, y)) {
			continue
		}
		if n.Op == formula.OpConst {
			continue // its user says why
		}
		finite, badConst := true, false
		for _, j := range n.Args() {
			// A constant (numbers alone, worked out when compiled) that
			// is no number: log(-1) as written, or exp(1000) made by the
			// lowering of exp(1000 * t) to a step, which is the step's.
			if bad(at(j, y)) && p.nodes[j].Op == formula.OpConst {
				badConst = true
				continue
			}
			if bad(at(j, y)) {
				finite = false
				if s := p.seriesOf(j); s >= 0 && through == "" {
					through = "through " + m.Series[s].ID
					if f := m.Series[s].Family; f != "" {
						through = "through " + f // its value, not one item
					}
				}
			}
		}
		if !finite {
			continue
		}
		if badConst && n.Op != formula.OpExpStep && n.Op != formula.OpPowT {
			return "a part of numbers alone has no value, such as log(-1)"
		}
		if cause := m.cause(n, at, y); cause != "" {
			return cause
		}
	}
	return through
}

// seriesOf is the series whose value node i is, or −1.
func (p *program) seriesOf(i int32) int {
	for s, n := range p.series {
		if n == i {
			return s
		}
	}
	return -1
}

// cause says why node n gave no number in year y from finite arguments.
func (m *Market) cause(n *formula.Node, at func(int32, int) float64, y int) string {
	switch n.Op {
	case formula.OpPrev:
		return "last year's " + m.Series[n.A].ID + " was not a number"
	case formula.OpFunc:
		fn, a := formula.Builtins()[n.Fn].Name, at(n.A, y)
		switch {
		case fn == "log" && a < 0:
			return "log of a negative"
		case fn == "log":
			return "log of 0"
		case fn == "sqrt":
			return "square root of a negative"
		}
		return fn + " overflows"
	case formula.OpExp, formula.OpExpStep:
		return "exp overflows"
	case formula.OpPow, formula.OpPowT:
		return "a power that overflows or has no value"
	case formula.OpAdd, formula.OpSub, formula.OpMul, formula.OpDiv, formula.OpNeg, formula.OpBassF:
		return "a result too large for a number"
	}
	return ""
}

// ownNodes are the nodes of series s's own formula, in evaluation order
// (ascending: a node's arguments are made before it), without those of
// the series it names.
func (p *program) ownNodes(s Output) []int32 {
	root := p.series[s]
	other := map[int32]bool{}
	for i, n := range p.series {
		if Output(i) != s && n != root {
			other[n] = true
		}
	}
	seen := map[int32]bool{}
	stack := []int32{root}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if i < 0 || seen[i] || other[i] {
			continue
		}
		seen[i] = true
		stack = append(stack, p.nodes[i].Args()...)
	}
	own := make([]int32, 0, len(seen))
	for i := range p.nodes {
		if seen[int32(i)] {
			own = append(own, int32(i))
		}
	}
	return own
}

// divisions lists, for each series, the divisions of its own formula, so
// that Warnings finds a zero divisor without walking the graph.
func (p *program) divisions() [][]int32 {
	divs := make([][]int32, len(p.series))
	for s := range p.series {
		for _, i := range p.ownNodes(Output(s)) {
			if p.nodes[i].Op == formula.OpDiv {
				divs[s] = append(divs[s], i)
			}
		}
	}
	return divs
}
