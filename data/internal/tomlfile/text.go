package tomlfile

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// CleanText makes text from a file safe to show on a terminal, once, at
// load: escape sequences (colour, cursor moves, OSC 52 clipboard writes,
// window titles) are removed whole, then every control character left —
// C0, DEL, C1, NUL — and the invisible marks that reorder text. A field
// that may hold line breaks and tabs keeps them (multiline); elsewhere they
// become spaces. Invalid UTF-8 becomes U+FFFD.
func CleanText(s string, multiline bool) string {
	if isPlain(s, multiline) {
		return s
	}
	s = ansi.Strip(strings.ToValidUTF8(s, "\uFFFD"))
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			if multiline {
				return r
			}
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r):
			return -1
		}
		return r
	}, s)
}

// isPlain reports whether s needs no cleaning, the common case.
func isPlain(s string, multiline bool) bool {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			if !multiline {
				return false
			}
		case r == '\uFFFD', unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r):
			return false
		}
	}
	return true
}

// EscapeControls shows the control characters of a message as \x1b, \u009b
// and so on, for text that is printed rather than loaded (file names from a
// folder, keys quoted in errors, names typed on the command line): it stays
// readable and nothing in it reaches the terminal raw. Line breaks and tabs
// are kept; a byte that is not UTF-8 shows as \xff.
func EscapeControls(s string) string {
	if isPlain(s, true) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r):
			b.WriteString(strings.Trim(strconv.QuoteRune(r), "'"))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
