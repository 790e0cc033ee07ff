package market

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkMonteCarloOneShot is report --uncertainty's run in process at
// 1,000,000 samples, a fresh engine and Result each time as a process has:
// the run on kept draws storing every sample (as before issue 20), a
// one-shot run storing every sample (no kept draws), and a one-shot run
// storing none (percentiles by brackets), on one worker.
func BenchmarkMonteCarloOneShot(b *testing.B) {
	m := testMarket()
	for _, c := range []struct {
		name    string
		oneShot bool
		keep    Keep
	}{{"kept", false, KeepAll}, {"oneshot-all", true, KeepAll}, {"oneshot-none", true, KeepNone}} {
		b.Run(fmt.Sprintf("%s/workers=1", c.name), func(b *testing.B) {
			cfg := RunConfig{N: MaxSamples, Seed: 1, Workers: 1, Values: m.Defaults(), OneShot: c.oneShot, Keep: c.keep, NoSpread: true}
			cpu := cpuTime()
			for b.Loop() {
				var r Result
				if err := NewEngine(m).Run(context.Background(), &r, cfg); err != nil {
					b.Fatal(err)
				}
			}
			reportSamples(b, MaxSamples, cpu)
		})
	}
}
