//go:build !unix

package market

// cpuTime is unknown here; benchmarks then report 0 CPU time.
func cpuTime() int64 { return 0 }
