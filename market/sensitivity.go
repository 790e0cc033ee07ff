package market

import (
	"math"
	"sort"
)

// Bar is one input's swing in a tornado: the output with the input at its
// low and at its high end while every other input stays where it is.
type Bar struct {
	Input     ID
	LowValue  float64 // the input at its low end
	HighValue float64 // the input at its high end
	AtLow     float64 // the output with the input at LowValue
	AtHigh    float64 // the output with the input at HighValue
}

// Swing is the size of the bar: |AtHigh − AtLow|.
func (b Bar) Swing() float64 { return math.Abs(b.AtHigh - b.AtLow) }

// Tornado is a one-at-a-time sensitivity of one output in one year.
type Tornado struct {
	Output   Output
	Year     int
	Base     float64 // the output at the current values
	Bars     []Bar   // inputs that move the output, largest swing first
	NoEffect []ID    // inputs whose whole range leaves the output unchanged
}

// Tornado moves each input to its low and its high while the rest stay at v
// and records the output in the given year, sorted by swing.
func (m *Market) Tornado(v *Values, out Output, year int) Tornado {
	t := Tornado{Output: out, Year: year}
	var p Projection
	at := func(vals *Values) float64 {
		m.EvaluateInto(&p, vals)
		x, _ := p.At(out, year)
		return x
	}
	t.Base = at(v)
	for id := ID(0); int(id) < len(m.Inputs); id++ {
		in := &m.Inputs[id]
		trial := *v
		trial[id] = in.Low
		lo := at(&trial)
		trial[id] = in.High
		hi := at(&trial)
		if lo == t.Base && hi == t.Base {
			t.NoEffect = append(t.NoEffect, id)
			continue
		}
		t.Bars = append(t.Bars, Bar{Input: id, LowValue: in.Low, HighValue: in.High, AtLow: lo, AtHigh: hi})
	}
	sort.SliceStable(t.Bars, func(i, j int) bool { return t.Bars[i].Swing() > t.Bars[j].Swing() })
	return t
}
