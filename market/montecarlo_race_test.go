package market

import (
	"context"
	"sync"
	"testing"
)

// Two runs handed the same Result (the UI starts the next run into the
// buffer a cancelled run may still be writing) take turns for all of it,
// dst.N included. Run with -race: before the fix, dst.N = 0 was written
// before the engine's lock and the detector flagged it.
func TestRunSameResultTakesTurns(t *testing.T) {
	m := testMarket()
	e := NewEngine(m)
	var dst Result
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			cfg := RunConfig{N: 5_000, Seed: 1, Workers: 1, Values: m.Defaults()}
			errs[i] = e.Run(context.Background(), &dst, cfg)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if dst.N != 5_000 {
		t.Errorf("N = %d after the runs, want 5000", dst.N)
	}
}
