package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportNamesNaNAndDivisionByZero: a series that gives NaN or ±Inf is
// named on stderr with its first such year and why, and each series that
// divided by zero with the years, in every format; stdout never prints
// NaN or Inf.
func TestReportNamesNaNAndDivisionByZero(t *testing.T) {
	tmpl, err := os.ReadFile("../../data/template.toml")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, old, new string
		says           []string
	}{
		{"log of a negative", `formula = "users * interested"`, `formula = "users * (interested + log(t - 1))"`,
			[]string{"warning: Interested users gives no number (NaN) from 2026 (log of a negative)", "Revenue gives no number (NaN) from 2026 (through subscribers)"}},
		{"exp overflows", `formula = "revenue_usd / tam_usd"`, `formula = "revenue_usd / tam_usd + exp(1000 * t)"`,
			[]string{"warning: Share of TAM gives no finite number (+Inf) from 2027 (exp overflows)"}},
		{"overflow through prev", `formula = "revenue_usd / tam_usd"`, `formula = "if(t == 0, 1e300, prev(share_of_tam) * 1e10)"`,
			[]string{"warning: Share of TAM gives no finite number (+Inf) from 2027 (a result too large for a number)"}},
		{"division by zero", `formula = "users * interested"`, `formula = "users * interested / (year - 2028)"`,
			[]string{"warning: Interested users divides by zero in 2028"}},
	}
	for _, c := range cases {
		if !strings.Contains(string(tmpl), c.old) {
			t.Fatalf("the template has no %q", c.old)
		}
		file := filepath.Join(t.TempDir(), "m.toml")
		if err := os.WriteFile(file, []byte(strings.Replace(string(tmpl), c.old, c.new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, format := range []string{"table", "csv", "json"} {
			code, out, errs := runCmd(t, "report", "--market", file, "--format", format)
			if code != 0 {
				t.Fatalf("%s, %s: exit %d: %s", c.name, format, code, errs)
			}
			for _, s := range c.says {
				if !strings.Contains(errs, s) {
					t.Errorf("%s, %s: stderr %q does not say %q", c.name, format, errs, s)
				}
			}
			if strings.Contains(out, "NaN") || strings.Contains(out, "Inf") {
				t.Errorf("%s, %s: stdout prints NaN or Inf:\n%s", c.name, format, out)
			}
		}
	}
	// The plain template names nothing.
	if _, _, errs := runCmd(t, "report", "--market", "../../data/template.toml"); errs != "" {
		t.Errorf("the template: stderr %q", errs)
	}
}
