package market

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkMonteCarloColdCorrelated and BenchmarkMonteCarloMillionCorrelated
// are BenchmarkMonteCarloCold and BenchmarkMonteCarloMillion on the test
// market with three correlated pairs (one of them months, mixed through
// its normal score): the cost of mixing the draws as they are made.
func BenchmarkMonteCarloColdCorrelated(b *testing.B) { coldCorrelated(b, benchSamples) }

func BenchmarkMonteCarloMillionCorrelated(b *testing.B) { coldCorrelated(b, MaxSamples) }

func coldCorrelated(b *testing.B, n int) {
	m := correlatedChina()
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			e := NewEngine(m)
			var r Result
			cfg := RunConfig{N: n, Workers: workers, Values: m.Defaults()}
			cpu := cpuTime()
			for i := 0; b.Loop(); i++ {
				cfg.Seed = uint64(i + 1)
				if err := e.Run(context.Background(), &r, cfg); err != nil {
					b.Fatal(err)
				}
			}
			reportSamples(b, n, cpu)
		})
	}
}
