package formula

// A schedule is the part of the graph one use evaluates: every series for
// the model as set, or only what the recorded outputs need for Monte
// Carlo. It evaluates once what does not change over the years (inputs,
// numbers and anything made of them: hoisted) and the rest year by year.

// Schedule lists a use's nodes by when they are evaluated.
type Schedule struct {
	Pre    []int32 // instructions evaluated once, before the years
	Year   []int32 // instructions evaluated every year, in order
	Prevs  []int32 // prev leaves, filled from their series between years
	Leaves []int32 // numbers, inputs, the horizon and prev leaves, filled first
	Ts     []int32 // the t, year and table leaves, filled every year (TimeLeaf)
	Live   []bool  // by node: evaluated in this schedule
	// Cols orders the instructions and prev leaves for evaluating a whole
	// node over the years at once: each after what it reads, a prev after
	// its series. nil when a series reads its own past (through prev) so
	// that the years must go one at a time.
	Cols []int32
	// Spread are the year-invariant nodes copied down their column.
	Spread []int32
	// StagePrevs: some prev reads a series that is itself a prev leaf
	// (s1 = prev(s0) with s0 = prev(s2)), so a year-by-year evaluator must
	// take every prev's new value before it writes any, or s1 would see
	// s0's new value instead of last year's.
	StagePrevs bool
}

// Schedule cuts the part of the graph that roots need: their nodes and
// everything they read, and for each prev(s) read, series s itself.
func (p *Program) Schedule(roots []int32) Schedule {
	live := make([]bool, len(p.Nodes))
	var mark func(i int32)
	mark = func(i int32) {
		if i < 0 || live[i] {
			return
		}
		live[i] = true
		n := &p.Nodes[i]
		switch {
		case n.Op == OpPrev:
			mark(p.Series[n.A])
		case !n.Op.Leaf():
			mark(n.A)
			mark(n.B)
			mark(n.C)
		}
	}
	for _, r := range roots {
		mark(r)
	}
	s := Schedule{Live: live}
	for i := range p.Nodes {
		if !live[i] {
			continue
		}
		n := &p.Nodes[i]
		switch {
		case n.Op == OpPrev:
			s.Prevs = append(s.Prevs, int32(i))
			s.Leaves = append(s.Leaves, int32(i))
		case n.Op == OpT || n.Op == OpYear || n.Op == OpTable:
			s.Ts = append(s.Ts, int32(i))
		case n.Op.Leaf():
			s.Leaves = append(s.Leaves, int32(i))
		case n.Inv:
			s.Pre = append(s.Pre, int32(i))
		default:
			s.Year = append(s.Year, int32(i))
		}
	}
	for _, i := range s.Prevs {
		s.StagePrevs = s.StagePrevs || p.Nodes[p.Series[p.Nodes[i].A]].Op == OpPrev
	}
	s.Cols = p.columnOrder(live)
	s.Spread = p.spread(s.Year, roots)
	return s
}

// spread lists the values that do not change over the years but are
// copied down their column: those a year-varying instruction reads, and
// the roots among them.
func (p *Program) spread(year, roots []int32) []int32 {
	spread := make([]bool, len(p.Nodes))
	for _, i := range year {
		for _, a := range p.Nodes[i].Args() {
			if p.Nodes[a].Inv {
				spread[a] = true
			}
		}
	}
	for _, i := range roots {
		spread[i] = spread[i] || p.Nodes[i].Inv
	}
	var out []int32
	for i, ok := range spread {
		if ok {
			out = append(out, int32(i))
		}
	}
	return out
}

// columnOrder is the order of Schedule.Cols, or nil when a prev leads
// back to itself.
func (p *Program) columnOrder(live []bool) []int32 {
	const (
		white = iota
		grey
		black
	)
	colour := make([]uint8, len(p.Nodes))
	var order []int32
	var visit func(i int32) bool
	visit = func(i int32) bool {
		if i < 0 || colour[i] == black {
			return true
		}
		if colour[i] == grey {
			return false
		}
		colour[i] = grey
		n := &p.Nodes[i]
		switch {
		case n.Op == OpPrev:
			if !visit(p.Series[n.A]) {
				return false
			}
		case !n.Op.Leaf():
			if !visit(n.A) || !visit(n.B) || !visit(n.C) {
				return false
			}
		}
		colour[i] = black
		if n.Op == OpPrev || !n.Op.Leaf() && !n.Inv {
			order = append(order, i)
		}
		return true
	}
	for i := range p.Nodes {
		if live[i] && !visit(int32(i)) {
			return nil
		}
	}
	return order
}
