package export

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// ColorKind says where a cell colour comes from.
type ColorKind uint8

const (
	// DefaultColor is the terminal's own foreground or background; the
	// [Theme] decides what it looks like.
	DefaultColor ColorKind = iota
	// IndexedColor is one of the 256 palette colours. Indexes 0–15 are the
	// ANSI colours and come from the [Theme]; 16–255 are the fixed xterm
	// cube and grey ramp.
	IndexedColor
	// RGBColor is a truecolor value (SGR 38;2 / 48;2).
	RGBColor
)

// Color is a cell's foreground or background colour as the frame asked for
// it. The zero value is the terminal default.
type Color struct {
	Kind    ColorKind
	Index   uint8 // for IndexedColor
	R, G, B uint8 // for RGBColor
}

// Indexed returns palette colour i (0–15 ANSI, 16–255 xterm).
func Indexed(i uint8) Color { return Color{Kind: IndexedColor, Index: i} }

// RGB returns a truecolor colour.
func RGB(r, g, b uint8) Color { return Color{Kind: RGBColor, R: r, G: g, B: b} }

// Attr is a set of text attributes.
type Attr uint8

// Text attributes a cell can carry.
const (
	Bold Attr = 1 << iota
	Faint
	Italic
	Underline
	Reverse
	Hidden
	Strikethrough
	Blink
)

// Style is what a cell looks like apart from its grapheme. The zero value is
// the terminal's default style.
type Style struct {
	FG, BG Color
	Attrs  Attr
}

// Cell is one terminal cell.
//
// A grapheme two cells wide is stored in its left cell with Width 2; the cell
// to its right is a continuation cell (Width 0, empty Grapheme) carrying the
// same style.
type Cell struct {
	Grapheme string // always valid UTF-8; " " for a blank cell
	Width    int    // 1 or 2; 0 for a continuation cell
	Style    Style
}

// IsContinuation reports whether c is the right half of a wide grapheme.
func (c Cell) IsContinuation() bool { return c.Width == 0 }

// blank is the cell every line is padded with.
var blank = Cell{Grapheme: " ", Width: 1}

// Grid is a frame as a W×H grid of cells, row-major: the cell at column x of
// line y is Cells[y*W+x].
type Grid struct {
	W, H  int
	Cells []Cell
	// Plots are charts in the frame whose lines the PNG and SVG writers
	// draw from their data instead of from the glyphs; see [Plot].
	Plots []Plot
}

// At returns the cell at column x of line y.
func (g *Grid) At(x, y int) Cell { return g.Cells[y*g.W+x] }

// Parse reads a frame as a terminal would show it and returns its grid: the
// lines are the frame split at "\n", as Bubble Tea's renderer splits a
// View() (so a final "\n" starts an empty last line), and W is the widest
// line. Shorter lines are padded with blank cells in the default style.
//
// Widths follow github.com/charmbracelet/x/ansi (the package lipgloss uses to
// measure), so a frame laid out by lipgloss lands on the same cells. SGR
// sequences set the style; every other escape sequence (cursor moves, OSC
// titles and hyperlinks, …) is skipped. Style carries across line ends, as in
// a terminal. "\r" is dropped (so "\r\n" is a line end); a tab moves to the
// next multiple of 8 without painting; other control characters are ignored.
// A grapheme of width 0 joins the grapheme before it on its line. Invalid
// UTF-8 becomes U+FFFD. Parse never panics.
func Parse(frame string) *Grid {
	lines := parseLines(frame, -1, -1)
	w := 0
	for _, l := range lines {
		w = max(w, len(l))
	}
	return assemble(lines, w, len(lines))
}

// ParseSize is [Parse] for a screen of a fixed size: lines longer than w are
// clipped (a wide grapheme cut by the edge becomes a blank in its style),
// lines past h are dropped, and missing cells and lines are blank.
func ParseSize(frame string, w, h int) *Grid {
	w, h = max(w, 0), max(h, 0)
	return assemble(parseLines(frame, w, h), w, h)
}

func assemble(lines [][]Cell, w, h int) *Grid {
	g := &Grid{W: w, H: h, Cells: make([]Cell, w*h)}
	for y := range h {
		row := g.Cells[y*w : (y+1)*w]
		var line []Cell
		if y < len(lines) {
			line = lines[y]
		}
		n := copy(row, line)
		for x := n; x < w; x++ {
			row[x] = blank
		}
		// A wide grapheme whose right half fell off the edge.
		if n > 0 && n == w && row[n-1].Width == 2 {
			row[n-1].Grapheme, row[n-1].Width = " ", 1
		}
	}
	return g
}

// parseLines turns the frame into lines of cells. maxW and maxH, when not
// negative, stop the lines from growing past what will be kept.
func parseLines(frame string, maxW, maxH int) [][]Cell {
	var (
		lines [][]Cell
		line  []Cell
		x     int // cursor column; may be past len(line) after a tab
		style Style
	)
	put := func(c Cell) {
		if maxW >= 0 && x >= maxW {
			x += max(c.Width, 1)
			return
		}
		// The cursor never moves left (carriage returns are dropped), so x
		// is at or past the end of the line: pad up to it after a tab.
		for len(line) < x {
			line = append(line, blank)
		}
		line = append(line, c)
		x++
	}
	endLine := func() {
		if maxH < 0 || len(lines) < maxH {
			lines = append(lines, line)
		}
		line, x = nil, 0
	}

	s := frame
	for len(s) > 0 {
		if maxH >= 0 && len(lines) >= maxH {
			break
		}
		seq, width, n, _ := ansi.DecodeSequence(s, ansi.NormalState, nil)
		if n <= 0 {
			n, seq, width = 1, s[:1], 0
		}
		s = s[n:]

		switch {
		case width > 0:
			g := seq
			if !utf8.ValidString(g) {
				g = strings.ToValidUTF8(g, "\uFFFD")
			}
			w := min(width, 2)
			put(Cell{Grapheme: g, Width: w, Style: style})
			if w == 2 {
				put(Cell{Width: 0, Style: style})
			}
		case len(seq) == 1 && seq[0] == '\n':
			endLine()
		case len(seq) == 1 && seq[0] == '\t':
			x = (x/8 + 1) * 8
		case isSGR(seq):
			style = applySGR(style, sgrParams(seq))
		case seq[0] >= 0x20 && seq[0] != 0x7f && seq[0] != ansi.ESC && !(seq[0] >= 0x80 && seq[0] < 0xc0):
			// A zero-width grapheme (a lone combining mark, a zero-width
			// space): it belongs to the grapheme before it.
			g := strings.ToValidUTF8(seq, "\uFFFD")
			if i := lastGrapheme(line, x); i >= 0 {
				line[i].Grapheme += g
			}
		}
		// Anything else is a control character or a non-SGR escape
		// sequence: skipped.
	}
	endLine()
	return lines
}

// lastGrapheme returns the index of the last grapheme cell before column x,
// or -1.
func lastGrapheme(line []Cell, x int) int {
	for i := min(x, len(line)) - 1; i >= 0; i-- {
		if line[i].Width > 0 {
			return i
		}
	}
	return -1
}

// isSGR reports whether seq is a CSI … m sequence with no private prefix or
// intermediate bytes.
func isSGR(seq string) bool {
	var body string
	switch {
	case strings.HasPrefix(seq, "\x1b["):
		body = seq[2:]
	case seq[0] == 0x9b:
		body = seq[1:]
	default:
		return false
	}
	if len(body) == 0 || body[len(body)-1] != 'm' {
		return false
	}
	for i := 0; i < len(body)-1; i++ {
		if c := body[i]; (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}
