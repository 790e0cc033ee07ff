package markets

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"sizeup/market"
)

// withCorrelations is the China market with the given [[correlation]]
// tables appended, and the line the first of them starts on.
func withCorrelations(text string) ([]byte, int) {
	base := string(DefaultMarketSource())
	if !strings.HasSuffix(base, "\n") {
		base += "\n"
	}
	return []byte(base + text), strings.Count(base, "\n") + 1
}

func TestCorrelationsLoad(t *testing.T) {
	text, _ := withCorrelations("[[correlation]]\nbetween = [\"user_growth\", \"conversion\"]\nrank = -0.5\nsource = \"An analyst\"\nyear = 2015\nnote = \"New users convert less.\"\n\n" +
		"[[correlation]]\nbetween = [\"video_reach\", \"mobile_share\"]\nrank = -0.4\n")
	m, err := ParseMarket("c.toml", text)
	if err != nil {
		t.Fatal(err)
	}
	// after the file's own two (Bass p ~ q, the growth rates)
	cs := m.Correlations
	if len(cs) != 4 || cs[2].Source != "An analyst" || cs[2].Year != 2015 || cs[3].Rank != -0.4 {
		t.Fatalf("correlations %+v", cs)
	}
	if got := m.CorrelationLabel(2); !strings.Contains(got, " ~ ") {
		t.Errorf("label %q", got)
	}
	// A run draws them: the engine's draws for price and conversion are
	// tied (the rank itself is market's test).
	e := market.NewEngine(m)
	var r market.Result
	if err := e.Run(context.Background(), &r, market.RunConfig{N: 5000, Seed: 1, Values: m.Defaults()}); err != nil {
		t.Fatal(err)
	}
}

func TestCorrelationsRefusedAtTheirLine(t *testing.T) {
	cases := []struct {
		name, text string
		line       int // from the first [[correlation]]
		want       string
	}{
		{"unknown input", "[[correlation]]\nbetween = [\"user_growth\", \"convertion\"]\nrank = 0.3\n", 1, `correlation.between: "convertion" is not an input; did you mean conversion?`},
		{"a year", "[[correlation]]\nbetween = [\"launch_year\", \"user_growth\"]\nrank = 0.3\n", 1, `correlation.between: "launch_year" is never drawn (it is of kind year, held at its value)`},
		{"a switch", "[[correlation]]\nbetween = [\"user_growth\", \"licence_tv\"]\nrank = 0.3\n", 1, `"licence_tv" is never drawn (it is of kind switch`},
		{"a rate", "[[correlation]]\nbetween = [\"fx_cny_per_usd\", \"user_growth\"]\nrank = 0.3\n", 1, `"fx_cny_per_usd" is never drawn (it is of kind rate`},
		{"three names", "[[correlation]]\nbetween = [\"user_growth\", \"conversion\", \"bass_p\"]\nrank = 0.3\n", 1, "correlation.between: 3 names; give two inputs"},
		{"no rank", "[[correlation]]\nbetween = [\"user_growth\", \"conversion\"]\n", 0, "correlation.rank: missing; give the Spearman rank, from -0.99 to 0.99"},
		{"rank too big", "[[correlation]]\nbetween = [\"user_growth\", \"conversion\"]\nrank = -1.0\n", 2, "correlation.rank: -1 is not accepted; a rank (Spearman) is from -0.99 to 0.99"},
		{"given twice", "[[correlation]]\nbetween = [\"user_growth\", \"conversion\"]\nrank = 0.3\n[[correlation]]\nbetween = [\"conversion\", \"user_growth\"]\nrank = 0.2\n", 4,
			"conversion ~ user_growth is given twice; keep one correlation for a pair (it is first at line "},
		{"across without dims", "[[correlation]]\nbetween = [\"user_growth\"]\nacross = \"region\"\nrank = 0.3\n", 2, `correlation.across: "user_growth" has no dims`},
		{"impossible", "[[correlation]]\nbetween = [\"user_growth\", \"conversion\"]\nrank = 0.9\n[[correlation]]\nbetween = [\"conversion\", \"partner_cut\"]\nrank = 0.9\n" +
			"[[correlation]]\nbetween = [\"user_growth\", \"partner_cut\"]\nrank = -0.9\n", 8,
			"correlation.rank: user_growth ~ partner_cut at −0.90: these ranks cannot all hold at once (their correlation matrix is not positive definite); change this one: with the other correlations as given, its rank must lie from +0.64 to +0.99"},
		{"unknown key", "[[correlation]]\nbetween = [\"user_growth\", \"conversion\"]\nrank = 0.3\nspearman = 0.3\n", 3, "spearman"},
	}
	for _, c := range cases {
		text, first := withCorrelations(c.text)
		_, err := ParseMarket("c.toml", text)
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		at := fmt.Sprintf("c.toml:%d", first+c.line)
		if !strings.HasPrefix(err.Error(), at) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s:\n got %v\nwant %s: …%s…", c.name, err, at, c.want)
		}
	}
}

func TestCorrelationAcrossAndItsRefusals(t *testing.T) {
	text, err := os.ReadFile("testdata/segmented.toml")
	if err != nil {
		t.Fatal(err)
	}
	base := string(text) + "\n"
	first := strings.Count(base, "\n") + 1
	m, err := ParseMarket("s.toml", []byte(base+"[[correlation]]\nbetween = [\"households\"]\nacross = \"region\"\nrank = 0.5\n"))
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := m.CorrelatedPairs()
	if err != nil || len(pairs) != 3 {
		t.Fatalf("households across its 3 regions: %v pairs, %v", len(pairs), err)
	}
	for _, c := range []struct{ text, want string }{
		{"[[correlation]]\nbetween = [\"households\"]\nacross = \"regoin\"\nrank = 0.5\n", `s.toml:%d: correlation.across: "regoin" is not a dimension of households; did you mean region?`},
		{"[[correlation]]\nbetween = [\"households.north\"]\nacross = \"region\"\nrank = 0.5\n", `s.toml:%d: correlation.between: "households.north" is one item; with across give the input's id, "households"`},
		{"[[correlation]]\nbetween = [\"households\", \"replace_rate\"]\nrank = 0.5\n", `s.toml:%d: correlation.between: "households" and "replace_rate" do not have the same dims`},
		{"[[correlation]]\nbetween = [\"households\"]\nacross = \"region\"\nrank = -0.6\n", `s.toml:%d: correlation.rank: households across region at −0.60: these ranks cannot all hold at once`},
	} {
		_, err := ParseMarket("s.toml", []byte(base+c.text))
		line := first + 2
		if strings.Contains(c.want, "correlation.between") {
			line = first + 1
		}
		if strings.Contains(c.want, "correlation.rank") {
			line = first + 3
		}
		if want := fmt.Sprintf(c.want, line); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v\nwant …%s…", err, want)
		}
	}
}
