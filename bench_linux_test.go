//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
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
		total += startToFirstFrame(b, bin)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/first-frame")
}

func startToFirstFrame(b *testing.B, bin string) time.Duration {
	b.Helper()
	master, slave := openPTY(b, 160, 48)
	defer master.Close()
	cmd := exec.Command(bin, "--samples", "100000")
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "XDG_CONFIG_HOME="+b.TempDir())
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
	master.SetReadDeadline(time.Now().Add(10 * time.Second))
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
		if bytes.Contains(buf[:n], []byte("\x1b]11;?")) {
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
