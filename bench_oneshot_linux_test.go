//go:build linux

package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// BenchmarkOneShotProcess is DESIGN.md §7's one-shot budget as whole
// processes: `sizeup report --uncertainty --format csv --seed 1` against
// the plain loop (internal/plainloop: the same model, the same CSV, one
// pass, exact percentiles by selection) on the same number of cores
// (GOMAXPROCS), at 100,000 and 1,000,000 samples. Each round runs one and
// then the other; it reports the medians over rounds of the wall time,
// the CPU time (user + system, from the child's rusage) and the peak
// resident memory (ru_maxrss), and the ratios sizeup ÷ plain loop. The
// budget: 1,000,000 samples in at most 0.30× the plain loop's time (goal
// 0.2×), 100,000 in at most 0.5×, and at most 64 MB at 1,000,000.
//
// ONESHOT_BASELINE=/path/to/an/older/sizeup adds that binary to every
// round (base-…), to measure a change against it in the same session.
func BenchmarkOneShotProcess(b *testing.B) {
	sizeup, plain := binary(b), plainLoopBinary(b)
	base := os.Getenv("ONESHOT_BASELINE")
	for _, n := range []int{100_000, 1_000_000} {
		for _, procs := range []int{1, 2} {
			b.Run(fmt.Sprintf("n=%d/procs=%d", n, procs), func(b *testing.B) {
				ns := strconv.Itoa(n)
				var s, p, o []procStat
				for b.Loop() {
					s = append(s, runProcess(b, procs, sizeup, "report", "--uncertainty", "--format", "csv", "--seed", "1", "--samples", ns))
					p = append(p, runProcess(b, procs, plain, "-n", ns, "-seed", "1"))
					if base != "" {
						o = append(o, runProcess(b, procs, base, "report", "--uncertainty", "--format", "csv", "--seed", "1", "--samples", ns))
					}
				}
				ms, mp := medianStat(s), medianStat(p)
				b.ReportMetric(ms.wall, "sizeup-wall-ms")
				b.ReportMetric(ms.cpu, "sizeup-cpu-ms")
				b.ReportMetric(ms.rss, "sizeup-rss-MB")
				b.ReportMetric(mp.wall, "plain-wall-ms")
				b.ReportMetric(mp.cpu, "plain-cpu-ms")
				b.ReportMetric(mp.rss, "plain-rss-MB")
				b.ReportMetric(ms.wall/mp.wall, "wall-ratio")
				b.ReportMetric(ms.cpu/mp.cpu, "cpu-ratio")
				if base != "" {
					mo := medianStat(o)
					b.ReportMetric(mo.wall, "base-wall-ms")
					b.ReportMetric(mo.cpu, "base-cpu-ms")
					b.ReportMetric(mo.rss, "base-rss-MB")
				}
			})
		}
	}
}

// procStat is one process: wall and CPU time in ms, peak RSS in MB.
type procStat struct{ wall, cpu, rss float64 }

// runProcess runs bin with args on procs cores (GOMAXPROCS), its output
// thrown away, and measures it.
func runProcess(tb testing.TB, procs int, bin string, args ...string) procStat {
	tb.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(withoutEnv(os.Environ(), "GOMAXPROCS"), "GOMAXPROCS="+strconv.Itoa(procs))
	var errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &errs
	start := time.Now()
	if err := cmd.Run(); err != nil {
		tb.Fatalf("%s %v: %v: %s", bin, args, err, tail(errs.Bytes()))
	}
	wall := time.Since(start)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return procStat{wall: float64(wall) / 1e6, cpu: float64(cpu) / 1e6, rss: float64(ru.Maxrss) / 1024}
}

// medianStat is each measure's median over the runs.
func medianStat(runs []procStat) procStat {
	med := func(f func(procStat) float64) float64 {
		xs := make([]float64, len(runs))
		for i, r := range runs {
			xs[i] = f(r)
		}
		slices.Sort(xs)
		if len(xs)%2 == 1 {
			return xs[len(xs)/2]
		}
		return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	return procStat{
		wall: med(func(r procStat) float64 { return r.wall }),
		cpu:  med(func(r procStat) float64 { return r.cpu }),
		rss:  med(func(r procStat) float64 { return r.rss }),
	}
}

var (
	plainOnce sync.Once
	plainBin  string
	plainErr  error
)

// plainLoopBinary builds internal/plainloop once per test run, beside the
// sizeup binary.
func plainLoopBinary(tb testing.TB) string {
	tb.Helper()
	plainOnce.Do(func() {
		plainBin = filepath.Join(filepath.Dir(binary(tb)), "plainloop")
		if out, err := exec.Command("go", "build", "-o", plainBin, "./internal/plainloop").CombinedOutput(); err != nil {
			plainErr = fmt.Errorf("build plainloop: %v\n%s", err, out)
		}
	})
	if plainErr != nil {
		tb.Fatal(plainErr)
	}
	return plainBin
}
