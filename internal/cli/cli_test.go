package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sizeup/data/markets"
)

// testVersion is the version the tests' runs report.
const testVersion = "0.1.0-test"

// runCmd runs sizeup's command line, as the binary would.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(args, &out, &errb, testVersion)
	return code, out.String(), errb.String()
}

func TestReportCSV(t *testing.T) {
	code, out, errs := runCmd(t, "report", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 12 {
		t.Fatalf("%d rows, want a header and 11 years", len(rows))
	}
	wantHeader := "year,users,viewers,coverage,reachable,tam_usd,sam_usd,adoption,subscribers,paying,gross_usd,net_usd,share_of_tam"
	if got := strings.Join(rows[0], ","); !strings.HasPrefix(got, wantHeader) {
		t.Errorf("header %q, want it to start %q", got, wantHeader)
	}
	// 2025 net: $298,938,496.96, users held at the 1.1bn ceiling (see
	// market's TestDefaultsByHand).
	last := rows[11]
	if last[0] != "2025" {
		t.Fatalf("last row is %s", last[0])
	}
	net, _ := strconv.ParseFloat(last[11], 64)
	if net < 298.93e6 || net > 298.94e6 {
		t.Errorf("2025 net_usd %v, want about 298,938,497", net)
	}
}

func TestReportSetMovesTheFigures(t *testing.T) {
	// Doubling conversion doubles net revenue in every year.
	_, base, _ := runCmd(t, "report", "--format", "json")
	code, moved, errs := runCmd(t, "report", "--format", "json", "--set", "conversion=4%")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var a, b []map[string]float64
	if err := json.Unmarshal([]byte(base), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(moved), &b); err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if want := 2 * a[i]["net_usd"]; b[i]["net_usd"] < want*(1-1e-12) || b[i]["net_usd"] > want*(1+1e-12) {
			t.Errorf("%v: net %v, want %v", a[i]["year"], b[i]["net_usd"], want)
		}
	}
}

func TestReportTableHasUnits(t *testing.T) {
	code, out, _ := runCmd(t, "report", "--horizon", "5")
	if code != 0 {
		t.Fatal(out)
	}
	for _, want := range []string{"649M", "$6.00B", "100.0%", "2020", "expected net at the sliders in 2020"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "2021") {
		t.Errorf("--horizon 5 printed 2021")
	}
}

