package ui

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The README's key table and text screenshot are made from the app
// itself; this test fails when they drift, and go test ./ui -update
// rewrites them.

func readmeSection(t *testing.T, readme, name string) (start, end int) {
	t.Helper()
	open, close := "<!-- "+name+" -->\n", "<!-- /"+name+" -->"
	start = strings.Index(readme, open)
	end = strings.Index(readme, close)
	if start < 0 || end < start {
		t.Fatalf("README.md has no %q … %q section", open, close)
	}
	return start + len(open), end
}

// keyTable is the ? screen's groups as the README's tables, one per view
// or overlay, in the same words.
func keyTable() string {
	var b strings.Builder
	for i, g := range newKeyMap("CNY").groups() {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("**" + g.title + "**\n\n| key | does |\n|---|---|\n")
		for _, k := range g.keys {
			b.WriteString("| `" + k.Help().Key + "` | " + k.Help().Desc + " |\n")
		}
	}
	return b.String()
}

func TestREADMEIsMadeByTheApp(t *testing.T) {
	const path = "../README.md"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	m := newTestModel(t, 120, 40)
	shot := "```\n" + strings.TrimRight(ansi.Strip(m.View()), "\n") + "\n```\n"
	for _, sec := range []struct{ name, want string }{{"keys", keyTable()}, {"screenshot", shot}} {
		s, e := readmeSection(t, readme, sec.name)
		if readme[s:e] == sec.want {
			continue
		}
		if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
			readme = readme[:s] + sec.want + readme[e:]
			continue
		}
		t.Errorf("README.md's %s section is stale; run go test ./ui -update", sec.name)
	}
	if readme != string(raw) {
		if err := os.WriteFile(path, []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
