package ui

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestCellWidthAgreesWithAnsi(t *testing.T) {
	for _, s := range []string{
		"", "abc", "\x1b[1;38;2;88;166;255mab\x1b[0m", "╭─ Title ──╮", "━━━●────", "¥6.28/$", "−$42M vs default",
		"✓ ok", "⚠ warn", "中国", "e\u0301", "👍", "a\x1b]8;;http://x\x1b\\link", "█▉▊▋▌▍▎▏", "≤ 5×", "⏎ type", "⇧← ×10",
	} {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Errorf("cellWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
}

func FuzzCellWidth(f *testing.F) {
	for _, s := range []string{"abc", "━●─", "\x1b[1mx\x1b[0m", "中", "\x1b[", "\x1b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Fatalf("cellWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	})
}

// TestCellWidthEmojiSquares: ◽ and ◾ have emoji presentation and take two
// cells in ansi (and so lipgloss); a private table that said one made a
// 160-column frame 164 wide.
func TestCellWidthEmojiSquares(t *testing.T) {
	for _, s := range []string{"◽", "◾", "a◽b", "━◾━", "\x1b[1m◽\x1b[0m", "⌚", "⏩", "☔"} {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Errorf("cellWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
}
