package ui

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// cellWidth is ansi.StringWidth with a fast path. Nearly every string the
// UI draws is ASCII, box drawing, blocks, arrows or Latin-1 with colour
// codes, each of which takes one cell; those are counted directly, and
// anything else (CJK, emoji, combining marks) goes to ansi.StringWidth.
// Measuring is most of a frame's cost otherwise.
func cellWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c == 0x1b { // skip a colour code, ESC [ digits ; : m; anything else goes to ansi
			j := i + 1
			if j < len(s) && s[j] == '[' {
				j++
				for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
					j++
				}
				if j < len(s) && s[j] == 'm' {
					i = j + 1
					continue
				}
			}
			return ansi.StringWidth(s)
		}
		if c < 0x80 {
			if c < 0x20 || c == 0x7f {
				return ansi.StringWidth(s)
			}
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !narrow(r) {
			return ansi.StringWidth(s)
		}
		n++
		i += size
	}
	return n
}

// narrow reports whether r is certainly one cell wide and not combining.
func narrow(r rune) bool {
	switch {
	case r >= 0xa0 && r < 0x300: // Latin-1 and Latin Extended: ¥ × é
		return true
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e: // dashes, quotes, bullets, ‰
		return true
	case r >= 0x20a0 && r <= 0x20c0: // currency signs
		return true
	case r >= 0x2190 && r <= 0x21ff: // arrows ← ↑ →
		return true
	case r >= 0x2200 && r <= 0x22ff: // mathematical operators ≤ ≥ −
		return true
	case r >= 0x2500 && r <= 0x25ff: // box drawing, blocks, geometric shapes ━ █ ● ◂
		return true
	case r == 0x2713 || r == 0x26a0 || r == 0x2387 || r == 0x21e7: // ✓ ⚠ ⎇ ⇧
		return true
	}
	return false
}
