package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sizeup/data/markets"
	"sizeup/internal/cli"
	"sizeup/market"
)

// End to end: the built binary in a real terminal (tmux), driven with keys,
// read back from the screen. Every wait polls the screen against a
// deadline for a change the key causes; nothing sleeps a fixed time.
//
// Isolation: the binary is built once per package run (TestMain), and each
// test gets its own tmux server on a socket inside its own temporary
// folder (tmux -S), so two go test runs on one machine never share a
// server, a session or a cleanup.

// sizeupBin is the binary built by TestMain, "" when the build failed
// (buildErr says why).
var (
	sizeupBin string
	buildErr  error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "sizeup-test-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sizeupBin = filepath.Join(dir, "sizeup")
	if out, err := exec.Command("go", "build", "-o", sizeupBin, ".").CombinedOutput(); err != nil {
		buildErr = fmt.Errorf("build: %v\n%s", err, out)
		sizeupBin = ""
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// binary is the built sizeup, or fails the test.
func binary(t testing.TB) string {
	t.Helper()
	if sizeupBin == "" {
		t.Fatal(buildErr)
	}
	return sizeupBin
}

type tmux struct {
	t      testing.TB
	socket string
}

func (x tmux) run(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-S", x.socket, "-f", "/dev/null"}, args...)...).CombinedOutput()
	return string(out), err
}

func (x tmux) screen() string {
	out, _ := x.run("capture-pane", "-p", "-t", "e2e")
	return out
}

// poll waits until the screen passes ok, or fails the test.
func (x tmux) poll(what string, ok func(screen string) bool) string {
	x.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := x.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("screen never %s; last screen:\n%s", what, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitFor polls the screen until it contains every string, or fails.
func (x tmux) waitFor(what ...string) string {
	x.t.Helper()
	return x.poll(fmt.Sprintf("showed %q", what), func(s string) bool {
		for _, w := range what {
			if !strings.Contains(s, w) {
				return false
			}
		}
		return true
	})
}

// waitSteady is waitFor, and then the same screen twice in a row 100 ms
// apart: a frame the terminal has finished drawing, for tests that
// compare one frame with another (a capture can land mid-frame).
func (x tmux) waitSteady(what ...string) string {
	x.t.Helper()
	last := ""
	var seen time.Time
	return x.poll(fmt.Sprintf("showed %q and held still", what), func(s string) bool {
		for _, w := range what {
			if !strings.Contains(s, w) {
				return false
			}
		}
		if s != last {
			last, seen = s, time.Now()
			return false
		}
		return time.Since(seen) >= 100*time.Millisecond
	})
}

// waitGoneText polls until the screen no longer shows text.
func (x tmux) waitGoneText(text string) string {
	x.t.Helper()
	return x.poll(fmt.Sprintf("stopped showing %q", text), func(s string) bool { return !strings.Contains(s, text) })
}

func (x tmux) keys(keys ...string) {
	x.t.Helper()
	if out, err := x.run(append([]string{"send-keys", "-t", "e2e"}, keys...)...); err != nil {
		x.t.Fatalf("send-keys: %v %s", err, out)
	}
}

// pid is the program's process id (the pane runs it with exec).
func (x tmux) pid() int {
	x.t.Helper()
	out, err := x.run("display", "-p", "-t", "e2e", "#{pane_pid}")
	pid, perr := strconv.Atoi(strings.TrimSpace(out))
	if err != nil || perr != nil {
		x.t.Fatalf("pane pid: %v %q", err, out)
	}
	return pid
}

func startTmux(t testing.TB, w, h string, args ...string) tmux {
	t.Helper()
	return startTmuxEnv(t, []string{"XDG_CONFIG_HOME=" + t.TempDir()}, w, h, args...)
}

// waitGone waits for the program, and so the tmux session, to end.
func (x tmux) waitGone() {
	x.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := x.run("has-session", "-t", "e2e"); err != nil {
			return
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("the program did not end; screen:\n%s", x.screen())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// socketPath is a tmux socket inside the test's own temporary folder, or
// in a fresh short folder when that path is too long for a Unix socket.
func socketPath(t testing.TB) string {
	p := filepath.Join(t.TempDir(), "tmux.sock")
	if len(p) < 100 {
		return p
	}
	dir, err := os.MkdirTemp("", "sz")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return filepath.Join(dir, "tmux.sock")
}

// startTmuxEnv starts the binary in a new tmux server of the test's own.
// remain-on-exit is off, so the session ends with the program.
func startTmuxEnv(t testing.TB, env []string, w, h string, args ...string) tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	x := tmux{t: t, socket: socketPath(t)}
	cmd := strings.Join(append([]string{"exec", binary(t)}, args...), " ")
	tmuxArgs := []string{"new-session", "-d", "-s", "e2e", "-x", w, "-y", h, "-e", "TERM=xterm-256color"}
	for _, e := range env {
		tmuxArgs = append(tmuxArgs, "-e", e)
	}
	if out, err := x.run(append(tmuxArgs, cmd)...); err != nil {
		t.Fatalf("tmux: %v %s", err, out)
	}
	t.Cleanup(func() { x.run("kill-server") })
	return x
}

func TestEndToEndSliderMovesNetRevenue(t *testing.T) {
	x := startTmux(t, "160", "48", "--theme", "dark")
	m, err := markets.DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	v := m.Defaults()
	base := m.Evaluate(&v)
	baseNet := market.FormatMoney(base.Last(output(t, m, "net_usd")), market.USD)
	x.waitFor("Assumptions", "Net revenue", baseNet)

	// Down the sliders to conversion, in the market file's order.
	for range sliderIndex(t, "conversion") {
		x.keys("j")
	}
	x.waitFor("Conversion: Paying share")
	x.keys("l")

	v[input(t, m, "conversion")] = 0.021
	moved := m.Evaluate(&v)
	want := market.FormatMoney(moved.Last(output(t, m, "net_usd")), market.USD)
	delta := "+" + market.FormatMoney(moved.Last(output(t, m, "net_usd"))-base.Last(output(t, m, "net_usd")), market.USD) + " vs default"
	screen := x.waitFor(want, delta, "2.1%")
	if strings.Contains(screen, "NaN") {
		t.Errorf("screen shows NaN:\n%s", screen)
	}

	// Type a bad value: the old one stays and the reason is on screen.
	x.keys("Enter", "C-u", "lots", "Enter")
	x.waitFor(`"lots" is not a value for Conversion`)
	// Escape closes the prompt: wait for that, not for something already
	// on screen, or Escape and q could reach the app as one alt+q.
	x.keys("Escape")
	x.waitGoneText("esc cancel")
	x.waitFor(want)

	// q asks first (conversion moved, unsaved); q again quits and the
	// session ends with the program.
	x.keys("q")
	x.waitFor("Unsaved changes to Base")
	x.keys("q")
	x.waitGone()
}

func TestEndToEndSmallWindow(t *testing.T) {
	x := startTmux(t, "50", "15")
	x.waitFor("at least 60×20")
	x.run("resize-window", "-t", "e2e", "-x", "80", "-y", "24")
	x.waitFor("Assumptions", "log scale")
	x.keys("q")
}

func TestEndToEndFanChartFollowsSlider(t *testing.T) {
	x := startTmux(t, "160", "48", "--seed", "3", "--samples", "50000")
	m, err := markets.DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	median := func(v market.Values) string {
		var r market.Result
		if err := market.NewEngine(m).Run(context.Background(), &r, market.RunConfig{N: 50000, Seed: 3, Values: v}); err != nil {
			t.Fatal(err)
		}
		return "median        " + market.FormatMoney(r.Last().Out[0].P50, market.USD)
	}
	v := m.Defaults()
	x.waitFor("Assumptions")
	x.keys("2")
	x.waitFor(median(v), "50,000 samples · seed 3")

	// Back to the sliders: price up ten steps, $4.00 → $6.50. The keys
	// answer at once (the dashboard shows the new price) while the run
	// goes on behind them; the fan chart's median then follows.
	x.keys("1")
	for range sliderIndex(t, "price") {
		x.keys("j")
	}
	x.keys("L")
	x.waitFor("$6.50/mo")
	v[input(t, m, "price")] = 6.5
	x.keys("2")
	x.waitFor(median(v))
	x.keys("q")
}

func TestEndToEndSaveQuitReopenCompare(t *testing.T) {
	cfg := t.TempDir()
	start := func() tmux {
		x := startTmuxEnv(t, []string{"XDG_CONFIG_HOME=" + cfg}, "160", "48", "--samples", "2000")
		x.waitFor("Assumptions")
		return x
	}
	x := start()
	// Conversion up three steps (2.0% → 2.3%), save as "Wasu deal".
	for range sliderIndex(t, "conversion") {
		x.keys("j")
	}
	x.keys("l", "l", "l")
	x.waitFor("2.3%")
	x.keys("s")
	x.waitFor("Save as")
	x.keys("Wasu deal", "Enter")
	x.waitFor("Note for Wasu deal")
	x.keys("All-device partner", "Enter")
	x.waitFor("Saved Wasu deal to " + filepath.Join(cfg, "sizeup", "wasu-deal.toml"))
	x.keys("q")
	x.waitGone()

	// Start again: it is listed; open it, then compare it with Bear.
	x = start()
	x.keys("o")
	x.waitFor("SAVED", "Wasu deal")
	for range 6 { // Current, Base, Bull, Bear, Mobile-only, Wasu deal
		x.keys("j")
	}
	x.keys("Enter")
	x.waitFor("Opened Wasu deal")
	x.keys("k", "k", " ", "j", "j", " ") // mark Bear and Wasu deal
	screen := x.waitFor("Compare: Bear · Wasu deal")

	// The numbers on screen are sizeup report's for the same scenarios.
	for _, name := range []string{"bear", "Wasu deal"} {
		var out, errb strings.Builder
		t.Setenv("XDG_CONFIG_HOME", cfg)
		if code := cli.Run([]string{"report", "--format", "json", "--scenario", name}, &out, &errb, version); code != 0 {
			t.Fatalf("report --scenario %s: %s", name, errb.String())
		}
		var rows []map[string]float64
		if err := json.Unmarshal([]byte(out.String()), &rows); err != nil {
			t.Fatal(err)
		}
		net := market.FormatMoney(rows[len(rows)-1]["net_usd"], market.USD)
		if !strings.Contains(screen, net) {
			t.Errorf("%s: net %s from report is not on the compare screen:\n%s", name, net, screen)
		}
	}
	x.keys("q")
}

// sliderIndex is how many ↓ presses take the dashboard's cursor from the
// first input to id: its place in the order shown, decisions first.
func sliderIndex(t *testing.T, name string) int {
	t.Helper()
	m, err := markets.DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	id, _ := m.LookupInput(name)
	i := slices.Index(m.ShownOrder(), id)
	if i < 0 {
		t.Fatalf("%s is not in the market's order", name)
	}
	return i
}

// input is a market's input by its id.
func input(t *testing.T, m *market.Market, name string) market.ID {
	t.Helper()
	id, ok := m.LookupInput(name)
	if !ok {
		t.Fatalf("no input %s", name)
	}
	return id
}

// output is a market's series by its id.
func output(t *testing.T, m *market.Market, name string) market.Output {
	t.Helper()
	o, ok := m.LookupOutput(name)
	if !ok {
		t.Fatalf("no series %s", name)
	}
	return o
}

// TestE2EReloadsTheMarketFileWhenSaved: the app follows the market file it
// was opened on: a save shows up within a couple of seconds, and a broken
// save is named in one line while the last good model stays.
func TestE2EReloadsTheMarketFileWhenSaved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.toml")
	if code, _, errs := runCmd(t, "new", path); code != 0 {
		t.Fatal(errs)
	}
	x := startTmux(t, "120", "40", "--market", path, "--theme", "dark")
	x.waitFor("My market", "Assumptions")
	text, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(text), `name = "My market"`, `name = "Renamed market"`, 1)), 0o644)
	x.waitFor("Renamed market", "Reloaded mine.toml")
	os.WriteFile(path, []byte(strings.Replace(string(text), `formula = "users * interested"`, `formula = "users * intrested"`, 1)), 0o644)
	x.waitFor("mine.toml not reloaded", "Renamed") // the header may shorten the name beside the broken-file badge
}

// TestE2EIndiaInRupees: the India market opens by name, its cards and
// funnel are its own, and $ shows money in rupees.
func TestE2EIndiaInRupees(t *testing.T) {
	x := startTmux(t, "120", "40", "--market", "india-2016", "--theme", "dark")
	x.waitFor("India online video · 2016–2024", "Netflix members", "Users on broadband", "USD · dark")
	x.keys("$")
	x.waitFor("INR · dark", "₹206B", "₹67.16/$")
}
