package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"sizeup/market"
)

// decisionMarket is the segmented market with its price a decision
// (DESIGN.md §11).
func decisionMarket(t testing.TB) *market.Market {
	return segmentedMarket(t, func(s string) string {
		return strings.Replace(s, "id = \"price\"\n", "id = \"price\"\nrole = \"decision\"\n", 1)
	})
}

// TestDecisionsAreTheirOwnGroup: a decision is listed first under
// DECISIONS, said never to be drawn, cannot be narrowed or pinned, and is
// goal seek's first choice whatever input is selected.
func TestDecisionsAreTheirOwnGroup(t *testing.T) {
	mk := decisionMarket(t)
	price := inputID(t, mk, "price")
	rows := buildRows(mk, nil)
	if rows[0].group != market.DecisionGroup || rows[1].input != price || !rows[1].isInput() || rows[2].group == "" {
		t.Fatalf("rows start %+v %+v %+v; want the DECISIONS heading, price, then the next group", rows[0], rows[1], rows[2])
	}
	m := segmentedModel(t, mk, 160, 48, 2000)
	screen := screenText(m)
	if !strings.Contains(screen, "DECISIONS") {
		t.Fatalf("no DECISIONS group:\n%s", screen)
	}
	if a, b := strings.Index(screen, "DECISIONS"), strings.Index(screen, "MARKET"); b >= 0 && a > b {
		t.Errorf("DECISIONS comes after MARKET:\n%s", screen)
	}
	m = selectInput(t, m, price)
	if got := screenText(m); !strings.Contains(got, "a decision, set not drawn") {
		t.Errorf("the detail of a decision does not say it is not drawn:\n%s", got)
	}
	if m.s.keys.Narrow.Enabled() || m.s.keys.Pin.Enabled() {
		t.Error("a decision can be narrowed or pinned")
	}
	// Goal seek opens on the input selected when it may move it, and the
	// app starts on the first decision, so g seeks it at once.
	other := inputID(t, mk, "replace_rate")
	if got := seekStart(mk, other); got != other {
		t.Errorf("goal seek from %s opens on %s, want the input selected", mk.Input(other).Name, mk.Input(got).Name)
	}
	if first := mk.ShownOrder()[0]; first != price {
		t.Errorf("the app starts on %s, want the decision price", mk.Input(first).Name)
	}
	// Sources say how each input is drawn.
	src := ansi.Strip(m.src.text(116))
	for _, want := range []string{"DECISIONS", "a decision: never drawn", "logit-normal: low, default, high are P5, P50, P95"} {
		if !strings.Contains(src, want) {
			t.Errorf("Sources do not say %q", want)
		}
	}
}
