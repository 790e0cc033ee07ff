package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sizeup/data"
	"sizeup/market"
)

// End to end: the built binary in a real terminal (tmux), driven with keys,
// read back from the screen. Every wait polls the screen against a
// deadline; nothing sleeps a fixed time.

type tmux struct {
	t      *testing.T
	socket string
}

func (x tmux) run(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", x.socket}, args...)...).CombinedOutput()
	return string(out), err
}

func (x tmux) screen() string {
	out, _ := x.run("capture-pane", "-p", "-t", "e2e")
	return out
}

// waitFor polls the screen until it contains every string, or fails.
func (x tmux) waitFor(what ...string) string {
	x.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := x.screen()
		ok := true
		for _, w := range what {
			ok = ok && strings.Contains(s, w)
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("screen never showed %q; last screen:\n%s", what, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (x tmux) keys(keys ...string) {
	x.t.Helper()
	if out, err := x.run(append([]string{"send-keys", "-t", "e2e"}, keys...)...); err != nil {
		x.t.Fatalf("send-keys: %v %s", err, out)
	}
}

func startTmux(t *testing.T, w, h string, args ...string) tmux {
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
		time.Sleep(50 * time.Millisecond)
	}
}

func startTmuxEnv(t *testing.T, env []string, w, h string, args ...string) tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (.ci/run installs it)")
	}
	bin := filepath.Join(t.TempDir(), "sizeup")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	x := tmux{t: t, socket: "sizeup-e2e-" + filepath.Base(t.TempDir())}
	cmd := strings.Join(append([]string{bin}, args...), " ")
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
	m, err := data.DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	v := m.Defaults()
	base := m.Evaluate(&v)
	baseNet := market.FormatMoney(base.Last().Net, market.USD)
	x.waitFor("Assumptions", "Net revenue", baseNet)

	// Down the sliders to conversion, in the market file's order.
	for range sliderIndex(t, market.Conversion) {
		x.keys("j")
	}
	x.waitFor("Conversion: Paying share")
	x.keys("l")

	v[market.Conversion] = 0.021
	moved := m.Evaluate(&v)
	want := market.FormatMoney(moved.Last().Net, market.USD)
	delta := "+" + market.FormatMoney(moved.Last().Net-base.Last().Net, market.USD) + " vs default"
	screen := x.waitFor(want, delta, "2.1%")
	if strings.Contains(screen, "NaN") {
		t.Errorf("screen shows NaN:\n%s", screen)
	}

	// Type a bad value: the old one stays and the reason is on screen.
	x.keys("Enter", "C-u", "lots", "Enter")
	x.waitFor(`"lots" is not a value for Conversion`)
	x.keys("Escape")
	x.waitFor(want)

	// q quits and the session ends with the program.
	x.keys("q")
	x.waitGone()
}

func TestEndToEndSmallWindow(t *testing.T) {
	x := startTmux(t, "50", "15")
	x.waitFor("at least 60×20")
	x.run("resize-window", "-t", "e2e", "-x", "80", "-y", "24")
	x.waitFor("Assumptions", "Projection")
	x.keys("q")
}

func TestEndToEndFanChartFollowsSlider(t *testing.T) {
	x := startTmux(t, "160", "48", "--seed", "3", "--samples", "50000")
	m, err := data.DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	median := func(v market.Values) string {
		var r market.Result
		if err := market.NewEngine(m).Run(context.Background(), &r, market.RunConfig{N: 50000, Seed: 3, Values: v}); err != nil {
			t.Fatal(err)
		}
		return "median        " + market.FormatMoney(r.Last().Net.P50, market.USD)
	}
	v := m.Defaults()
	x.waitFor("Assumptions")
	x.keys("2")
	x.waitFor(median(v), "50,000 samples · seed 3")

	// Back to the sliders: price up ten steps, $4.00 → $6.50. The keys
	// answer at once (the dashboard shows the new price) while the run
	// goes on behind them; the fan chart's median then follows.
	x.keys("1")
	for range sliderIndex(t, market.Price) {
		x.keys("j")
	}
	x.keys("L")
	x.waitFor("$6.50/mo")
	v[market.Price] = 6.5
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
	for range sliderIndex(t, market.Conversion) {
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
		if code := run([]string{"report", "--format", "json", "--scenario", name}, &out, &errb); code != 0 {
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
// first input to id: its place in the market file's order.
func sliderIndex(t *testing.T, id market.ID) int {
	t.Helper()
	m, err := data.DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.Index(m.Order, id)
	if i < 0 {
		t.Fatalf("%s is not in the market's order", id)
	}
	return i
}
