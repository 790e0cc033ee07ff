package market

import (
	"context"
	"testing"
)

// BenchmarkMonteCarloKernel is the kernel alone on China's market: the
// draws made and the result sized beforehand, then each iteration turns
// 100,000 samples' draws into values and evaluates them year by year
// (simulateAll on one worker), without the percentiles. It reports the
// CPU time per sample.
func BenchmarkMonteCarloKernel(b *testing.B) {
	m := testMarket()
	e := NewEngine(m)
	ctx := context.Background()
	cfg := RunConfig{N: benchSamples, Seed: 1, Workers: 1, Values: m.Defaults()}
	d, err := e.drawsFor(ctx, cfg.N, cfg.Seed, 1)
	if err != nil {
		b.Fatal(err)
	}
	var r Result
	if err := e.sizeResult(ctx, &r, cfg.N, e.horizon+1); err != nil {
		b.Fatal(err)
	}
	p := e.newPlan(d, &cfg.Values, &cfg.Uncertainty)
	cpu := cpuTime()
	for b.Loop() {
		if _, err := e.simulateAll(ctx, &p, d, &r, cfg.N, 1); err != nil {
			b.Fatal(err)
		}
	}
	if c := cpuTime() - cpu; c > 0 {
		b.ReportMetric(float64(c)/float64(b.N)/float64(cfg.N), "cpu-ns/sample")
	}
}
