package market

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestExpSlice(t *testing.T) {
	var xs, want []float64
	for x := -707.99; x < 709; x += 0.0731 {
		xs = append(xs, x)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		xs = append(xs, 40*r.NormFloat64())
	}
	xs = append(xs, 0, math.Copysign(0, -1), 1, -1, math.Ln2/2, -math.Ln2/2, 708.9, -707.9)
	for _, x := range xs {
		want = append(want, math.Exp(x))
	}
	got := append([]float64(nil), xs...)
	expSlice(got)
	worst := 0.0
	for i := range got {
		if e := math.Abs(got[i]-want[i]) / want[i]; e > worst || math.IsNaN(e) {
			worst = e
			if !(e <= 1e-12) {
				t.Fatalf("expSlice(%v) = %v, math.Exp gives %v (relative error %.3g)", xs[i], got[i], want[i], e)
			}
		}
	}
	t.Logf("worst relative error %.3g over %d values", worst, len(xs))

	for j, bits := range exp2ThirtySeconds {
		if got, want := math.Float64frombits(bits), math.Exp2(float64(j)/32); math.Abs(got-want) > 2.3e-16*want {
			t.Errorf("table: 2^(%d/32) = %v, want %v", j, got, want)
		}
	}

	edge := []float64{710, math.Inf(1), -709, -1000, math.Inf(-1)}
	expSlice(edge)
	if !math.IsInf(edge[0], 1) || !math.IsInf(edge[1], 1) || edge[2] != 0 || edge[3] != 0 || edge[4] != 0 {
		t.Errorf("out of range: got %v, want +Inf +Inf 0 0 0", edge)
	}
}

// BenchmarkExpSlice compares a batch of 256 exponentials (the kernel's block)
// with math.Exp on each.
func BenchmarkExpSlice(b *testing.B) {
	xs := make([]float64, blockSize)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range xs {
		xs[i] = r.NormFloat64()
	}
	buf := make([]float64, len(xs))
	b.Run("expSlice", func(b *testing.B) {
		for b.Loop() {
			copy(buf, xs)
			expSlice(buf)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/exp")
	})
	b.Run("math.Exp", func(b *testing.B) {
		for b.Loop() {
			for i, x := range xs {
				buf[i] = math.Exp(x)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(xs)), "ns/exp")
	})
}
