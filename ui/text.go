package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Text helpers every view uses, one of each: blanks, fitting a line to a
// width, wrapping, cutting, aligning.

// spaces is n blanks without allocating for the usual widths.
func spaces(n int) string {
	const blank = "                                                                                                                                "
	if n <= len(blank) {
		return blank[:max(0, n)]
	}
	return strings.Repeat(" ", n)
}

// fit cuts or pads a styled line to exactly w cells. Cutting is for lines
// that truly have no room; text that should be read whole is wrapped.
func fit(line string, w int) string {
	lw := cellWidth(line)
	if lw > w {
		return ansi.Truncate(line, w, "…")
	}
	return line + spaces(w-lw)
}

// fitLines makes a block exactly w×h cells.
func fitLines(block string, w, h int) string {
	lines := strings.Split(block, "\n")
	out := make([]string, h)
	for i := range out {
		if i < len(lines) {
			out[i] = fit(lines[i], w)
		} else {
			out[i] = spaces(w)
		}
	}
	return strings.Join(out, "\n")
}

// wrap breaks plain text into lines of at most w cells, at spaces where it
// can and inside a word (a URL, a path) where it must.
func wrap(text string, w int) []string {
	if w < 1 {
		w = 1
	}
	return strings.Split(ansi.Wrap(text, w, " "), "\n")
}

// wrapLines wraps plain text to w cells and paints each line.
func wrapLines(text string, w int, st paint) []string {
	lines := wrap(text, w)
	for i, l := range lines {
		lines[i] = st.Render(l)
	}
	return lines
}

// indent puts n blanks before each line.
func indent(lines []string, n int) []string {
	for i := range lines {
		lines[i] = spaces(n) + lines[i]
	}
	return lines
}

// truncate cuts plain text to w cells with an ellipsis.
func truncate(s string, w int) string {
	if cellWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, max(0, w), "…")
}

func padLeft(s string, w int) string {
	if n := cellWidth(s); n < w {
		return spaces(w-n) + s
	}
	return s
}

func center(s string, w int) string {
	n := cellWidth(s)
	if n >= w {
		return s
	}
	return spaces((w-n)/2) + s
}

// capitalize upper-cases the first letter: "net revenue" → "Net revenue".
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// firstSentence is the text up to its first full stop.
func firstSentence(s string) string {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' {
			return s[:i+1]
		}
	}
	return s
}

// sentence ends an error's text with a full stop, for the status line.
func sentence(err error) string {
	s := err.Error()
	if s != "" && s[len(s)-1] != '.' {
		s += "."
	}
	return s
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }
