package formula

import "slices"

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
	// its series. A caller may set Cols to nil to have every node
	// evaluated year by year (the evaluators' reference).
	Cols []int32
	// Recur are the loops through prev (a series that reads its own past,
	// directly or through others), in the order they go among Cols.
	Recur []Recur
	// Spread are the year-invariant nodes copied down their column.
	Spread []int32
	// StagePrevs: some prev reads a series that is itself a prev leaf
	// (s1 = prev(s0) with s0 = prev(s2)), so a year-by-year evaluator must
	// take every prev's new value before it writes any, or s1 would see
	// s0's new value instead of last year's.
	StagePrevs bool
}

// Recur is a loop through prev: its nodes cannot go a whole column at a
// time, so they go year by year, its prev leaves first, then its
// instructions in node order; everything else still goes by columns,
// before or after as it reads or is read.
type Recur struct {
	At    int     // the loop goes before Cols[At]
	Nodes []int32 // in the order they go within a year
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
	s.Cols, s.Recur = p.columnOrder(live)
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

// columnOrder is the order of Schedule.Cols and its loops: the strongly
// connected parts of the live graph (an instruction reads its arguments,
// a prev leaf its series), found by Tarjan's algorithm, which closes each
// part after every part it reads. A part of one node that does not read
// itself is a column; a larger one, or a prev of its own series, a loop.
func (p *Program) columnOrder(live []bool) (order []int32, recur []Recur) {
	const unseen = -1
	index := make([]int32, len(p.Nodes)) // visit order, unseen before
	low := make([]int32, len(p.Nodes))   // lowest index reachable on the stack
	onStack := make([]bool, len(p.Nodes))
	for i := range index {
		index[i] = unseen
	}
	var stack []int32
	next := int32(0)
	column := func(i int32) bool {
		n := &p.Nodes[i]
		return n.Op == OpPrev || !n.Op.Leaf() && !n.Inv
	}
	var visit func(i int32)
	reads := func(i, j int32) {
		if j < 0 {
			return
		}
		if index[j] == unseen {
			visit(j)
			low[i] = min(low[i], low[j])
		} else if onStack[j] {
			low[i] = min(low[i], index[j])
		}
	}
	visit = func(i int32) {
		index[i], low[i] = next, next
		next++
		stack = append(stack, i)
		onStack[i] = true
		n := &p.Nodes[i]
		switch {
		case n.Op == OpPrev:
			reads(i, p.Series[n.A])
		case !n.Op.Leaf():
			reads(i, n.A)
			reads(i, n.B)
			reads(i, n.C)
		}
		if low[i] != index[i] {
			return // i belongs to a part closed further up
		}
		k := len(stack) - 1
		for stack[k] != i {
			k--
		}
		part := stack[k:]
		stack = stack[:k]
		for _, j := range part {
			onStack[j] = false
		}
		if len(part) == 1 && !(n.Op == OpPrev && p.Series[n.A] == i) {
			if column(i) {
				order = append(order, i)
			}
			return
		}
		recur = append(recur, Recur{At: len(order), Nodes: p.recurGroup(part)})
	}
	for i := range p.Nodes {
		if live[i] && index[i] == unseen {
			visit(int32(i))
		}
	}
	return order, recur
}

// recurGroup orders a loop's nodes for a year: its prev leaves (last
// year's values) first, then its instructions in node order, which reads
// before it writes.
func (p *Program) recurGroup(part []int32) []int32 {
	var prevs, ins []int32
	for _, j := range part {
		switch n := &p.Nodes[j]; {
		case n.Op == OpPrev:
			prevs = append(prevs, j)
		case !n.Op.Leaf():
			ins = append(ins, j)
		}
	}
	slices.Sort(prevs)
	slices.Sort(ins)
	return append(prevs, ins...)
}
