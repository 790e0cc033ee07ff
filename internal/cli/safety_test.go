package cli

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sizeup/data/markets"
	"sizeup/market"
)

// escMarket writes the embedded market with escape sequences in its name
// and a label (issue 10, item 1).
func escMarket(t *testing.T) string {
	t.Helper()
	text := string(markets.DefaultMarketSource())
	text = strings.Replace(text, `name = "China online video"`, `name = "China\u001b]52;c;cHduZWQ=\u0007…"`, 1)
	text = strings.Replace(text, `label = "Internet users"`, `label = "Internet\u001b[2J\u001b[H users"`, 1)
	path := filepath.Join(t.TempDir(), "esc.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var controlBytes = regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f]|\u009b|\u009d")

func TestNoControlBytesFromAMarketFile(t *testing.T) {
	esc := escMarket(t)
	for _, args := range [][]string{
		{"inputs", "--market", esc},
		{"inputs", "--market", esc, "--format", "json"},
		{"report", "--market", esc},
		{"report", "--market", esc, "--hindsight"},
		{"report", "--market", esc, "--uncertainty", "--samples", "2000"},
		{"render", "--market", esc, "--format", "txt", "--size", "160x48"},
		{"render", "--market", esc, "--format", "txt", "--view", "sources", "--size", "160x48"},
		{"report", "--market", esc, "--set", "nope\x1b]0;x\x07=1"},
		{"report", "--scenario", "evil\x1b[2J"},
		{"report", "--market", esc + "\x1b[2J"},
		{"inputs\x1b[2J"},
	} {
		_, out, errs := runCmd(t, args...)
		if controlBytes.MatchString(out) || controlBytes.MatchString(errs) {
			t.Errorf("%q: control bytes reach the terminal:\nstdout %q\nstderr %q", args, clip(out), clip(errs))
		}
	}
}

func clip(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}

// Items 6 and 9: bad flags end in one sentence and a non-zero exit.
func TestBadFlagsAreRefused(t *testing.T) {
	long := strings.Repeat("x", 100_000)
	cases := []struct {
		args []string
		says string
	}{
		{[]string{"report", "--horizon", "0"}, "1 to 50"},
		{[]string{"report", "--horizon", "51"}, "1 to 50"},
		{[]string{"report", "--scenario", ""}, "--scenario is empty"},
		{[]string{"report", "--market", ""}, "--market is empty"},
		{[]string{"render", "--view", "compare", "--compare", "base,base", "--format", "txt"}, "named twice"},
		{[]string{"render", "--view", "compare", "--compare", "base,,bear", "--format", "txt"}, "is empty"},
		{[]string{"inputs", "--samples", "5"}, "does not use --samples"},
		{[]string{"inputs", "--seed", "5"}, "does not use --seed"},
		{[]string{"report", "--format", "csv", "--currency", "cny"}, "always in USD"},
		{[]string{"report", "--format", "json", "--currency", "cny"}, "always in USD"},
		{[]string{"report", "--set", "user_growth=--5%"}, "more than one sign"},
		{[]string{"report", "--set", "price=-$-4"}, "more than one sign"},
		{[]string{"report", "--set", "conversion=" + long}, "(100000 bytes)"},
		{[]string{"report", "--scenario", long}, "(100000 bytes)"},
		{[]string{"render", "--size", "100000x100000", "--format", "txt"}, "1 to 1000"},
		{[]string{"render", "--format", "txt", "-o", ""}, "-o is empty"},
	}
	for _, c := range cases {
		code, _, errs := runCmd(t, c.args...)
		name := clip(strings.Join(c.args, " "))
		if code == 0 {
			t.Errorf("%s: exit 0", name)
		}
		if !strings.Contains(errs, c.says) || strings.Count(strings.TrimSpace(errs), "\n") > 0 || len(errs) > 600 {
			t.Errorf("%s: stderr %q, want one line saying %q", name, clip(errs), c.says)
		}
	}
}

// Item 9: -o into a missing folder or onto a folder is refused, and no
// folder is left behind.
func TestRenderOutputRefusals(t *testing.T) {
	dir := t.TempDir()
	for _, out := range []string{filepath.Join(dir, "a", "b", "x.txt"), dir, filepath.Join(dir, "new") + "/", "/dev/null"} {
		code, _, errs := runCmd(t, "render", "--format", "txt", "--size", "80x24", "-o", out)
		if code == 0 || !strings.Contains(errs, "give") {
			t.Errorf("-o %s: exit %d, %q", out, code, errs)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("-o left %v behind", entries)
	}
	if info, err := os.Stat("/dev/null"); err != nil || info.Mode().IsRegular() {
		t.Error("/dev/null was replaced")
	}
}

// Item 4: a market at the hard limits over the longest horizon keeps
// every printed number finite.
func TestExtremeMarketStaysFinite(t *testing.T) {
	text := string(markets.DefaultMarketSource())
	for _, e := range []struct{ id, field, value string }{
		{"internet_users", "max", "1e11"}, {"internet_users", "step", "1e7"},
		{"market_size", "max", "1e14"}, {"market_size", "step", "1e10"},
		{"price", "max", "1e5"}, {"price", "step", "10"},
		{"user_growth", "max", "1"}, {"market_growth", "max", "1"},
		{"bass_p", "max", "10"}, {"bass_q", "max", "10"},
	} {
		text = setInputField(t, text, e.id, e.field, e.value)
	}
	path := filepath.Join(t.TempDir(), "big.toml")
	os.WriteFile(path, []byte(text), 0o644)
	sets := []string{"--set", "internet_users=100bn", "--set", "user_growth=100%", "--set", "market_size=100T",
		"--set", "market_growth=100%", "--set", "price=100000", "--set", "conversion=100%", "--set", "launch_year=2015",
		"--set", "approval_lag=0", "--horizon", "50"}
	for _, args := range [][]string{
		{"report", "--format", "json"},
		{"report", "--format", "csv"},
		{"report"},
		{"report", "--uncertainty", "--samples", "20000", "--format", "json"},
		{"report", "--uncertainty", "--samples", "20000"},
	} {
		args = append(append(args, "--market", path), sets...)
		code, out, errs := runCmd(t, args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", args[:3], code, errs)
			continue
		}
		if m := regexp.MustCompile(`(?i)\bnan\b|\binf\b|\+inf|null|(^|\s)–(\s|$)`).FindString(out); m != "" {
			t.Errorf("%v prints %q:\n%s", args[:3], m, clip(out))
		}
	}
}

// setInputField rewrites one field of the [[input]] with this id.
func setInputField(t *testing.T, text, id, field, value string) string {
	t.Helper()
	i := strings.Index(text, "id = \""+id+"\"\n")
	if i < 0 {
		t.Fatalf("no input %s", id)
	}
	end := strings.Index(text[i:], "\n[")
	block := text[i : i+end]
	re := regexp.MustCompile(`(?m)^` + field + ` = .*$`)
	return text[:i] + re.ReplaceAllLiteralString(block, field+" = "+value) + text[i+end:]
}

// Item 4: the last guard refuses a non-finite run.
func TestFiniteResultGuard(t *testing.T) {
	y := market.YearStats{Year: 2025}
	y.Out[0].P95 = math.Inf(1)
	bad := market.Result{Years: []market.YearStats{y}, Recorded: []market.Uncertain{{Prefix: "net"}}}
	if err := finiteResult(&bad); err == nil || !strings.Contains(err.Error(), "overflowed") {
		t.Errorf("an infinite P95 passed: %v", err)
	}
	bad = market.Result{RiskWeightedMean: math.NaN()}
	if err := finiteResult(&bad); err == nil {
		t.Error("a NaN mean passed")
	}
}
