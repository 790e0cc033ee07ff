package export

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"
)

// fontBase64 encodes each embedded font once, for the SVG @font-face rules.
var fontBase64 = sync.OnceValue(func() [4]string {
	var s [4]string
	for i, ttf := range fontTTF {
		s[i] = base64.StdEncoding.EncodeToString(ttf)
	}
	return s
})

// svgFontFamily is the name the embedded faces are declared under; the
// generic fallback keeps the grid if a viewer ignores @font-face.
const svgFontFamily = `"sizeup Go Mono", "Go Mono", monospace`

// WriteSVG writes the grid as an SVG image, CellWidth×CellHeight user
// units a cell, in the same geometry as the PNG at scale 1:
//
//   - a rectangle per styled segment (a maximal run of cells on one line
//     sharing a style) whose background is not the theme's;
//   - box-drawing, block, braille and the geometric characters the UI uses
//     as one filled path per segment, so lines join across cells;
//   - one <text> element per segment that has glyphs Go Mono draws, with
//     an x for every cell so each glyph sits in its own cell whatever the
//     viewer's font (cells drawn otherwise are spaces in it);
//   - a <text> of its own, centred on its cells, for each grapheme Go Mono
//     lacks (CJK, emoji, …) or made of several code points, so that the
//     viewer's fonts can draw it without shifting the rest of the line;
//   - underline and strike-through as rectangles.
//
// The Go Mono faces the text uses are embedded as base64 @font-face rules,
// so the SVG looks the same everywhere. The bytes depend only on the grid
// and the theme; opt.Scale is ignored.
func WriteSVG(w io.Writer, g *Grid, opt Options) error {
	return writeSVG(w, g, opt, true)
}

// writeSVG is WriteSVG; without fonts, for fuzzing at a useful speed.
func writeSVG(w io.Writer, g *Grid, opt Options, embedFonts bool) error {
	th := opt.theme()
	// Geometry is computed at scale 2 and halved, so that strokes are
	// centred on the cell rather than snapped to whole units.
	fs, err := parsedFonts()
	if err != nil {
		return err
	}
	m2, err := newMetrics(fs[faceRegular], 2)
	if err != nil {
		return err
	}
	g, plots := placePlots(g)
	sw := &svgWriter{
		plots:  plots,
		w:      bufio.NewWriterSize(w, 64<<10),
		th:     &th,
		g:      g,
		m2:     m2,
		shapes: make(map[string]shape),
		fonts:  fs,
		embed:  embedFonts,
	}
	return sw.write()
}

type svgWriter struct {
	w      *bufio.Writer
	th     *Theme
	g      *Grid
	m2     metrics
	shapes map[string]shape // at scale 2
	fonts  [4]*sfnt.Font
	buf    sfnt.Buffer
	embed  bool
	plots  []placedPlot

	bg, paths, lines, text, deco []byte
	num                          []byte
}

func (s *svgWriter) write() error {
	g := s.g
	W, H := g.W*CellWidth, g.H*CellHeight
	for y := range g.H {
		row := g.Cells[y*g.W : (y+1)*g.W]
		for x0 := 0; x0 < len(row); {
			x1 := x0 + 1
			for x1 < len(row) && row[x1].Style == row[x0].Style {
				x1++
			}
			s.segment(row[x0:x1], x0, y)
			x0 = x1
		}
	}

	s.plotPaths()
	b := s.w
	fmt.Fprintf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	fmt.Fprintf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" xml:space=\"preserve\">\n", W, H, W, H)
	b.WriteString("<style>\n")
	used := s.facesUsed()
	for f, ok := range used {
		if !ok || !s.embed {
			continue
		}
		weight, style := "normal", "normal"
		if faceStyle(f)&faceBold != 0 {
			weight = "bold"
		}
		if faceStyle(f)&faceItalic != 0 {
			style = "italic"
		}
		fmt.Fprintf(b, "@font-face{font-family:\"sizeup Go Mono\";font-weight:%s;font-style:%s;src:url(data:font/ttf;base64,%s) format(\"truetype\")}\n", weight, style, fontBase64()[f])
	}
	fmt.Fprintf(b, "text{font-family:%s;font-size:%spx;white-space:pre}\n", svgFontFamily, s.coord(s.m2.size/2))
	b.WriteString("</style>\n")
	fmt.Fprintf(b, "<rect width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", W, H, hexColor(s.th.BG))
	for _, part := range []struct {
		name string
		b    []byte
	}{{"backgrounds", s.bg}, {"shapes", s.paths}, {"plots", s.lines}, {"text", s.text}, {"decorations", s.deco}} {
		if len(part.b) == 0 {
			continue
		}
		fmt.Fprintf(b, "<g id=\"%s\">\n", part.name)
		b.Write(part.b)
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>\n")
	return b.Flush()
}

