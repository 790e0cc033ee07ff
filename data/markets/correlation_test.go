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
	text, _ := withCorrelations("[[correlation]]\nbetween = [\"price\", \"conversion\"]\nrank = -0.5\nsource = \"An analyst\"\nyear = 2015\nnote = \"A dearer plan converts fewer viewers.\"\n\n" +
		"[[correlation]]\nbetween = [\"bass_p\", \"bass_q\"]\nrank = -0.4\n")
	m, err := ParseMarket("c.toml", text)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Correlations) != 2 || m.Correlations[0].Source != "An analyst" || m.Correlations[0].Year != 2015 || m.Correlations[1].Rank != -0.4 {
		t.Fatalf("correlations %+v", m.Correlations)
	}
	if got := m.CorrelationLabel(0); !strings.Contains(got, " ~ ") {
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
		{"unknown input", "[[correlation]]\nbetween = [\"price\", \"convertion\"]\nrank = 0.3\n", 1, `correlation.between: "convertion" is not an input; did you mean conversion?`},
		{"a year", "[[correlation]]\nbetween = [\"launch_year\", \"price\"]\nrank = 0.3\n", 1, `correlation.between: "launch_year" is never drawn (it is of kind year, held at its value)`},
		{"a switch", "[[correlation]]\nbetween = [\"price\", \"licence_tv\"]\nrank = 0.3\n", 1, `"licence_tv" is never drawn (it is of kind switch`},
		{"a rate", "[[correlation]]\nbetween = [\"fx_cny_per_usd\", \"price\"]\nrank = 0.3\n", 1, `"fx_cny_per_usd" is never drawn (it is of kind rate`},
		{"three names", "[[correlation]]\nbetween = [\"price\", \"conversion\", \"bass_p\"]\nrank = 0.3\n", 1, "correlation.between: 3 names; give two inputs"},
		{"no rank", "[[correlation]]\nbetween = [\"price\", \"conversion\"]\n", 0, "correlation.rank: missing; give the Spearman rank, from -0.99 to 0.99"},
		{"rank too big", "[[correlation]]\nbetween = [\"price\", \"conversion\"]\nrank = -1.0\n", 2, "correlation.rank: -1 is not accepted; a rank (Spearman) is from -0.99 to 0.99"},
		{"given twice", "[[correlation]]\nbetween = [\"price\", \"conversion\"]\nrank = 0.3\n[[correlation]]\nbetween = [\"conversion\", \"price\"]\nrank = 0.2\n", 4,
			"conversion ~ price is given twice; keep one correlation for a pair (it is first at line "},
		{"across without dims", "[[correlation]]\nbetween = [\"price\"]\nacross = \"region\"\nrank = 0.3\n", 2, `correlation.across: "price" has no dims`},
		{"impossible", "[[correlation]]\nbetween = [\"price\", \"conversion\"]\nrank = 0.9\n[[correlation]]\nbetween = [\"conversion\", \"partner_cut\"]\nrank = 0.9\n" +
			"[[correlation]]\nbetween = [\"price\", \"partner_cut\"]\nrank = -0.9\n", 8,
			"correlation.rank: price ~ partner_cut at −0.90: these ranks cannot all hold at once (their correlation matrix is not positive definite); change this one: with the other correlations as given, its rank must lie from +0.64 to +0.99"},
		{"unknown key", "[[correlation]]\nbetween = [\"price\", \"conversion\"]\nrank = 0.3\nspearman = 0.3\n", 3, "spearman"},
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
