package export

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// WriteText writes the grid as plain text: every line ends with "\n" and has
// its trailing spaces trimmed; there are no escape codes. For a frame with no
// tabs or carriage returns this is ansi.Strip(frame), line by line, with
// trailing spaces trimmed and a final newline.
func WriteText(w io.Writer, g *Grid) error {
	bw := bufio.NewWriter(w)
	var line strings.Builder
	for y := range g.H {
		line.Reset()
		for _, c := range g.Cells[y*g.W : (y+1)*g.W] {
			line.WriteString(c.Grapheme)
		}
		bw.WriteString(strings.TrimRight(line.String(), " "))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// WriteANSI writes the grid as ANSI text, normalised: each style change is
// one SGR sequence that resets and then sets the whole style (palette
// colours 0–15 as 30–37/90–97, 16–255 as 38;5, truecolor as 38;2), every
// line that ends styled ends with a reset, trailing unstyled spaces are
// trimmed, and the output ends with a reset.
func WriteANSI(w io.Writer, g *Grid) error {
	bw := bufio.NewWriter(w)
	var buf []byte
	for y := range g.H {
		row := g.Cells[y*g.W : (y+1)*g.W]
		end := len(row)
		for end > 0 && (row[end-1].Grapheme == " " && row[end-1].Style == Style{}) {
			end--
		}
		cur := Style{}
		for _, c := range row[:end] {
			if c.IsContinuation() {
				continue
			}
			if c.Style != cur {
				buf = appendSGR(buf[:0], c.Style)
				bw.Write(buf)
				cur = c.Style
			}
			bw.WriteString(c.Grapheme)
		}
		if cur != (Style{}) {
			bw.WriteString("\x1b[0m")
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("\x1b[0m")
	return bw.Flush()
}

// appendSGR appends the one sequence that sets exactly st.
func appendSGR(b []byte, st Style) []byte {
	b = append(b, "\x1b[0"...)
	for _, a := range [...]struct {
		attr Attr
		code string
	}{{Bold, ";1"}, {Faint, ";2"}, {Italic, ";3"}, {Underline, ";4"}, {Blink, ";5"}, {Reverse, ";7"}, {Hidden, ";8"}, {Strikethrough, ";9"}} {
		if st.Attrs&a.attr != 0 {
			b = append(b, a.code...)
		}
	}
	b = appendSGRColor(b, st.FG, 30)
	b = appendSGRColor(b, st.BG, 40)
	return append(b, 'm')
}

// appendSGRColor appends colour c; base is 30 for foreground, 40 for
// background.
func appendSGRColor(b []byte, c Color, base int) []byte {
	switch c.Kind {
	case IndexedColor:
		b = append(b, ';')
		switch {
		case c.Index < 8:
			return strconv.AppendInt(b, int64(base+int(c.Index)), 10)
		case c.Index < 16:
			return strconv.AppendInt(b, int64(base+60+int(c.Index)-8), 10)
		}
		b = strconv.AppendInt(b, int64(base+8), 10)
		b = append(b, ";5;"...)
		return strconv.AppendInt(b, int64(c.Index), 10)
	case RGBColor:
		b = append(b, ';')
		b = strconv.AppendInt(b, int64(base+8), 10)
		b = append(b, ";2;"...)
		b = strconv.AppendInt(b, int64(c.R), 10)
		b = append(b, ';')
		b = strconv.AppendInt(b, int64(c.G), 10)
		b = append(b, ';')
		return strconv.AppendInt(b, int64(c.B), 10)
	}
	return b
}
