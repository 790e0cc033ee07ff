package main

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The budgets of DESIGN.md §7 that only the real process shows: resident
// memory (RSS, not heap) and start to first frame (process start, flag
// parsing, terminal set-up and the first write included).

// BenchmarkTUIRSS runs the app in tmux with 100,000 samples, makes 200
// slider moves (l and h on the selected input, each starting a Monte Carlo
// run), waits for the last run to show, and reports the resident memory
// from /proc/PID/status: rss-MB (VmRSS at the end) and peak-rss-MB (VmHWM).
// The budget is 60 MB. It replaces ui's BenchmarkMemoryWithSamples, which
// reports the Go heap.
func BenchmarkTUIRSS(b *testing.B) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		b.Skip("needs /proc")
	}
	var rss, peak float64
	for range b.N {
		x := startTmux(b, "160", "48", "--samples", "100000", "--seed", "1")
		x.waitFor("Assumptions")
		x.keys("2") // the Uncertainty view: every move's run is drawn
		x.waitFor("100,000 samples")
		x.keys("1")
		x.waitFor("Assumptions")
		for i := range 200 {
			if i%2 == 0 {
				x.keys("l")
			} else {
				x.keys("h")
			}
		}
		x.keys("2")
		x.waitFor("100,000 samples")
		// Let the last run finish and the runtime settle, then read.
		pid := x.pid()
		time.Sleep(time.Second)
		r, p := procStatusMB(b, pid, "VmRSS"), procStatusMB(b, pid, "VmHWM")
		rss, peak = max(rss, r), max(peak, p)
		x.keys("q")
		x.waitGone()
	}
	b.ReportMetric(rss, "rss-MB")
	b.ReportMetric(peak, "peak-rss-MB")
}

// procStatusMB reads a "Vm…: N kB" line of /proc/PID/status, in MB.
func procStatusMB(tb testing.TB, pid int, key string) float64 {
	tb.Helper()
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), key+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				tb.Fatal(err)
			}
			return kb / 1024
		}
	}
	tb.Fatalf("no %s in /proc/%d/status", key, pid)
	return 0
}

// BenchmarkRenderProcess is the headless proxy for start to first frame:
// the whole process, from exec to exit, drawing the dashboard at 160×48
// as text (sizeup render --size 160x48 --format txt).
func BenchmarkRenderProcess(b *testing.B) {
	bin := binary(b)
	b.ResetTimer()
	for range b.N {
		cmd := exec.Command(bin, "render", "--size", "160x48", "--format", "txt", "--samples", "1000")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v: %s", err, out)
		}
	}
}
