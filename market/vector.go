package market

// vector is one operation over slices of equal length: a block of samples
// in Monte Carlo, or the years of a node in a projection. b and c are nil
// for the operations that do not read them. The meaning of each operation
// is apply's; this is only its loop.
func vector(op opcode, d, a, b, c []float64) {
	a = a[:len(d)]
	switch op {
	case opAdd:
		b = b[:len(d)]
		for k := range d {
			d[k] = a[k] + b[k]
		}
	case opSub:
		b = b[:len(d)]
		for k := range d {
			d[k] = a[k] - b[k]
		}
	case opMul:
		b = b[:len(d)]
		for k := range d {
			d[k] = a[k] * b[k]
		}
	case opDiv:
		b = b[:len(d)]
		for k := range d {
			if b[k] != 0 {
				d[k] = a[k] / b[k]
			} else {
				d[k] = 0
			}
		}
	case opMin:
		b = b[:len(d)]
		for k := range d {
			d[k] = min(a[k], b[k])
		}
	case opMax:
		b = b[:len(d)]
		for k := range d {
			d[k] = max(a[k], b[k])
		}
	case opNeg:
		for k := range d {
			d[k] = -a[k]
		}
	case opSelect:
		b, c = b[:len(d)], c[:len(d)]
		for k := range d {
			if a[k] != 0 {
				d[k] = b[k]
			} else {
				d[k] = c[k]
			}
		}
	case opBassF:
		b, c = b[:len(d)], c[:len(d)]
		for k := range d {
			if c[k] != 0 {
				d[k] = (1 - a[k]) / (1 + b[k]*a[k])
			} else {
				d[k] = 0
			}
		}
	case opGt, opGe, opLt, opLe, opEq, opNe, opAnd, opOr:
		compare(op, d, a, b)
	default:
		for k := range d {
			var x, z float64
			if b != nil {
				x = b[k]
			}
			if c != nil {
				z = c[k]
			}
			d[k] = apply(op, a[k], x, z)
		}
	}
}

// compareZero is 1 where a ≠ 0, 0 elsewhere: "and" with a side that holds.
func compareZero(d, a []float64) {
	a = a[:len(d)]
	for k := range d {
		d[k] = truth(a[k] != 0)
	}
}

// compare is a comparison or logical operator over a block: 1 or 0.
func compare(op opcode, d, a, b []float64) {
	b = b[:len(d)]
	a = a[:len(d)]
	switch op {
	case opGt:
		for k := range d {
			d[k] = truth(a[k] > b[k])
		}
	case opGe:
		for k := range d {
			d[k] = truth(a[k] >= b[k])
		}
	case opLt:
		for k := range d {
			d[k] = truth(a[k] < b[k])
		}
	case opLe:
		for k := range d {
			d[k] = truth(a[k] <= b[k])
		}
	case opEq:
		for k := range d {
			d[k] = truth(a[k] == b[k])
		}
	case opNe:
		for k := range d {
			d[k] = truth(a[k] != b[k])
		}
	case opAnd:
		for k := range d {
			d[k] = truth(a[k] != 0 && b[k] != 0)
		}
	case opOr:
		for k := range d {
			d[k] = truth(a[k] != 0 || b[k] != 0)
		}
	}
}
