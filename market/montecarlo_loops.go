package market

import "sizeup/market/formula"

// The kernel's loops for an operation with one operand the same in every
// sample: that operand is read as a number, not from a register filled
// with it. Each is formula.Vector's loop with the number in place of the
// slice, so the results are the same to the bit.

// scalarForm reports whether scalarLeft and scalarRight have op's loop.
func scalarForm(op formula.Op) bool {
	switch op {
	case formula.OpAdd, formula.OpSub, formula.OpMul, formula.OpDiv, formula.OpMin, formula.OpMax,
		formula.OpGt, formula.OpGe, formula.OpLt, formula.OpLe, formula.OpEq, formula.OpNe:
		return true
	}
	return false
}

// scalarLeft is d = s op b.
func scalarLeft(op formula.Op, d []float64, s float64, b []float64) {
	b = b[:len(d)]
	if s != s && (op == formula.OpAdd || op == formula.OpMul) {
		// The loop over slices gives the left NaN when both are NaN;
		// the compiler may put the number second here and give b's.
		fill(d, s)
		return
	}
	switch op {
	case formula.OpAdd:
		for k := range d {
			d[k] = s + b[k]
		}
	case formula.OpSub:
		for k := range d {
			d[k] = s - b[k]
		}
	case formula.OpMul:
		for k := range d {
			d[k] = s * b[k]
		}
	case formula.OpDiv:
		for k := range d {
			if b[k] != 0 {
				d[k] = s / b[k]
			} else {
				d[k] = 0
			}
		}
	case formula.OpMin:
		for k := range d {
			d[k] = min(s, b[k])
		}
	case formula.OpMax:
		for k := range d {
			d[k] = max(s, b[k])
		}
	default: // a comparison, s op b is b op' s
		scalarRight(flip(op), d, b, s)
	}
}

// flip is the comparison that holds for (b, a) when op holds for (a, b).
func flip(op formula.Op) formula.Op {
	switch op {
	case formula.OpGt:
		return formula.OpLt
	case formula.OpGe:
		return formula.OpLe
	case formula.OpLt:
		return formula.OpGt
	case formula.OpLe:
		return formula.OpGe
	}
	return op // == and != are symmetric
}

// scalarRight is d = a op s.
func scalarRight(op formula.Op, d, a []float64, s float64) {
	a = a[:len(d)]
	switch op {
	case formula.OpAdd:
		for k := range d {
			d[k] = a[k] + s
		}
	case formula.OpSub:
		for k := range d {
			d[k] = a[k] - s
		}
	case formula.OpMul:
		for k := range d {
			d[k] = a[k] * s
		}
	case formula.OpDiv:
		if s == 0 {
			clear(d)
			return
		}
		for k := range d {
			d[k] = a[k] / s
		}
	case formula.OpMin:
		for k := range d {
			d[k] = min(a[k], s)
		}
	case formula.OpMax:
		for k := range d {
			d[k] = max(a[k], s)
		}
	case formula.OpGt:
		for k := range d {
			d[k] = formula.Truth(a[k] > s)
		}
	case formula.OpGe:
		for k := range d {
			d[k] = formula.Truth(a[k] >= s)
		}
	case formula.OpLt:
		for k := range d {
			d[k] = formula.Truth(a[k] < s)
		}
	case formula.OpLe:
		for k := range d {
			d[k] = formula.Truth(a[k] <= s)
		}
	case formula.OpEq:
		for k := range d {
			d[k] = formula.Truth(a[k] == s)
		}
	case formula.OpNe:
		for k := range d {
			d[k] = formula.Truth(a[k] != s)
		}
	}
}
