package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"sizeup/data/markets"
	"sizeup/market"
)

// correlatedChina is the embedded market with user growth ~ conversion
// (sourced) and video reach ~ mobile share (an assumption) drawn together,
// besides its own.
func correlatedChina(t testing.TB) *market.Market {
	t.Helper()
	text := string(markets.DefaultMarketSource()) + "\n[[correlation]]\nbetween = [\"user_growth\", \"conversion\"]\nrank = -0.5\nsource = \"Pricing study\"\nyear = 2015\nurl = \"https://example.com/pricing\"\nnote = \"Newer users convert less.\"\n\n" +
		"[[correlation]]\nbetween = [\"video_reach\", \"mobile_share\"]\nrank = -0.4\n"
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
	for _, want := range []string{"Correlated: User growth ~ Conversion −0.50 (Spearman)", "Correlated: Video reach ~ Mobile share −0.40 (Spearman)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Uncertainty view does not say %q:\n%s", want, text)
		}
	}
	// Without correlations there is no such line.
	plain := testMarket(t)
	plain.Correlations = nil
	pm := settle(t, send(New(Options{Market: plain, Values: plain.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: 20000, Seed: 7}), tea.WindowSizeMsg{Width: 160, Height: 48}))
	if strings.Contains(ansi.Strip(send(pm, keys("tab")...).View()), "Correlated:") {
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
		`User growth ~ Conversion  user_growth ~ conversion`,
		`  rank    −0\.50 \(Spearman\)`,
		`  source  Pricing study, 2015`,
		`  link    https://example\.com/pricing`,
		`Newer users convert less\.`,
		`Video reach ~ Mobile share  video_reach ~ mobile_share\n  rank    −0\.40 \(Spearman\)\n  source  assumption`,
	} {
		if !shows(text, want) {
			t.Errorf("Sources do not show %q", want)
		}
	}
}
