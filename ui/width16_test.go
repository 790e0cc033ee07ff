package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"sizeup/data/markets"
)

// TestFrameWithEmojiSquaresFitsTheTerminal: labels with ◽ and ◾ (two cells
// each in ansi and lipgloss) once made a 160-column frame 164 wide, as the
// UI's own measure counted them as one cell.
func TestFrameWithEmojiSquaresFitsTheTerminal(t *testing.T) {
	text := string(markets.Template())
	for _, l := range []string{`label = "Internet users"`, `label = "Interested users"`} {
		if !strings.Contains(text, l) {
			t.Fatalf("the template has no %s", l)
		}
		text = strings.Replace(text, l, strings.TrimSuffix(l, `"`)+` ◽◾"`, 1)
	}
	mk, err := markets.ParseMarket("m.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{160, 48}, {120, 40}, {80, 24}} {
		m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark", Samples: -1})
		m = send(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for _, v := range []string{"1", "2", "3"} {
			m = send(m, keys(v)...)
			for i, line := range strings.Split(m.View(), "\n") {
				if w := ansi.StringWidth(line); w > size[0] {
					t.Errorf("%dx%d view %s line %d is %d wide: %q", size[0], size[1], v, i, w, ansi.Strip(line))
				}
			}
		}
	}
}
