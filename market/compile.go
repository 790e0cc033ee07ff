package market

import (
	"fmt"
	"slices"
	"sync"

	"sizeup/market/formula"
)

// Compiling a market's formulas (DESIGN.md §9) is package formula's job;
// here the market hands it its names and formulas and keeps the program:
// the graph, and the schedules cut from it for each use (every series and
// check for the model as set, or only what the recorded outputs need for
// Monte Carlo).

// program is a market's compiled formulas.
type program struct {
	ir     *formula.Program
	nodes  []formula.Node // ir.Nodes
	series []int32        // the node of each series (ir.Series)
	checks []int32        // the node of each check's condition
	terms  [][]term       // each check's placeholders
	full   schedule       // every series
	// withTerms adds the checks and their placeholders
	withTerms schedule
	divs      [][]int32 // each series' own divisions (divisions)
	scratch   sync.Pool // *[]float64: register files (registers)
}

// schedule is the part of the graph one use evaluates.
type schedule = formula.Schedule

func (p *program) schedule(roots []int32) schedule { return p.ir.Schedule(roots) }

// Compile parses and compiles the market's series and checks, and checks
// its outputs. The market's inputs must be in place. Errors are
// *formula.Error (with the span and the owner) or *OutputsError.
func (m *Market) Compile() error {
	if err := m.Validate(); err != nil {
		return err
	}
	if m.Defs == nil {
		m.Defs = slices.Clone(m.Series)
	}
	if m.OutputNames != nil {
		m.markTotals()
	}
	env, err := m.env(m.Defs)
	if err != nil {
		return err
	}
	formulas := make([]string, len(m.Defs))
	for i, s := range m.Defs {
		formulas[i] = s.Formula
	}
	c := formula.NewCompiler(env)
	if err := c.Series(formulas); err != nil {
		return err
	}
	if err := m.checkSeriesUnits(c); err != nil {
		return err
	}
	m.Series = m.flatten(m.Defs, c.Program())
	if len(m.Series) > MaxFlatSeries {
		return &OutputsError{"series", fmt.Sprintf("the series have %d items in all; a market has at most %d", len(m.Series), MaxFlatSeries)}
	}
	p := &program{}
	for i := range m.Checks {
		ch := &m.Checks[i]
		owner := formula.Owner{Kind: formula.CheckWhen, ID: ch.name(i), Index: i}
		n, e, err := c.Formula(owner, ch.When)
		if err != nil {
			return err
		}
		if err := m.checkWhenUnits(c, owner, ch.When, e); err != nil {
			return err
		}
		p.checks = append(p.checks, n)
	}
	terms, err := m.compileTerms(c)
	if err != nil {
		return err
	}
	p.terms = terms
	p.ir = c.Program()
	p.nodes, p.series = p.ir.Nodes, p.ir.Series
	p.full = p.schedule(p.series)
	roots := append(append([]int32(nil), p.series...), p.checks...)
	// A check's placeholders are worked out only when it holds.
	for _, ts := range p.terms {
		for _, tm := range ts {
			if !tm.years {
				roots = append(roots, tm.node)
			}
		}
	}
	p.withTerms = p.schedule(roots)
	p.divs = p.divisions()
	m.prog = p
	if m.OutputNames != nil {
		if err := m.resolveOutputs(); err != nil {
			return err
		}
	}
	return m.checkOutputs()
}

// MaxFlatSeries bounds the values a market's series list, items counted:
// every one is a column of a report and a row of a screen's list.
const MaxFlatSeries = 5000

// Nearest is the candidate closest to name by edit distance, if it is
// close enough to be a likely typo ("" otherwise), for "did you mean".
func Nearest(name string, candidates []string) string { return formula.Nearest(name, candidates) }

// inputsRead lists the inputs a schedule reads, by ID.
func (p *program) inputsRead(s *schedule, dst []bool) {
	for i := range p.nodes {
		if s.Live[i] && p.nodes[i].Op == formula.OpInput {
			dst[p.nodes[i].A] = true
		}
	}
}

// InputsOf lists the inputs series o's own formula names, in the file's
// order (not those of the series it names).
func (m *Market) InputsOf(o Output) []ID {
	p := m.prog
	root := p.series[o]
	other := map[int32]bool{}
	for i, n := range p.series {
		if Output(i) != o && n != root {
			other[n] = true
		}
	}
	read := make([]bool, len(m.Inputs))
	seen := map[int32]bool{}
	var walk func(i int32)
	walk = func(i int32) {
		if i < 0 || seen[i] || other[i] {
			return
		}
		seen[i] = true
		n := &p.nodes[i]
		if n.Op == formula.OpInput {
			read[n.A] = true
		}
		for _, a := range n.Args() {
			walk(a)
		}
	}
	walk(root)
	var ids []ID
	for id, ok := range read {
		if ok {
			ids = append(ids, ID(id))
		}
	}
	return ids
}
