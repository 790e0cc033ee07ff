package market

import (
	"fmt"
	"math"
)

// Goal is what a goal seek is asked: which input to vary so that an output
// in a year hits a target.
type Goal struct {
	Input  ID
	Output Output
	Year   int
	Target float64
}

// Seek is the answer of a goal seek.
type Seek struct {
	Goal
	Found    bool    // a value within the input's hard limits hits the target
	Value    float64 // the input value found (or the best one when !Found)
	Achieved float64 // the output at Value
	InRange  bool    // Value lies within the input's plausible low..high
	Message  string  // one plain sentence for people
}

// GoalSeek finds the value of g.Input, the other inputs staying at v, that
// makes g.Output in g.Year equal g.Target.
func (m *Market) GoalSeek(v *Values, g Goal, c Currency) (Seek, error) {
	var p Projection
	f := func(x float64) float64 {
		trial := *v
		trial[g.Input] = x
		m.EvaluateInto(&p, &trial)
		v, _ := p.At(g.Output, g.Year)
		return v
	}
	return m.SeekWith(f, v[g.Input], g, c)
}

// SeekWith is GoalSeek over any function of the input's value, so the same
// root-finder serves the Monte Carlo percentiles. current is the input's
// present value: among several answers, the one nearest to it wins.
func (m *Market) SeekWith(f func(float64) float64, current float64, g Goal, c Currency) (Seek, error) {
	return m.seekWith(f, nil, current, g, c, 0)
}

// seekWith is SeekWith that stops refining once the bracket is narrower
// than tol × the input's hard range (0: sixty halvings, as fine as float64
// goes). Each step costs one evaluation of f, which for a Monte Carlo
// percentile is a pass over every sample.
//
// scan, when not nil, is a cheaper estimate of f for the first pass over
// the range (a percentile over fewer samples): the bracket it finds is
// checked with f, and only when f confirms the sign change is it refined
// with f; otherwise the pass is made again with f.
func (m *Market) seekWith(f, scan func(float64) float64, current float64, g Goal, c Currency, tol float64) (Seek, error) {
	if g.Input < 0 || int(g.Input) >= len(m.Inputs) {
		return Seek{}, fmt.Errorf("goal seek: unknown input %d", int(g.Input))
	}
	in := m.Inputs[g.Input]
	if g.Year < m.BaseYear || g.Year > m.LastYear() {
		return Seek{}, fmt.Errorf("goal seek: %d is outside the projection; choose a year from %d to %d", g.Year, m.BaseYear, m.LastYear())
	}
	if in.Kind == KindSwitch {
		return Seek{}, fmt.Errorf("goal seek: %s is an on/off switch; choose an input with a range of values", in.Label)
	}
	if bad(g.Target) {
		return Seek{}, fmt.Errorf("goal seek: the target is not a number")
	}
	s := Seek{Goal: g}
	gap := func(x float64) float64 { return f(x) - g.Target }

	// Scan the whole hard range for sign changes, then refine the bracket
	// nearest the current value. Years are whole, so they are scanned one by one.
	var xs []float64
	if in.Kind == KindYear {
		for x := in.Min; x <= in.Max; x++ {
			xs = append(xs, x)
		}
	} else {
		const n = 96
		for i := 0; i <= n; i++ {
			xs = append(xs, in.Min+(in.Max-in.Min)*float64(i)/n)
		}
	}
	gs := make([]float64, len(xs))
	pass := func(gap func(float64) float64) (best, bracket int) {
		for i, x := range xs {
			gs[i] = gap(x)
			if math.Abs(gs[i]) < math.Abs(gs[best]) {
				best = i
			}
		}
		bracket = -1
		for i := 0; i+1 < len(xs); i++ {
			if gs[i] == 0 || gs[i]*gs[i+1] < 0 || (i+1 == len(xs)-1 && gs[i+1] == 0) {
				if bracket < 0 || math.Abs(xs[i]-current) < math.Abs(xs[bracket]-current) {
					bracket = i
				}
			}
		}
		return best, bracket
	}
	var best, bracket int
	if scan != nil {
		best, bracket = pass(func(x float64) float64 { return scan(x) - g.Target })
		if bracket >= 0 {
			// Confirm the crossing with f itself.
			ga, gb := gap(xs[bracket]), gap(xs[bracket+1])
			if ga == 0 || ga*gb < 0 || gb == 0 && bracket+1 == len(xs)-1 {
				gs[bracket], gs[bracket+1] = ga, gb
			} else {
				scan = nil
			}
		} else {
			scan = nil
		}
	}
	if scan == nil {
		best, bracket = pass(gap)
	}

	switch {
	case bracket < 0:
		s.Value = xs[best]
		s.Achieved = f(s.Value)
	case in.Kind == KindYear:
		// The whole year on either side of the crossing that comes closest.
		i := bracket
		if math.Abs(gs[i+1]) < math.Abs(gs[i]) {
			i++
		}
		s.Found = true
		s.Value = xs[i]
		s.Achieved = f(s.Value)
	default:
		s.Found = true
		s.Value = bisect(gap, xs[bracket], xs[bracket+1], gs[bracket], tol*(in.Max-in.Min))
		s.Achieved = f(s.Value)
	}
	s.InRange = s.Value >= in.Low && s.Value <= in.High
	s.Message = s.sentence(m, in, c)
	return s, nil
}

// bisect narrows [a, b], where gap changes sign, to the root: sixty
// halvings, or fewer once b − a ≤ width. Of the final bracket it returns
// the end where gap ≥ 0, so the output reaches the target rather than
// falling a rounding short of it: a percentile sought to reach $100M shows
// $100M or more when the run is made at the answer.
func bisect(gap func(float64) float64, a, b, ga, width float64) float64 {
	if ga == 0 {
		return a
	}
	for i := 0; i < 60 && b-a > width; i++ {
		mid := (a + b) / 2
		gm := gap(mid)
		if gm == 0 {
			return mid
		}
		if (gm < 0) == (ga < 0) {
			a, ga = mid, gm
		} else {
			b = mid
		}
	}
	if ga > 0 {
		return a
	}
	return b
}

// sentence is the answer in words, starting with the input's label so
// that it reads whole after a lead-in ("At P5 …, Conversion 3.1% gives …").
func (s Seek) sentence(m *Market, in Input, c Currency) string {
	format := func(v float64) string { return m.Format(s.Output, v, c) }
	target := format(s.Target)
	what := fmt.Sprintf("%s in %d", m.Phrase(s.Output), s.Year)
	if !s.Found {
		return fmt.Sprintf("%s cannot make %s reach %s anywhere from %s to %s; the closest is %s, at %s.",
			in.Label, what, target, in.Format(in.Min, c), in.Format(in.Max, c),
			format(s.Achieved), in.Format(s.Value, c))
	}
	msg := fmt.Sprintf("%s %s gives %s of %s.", in.Label, in.Format(s.Value, c), what, format(s.Achieved))
	if in.Kind == KindYear && !approxEqual(s.Achieved, s.Target) {
		msg = fmt.Sprintf("%s %s comes closest: %s of %s against a target of %s.", in.Label, in.Format(s.Value, c), what, format(s.Achieved), target)
	}
	if !s.InRange {
		msg += fmt.Sprintf(" That is outside the plausible range %s to %s.", in.Format(in.Low, c), in.Format(in.High, c))
	}
	return msg
}

func approxEqual(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
