package ui

import (
	"os"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"sizeup/data/markets"
)

// TestNoNaNOnScreen: with a headline card that is +Inf (exp(1000 · t))
// the dashboard shows "–" and no "+NaN pt vs default", the warnings line
// says why once, and the warnings list (w) names the series and year.
func TestNoNaNOnScreen(t *testing.T) {
	tmpl, err := os.ReadFile("../data/template.toml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(tmpl), `formula = "revenue_usd / tam_usd"`, `formula = "revenue_usd / tam_usd + exp(1000 * t)"`, 1)
	mk, err := markets.ParseMarket("inf.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark"})
	m = send(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	// A move away from the defaults and back keeps "vs default" in play.
	for _, frame := range []string{m.View(), send(m, keys("right")...).View()} {
		if strings.Contains(frame, "NaN") || strings.Contains(frame, "Inf pt") {
			t.Errorf("the dashboard prints NaN:\n%s", frame)
		}
	}
	if frame := m.View(); !strings.Contains(frame, "Share of TAM gives no finite number (+Inf) from 2027") {
		t.Errorf("the dashboard does not say why:\n%s", frame)
	}
	if list := send(m, keys("w")...).View(); !strings.Contains(list, "Share of TAM gives no finite number (+Inf) from 2027 (exp overflows)") {
		t.Errorf("the warnings list does not name it:\n%s", list)
	}
}