// facesUsed says which Go Mono faces some visible text is drawn in.
func (s *svgWriter) facesUsed() [4]bool {
	var used [4]bool
	used[faceRegular] = true
	for _, c := range s.g.Cells {
		if c.Width > 0 && !isBlank(c.Grapheme) && !isShape(c.Grapheme) && c.Style.Attrs&Hidden == 0 {
			used[faceStyleOf(c.Style.Attrs)] = true
		}
	}
	return used
}

// segment draws one styled segment: cells row, starting at column x0 of
// line y, all in the same style.
func (s *svgWriter) segment(row []Cell, x0, y int) {
	st := row[0].Style
	fg, bg := s.th.colors(st)
	top := y * CellHeight
	left := x0 * CellWidth
	width := len(row) * CellWidth
	if bg != s.th.BG {
		s.bg = fmt.Appendf(s.bg, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", left, top, width, CellHeight, hexColor(bg))
	}
	if st.Attrs&Hidden != 0 {
		return
	}

	s.segmentShapes(row, left, top, fg)
	s.segmentText(row, left, top, fg, st)
	s.segmentDecorations(left, top, width, fg, st)
}

// segmentShapes draws a segment's block and line shapes, one path per
// opacity (the shades are translucent).
func (s *svgWriter) segmentShapes(row []Cell, left, top int, fg color.RGBA) {
	var d map[uint8][]byte
	for i, c := range row {
		if c.Width == 0 || !isShape(c.Grapheme) {
			continue
		}
		sh, ok := s.shapes[c.Grapheme]
		if !ok {
			sh, _ = shapeFor(c.Grapheme, s.m2.cw, s.m2.ch)
			s.shapes[c.Grapheme] = sh
		}
		for _, l := range sh {
			if d == nil {
				d = make(map[uint8][]byte)
			}
			d[l.alpha] = s.appendPath(d[l.alpha], l.segs, float64(left+i*CellWidth), float64(top))
		}
	}
	for _, a := range []uint8{255, 192, 128, 64} {
		if len(d[a]) == 0 {
			continue
		}
		s.paths = append(s.paths, "<path fill=\""...)
		s.paths = append(s.paths, hexColor(fg)...)
		if a != 255 {
			s.paths = fmt.Appendf(s.paths, "\" fill-opacity=\"%s", s.coord(float64(a)/255))
		}
		s.paths = append(s.paths, "\" d=\""...)
		s.paths = append(s.paths, d[a]...)
		s.paths = append(s.paths, "\"/>\n"...)
	}
}

// segmentText draws a segment's text: one run from the first to the last
// glyph Go Mono draws, with an x for every cell; cells it does not draw
// (blanks, shapes, glyphs left to the viewer's fonts) are spaces in the
// run, so a viewer that ignores per-character x (librsvg) still lands each
// glyph in its cell by Go Mono's advance.
func (s *svgWriter) segmentText(row []Cell, left, top int, fg color.RGBA, st Style) {
	fs := faceStyleOf(st.Attrs)
	first, last := -1, -1
	for i, c := range row {
		if s.inRun(c, fs) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	baseline := s.coord(float64(top) + float64(s.m2.baseline)/2)
	if first >= 0 {
		var xs, chars []byte
		for i := first; i <= last; i++ {
			if len(xs) > 0 {
				xs = append(xs, ' ')
			}
			xs = strconv.AppendInt(xs, int64(left+i*CellWidth), 10)
			if c := row[i]; s.inRun(c, fs) {
				chars = appendEscaped(chars, c.Grapheme)
			} else {
				chars = append(chars, ' ')
			}
		}
		s.text = s.appendText(s.text, xs, baseline, "", fg, st, chars)
	}
	// Graphemes Go Mono lacks, wide ones and those of several code points
	// get a <text> of their own, centred on their cells, for the viewer's
	// fonts to draw.
	for i, c := range row {
		if c.Width == 0 || isBlank(c.Grapheme) || isShape(c.Grapheme) || s.inRun(c, fs) {
			continue
		}
		x := strconv.AppendFloat(nil, float64(left+i*CellWidth)+float64(c.Width*CellWidth)/2, 'f', -1, 64)
		s.text = s.appendText(s.text, x, baseline, "middle", fg, st, appendEscaped(nil, c.Grapheme))
	}
}

// segmentDecorations draws underline and strikethrough across a segment.
func (s *svgWriter) segmentDecorations(left, top, width int, fg color.RGBA, st Style) {
	thick := float64(s.m2.thickness) / 2
	for _, dec := range []struct {
		attr Attr
		at   int
	}{{Underline, s.m2.underline}, {Strikethrough, s.m2.strike}} {
		if st.Attrs&dec.attr == 0 {
			continue
		}
		s.deco = fmt.Appendf(s.deco, "<rect x=\"%d\" y=\"%s\" width=\"%d\" height=\"%s\" fill=\"%s\"/>\n",
			left, s.coord(float64(top)+float64(dec.at)/2), width, s.coord(thick), hexColor(fg))
	}
}

// inRun reports whether c is drawn in its segment's main text run: a
// single code point of the Basic Multilingual Plane (which every viewer
// counts as one character), one cell wide, that Go Mono has.
func (s *svgWriter) inRun(c Cell, fs faceStyle) bool {
	if c.Width != 1 || isBlank(c.Grapheme) || isShape(c.Grapheme) {
		return false
	}
	r, n := utf8.DecodeRuneInString(c.Grapheme)
	if n != len(c.Grapheme) || r > 0xffff {
		return false
	}
	gi, err := s.fonts[fs].GlyphIndex(&s.buf, r)
	return err == nil && gi != 0
}

func (s *svgWriter) appendText(b, xs []byte, y, anchor string, fg color.RGBA, st Style, chars []byte) []byte {
	b = append(b, "<text x=\""...)
	b = append(b, xs...)
	b = append(b, "\" y=\""...)
	b = append(b, y...)
	if anchor != "" {
		b = append(b, "\" text-anchor=\""...)
		b = append(b, anchor...)
	}
	b = append(b, "\" fill=\""...)
	b = append(b, hexColor(fg)...)
	b = append(b, '"')
	if st.Attrs&Bold != 0 {
		b = append(b, " font-weight=\"bold\""...)
	}
	if st.Attrs&Italic != 0 {
		b = append(b, " font-style=\"italic\""...)
	}
	b = append(b, '>')
	b = append(b, chars...)
	return append(b, "</text>\n"...)
}

// appendPath appends path data for segs (at scale 2) halved and moved to
// (dx, dy).
func (s *svgWriter) appendPath(b []byte, segs []pathSeg, dx, dy float64) []byte {
	pt := func(b []byte, p point) []byte {
		b = appendCoord(b, dx+float64(p.x)/2)
		b = append(b, ' ')
		return appendCoord(b, dy+float64(p.y)/2)
	}
	for _, sg := range segs {
		switch sg.kind {
		case segMove:
			b = append(b, 'M')
			b = pt(b, sg.pts[0])
		case segLine:
			b = append(b, 'L')
			b = pt(b, sg.pts[0])
		case segCube:
			b = append(b, 'C')
			b = pt(b, sg.pts[0])
			b = append(b, ' ')
			b = pt(b, sg.pts[1])
			b = append(b, ' ')
			b = pt(b, sg.pts[2])
		case segClose:
			b = append(b, 'Z')
		}
	}
	return b
}

// coord formats a coordinate to two decimals, shortest form.
func (s *svgWriter) coord(v float64) string {
	s.num = appendCoord(s.num[:0], v)
	return string(s.num)
}

func appendCoord(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, math.Round(v*100)/100, 'f', -1, 64)
}

func hexColor(c color.RGBA) string {
	const digits = "0123456789abcdef"
	return string([]byte{'#',
		digits[c.R>>4], digits[c.R&15],
		digits[c.G>>4], digits[c.G&15],
		digits[c.B>>4], digits[c.B&15]})
}

// appendEscaped appends s as XML character data, with characters XML does
// not allow replaced by U+FFFD.
func appendEscaped(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff:
			b = utf8.AppendRune(b, r)
		default:
			b = utf8.AppendRune(b, '\uFFFD')
		}
	}
	return b
}

