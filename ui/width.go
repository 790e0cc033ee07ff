package ui

import (
	"sync/atomic"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// cellWidth is ansi.StringWidth (what lipgloss.Width measures with) with a
// fast path. Nearly every string the UI draws is ASCII, box drawing,
// blocks, arrows or Latin-1 with colour codes; those are counted one cell
// a rune, and anything else goes to ansi.StringWidth. Measuring is most of
// a frame's cost otherwise.
//
// Which runes take the fast path is not a table of our own: it is asked of
// ansi itself (narrow), so the two can never disagree on a rune
// such as ◽ (U+25FD), which has emoji presentation and takes two cells.
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

// fastBelow bounds the runes the fast path knows: Latin, Greek, Cyrillic,
// punctuation, currency, arrows, mathematical operators, technical signs,
// box drawing, blocks, geometric shapes and dingbats all lie below it.
const fastBelow = 0x2800

// What ansi says of each rune below fastBelow, asked the first time the
// rune is drawn rather than for all ten thousand at start-up (2.3 ms of
// the first frame): known marks the runes asked, oneCell those that are one
// cell whatever is next to them. Bits are only ever set, so concurrent
// callers can only agree.
var known, oneCell [fastBelow / 64]atomic.Uint64

// narrow reports whether ansi.StringWidth counts r as one cell wherever it
// stands in a string of such runes and printable ASCII: one cell alone,
// and no grapheme cluster with a letter before or after it or with itself
// (which rules out combining and spacing marks, prepended signs, Hangul
// jamo and regional indicators).
func narrow(r rune) bool {
	if r >= fastBelow {
		return false
	}
	word, bit := r>>6, uint64(1)<<(r&63)
	if known[word].Load()&bit == 0 {
		c := string(r)
		if ansi.StringWidth(c) == 1 && ansi.StringWidth("a"+c+"a") == 3 && ansi.StringWidth(c+c) == 2 {
			oneCell[word].Or(bit)
		}
		known[word].Or(bit)
	}
	return oneCell[word].Load()&bit != 0
}
