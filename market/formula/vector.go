package formula

// Vector is node n's operation over slices of equal length: a block of
// samples in Monte Carlo, or the years of a node in a projection. b and c
// are nil for the operations that do not read them. The meaning of each
// operation is Apply's; this is only its loop. OpPowT and OpExpStep carry
// state from year to year and are the caller's.
func Vector(n *Node, d, a, b, c []float64) {
	a = a[:len(d)]
	switch n.Op {
	case OpAdd:
		b = b[:len(d)]
		for k := range d {
			d[k] = a[k] + b[k]
		}
	case OpSub:
		b = b[:len(d)]
		for k := range d {
			d[k] = a[k] - b[k]
		}
	case OpMul:
		b = b[:len(d)]
		for k := range d {
			d[k] = a[k] * b[k]
		}
	case OpDiv:
		b = b[:len(d)]
		for k := range d {
			if b[k] != 0 {
				d[k] = a[k] / b[k]
			} else {
				d[k] = 0
			}
		}
	case OpMin:
		b = b[:len(d)]
		for k := range d {
			d[k] = min(a[k], b[k])
		}
	case OpMax:
		b = b[:len(d)]
		for k := range d {
			d[k] = max(a[k], b[k])
		}
	case OpNeg:
		for k := range d {
			d[k] = -a[k]
		}
	case OpSelect:
		b, c = b[:len(d)], c[:len(d)]
		for k := range d {
			if a[k] != 0 {
				d[k] = b[k]
			} else {
				d[k] = c[k]
			}
		}
	case OpBassF:
		b, c = b[:len(d)], c[:len(d)]
		for k := range d {
			if c[k] != 0 {
				d[k] = (1 - a[k]) / (1 + b[k]*a[k])
			} else {
				d[k] = 0
			}
		}
	case OpFunc:
		fn := &builtins[n.Fn]
		if fn.vector != nil {
			fn.vector(d, a)
			return
		}
		for k := range d {
			d[k] = fn.scalar(a[k])
		}
	case OpGt, OpGe, OpLt, OpLe, OpEq, OpNe, OpAnd, OpOr:
		Compare(n.Op, d, a, b)
	default:
		for k := range d {
			var x, z float64
			if b != nil {
				x = b[k]
			}
			if c != nil {
				z = c[k]
			}
			d[k] = Apply(n, a[k], x, z)
		}
	}
}

// CompareZero is 1 where a ≠ 0, 0 elsewhere: "and" with a side that holds.
func CompareZero(d, a []float64) {
	a = a[:len(d)]
	for k := range d {
		d[k] = Truth(a[k] != 0)
	}
}

// Compare is a comparison or logical operator over a block: 1 or 0.
func Compare(op Op, d, a, b []float64) {
	b = b[:len(d)]
	a = a[:len(d)]
	switch op {
	case OpGt:
		for k := range d {
			d[k] = Truth(a[k] > b[k])
		}
	case OpGe:
		for k := range d {
			d[k] = Truth(a[k] >= b[k])
		}
	case OpLt:
		for k := range d {
			d[k] = Truth(a[k] < b[k])
		}
	case OpLe:
		for k := range d {
			d[k] = Truth(a[k] <= b[k])
		}
	case OpEq:
		for k := range d {
			d[k] = Truth(a[k] == b[k])
		}
	case OpNe:
		for k := range d {
			d[k] = Truth(a[k] != b[k])
		}
	case OpAnd:
		for k := range d {
			d[k] = Truth(a[k] != 0 && b[k] != 0)
		}
	case OpOr:
		for k := range d {
			d[k] = Truth(a[k] != 0 || b[k] != 0)
		}
	}
}