func TestBadInputsFailClearly(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("[market]\nname = \"x\"\nbase_year = 2015\nhorizon = 10\n\n[[series]]\nid = \"revenue\"\nlabel = \"Revenue\"\nunit = \"usd\"\nformula = \"conversionn * 2\"\n"), 0o644)
	cases := []struct {
		args []string
		code int
		says []string
	}{
		{[]string{"report", "--set", "conversion=lots"}, 1, []string{"conversion", `"lots"`, "5%"}},
		{[]string{"report", "--set", "conversion"}, 1, []string{"id=value"}},
		{[]string{"report", "--set", "converzion=5%"}, 1, []string{`"converzion" is not an input`}},
		{[]string{"report", "--market", bad}, 1, []string{bad + ":10:12: series revenue: ", `"conversionn" is not an input`}},
		{[]string{"report", "--market", filepath.Join(dir, "none.toml")}, 1, []string{"none.toml", "no such file"}},
		{[]string{"report", "--format", "xml"}, 1, []string{"table, csv or json"}},
		{[]string{"report", "--horizon", "99"}, 1, []string{"1 to 50"}},
		{[]string{"report", "--bogus"}, 2, []string{"flag provided but not defined"}},
		{[]string{"frobnicate"}, 2, []string{`"frobnicate" is not a command`}},
	}
	for _, c := range cases {
		code, out, errs := runCmd(t, c.args...)
		if code != c.code {
			t.Errorf("%v: exit %d, want %d", c.args, code, c.code)
		}
		if out != "" {
			t.Errorf("%v wrote to stdout: %q", c.args, out)
		}
		for _, s := range c.says {
			if !strings.Contains(errs, s) {
				t.Errorf("%v: stderr %q does not say %q", c.args, errs, s)
			}
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}, {"report", "-h"}, {"inputs", "--help"}} {
		code, _, errs := runCmd(t, args...)
		if code != 0 || !strings.Contains(errs, "Usage") {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
	for _, args := range [][]string{{"--version"}, {"report", "--version"}} {
		code, out, _ := runCmd(t, args...)
		if code != 0 || !strings.HasPrefix(out, "sizeup ") {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
}

func TestInputsJSON(t *testing.T) {
	code, out, errs := runCmd(t, "inputs", "--format", "json", "--set", "price=¥31.4")
	if code != 0 {
		t.Fatal(errs)
	}
	var rows []struct {
		ID         string
		Value      float64
		Source     string
		Assumption bool
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.ID == "price" && (r.Value < 4.99 || r.Value > 5.01 || !r.Assumption) {
			t.Errorf("price %+v, want $5 (¥31.4 at 6.28) and an assumption", r)
		}
		if r.ID == "internet_users" && !strings.Contains(r.Source, "CNNIC") {
			t.Errorf("internet_users source %q", r.Source)
		}
	}
}

// TestUsageAndErrorsListTheTable: sizeup -h has a line for every command
// in the table, and an unknown command is refused naming every one of
// them, so a command added to the table is listed everywhere at once.
func TestUsageAndErrorsListTheTable(t *testing.T) {
	_, _, usage := runCmd(t, "-h")
	code, out, unknown := runCmd(t, "bogus")
	if code != 2 || out != "" || !strings.Contains(unknown, `"bogus" is not a command`) {
		t.Errorf("bogus: exit %d, stdout %q, stderr %q", code, out, unknown)
	}
	cmds := commands()
	if len(cmds) < 6 {
		t.Fatalf("the table has %d commands", len(cmds))
	}
	for _, c := range cmds {
		synopsis := strings.Join(strings.Fields("sizeup "+c.name+" "+c.args), " ")
		found := false
		for _, line := range strings.Split(usage, "\n") {
			if strings.HasPrefix(line, "  "+synopsis+" ") && strings.HasSuffix(line, c.summary) {
				found = true
			}
		}
		if !found {
			t.Errorf("sizeup -h has no line for %q (%s):\n%s", synopsis, c.summary, usage)
		}
		if c.name == "" {
			continue
		}
		if !regexp.MustCompile(`\b` + c.name + `\b`).MatchString(strings.TrimPrefix(unknown, `sizeup: "bogus"`)) {
			t.Errorf("the unknown-command error does not name %s: %q", c.name, unknown)
		}
		if code, _, errs := runCmd(t, c.name, "-h"); code != 0 || !strings.Contains(errs, "Usage: sizeup "+c.name) {
			t.Errorf("%s -h: exit %d, %q", c.name, code, errs)
		}
	}
	if !strings.Contains(unknown, "report, inputs, export, render, markets and new") {
		t.Errorf("unknown command: %q", unknown)
	}
}

// TestTheFlagIsNamedOnce: the library says what is wrong with a market's
// name without naming a flag, and the command line adds --market, once;
// a mistake inside a market file names the file, not the flag.
func TestTheFlagIsNamedOnce(t *testing.T) {
	_, err := markets.OpenMarket("atlantis-2030")
	if err == nil || strings.Contains(err.Error(), "--") || !strings.Contains(err.Error(), `"atlantis-2030": not a built-in market`) {
		t.Errorf("markets.OpenMarket: %v, want what is wrong without a flag", err)
	}
	code, _, errs := runCmd(t, "report", "--market", "atlantis-2030")
	if want := `sizeup: --market: "atlantis-2030": not a built-in market (china-2015, india-2016, europe-heatpumps-2021) and no such file`; code != 1 || strings.TrimSpace(errs) != want {
		t.Errorf("exit %d, %q, want %q", code, errs, want)
	}
	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("[market]\nname = \"x\"\n"), 0o644)
	if _, _, errs := runCmd(t, "report", "--market", bad); !strings.HasPrefix(errs, "sizeup: "+bad+":") {
		t.Errorf("a bad market file: %q, want it to start with the file's name", errs)
	}
}
