package ui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sizeup/data/markets"
	"sizeup/market"
)

// Issue 19, item 18: the words of the notes and the slide footers.

// TestNoWarningsReadsAsGoodNews: with one check and nothing wrong, the
// notes say so plainly.
func TestNoWarningsReadsAsGoodNews(t *testing.T) {
	mk, err := markets.ParseMarket("template.toml", markets.Template())
	if err != nil {
		t.Fatal(err)
	}
	if len(mk.Checks) != 1 {
		t.Fatalf("the template has %d checks; this test wants one", len(mk.Checks))
	}
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: -1})
	m = send(m, tea.WindowSizeMsg{Width: 160, Height: 48})
	if len(m.s.warnings) != 0 {
		t.Fatalf("the template warns: %v", m.s.warnings)
	}
	got := strings.Join(strings.Fields(strings.Join(m.dash.noteLines(200), " ")), " ")
	if want := "✓ No warnings: the market's one check passes in every year"; !strings.HasPrefix(got, want) {
		t.Errorf("notes %q, want %q…", got, want)
	}
	if got := strings.Join(strings.Fields(strings.Join(m.dash.noteLines(40), " ")), " "); got != "✓ No warnings: the market's one check passes in every year." {
		t.Errorf("narrow notes %q", got)
	}
}

// TestSlideFooterWording: India's footer names each source once with its
// year once, "assumption anchored on …" in lower case mid-list, and a
// switch that is off as "Mobile plan off".
func TestSlideFooterWording(t *testing.T) {
	mk, err := markets.OpenMarket("india-2016")
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: -1})
	m = send(m, tea.WindowSizeMsg{Width: 160, Height: 48})
	texts := footerTexts(m.s, viewDashboard, false)
	all := strings.Join(texts, " ")
	for _, bad := range []string{"2024 2024", "2018 2018", "2016 2017", "2019 2017", "Assumption anchored", "off: ", "computed)"} {
		if strings.Contains(all, bad) {
			t.Errorf("footer says %q:\n%s", bad, all)
		}
	}
	for _, want := range []string{"Mobile plan off.", "; assumption anchored on FICCI-EY 2024;", "IAMAI-Kantar 2023"} {
		if !strings.Contains(all, want) {
			t.Errorf("footer lacks %q:\n%s", want, all)
		}
	}
	if got := citedAs(&market.Input{Source: "Bloomberg via The Hollywood Reporter (CNNIC 35th report, Dec 2014)", SourceYear: 2015}); !slices.Equal(got, []string{"Bloomberg via The Hollywood Reporter 2015"}) {
		t.Errorf("citedAs = %q", got)
	}
}
