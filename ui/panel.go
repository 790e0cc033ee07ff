package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Panels and the canvas they are pasted on.

// box draws a rounded panel of exactly w×h cells with its title set in the
// top border. Body lines are cut or padded to fit.
func (s Styles) box(title, body string, w, h int, focused bool) string {
	return s.boxLines(title, strings.Split(body, "\n"), w, h, focused, false)
}

// boxLines is box for a body already split into lines. With fitted, the
// caller promises every line is exactly w−4 cells wide (or empty), and the
// lines are not measured again.
func (s Styles) boxLines(title string, lines []string, w, h int, focused, fitted bool) string {
	if w < 4 || h < 2 {
		return ""
	}
	border := s.Faint
	if focused {
		border = s.Accent
	}
	inner := w - 4
	t := ""
	if title != "" {
		t = " " + ansi.Truncate(title, max(0, w-6), "…") + " "
	}
	fill := max(0, w-3-cellWidth(t))
	// Sized once: a line is at most its bytes and the padding fit adds.
	paints := len(border.pre) + len(border.post)
	size := 2*(paints+3*w) + len(s.PanelTitle.pre) + len(t) + len(s.PanelTitle.post)
	for i := 0; i < h-2; i++ {
		size += 2*paints + 9 // sides, spaces, newline
		if i < len(lines) {
			size += len(lines[i])
		}
		if !fitted || i >= len(lines) || lines[i] == "" {
			size += inner
		}
	}
	side := border.Render("│")
	var b strings.Builder
	b.Grow(size)
	border.write(&b, "╭─")
	s.PanelTitle.write(&b, t)
	b.WriteString(border.pre)
	for range fill {
		b.WriteString("─")
	}
	b.WriteString("╮")
	if border.pre != "" {
		b.WriteString(border.post)
	}
	for i := 0; i < h-2; i++ {
		line := ""
		if i < len(lines) {
			line = lines[i]
		}
		b.WriteByte('\n')
		b.WriteString(side)
		b.WriteByte(' ')
		if fitted && line != "" {
			b.WriteString(line)
		} else if lw := cellWidth(line); lw <= inner {
			b.WriteString(line) // fit, without its copy
			b.WriteString(spaces(inner - lw))
		} else {
			b.WriteString(fit(line, inner))
		}
		b.WriteByte(' ')
		b.WriteString(side)
	}
	b.WriteByte('\n')
	b.WriteString(border.pre)
	b.WriteString("╰")
	for range w - 2 {
		b.WriteString("─")
	}
	b.WriteString("╯")
	if border.pre != "" {
		b.WriteString(border.post)
	}
	return b.String()
}

// canvas is a block of lines that parts are pasted into side by side.
// Each part is pasted with its width, which the part guarantees, so
// assembling the frame measures nothing.
type canvas struct {
	w      int
	pieces [][]piece // per line
}

type piece struct {
	x, w int
	text string
}

func newCanvas(w, h int) *canvas {
	// A few pieces a line from one array, so pasting seldom allocates.
	const each = 4
	room := make([]piece, h*each)
	pieces := make([][]piece, h)
	for i := range pieces {
		pieces[i] = room[i*each : i*each : (i+1)*each]
	}
	return &canvas{w: w, pieces: pieces}
}

// paste puts a block w cells wide with its top-left corner at (x, y).
func (c *canvas) paste(x, y, w int, block string) {
	if w <= 0 || block == "" {
		return
	}
	for i, line := range strings.Split(block, "\n") {
		if y+i < 0 || y+i >= len(c.pieces) {
			continue
		}
		c.pieces[y+i] = append(c.pieces[y+i], piece{x, w, line})
	}
}

// at pastes a block at a rectangle's corner.
func (c *canvas) at(r rect, block string) { c.paste(r.x, r.y, r.w, block) }

func (c *canvas) String() string {
	var b strings.Builder
	b.Grow(len(c.pieces) * c.w * 3)
	c.write(&b)
	return b.String()
}

// framed is the canvas under head and over foot, a line each, written in
// one go: the frame without copying the canvas into it again.
func (c *canvas) framed(head, foot string) string {
	var b strings.Builder
	b.Grow(len(head) + len(c.pieces)*c.w*3 + len(foot) + 2)
	b.WriteString(head)
	b.WriteByte('\n')
	c.write(&b)
	b.WriteByte('\n')
	b.WriteString(foot)
	return b.String()
}

// write writes the canvas' lines to b.
func (c *canvas) write(b *strings.Builder) {
	for i, pieces := range c.pieces {
		sortPieces(pieces)
		if i > 0 {
			b.WriteByte('\n')
		}
		col := 0
		for _, p := range pieces {
			if p.x > col {
				b.WriteString(spaces(p.x - col))
				col = p.x
			}
			b.WriteString(p.text)
			col += p.w
		}
		if col < c.w {
			b.WriteString(spaces(c.w - col))
		}
	}
}

// sortPieces orders a line's pieces by x (a few per line: insertion sort).
func sortPieces(ps []piece) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].x < ps[j-1].x; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// overlay draws a block over a frame with its top-left corner at (x, y).
func overlay(base, block string, x, y, w int) string {
	lines := strings.Split(base, "\n")
	for i, l := range strings.Split(block, "\n") {
		j := y + i
		if j < 0 || j >= len(lines) {
			continue
		}
		under := lines[j]
		lines[j] = ansi.Truncate(under, x, "") + l + ansi.TruncateLeft(under, x+w, "")
	}
	return strings.Join(lines, "\n")
}
