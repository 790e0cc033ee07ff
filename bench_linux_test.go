//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// BenchmarkStartToFirstFrame measures what a user waits for: from starting
// the process to the first frame of the dashboard written to its terminal
// (a pseudo-terminal of 160×48 that answers the colour and device queries
// as a terminal does). Process start, flag parsing, loading the market,
// terminal set-up and the first write are all inside. The budget is 50 ms.
// ui's BenchmarkFirstFrame times View() alone.
func BenchmarkStartToFirstFrame(b *testing.B) {
	bin := binary(b)
	var total time.Duration
	for range b.N {
		total += startToFirstFrame(b, bin, true)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/first-frame")
}

// TestStartAsksTheBackgroundOnce: Bubble Tea's init already asks the
// terminal for its background colour; start-up takes that answer instead
// of asking again, so a terminal that answers neither question costs one
// wait (Bubble Tea v1's own, 5 s) rather than two, and one that answers
// only the cursor report is not held up at all.
func TestStartAsksTheBackgroundOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the binary")
	}
	var asked int
	took := startToFirstFrameCounting(t, binary(t), false, &asked)
	if asked != 1 {
		t.Errorf("start-up asked the terminal for its background %d times, want 1", asked)
	}
	if took > time.Second {
		t.Errorf("the first frame came %v after start on a terminal that does not answer the background query", took)
	}
}

// startToFirstFrame starts the app on a 160×48 pseudo-terminal and returns
// how long the first frame of the dashboard took. The terminal answers the
// cursor-position and device queries, and with answer the background-colour
// query too.
func startToFirstFrame(b testing.TB, bin string, answer bool) time.Duration {
	b.Helper()
	var asked int
	return startToFirstFrameCounting(b, bin, answer, &asked)
}

// startToFirstFrameCounting is startToFirstFrame that also counts the
// background-colour queries written before the first frame.
func startToFirstFrameCounting(b testing.TB, bin string, answer bool, asked *int) time.Duration {
	b.Helper()
	master, slave := openPTY(b, 160, 48)
	defer master.Close()
	cmd := exec.Command(bin, "--samples", "100000")
	// termenv treats any process with CI set as having no terminal and
	// asks nothing; a user's terminal has no CI, so neither has this one.
	cmd.Env = append(withoutEnv(os.Environ(), "CI"), "TERM=xterm-256color", "XDG_CONFIG_HOME="+b.TempDir())
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	slave.Close()
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	var seen []byte
	buf := make([]byte, 64<<10)
	master.SetReadDeadline(time.Now().Add(20 * time.Second))
	for {
		n, err := master.Read(buf)
		if err != nil {
			b.Fatalf("no first frame: %v; output so far %q", err, tail(seen))
		}
		seen = append(seen, buf[:n]...)
		if debugPTY {
			println(time.Since(start).Milliseconds(), strconv.Quote(string(buf[:min(n, 120)])))
		}
		// Answer the queries a terminal answers: background colour (OSC 11),
		// cursor position (DSR 6) and device attributes (DA1), which the
		// colour detection waits for.
		*asked += bytes.Count(buf[:n], []byte("\x1b]11;?"))
		if answer && bytes.Contains(buf[:n], []byte("\x1b]11;?")) {
			master.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
		}
		if bytes.Contains(buf[:n], []byte("\x1b[6n")) {
			master.Write([]byte("\x1b[1;1R"))
		}
		if bytes.Contains(buf[:n], []byte("\x1b[c")) {
			master.Write([]byte("\x1b[?62;c"))
		}
		if bytes.Contains(seen, []byte("Assumptions")) {
			return time.Since(start)
		}
	}
}

// withoutEnv returns env without the variable named name.
func withoutEnv(env []string, name string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, name+"=") {
			out = append(out, kv)
		}
	}
	return out
}

var debugPTY = os.Getenv("DEBUG_PTY") != ""

func tail(b []byte) []byte {
	if len(b) > 200 {
		return b[len(b)-200:]
	}
	return b
}

// openPTY opens a pseudo-terminal pair of the given size.
func openPTY(tb testing.TB, cols, rows uint16) (master, slave *os.File) {
	tb.Helper()
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		tb.Skipf("no pseudo-terminals: %v", err)
	}
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		tb.Fatal(err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		tb.Fatal(err)
	}
	if err := unix.IoctlSetWinsize(fd, unix.TIOCSWINSZ, &unix.Winsize{Row: rows, Col: cols}); err != nil {
		tb.Fatal(err)
	}
	master = os.NewFile(uintptr(fd), "/dev/ptmx")
	slave, err = os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		tb.Fatal(err)
	}
	return master, slave
}