// plotPaths strokes the plots' lines from their data, over the cells
// whose glyphs placePlots blanked.
func (s *svgWriter) plotPaths() {
	for _, pp := range s.plots {
		for _, l := range pp.p.Lines {
			width := strokeWidth(&l, CellWidth)
			dash := ""
			switch l.Style {
			case Dashed:
				dash = fmt.Sprintf(" stroke-dasharray=\"%s %s\"", s.coord(3*width), s.coord(2*width))
			case Dotted:
				dash = fmt.Sprintf(" stroke-dasharray=\"0 %s\"", s.coord(2.5*width))
			}
			fg := s.th.resolve(l.Color, s.th.FG)
			for _, run := range l.polylines(float64(pp.x*CellWidth), float64(pp.y*CellHeight), CellWidth, CellHeight) {
				s.lines = append(s.lines, "<path d=\""...)
				for i, pt := range run {
					if i == 0 {
						s.lines = append(s.lines, 'M')
					} else {
						s.lines = append(s.lines, " L"...)
					}
					s.lines = append(s.lines, s.coord(pt[0])...)
					s.lines = append(s.lines, ' ')
					s.lines = append(s.lines, s.coord(pt[1])...)
				}
				s.lines = fmt.Appendf(s.lines, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" stroke-linecap=\"round\" stroke-linejoin=\"round\"%s/>\n", hexColor(fg), s.coord(width), dash)
			}
		}
	}
}
