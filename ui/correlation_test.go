package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"sizeup/data/markets"
	"sizeup/market"
)

// correlatedChina is the embedded market with price ~ conversion (sourced)
// and Bass p ~ q (an assumption) drawn together.
func correlatedChina(t testing.TB) *market.Market {
	t.Helper()
	text := string(markets.DefaultMarketSource()) + "\n[[correlation]]\nbetween = [\"price\", \"conversion\"]\nrank = -0.5\nsource = \"Pricing study\"\nyear = 2015\nurl = \"https://example.com/pricing\"\nnote = \"A dearer plan converts fewer viewers.\"\n\n" +
		"[[correlation]]\nbetween = [\"bass_p\", \"bass_q\"]\nrank = -0.4\n"
	mk, err := markets.ParseMarket("c.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return mk
}

func TestUncertaintyViewListsCorrelatedPairs(t *testing.T) {
	mk := correlatedChina(t)
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: 20000, Seed: 7})
	m = settle(t, send(m, tea.WindowSizeMsg{Width: 160, Height: 48}))
	m = send(m, keys("tab")...)
	if m.view != viewUncertainty {
		t.Fatal("tab does not open the Uncertainty view")
	}
	frame := m.View()
	checkFrame(t, frame, 160, 48)
	text := ansi.Strip(frame)
	for _, want := range []string{"Correlated: Price ~ Conversion −0.50 (Spearman)", "Correlated: Bass p ~ Bass q −0.40 (Spearman)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Uncertainty view does not say %q:\n%s", want, text)
		}
	}
	// Without correlations there is no such line.
	if strings.Contains(ansi.Strip(send(newMCModel(t, 160, 48), keys("tab")...).View()), "Correlated:") {
		t.Error("a market without correlations lists some")
	}
}

func TestSourcesShowEachCorrelation(t *testing.T) {
	mk := correlatedChina(t)
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark"})
	m = send(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	text := ansi.Strip(m.src.text(116))
	for _, want := range []string{
		"DRAWN TOGETHER",
		`Price ~ Conversion  price ~ conversion`,
		`  rank    −0\.50 \(Spearman\)`,
		`  source  Pricing study \(2015\)`,
		`  link    https://example\.com/pricing`,
		`A dearer plan converts fewer viewers\.`,
		`Bass p ~ Bass q  bass_p ~ bass_q\n  rank    −0\.40 \(Spearman\)\n  source  assumption`,
	} {
		if !shows(text, want) {
			t.Errorf("Sources do not show %q", want)
		}
	}
}
